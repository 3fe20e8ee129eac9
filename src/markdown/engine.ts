/**
 * The one Markdown engine of the site: marked, configured once. Article bodies,
 * captions and (later) feeds all go through here, so the same input gives the same
 * HTML everywhere.
 *
 * Rules it enforces:
 * - Raw HTML in Markdown is shown as text, never emitted as markup.
 * - Only http(s), mailto and tel links (and relative ones) are emitted.
 * - A paragraph that is a lone image is a figure: `![alt](./photo.jpg "Caption [Credit]")`,
 *   or `![](<> "Caption [Credit]")` for a figure whose photo we do not have.
 * - Every body paragraph gets a stable id (`p-1`, `p-2`, …) so readers can link to it.
 */
import { strings, type Strings } from "../strings/index.ts";
import { Marked, type RendererObject, type Tokens } from "marked";
import { decodeEntities, escapeHtml, htmlToText } from "../model/html.ts";
import { lineAt } from "../model/lines.ts";
import { headingSlug } from "../model/slug.ts";
import { encodeFigureImage, parseFigureTitle, type Figure } from "./figures.ts";

interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** A figure as the engine wrote it: its Markdown parts, and what a reader sees of its caption and credit. */
export interface RenderedFigure extends Figure {
  /** The caption as the page shows it (inline HTML). */
  captionHtml: string;
  /** Caption and credit as plain text, for contexts without markup such as JSON-LD. */
  captionText: string;
  creditText: string;
}

/** A paragraph the engine wrote: its id, what is inside the `<p>`, and that as plain text. */
interface RenderedParagraph {
  id: string;
  html: string;
  text: string;
}

/** The paragraphs and figures of a body, in the order they stand (lists and quotes included). */
export type RenderedBlock = ({ kind: "paragraph" } & RenderedParagraph) | ({ kind: "figure" } & RenderedFigure);

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  figures: RenderedFigure[];
  /** The line (1-based in the body) of each figure in `figures`, when it can be told. */
  figureLines: Array<number | undefined>;
  blocks: RenderedBlock[];
  /** Every link target written (`<a href>`), captions' included, as the browser will read it. */
  links: string[];
  /** Every element id written: paragraphs, headings and figures. */
  ids: string[];
}

/** A problem in an author's Markdown; `line` is 1-based within the body. */
export class MarkdownError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(line ? `line ${line}: ${message}` : message);
    this.name = "MarkdownError";
    this.line = line;
  }
}

const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);

/**
 * The URL to emit, or null when it must not be emitted. Browsers ignore whitespace and
 * control characters inside a scheme and decode entities, so we do too before judging.
 */
export function safeUrl(url: string): string | null {
  const normalized = decodeEntities(url, { inAttribute: true })
    .replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, "")
    .toLowerCase();
  // Percent-encoded schemes ("javascript%3A…", "%6Aavascript:…") are inert in a browser,
  // but a link written that way is hostile (or broken) all the same: judged decoded too.
  for (const form of [normalized, percentDecoded(normalized)]) {
    const scheme = /^([a-z][a-z0-9+.-]*):/.exec(form);
    if (scheme && !SAFE_SCHEMES.has(scheme[1]!)) return null;
  }
  // "javascript&colon;" and friends that decoded to a scheme are caught above; a leading
  // "//" is a protocol-relative link to another host, which we allow like https.
  return url;
}

/** `text` with percent escapes decoded until none is left (at most a few rounds). */
function percentDecoded(text: string): string {
  let current = text;
  for (let round = 0; round < 3 && current.includes("%"); round++) {
    const next = current.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
    if (next === current) break;
    current = next.replace(/[\u0000-\u0020]/g, "").toLowerCase();
  }
  return current;
}

function lineOf(source: string, raw: string): number | undefined {
  const at = source.indexOf(raw);
  return at < 0 ? undefined : lineAt(source, at);
}

/** Where the link renderer records the targets it writes, while a render that wants them runs. */
let linkSink: string[] | undefined;

/** Runs `render` and returns what it gave with every link target it wrote. */
function collectingLinks<T>(render: () => T): { value: T; links: string[] } {
  const outer = linkSink;
  const links: string[] = [];
  linkSink = links;
  try {
    return { value: render(), links };
  } finally {
    linkSink = outer;
  }
}

/** Renderer parts shared by bodies and captions: what may never reach the page as markup. */
function safeInlineRenderer(): RendererObject {
  return {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (url === null) return inner;
      linkSink?.push(url);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<a href="${escapeHtml(url)}"${titleAttr}>${inner}</a>`;
    },
  };
}

const inlineEngine = new Marked({ gfm: true, async: false });
inlineEngine.use({
  renderer: {
    ...safeInlineRenderer(),
    image({ text }) {
      // A caption has no room for a picture: keep its words.
      return escapeHtml(text);
    },
  },
});

/** Inline Markdown (a caption, a standfirst) to HTML, with the same safety rules. */
export function renderInline(markdown: string): string {
  return inlineEngine.parseInline(markdown, { async: false });
}

/** The link targets inline Markdown writes (a hero caption's), as `renderMarkdown` reports a body's. */
export function inlineLinks(markdown: string): string[] {
  return collectingLinks(() => renderInline(markdown)).links;
}

function isBlank(token: Tokens.Generic): boolean {
  return token.type === "text" && token.raw.trim() === "";
}

/**
 * A figure: the image (if any), then a caption and the credit marked up apart from it,
 * so a screen reader announces which is which. Without an image we say so plainly
 * instead of leaving an empty frame or inventing a picture.
 */
export function figureHtml(
  figure: Pick<Figure, "caption" | "credit">,
  imageHtml: string,
  id: string,
  captionHtml = renderInline(figure.caption),
  words: FigureWords = strings("en"),
): string {
  const cls = imageHtml ? "figure" : "figure figure--no-image";
  const note = imageHtml ? "" : ` <span class="figure-note">${escapeHtml(words.photoNotAvailable)}</span>`;
  return (
    `<figure class="${cls}" id="${escapeHtml(id)}">${imageHtml}` +
    `<figcaption><span class="figure-caption">${captionHtml}</span>` +
    ` <span class="figure-credit"><span class="figure-credit-label">${escapeHtml(words.credit)}</span> ${escapeHtml(figure.credit)}</span>` +
    `${note}</figcaption></figure>\n`
  );
}

/** The site's words a figure prints, in the article's language (src/strings). */
type FigureWords = Pick<Strings, "credit" | "photoNotAvailable">;

/**
 * Renders an article body. Throws MarkdownError (with a line number) on a malformed figure.
 * `lang` is the article's language: the figures' own words ("Credit:") are printed in it.
 */
export function renderMarkdown(source: string, { lang = "en" }: { lang?: string } = {}): RenderedMarkdown {
  const words = strings(lang);
  const headings: Heading[] = [];
  const figures: RenderedFigure[] = [];
  const figureLines: Array<number | undefined> = [];
  const blocks: RenderedBlock[] = [];
  const ids: string[] = [];
  const usedSlugs = new Set<string>();
  let paragraphCount = 0;

  const paragraphHtml = (inner: string): string => {
    const id = `p-${++paragraphCount}`;
    ids.push(id);
    blocks.push({ kind: "paragraph", id, html: inner, text: htmlToText(inner) });
    return `<p id="${id}">${inner}</p>\n`;
  };

  const figureFromImage = (image: Tokens.Image): string => {
    const line = lineOf(source, image.raw);
    const parsed = parseFigureTitle(image.title ?? "");
    if (!parsed) {
      throw new MarkdownError(
        `a figure needs a caption and a credit in its title, like ![alt](photo.jpg "What the photo shows [Agency]")`,
        line,
      );
    }
    const src = image.href.trim();
    const alt = image.text.trim();
    if (src && !alt)
      throw new MarkdownError(`the figure image "${src}" needs alt text: ![what the photo shows](${src} "…")`, line);
    if (src && (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//"))) {
      throw new MarkdownError(`the figure image "${src}" must be a file beside the article, not a URL`, line);
    }
    const captionHtml = renderInline(parsed.caption);
    const figure: RenderedFigure = {
      ...parsed,
      ...(src ? { image: { src, alt } } : {}),
      captionHtml,
      captionText: htmlToText(captionHtml),
      creditText: htmlToText(escapeHtml(parsed.credit)),
    };
    figures.push(figure);
    figureLines.push(line);
    blocks.push({ kind: "figure", ...figure });
    const id = `figure-${figures.length}`;
    ids.push(id);
    return figureHtml(figure, figure.image ? encodeFigureImage(figure.image) : "", id, captionHtml, words);
  };

  const engine = new Marked({ gfm: true, async: false });
  engine.use({
    renderer: {
      ...safeInlineRenderer(),
      html(token) {
        // Block HTML becomes a visible paragraph of text; inline HTML stays inline text.
        if ("block" in token && token.block) {
          const text = token.text.trim();
          return text ? paragraphHtml(escapeHtml(text)) : "";
        }
        return escapeHtml(token.text);
      },
      paragraph({ tokens, raw }) {
        const meaningful = tokens.filter((t) => !isBlank(t));
        if (meaningful.length === 1 && meaningful[0]!.type === "image") {
          return figureFromImage(meaningful[0] as Tokens.Image);
        }
        if (tokens.some((t) => t.type === "image")) {
          throw new MarkdownError(
            "a figure image must stand alone in its paragraph, with blank lines around it",
            lineOf(source, raw),
          );
        }
        return paragraphHtml(this.parser.parseInline(tokens));
      },
      image({ raw }) {
        throw new MarkdownError(
          "a figure image must stand alone in its paragraph, with blank lines around it",
          lineOf(source, raw),
        );
      },
      heading({ tokens, depth }) {
        // The page's headline is the only h1.
        const level = Math.max(2, depth);
        const inner = this.parser.parseInline(tokens);
        const text = inner.replace(/<[^>]*>/g, "");
        let slug = headingSlug(text);
        for (let i = 2; usedSlugs.has(slug); i++) slug = `${headingSlug(text)}-${i}`;
        usedSlugs.add(slug);
        ids.push(slug);
        headings.push({ depth: level, slug, text });
        return `<h${level} id="${slug}">${inner}</h${level}>\n`;
      },
    },
  });

  try {
    const { value: html, links } = collectingLinks(() => engine.parse(source, { async: false }));
    return { html, headings, figures, figureLines, blocks, links, ids };
  } catch (error) {
    // marked appends a plea to report the error to marked; ours are the author's to fix.
    if (error instanceof MarkdownError)
      error.message = error.message.replace(
        /\s*Please report this to https:\/\/github\.com\/markedjs\/marked\.?\s*$/,
        "",
      );
    throw error;
  }
}
