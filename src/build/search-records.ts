/**
 * What the search index reads of one article: a small HTML document made from the
 * article's own file (headline, standfirst, section and tags, byline, hero caption, body
 * through the site's Markdown engine), never the built page. So a template change leaves
 * every record, and every shard of the index, as it was (docs/decisions/019-search-shards.md).
 * Pure: the caller reads the file.
 */
import { z } from "astro/zod";
import { readFrontmatter } from "../checks/content/frontmatter.ts";
import { renderMarkdown } from "../markdown/engine.ts";
import { articleSchema } from "../model/article-schema.ts";
import { escapeHtml } from "../model/html.ts";

const recordSchema = articleSchema(z.string());

/**
 * The document Pagefind indexes for the article in `source` (the file `file`). Its `<h1>`
 * is the result's title; headings keep the ids the page gives them, so a result can point
 * into the article. `lang` is the site's: Pagefind keeps one index per page language,
 * and the search page looks in the one of its own.
 */
export function searchDocument(source: string, file: string, lang: string): string {
  const read = readFrontmatter(source);
  if (!read.ok) throw new Error(`${file}:${read.line}: ${read.message}`);
  const parsed = recordSchema.safeParse(read.frontmatter.data);
  if (!parsed.success) throw new Error(`${file}: is not a valid article: ${parsed.error.issues[0]?.message ?? ""}`);
  const article = parsed.data;
  const paragraph = (text: string | undefined) => (text ? `<p>${escapeHtml(text)}</p>` : "");
  const body = renderMarkdown(read.frontmatter.body, { lang: article.lang }).html;
  return [
    `<!doctype html><html lang="${escapeHtml(lang)}"><body>`,
    paragraph(article.section),
    `<h1>${escapeHtml(article.headline)}</h1>`,
    paragraph(article.standfirst),
    paragraph(article.byline),
    article.hero ? paragraph(`${article.hero.caption} [${article.hero.credit}]`) : "",
    body,
    paragraph(article.tags.join(", ")),
    "</body></html>",
  ].join("\n");
}
