/**
 * Writes a parsed article as a content entry: YAML frontmatter and a Markdown body that
 * our engine (src/markdown/engine.ts, marked) renders back to exactly the source's text.
 * Scraped text is plain text, so everything Markdown or YAML could read as syntax is
 * escaped to stay literal.
 */
import type { BodyBlock, ScrapedArticle } from "./parse-scraped.ts";

/**
 * Plain text as inline Markdown that renders to the same characters.
 *
 * - `\` `` ` `` `*` `_` `[` `]` `<` `~` always: escapes, code, emphasis, links, images,
 *   raw HTML and autolinks, strikethrough.
 * - `&` when it begins a character reference (`&amp;`, `&#39;`), which the browser would
 *   otherwise decode; a lone `&` (AT&T) is left alone, marked escapes it for HTML.
 * - `://` after http, https, ftp; `www.`; and `@` inside an address: GFM would turn these
 *   into links. The words stay the same either way; a plain-text source has no links.
 */
function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<~]/g, "\\$&")
    .replace(/&(?=#?\w+;)/g, "\\&")
    .replace(/(?<=(?:https?|ftp)):(?=\/\/)/gi, "\\:")
    .replace(/(?<=www)\./gi, "\\.")
    .replace(/(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9_-])/g, "\\@");
}

/**
 * A paragraph of plain text (one line) as a Markdown paragraph: inline escaping, plus
 * whatever at the start of a line would begin another block: `#` (heading), `>` (quote),
 * `-`, `+`, `*` (list, rule), `=` (setext underline), `1.` / `2016)` (ordered list).
 */
export function escapeParagraph(text: string): string {
  if (/[\r\n]/.test(text)) throw new Error("a paragraph must be one line");
  return escapeInline(text)
    .replace(/^[#>+=-]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A string as a YAML double-quoted scalar: JSON's escapes, plus every character YAML could misread. */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Escapes text for a Markdown link title in double quotes. */
function titleText(text: string): string {
  return text.replace(/[\\"]/g, "\\$&");
}

/**
 * A figure whose photo we do not have: `![](<> "Caption [Credit]")`. The caption is
 * inline Markdown to the engine, the credit plain text.
 */
export function figureMarkdown(caption: string, credit: string): string {
  return `![](<> "${titleText(`${escapeInline(caption)} [${credit}]`)}")`;
}

function blockMarkdown(block: BodyBlock): string {
  return block.kind === "paragraph" ? escapeParagraph(block.text) : figureMarkdown(block.caption, block.credit);
}

/** The Markdown body: blocks separated by blank lines, ending with a newline. */
function bodyMarkdown(body: BodyBlock[]): string {
  return body.map(blockMarkdown).join("\n\n") + "\n";
}

export interface EntryMeta {
  section: string;
  tags: string[];
  lang: string;
  source?: { publisher: string; url: string } | undefined;
}

/** The whole entry: frontmatter in the order the README shows, then the body. */
export function entryMarkdown(article: ScrapedArticle, meta: EntryMeta): string {
  const lines = [
    "---",
    `headline: ${yamlString(article.headline)}`,
    `standfirst: ${yamlString(article.standfirst)}`,
    `published: ${yamlString(article.published)}`,
    `section: ${yamlString(meta.section)}`,
  ];
  if (meta.tags.length > 0) lines.push(`tags: [${meta.tags.map(yamlString).join(", ")}]`);
  lines.push(`lang: ${yamlString(meta.lang)}`);
  if (meta.source) {
    lines.push("source:", `  publisher: ${yamlString(meta.source.publisher)}`, `  url: ${yamlString(meta.source.url)}`);
  }
  if (article.hero) {
    // The hero caption is inline Markdown on the page (it may carry emphasis); the credit is plain.
    lines.push(
      "hero:",
      `  caption: ${yamlString(escapeInline(article.hero.caption))}`,
      `  credit: ${yamlString(article.hero.credit)}`,
    );
  }
  lines.push("---", "", bodyMarkdown(article.body));
  return lines.join("\n");
}
