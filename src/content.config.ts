/**
 * The content collections: articles, one Markdown file each, checked against the one
 * article schema (src/model/article-schema.ts); authors (src/model/author-schema.ts), whom
 * articles name through `reference("authors")`; and the standing pages
 * (src/model/page-schema.ts). Unknown fields are errors.
 */
import { defineCollection, reference } from "astro:content";
import { glob, type Loader } from "astro/loaders";
import { readFile } from "node:fs/promises";
import { now, preview } from "virtual:newsroom/edition";
import { ARTICLES_DIR, articleSchema } from "./model/article-schema.ts";
import { AUTHORS_DIR, authorSchema } from "./model/author-schema.ts";
import { PAGES_DIR, pageSchema } from "./model/page-schema.ts";
import { strictFrontmatterData } from "./checks/content/frontmatter.ts";
import { isBuilt, publicationState, type Publishable } from "./model/publication.ts";

/**
 * Astro's glob loader, with each entry's frontmatter read again by our strict YAML
 * reader before the schema sees it: Astro reads YAML with js-yaml, which turns an
 * unquoted `2026-13-45` into a real date in 2027. With this, dates reach the schema as
 * the text the author wrote, in `astro dev` as in a build. (The build also runs the
 * whole content check first: see src/checks/content/ and src/integrations/publish-guard.ts.)
 */
function strictGlob(options: Parameters<typeof glob>[0], afterLoad?: (store: Store) => void): Loader {
  const inner = glob(options);
  return {
    ...inner,
    load: async (context) => {
      await inner.load({
        ...context,
        parseData: async (props) =>
          context.parseData(
            props.filePath
              ? {
                  ...props,
                  data: strictFrontmatterData(
                    await readFile(props.filePath, "utf8"),
                    props.filePath,
                  ) as typeof props.data,
                }
              : props,
          ),
      });
      afterLoad?.(context.store);
    },
  };
}

type Store = Parameters<Loader["load"]>[0]["store"];

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
    else if (state === "withdrawn" && (entry.body !== undefined || entry.assetImports?.length)) {
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
  loader: strictGlob({ base: `./${ARTICLES_DIR}`, pattern: "**/*.md" }, editionOnly),
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
