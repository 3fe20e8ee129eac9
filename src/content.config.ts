/**
 * The content collections: articles, one Markdown file each, checked against the one
 * article schema (src/model/article-schema.ts); authors (src/model/author-schema.ts), whom
 * articles name through `reference("authors")`; and the standing pages
 * (src/model/page-schema.ts). Unknown fields are errors.
 */
import { defineCollection, reference } from "astro:content";
import { glob, type Loader } from "astro/loaders";
import { readFile } from "node:fs/promises";
import { ARTICLES_DIR, articleSchema } from "./model/article-schema.ts";
import { AUTHORS_DIR, authorSchema } from "./model/author-schema.ts";
import { PAGES_DIR, pageSchema } from "./model/page-schema.ts";
import { strictFrontmatterData } from "./checks/content/frontmatter.ts";

/**
 * Astro's glob loader, with each entry's frontmatter read again by our strict YAML
 * reader before the schema sees it: Astro reads YAML with js-yaml, which turns an
 * unquoted `2026-13-45` into a real date in 2027. With this, dates reach the schema as
 * the text the author wrote, in `astro dev` as in a build. (The build also runs the
 * whole content check first: see src/checks/content/ and src/integrations/publish-guard.ts.)
 */
function strictGlob(options: Parameters<typeof glob>[0]): Loader {
  const inner = glob(options);
  return {
    ...inner,
    load: (context) =>
      inner.load({
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
      }),
  };
}

const articles = defineCollection({
  loader: strictGlob({ base: `./${ARTICLES_DIR}`, pattern: "**/*.md" }),
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
