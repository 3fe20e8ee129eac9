/**
 * URL slugs for sections and tags: lower case, words joined by hyphens, letters of any
 * script kept ("United States" → "united-states", "سوريا" stays Arabic), so two names
 * that differ only in case or punctuation share one page. The symbols that tell topics
 * apart are spelled out ("C++" → "c-plus-plus", "C#" → "c-sharp"), so "C", "C++" and
 * "C#" get three pages, not one.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/(?<=[\p{L}\p{N}+])\+/gu, " plus ")
    .replace(/(?<=[\p{L}\p{N}])#(?![\p{L}\p{N}])/gu, " sharp ")
    .toLocaleLowerCase("en")
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * What must match for two names to be one topic: case, spaces, dashes and sentence
 * punctuation aside. "Middle East" and "middle-east" are one topic; "Syria" and
 * "Syria?" share an address but are not the same name, so the check refuses the pair.
 */
export function topicKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[\s\p{Pd}\p{Pc}'’.,:;!?"“”()]+/gu, "");
}
