/**
 * The content schema: the one place that says what an article is.
 * Unknown fields are errors (a typo must not vanish silently).
 */
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { parsePubDate } from "./lib/dates.ts";

const text = z.string().trim().min(1, { error: "must not be empty" });

/** A day ("2016-02-10") or a full time with a zone; never a made-up time. */
const pubDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  try {
    return parsePubDate(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const articles = defineCollection({
  loader: glob({ base: "./content/articles", pattern: "**/*.md" }),
  schema: ({ image }) =>
    z.strictObject({
      headline: text,
      standfirst: text,
      published: pubDate,
      /** Corrections and updates, shown on the page with their dates. */
      updates: z.array(z.strictObject({ date: pubDate, note: text })).default([]),
      section: text,
      tags: z.array(text).default([]),
      /** BCP 47 language of the article's text. */
      lang: z
        .string()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a language tag such as "en" or "ar"' })
        .default("en"),
      /** Wire and syndicated copy: who published it first, and where. */
      source: z.strictObject({ publisher: text, url: z.url({ protocol: /^https?$/ }) }).optional(),
      /** Absent for wire copy without a named writer. */
      byline: text.optional(),
      /** The lead figure, shown above the body. Body figures live in the Markdown. */
      hero: z
        .strictObject({
          caption: text,
          credit: text,
          image: image().optional(),
          alt: text.optional(),
        })
        .refine((f) => !f.image || f.alt, { error: "alt text is required when a figure has an image", path: ["alt"] })
        .optional(),
    }),
});

export const collections = { articles };
