/**
 * What an article is: the one content schema. `src/content.config.ts` gives it to Astro's
 * content layer (with Astro's `image()` for the hero photo), and the content check
 * (`src/checks/content/`) runs the very same rules before anything renders, with a plain
 * path for the image, so the two can never disagree.
 * Unknown fields are errors (a typo must not vanish silently).
 */
import { z } from "astro/zod";
import { parsePubDate, toInstant, type PubDate } from "./dates.ts";
import { isLanguageTag } from "./language-tag.ts";
import { ENTRY_ID_SEGMENT_RE, topicSlug } from "./slug.ts";

/** Where articles live, relative to the project root: one Markdown file each. */
export const ARTICLES_DIR = "content/articles";

/** An article's Markdown file, relative to the project root: as Astro's loader read it, or where it would have. */
export function articleSourcePath(article: { id: string; filePath?: string | undefined }): string {
  return article.filePath ?? `${ARTICLES_DIR}/${article.id}.md`;
}
/** What an entry in `updates` is: a correction is also listed on /corrections/ and in the JSON-LD. */
const UPDATE_KINDS = ["correction", "clarification", "update"] as const;

const text = z.string().trim().min(1, { error: "must not be empty" });

/**
 * How long a field's text may be, in characters: past `warn` the content check warns
 * (too long to read well: a headline that wraps to four lines, alt text a screen reader
 * reads for half a minute); past `max` it is an error (text pasted into the wrong field).
 */
export const LENGTH_LIMITS = {
  headline: { warn: 110, max: 200 },
  standfirst: { warn: 300, max: 600 },
  caption: { warn: 300, max: 1000 },
  alt: { warn: 150, max: 1000 },
} as const;

/** Characters as a reader counts them (code points), not UTF-16 units. */
export function textLength(value: string): number {
  return [...value].length;
}

function limited(kind: keyof typeof LENGTH_LIMITS) {
  const { max } = LENGTH_LIMITS[kind];
  return text.refine((value) => textLength(value) <= max, {
    error: (issue) => `is ${textLength(String(issue.input))} characters long; the limit is ${max}`,
  });
}

/**
 * What kind of piece an article is, in the words a reader sees near the headline. News is
 * the default and carries no label; opinion is set apart on the page.
 */
const ARTICLE_TYPES = ["news", "analysis", "opinion", "explainer", "feature", "obituary", "review"] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/** An author's id: the name of their file in content/authors, without `.md`. */
export const authorId = z.string().regex(/^[\p{Ll}\p{Lo}\p{N}_-]+$/u, {
  error: 'must be an author\'s id such as "jane-doe" (their file in content/authors)',
});

/** An http(s) address, as browsers read it. */
const webAddress = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).href);

/** A section or tag names a page (/tags/<slug>/): it needs a letter or digit to make an address from. */
const topic = text.refine((name) => topicSlug(name) !== "", { error: "must contain a letter or digit" });

/**
 * Photo rights, for a figure's ImageObject in JSON-LD (Google's image licence metadata);
 * `creator` and `copyright` are also written into the published files as XMP.
 */
const photoRights = {
  creator: text.optional(),
  copyright: text.optional(),
  license: webAddress.optional(),
  acquireLicensePage: webAddress.optional(),
};

/**
 * A day ("2016-02-10") or a full time with a zone; never a made-up time and never a
 * day that does not exist. Frontmatter is read with YAML's core schema (see
 * `src/checks/content/frontmatter.ts`), so dates arrive here as the text the author wrote;
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

const formerSlug = z.string().regex(ENTRY_ID_SEGMENT_RE, {
  error: 'must be an old address segment such as "old-headline" (lower case, no slashes)',
});

/**
 * The article schema. `image` is the schema of the hero image reference: Astro's
 * `image()` in the content layer, a plain string (the path beside the article) in the
 * content check, which then reads the file itself.
 */
export function articleSchema<I extends z.ZodType, A extends z.ZodType = typeof authorId>(
  image: I,
  author: A = authorId as unknown as A,
) {
  return z
    .strictObject({
      headline: limited("headline"),
      standfirst: limited("standfirst"),
      published: pubDate,
      /** Never published while true (shown only by `npm run preview:drafts` and `npm run dev`). */
      draft: z.boolean({ error: "must be true or false" }).default(false),
      /**
       * Corrections, clarifications and updates, shown on the page with their dates; a
       * correction is also listed on /corrections/ and in the JSON-LD.
       */
      updates: z
        .array(
          z.strictObject({
            date: pubDate,
            note: text,
            kind: z.enum(UPDATE_KINDS, { error: `must be one of ${UPDATE_KINDS.join(", ")}` }).default("update"),
          }),
        )
        .default([]),
      /** A published article taken down: its address keeps a notice with this date and reason. */
      withdrawn: z.strictObject({ date: pubDate, reason: text }).optional(),
      section: topic,
      tags: z.array(topic).default([]),
      /** BCP 47 language of the article's text. */
      lang: z
        .string()
        .refine(isLanguageTag, {
          error: (issue) =>
            `"${String(issue.input)}" is not a valid BCP 47 language tag: use one such as "en", "ar" or "pt-BR"`,
        })
        .default("en"),
      /** Wire and syndicated copy: who published it first, and where. */
      source: z
        .strictObject({
          publisher: text,
          // As browsers read it: characters a URL may not hold (quotes, <, >) are percent-encoded.
          url: z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).href),
        })
        .optional(),
      /** What kind of piece this is: shown as a label near the headline, and its schema.org type. */
      type: z.enum(ARTICLE_TYPES, { error: `must be one of ${ARTICLE_TYPES.join(", ")}` }).default("news"),
      /** The writers, by id (content/authors/<id>.md): each is named and linked in the byline. */
      authors: z.array(author).default([]),
      /**
       * A writer without an author page (a guest, an agency's named reporter): printed as
       * it is, linked to nothing. Absent, with no authors, for wire copy without a named writer.
       */
      byline: text.optional(),
      /** Featured stories lead the front page, newest first; without one the newest leads. */
      featured: z.boolean().default(false),
      /** The lead figure, shown above the body. Body figures live in the Markdown. */
      hero: z
        .strictObject({
          caption: limited("caption"),
          credit: text,
          image: image.optional(),
          alt: limited("alt").optional(),
          ...photoRights,
        })
        .refine((f) => !f.image || f.alt, { error: "alt text is required when a figure has an image", path: ["alt"] })
        .optional(),
      /**
       * Photo rights of body figures, by the image path exactly as the figure writes it
       * (`![alt](./photo.jpg "Caption [Credit]")` → `"./photo.jpg"`). The content check
       * refuses a path no figure uses.
       */
      figures: z.record(z.string(), z.strictObject(photoRights)).default({}),
      /**
       * Earlier addresses of a renamed article (the old file names): each answers with a
       * permanent (301) redirect to the current address.
       */
      formerSlugs: z.array(formerSlug).default([]),
    })
    .superRefine((article, ctx) => {
      if (article.byline && article.authors.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["byline"],
          message: "is for a writer without an author page: name authors or a byline, not both",
        });
      }
      // A correction cannot come before the story it corrects, nor a withdrawal.
      const published = article.published;
      // A day is compared as a day: "2016-02-10" is not before "2016-02-10T14:30+01:00".
      const isBefore = (date: PubDate) =>
        date.precision === "day" || published.precision === "day"
          ? date.iso.slice(0, 10) < published.iso.slice(0, 10)
          : toInstant(date).getTime() < toInstant(published).getTime();
      article.updates.forEach((update, i) => {
        if (isBefore(update.date)) {
          ctx.addIssue({
            code: "custom",
            path: ["updates", i, "date"],
            message: `${update.kind === "update" ? "is" : `is a ${update.kind} dated`} before the article was published (${published.iso})`,
          });
        }
      });
      if (article.withdrawn && isBefore(article.withdrawn.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["withdrawn", "date"],
          message: `is before the article was published (${published.iso})`,
        });
      }
      if (article.withdrawn && article.draft) {
        ctx.addIssue({
          code: "custom",
          path: ["withdrawn"],
          message: "a draft was never published, so it cannot be withdrawn: remove `draft: true` or `withdrawn`",
        });
      }
    });
}
