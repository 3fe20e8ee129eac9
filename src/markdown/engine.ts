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
import { Marked, type RendererObject, type Tokens } from "marked";
import { encodeFigureImage, findFigureImages, parseFigureTitle, type Figure, type FigureImageRef } from "./figures.ts";

interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  figures: Figure[];
  /** The line (1-based in the body) of each figure in `figures`, when it can be told. */
  figureLines: Array<number | undefined>;
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

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
};

/** Decodes the character references a browser would, enough to see a URL's real scheme. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);

/**
 * The URL to emit, or null when it must not be emitted. Browsers ignore whitespace and
 * control characters inside a scheme and decode entities, so we do too before judging.
 */
export function safeUrl(url: string): string | null {
  const normalized = decodeEntities(url)
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
  return at < 0 ? undefined : source.slice(0, at).split("\n").length;
}

function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "section";
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

function isBlank(token: Tokens.Generic): boolean {
  return token.type === "text" && token.raw.trim() === "";
}

/**
 * A figure: the image (if any), then a caption and the credit marked up apart from it,
 * so a screen reader announces which is which. Without an image we say so plainly
 * instead of leaving an empty frame or inventing a picture.
 */
export function figureHtml(figure: Pick<Figure, "caption" | "credit">, imageHtml: string, id: string): string {
  const cls = imageHtml ? "figure" : "figure figure--no-image";
  const note = imageHtml ? "" : ` <span class="figure-note">(Photo not available)</span>`;
  return (
    `<figure class="${cls}" id="${escapeHtml(id)}">${imageHtml}` +
    `<figcaption><span class="figure-caption">${renderInline(figure.caption)}</span>` +
    ` <span class="figure-credit"><span class="figure-credit-label">Credit:</span> ${escapeHtml(figure.credit)}</span>` +
    `${note}</figcaption></figure>\n`
  );
}

/** A figure as read back from rendered HTML: plain-text caption and credit, and its image, if any. */
export interface RenderedFigure {
  caption: string;
  credit: string;
  image?: FigureImageRef;
}

const RENDERED_FIGURE_RE =
  /<figure class="figure[^"]*" id="[^"]*">([\s\S]*?)<figcaption><span class="figure-caption">([\s\S]*?)<\/span> <span class="figure-credit"><span class="figure-credit-label">Credit:<\/span> ([\s\S]*?)<\/span>/g;

/**
 * The figures in HTML that `figureHtml` wrote, in order: what structured data needs to
 * know of them, without parsing the Markdown a second time.
 */
export function renderedFigures(html: string): RenderedFigure[] {
  return [...html.matchAll(RENDERED_FIGURE_RE)].map((m) => {
    const [image] = findFigureImages(m[1]!);
    return { caption: htmlToText(m[2]!), credit: htmlToText(m[3]!), ...(image ? { image } : {}) };
  });
}

/** Renders an article body. Throws MarkdownError (with a line number) on a malformed figure. */
export function renderMarkdown(source: string): RenderedMarkdown {
  const headings: Heading[] = [];
  const figures: Figure[] = [];
  const figureLines: Array<number | undefined> = [];
  const usedSlugs = new Set<string>();
  let paragraphCount = 0;

  const paragraphOpen = () => `<p id="p-${++paragraphCount}">`;

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
    const figure: Figure = src ? { ...parsed, image: { src, alt } } : parsed;
    figures.push(figure);
    figureLines.push(line);
    return figureHtml(figure, figure.image ? encodeFigureImage(figure.image) : "", `figure-${figures.length}`);
  };

  const engine = new Marked({ gfm: true, async: false });
  engine.use({
    renderer: {
      ...safeInlineRenderer(),
      html(token) {
        // Block HTML becomes a visible paragraph of text; inline HTML stays inline text.
        if ("block" in token && token.block) {
          const text = token.text.trim();
          return text ? `${paragraphOpen()}${escapeHtml(text)}</p>\n` : "";
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
        return `${paragraphOpen()}${this.parser.parseInline(tokens)}</p>\n`;
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
        let slug = slugify(text);
        for (let i = 2; usedSlugs.has(slug); i++) slug = `${slugify(text)}-${i}`;
        usedSlugs.add(slug);
        headings.push({ depth: level, slug, text });
        return `<h${level} id="${slug}">${inner}</h${level}>\n`;
      },
    },
  });

  try {
    const html = engine.parse(source, { async: false });
    return { html, headings, figures, figureLines };
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

/** The plain text of rendered HTML, for word counts. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<!--[\s\S]*?-->/g, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}
