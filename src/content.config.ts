/**
 * The content collection: articles, one Markdown file each, checked against the one
 * article schema (src/model/article-schema.ts). Unknown fields are errors.
 */
import { defineCollection } from "astro:content";
import { glob, type Loader } from "astro/loaders";
import { readFile } from "node:fs/promises";
import { ARTICLES_DIR, articleSchema } from "./model/article-schema.ts";
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
  schema: ({ image }) => articleSchema(image()),
});

export const collections = { articles };
