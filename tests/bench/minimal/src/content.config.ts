import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

export const collections = {
  articles: defineCollection({
    loader: glob({ base: "./content/articles", pattern: "**/*.md" }),
    schema: z.object({ headline: z.string(), standfirst: z.string() }).passthrough(),
  }),
};
