/**
 * Plugs our marked engine into Astro as `markdown.processor`, so the content layer
 * renders the bodies of authors and standing pages with it (stored as
 * `entry.rendered.html`). Articles are not rendered into the store: their pages render
 * them (src/markdown/article-source.ts, src/content-layer/loaders.ts).
 */
import type { MarkdownProcessor } from "astro/markdown";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sourcesVersion } from "../build/cache.ts";
import { bodyLineOffset } from "./article-source.ts";
import { MarkdownError, renderMarkdown } from "./engine.ts";

/** The sources whose change alters what a rendered entry holds: the engine, what it uses, and the lockfile. */
const ENGINE_SOURCES = [
  "src/markdown",
  "src/model/html.ts",
  "src/model/lines.ts",
  "src/model/slug.ts",
  "src/strings",
  "package-lock.json",
];

/**
 * A digest of the engine's sources and packages (src/build/cache.ts). Astro keeps rendered
 * entries in its content store until its config changes; putting this in the options makes
 * a change to the engine render every entry again (and the article loader find each article's
 * figure images again) instead of serving stale (or failed) results.
 */
function engineDigest(): string {
  return sourcesVersion(fileURLToPath(new URL("../..", import.meta.url)), ENGINE_SOURCES);
}

export function markedProcessor(): MarkdownProcessor<{ engineDigest: string }> {
  return {
    name: "marked",
    options: { engineDigest: engineDigest() },
    async createRenderer() {
      return {
        async render(content, opts) {
          let rendered;
          try {
            const lang: unknown = opts?.frontmatter?.lang;
            rendered = renderMarkdown(content, typeof lang === "string" ? { lang } : {});
          } catch (error) {
            if (error instanceof MarkdownError && opts?.fileURL) {
              // Name the file, and the line counted from the top of the file (past the
              // frontmatter), so the publisher knows where to look.
              const path = fileURLToPath(opts.fileURL);
              const line = error.line === undefined ? undefined : error.line + fileLineOffset(path, content);
              throw new MarkdownError(`${path}${line ? `:${line}` : ""}: ${error.message.replace(/^line \d+: /, "")}`);
            }
            throw error;
          }
          return {
            code: rendered.html,
            metadata: {
              headings: rendered.headings,
              // Figure images are optimized by the page (see src/views/figure-image.ts),
              // so Astro's internal Markdown image pass gets nothing to do.
              localImagePaths: [],
              remoteImagePaths: [],
              frontmatter: opts?.frontmatter ?? {},
            },
          };
        },
      };
    },
  };
}

/** Lines before the body in the file (the frontmatter), or 0 when that cannot be told. */
function fileLineOffset(path: string, body: string): number {
  try {
    return bodyLineOffset(readFileSync(path, "utf8"), body);
  } catch {
    return 0;
  }
}
