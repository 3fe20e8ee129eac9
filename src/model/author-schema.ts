/**
 * Who writes for the site: one Markdown file per person in content/authors/<id>.md, the
 * frontmatter below and a short bio as the body. Articles name them by id
 * (`authors: [<id>, …]`); the id is the address of their page, /authors/<id>/.
 */
import { z } from "astro/zod";

/** Where authors live, relative to the project root. */
export const AUTHORS_DIR = "content/authors";

const text = z.string().trim().min(1, { error: "must not be empty" });

/** The author schema; `image` as in the article schema (Astro's `image()` or a plain path). */
export function authorSchema<I extends z.ZodType>(image: I) {
  return z.strictObject({
    name: text,
    /** What they do here, e.g. "Diplomatic correspondent". */
    role: text,
    /** A head-and-shoulders photo beside their bio. */
    photo: z.strictObject({ image, alt: text }).optional(),
    /** Where else to find them: their own site, a social profile. */
    links: z
      .array(
        z.strictObject({ label: text, url: z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).href) }),
      )
      .default([]),
  });
}
