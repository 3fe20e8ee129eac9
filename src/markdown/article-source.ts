/**
 * An article's body rendered straight from its Markdown file, by the one engine: what the
 * article page and the feeds show. The content store keeps no body and no HTML
 * (src/content-layer/loaders.ts), so a page reads its own file when it renders.
 */
import { bodyStart } from "../checks/content/frontmatter.ts";
import { lineAt } from "../model/lines.ts";
import { MarkdownError, renderMarkdown, type RenderedMarkdown } from "./engine.ts";
import type { FigureImageRef } from "./figures.ts";

/** Lines of `source` before `body` (the frontmatter), or 0 when the body is not found in it. */
export function bodyLineOffset(source: string, body: string): number {
  const at = source.indexOf(body);
  return at < 0 ? 0 : lineAt(source, at) - 1;
}

/**
 * The body of a Markdown file as Astro's glob loader hands it to a Markdown processor:
 * everything after the frontmatter, trimmed.
 */
export function articleBodySource(source: string): string {
  return source.slice(bodyStart(source)).trim();
}

/**
 * Renders the body of the Markdown file `file` (its text: `source`). A Markdown error
 * names the file and its line in the file, counted from the top (past the frontmatter).
 */
export function renderArticleSource(source: string, file: string, lang: string): RenderedMarkdown {
  const body = articleBodySource(source);
  try {
    return renderMarkdown(body, { lang });
  } catch (error) {
    if (!(error instanceof MarkdownError)) throw error;
    const line = error.line === undefined ? undefined : error.line + bodyLineOffset(source, body);
    throw new MarkdownError(`${file}${line ? `:${line}` : ""}: ${error.message.replace(/^line \d+: /, "")}`);
  }
}

/** The images a rendered body's figures show, in order (figures without a photo have none). */
export function figureImages(rendered: Pick<RenderedMarkdown, "figures">): FigureImageRef[] {
  return rendered.figures.flatMap((figure) => (figure.image ? [figure.image] : []));
}
