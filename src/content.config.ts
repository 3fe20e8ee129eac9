/**
 * The content collections: articles, one Markdown file each, checked against the one
 * article schema (src/model/article-schema.ts); authors (src/model/author-schema.ts), whom
 * articles name through `reference("authors")`; and the standing pages
 * (src/model/page-schema.ts). Unknown fields are errors. The loaders are in
 * src/content-layer/loaders.ts: an article is stored without its body, which its page
 * renders.
 */
import { defineCollection, reference } from "astro:content";
import type { LoaderContext } from "astro/loaders";
import { now, preview } from "virtual:newsroom/edition";
import { ARTICLES_DIR, articleSchema } from "./model/article-schema.ts";
import { AUTHORS_DIR, authorSchema } from "./model/author-schema.ts";
import { PAGES_DIR, pageSchema } from "./model/page-schema.ts";
import { articleGlob, strictGlob } from "./content-layer/loaders.ts";
import { isBuilt, publicationState, type Publishable } from "./model/publication.ts";

type Store = LoaderContext["store"];

/**
 * Leaves in the collection only what this edition publishes (src/model/publication.ts):
 * a draft or an embargoed article is taken out (a preview keeps it), and a withdrawn
 * one keeps only its frontmatter's facts, without its hero image or text. Done after
 * every load, on the whole store, so an entry kept from an earlier build (whose clock
 * or edition differed) is judged again; an entry not in the store never reaches a
 * page, and Astro imports no image for it.
 */
function editionOnly(store: Store): void {
  for (const entry of store.values()) {
    const state = publicationState(entry.data as unknown as Publishable, now);
    if (!isBuilt(state, preview)) store.delete(entry.id);
    else if (state === "withdrawn" && (entry.rendered !== undefined || entry.assetImports?.length)) {
      const { hero, ...data } = entry.data as { hero?: { caption: string; credit: string } };
      store.delete(entry.id);
      store.set({
        id: entry.id,
        data: hero ? { ...data, hero: { caption: hero.caption, credit: hero.credit } } : data,
        ...(entry.filePath ? { filePath: entry.filePath } : {}),
        ...(entry.digest ? { digest: entry.digest } : {}),
      });
    }
  }
}

const articles = defineCollection({
  loader: articleGlob({ base: `./${ARTICLES_DIR}`, pattern: "**/*.md" }, { afterLoad: editionOnly }),
  schema: ({ image }) => articleSchema(image(), reference("authors")),
});

const authors = defineCollection({
  loader: strictGlob({ base: `./${AUTHORS_DIR}`, pattern: "*.md" }),
  schema: ({ image }) => authorSchema(image()),
});

const pages = defineCollection({
  loader: strictGlob({ base: `./${PAGES_DIR}`, pattern: "*.md" }),
  schema: pageSchema,
});

export const collections = { articles, authors, pages };
