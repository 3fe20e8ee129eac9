/**
 * URL slugs for sections and tags: lower case, words joined by hyphens, letters of any
 * script kept ("United States" → "united-states", "سوريا" stays Arabic), so two names
 * that differ only in case or punctuation share one page.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
