/**
 * Plugs our marked engine into Astro as `markdown.processor`, so the content layer
 * renders every entry's body with it (stored as `entry.rendered.html`).
 */
import type { MarkdownProcessor } from "astro/markdown";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sourcesVersion } from "../build/cache.ts";
import { MarkdownError, renderMarkdown } from "./engine.ts";

/**
 * A digest of the engine's sources and packages (src/build/cache.ts). Astro keeps rendered
 * entries in its content store until its config changes; putting this in the options makes
 * a change to the engine re-render every article instead of serving stale (or failed) HTML.
 */
function engineDigest(): string {
  return sourcesVersion(fileURLToPath(new URL("../..", import.meta.url)), ["src/markdown", "package-lock.json"]);
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
            rendered = renderMarkdown(content);
          } catch (error) {
            if (error instanceof MarkdownError && opts?.fileURL) {
              // Name the file, and the line counted from the top of the file (past the
              // frontmatter), so the publisher knows where to look.
              const path = fileURLToPath(opts.fileURL);
              const line = error.line === undefined ? undefined : error.line + bodyLineOffset(path, content);
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
function bodyLineOffset(path: string, body: string): number {
  try {
    const text = readFileSync(path, "utf8");
    const at = text.indexOf(body);
    return at < 0 ? 0 : text.slice(0, at).split("\n").length - 1;
  } catch {
    return 0;
  }
}
