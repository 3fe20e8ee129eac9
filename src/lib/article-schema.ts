/**
 * What an article is: the one content schema. `src/content.config.ts` gives it to Astro's
 * content layer (with Astro's `image()` for the hero photo), and the content check
 * (`src/lib/validate/`) runs the very same rules before anything renders, with a plain
 * path for the image, so the two can never disagree.
 * Unknown fields are errors (a typo must not vanish silently).
 */
import { z } from "astro/zod";
import { parsePubDate } from "./dates.ts";
import { slugify } from "./slug.ts";

/** Where articles live, relative to the project root: one Markdown file each. */
export const ARTICLES_DIR = "content/articles";

const text = z.string().trim().min(1, { error: "must not be empty" });

/** A section or tag names a page (/tags/<slug>/): it needs a letter or digit to make an address from. */
const topic = text.refine((name) => slugify(name) !== "", { error: "must contain a letter or digit" });

/**
 * A day ("2016-02-10") or a full time with a zone; never a made-up time and never a
 * day that does not exist. Frontmatter is read with YAML's core schema (see
 * `src/lib/validate/frontmatter.ts`), so dates arrive here as the text the author wrote;
 * a Date is still accepted for callers that build entries in code.
 */
const pubDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  try {
    return parsePubDate(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** An article's address segment, as Astro derives it from a file name: lower case, no slashes or dots. */
const SLUG_RE = /^[\p{Ll}\p{Lo}\p{N}_-]+$/u;

const formerSlug = z
  .string()
  .regex(SLUG_RE, { error: 'must be an old address segment such as "old-headline" (lower case, no slashes)' });

/**
 * The article schema. `image` is the schema of the hero image reference: Astro's
 * `image()` in the content layer, a plain string (the path beside the article) in the
 * content check, which then reads the file itself.
 */
export function articleSchema<I extends z.ZodType>(image: I) {
  return z.strictObject({
    headline: text,
    standfirst: text,
    published: pubDate,
    /** Corrections and updates, shown on the page with their dates. */
    updates: z.array(z.strictObject({ date: pubDate, note: text })).default([]),
    section: topic,
    tags: z.array(topic).default([]),
    /** BCP 47 language of the article's text. */
    lang: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a language tag such as "en" or "ar"' })
      .default("en"),
    /** Wire and syndicated copy: who published it first, and where. */
    source: z
      .strictObject({
        publisher: text,
        // As browsers read it: characters a URL may not hold (quotes, <, >) are percent-encoded.
        url: z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).href),
      })
      .optional(),
    /** Absent for wire copy without a named writer. */
    byline: text.optional(),
    /** The lead figure, shown above the body. Body figures live in the Markdown. */
    hero: z
      .strictObject({
        caption: text,
        credit: text,
        image: image.optional(),
        alt: text.optional(),
      })
      .refine((f) => !f.image || f.alt, { error: "alt text is required when a figure has an image", path: ["alt"] })
      .optional(),
    /**
     * Earlier addresses of a renamed article (the old file names): each answers with a
     * permanent (301) redirect to the current address.
     */
    formerSlugs: z.array(formerSlug).default([]),
  });
}
