/**
 * The site's standing pages (about us, corrections policy, ethics policy, contact): one
 * Markdown file each in content/pages/<id>.md, published at /<id>/ and linked from the
 * footer. Which of them the publisher's structured data names as its policies is set in
 * the settings file (`site.standards`).
 */
import { z } from "astro/zod";

/** Where standing pages live, relative to the project root. */
export const PAGES_DIR = "content/pages";

/**
 * First path segments the site's own pages use: a standing page may not take one of
 * them, or it would replace (or hide behind) a generated page.
 */
export const RESERVED_PAGE_IDS: ReadonlySet<string> = new Set([
  "articles",
  "archive",
  "authors",
  "cards",
  // The list of every correction (src/pages/corrections.astro); the policy is a page of its own.
  "corrections",
  "pagefind",
  "search",
  "sections",
  "tags",
  "404",
  "_astro",
]);

const text = z.string().trim().min(1, { error: "must not be empty" });

export const pageSchema = z.strictObject({
  title: text,
  /** One sentence: the page's meta description. */
  description: text,
  /** Where it sits in the footer's list, smallest first. */
  order: z.number().int().default(0),
});
