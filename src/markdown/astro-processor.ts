/**
 * Plugs our marked engine into Astro as `markdown.processor`, so the content layer
 * renders every entry's body with it (stored as `entry.rendered.html`).
 */
import type { MarkdownProcessor } from "astro/markdown";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sourcesVersion } from "../build/cache.ts";
import { lineAt } from "../model/lines.ts";
import { MarkdownError, renderMarkdown, type RenderedFigure } from "./engine.ts";

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
 * a change to the engine re-render every article instead of serving stale (or failed) HTML.
 */
function engineDigest(): string {
  return sourcesVersion(fileURLToPath(new URL("../..", import.meta.url)), ENGINE_SOURCES);
}

/** The key under which an entry's rendered figures are kept in `entry.rendered.metadata`. */
const FIGURES_KEY = "figures";

/**
 * The body figures the engine rendered for an entry, kept by the content layer beside
 * its HTML, so pages and feeds need neither a second Markdown parse nor to read the HTML back.
 */
export function renderedFigures(rendered: { metadata?: Record<string, unknown> } | undefined): RenderedFigure[] {
  if (rendered === undefined) return [];
  const figures = rendered.metadata?.[FIGURES_KEY];
  if (!Array.isArray(figures))
    throw new Error("a rendered article has no figure list: its stored render predates the engine; rebuild");
  return figures as RenderedFigure[];
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
              const line = error.line === undefined ? undefined : error.line + bodyLineOffset(path, content);
              throw new MarkdownError(`${path}${line ? `:${line}` : ""}: ${error.message.replace(/^line \d+: /, "")}`);
            }
            throw error;
          }
          return {
            code: rendered.html,
            metadata: {
              headings: rendered.headings,
              [FIGURES_KEY]: rendered.figures,
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
    return at < 0 ? 0 : lineAt(text, at) - 1;
  } catch {
    return 0;
  }
}
