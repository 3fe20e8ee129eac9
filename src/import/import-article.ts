/**
 * Scraped text in, a content entry out: parse, detect the language, write Markdown, then
 * render that Markdown with the site's own engine and check that every word came back.
 * Pure (no files): the CLI (src/cli/import.ts) and the tests both call this.
 */
import { parse as parseYaml } from "yaml";
import { z } from "astro/zod";
import { articleSchema } from "../model/article-schema.ts";
import { IMPORT_SLUG_RE, importSlug } from "../model/slug.ts";
import { bodyReadingMinutes } from "../views/article-text.ts";
import { renderInline, renderMarkdown, type RenderedBlock } from "../markdown/engine.ts";
import { htmlToText } from "../model/html.ts";
import { detectLanguage } from "./language.ts";
import { parseScraped, ScrapedTextError, type ScrapedArticle } from "./parse-scraped.ts";
import { entryMarkdown, type EntryMeta } from "./to-markdown.ts";

export interface ImportOptions {
  /** Defaults to "News". */
  section?: string | undefined;
  tags?: string[] | undefined;
  source?: { publisher: string; url: string } | undefined;
  /** BCP 47; detected from the script when not given. */
  lang?: string | undefined;
  /** The entry's file name (without .md); made from the headline when not given. */
  slug?: string | undefined;
  /** Used when the headline gives no ASCII slug (an Arabic headline): usually the input's file name. */
  fallbackSlug?: string | undefined;
  wordsPerMinute: number;
}

interface ImportWarning {
  line: number;
  message: string;
}

export interface ImportResult {
  slug: string;
  markdown: string;
  lang: string;
  article: ScrapedArticle;
  /** Reading minutes the page will show. */
  minutes: number;
  warnings: ImportWarning[];
}

const fold = (text: string) => text.replace(/\s+/g, " ").trim();

/** A rendered block, briefly, for a problem report. */
function shown(block: RenderedBlock | undefined): string {
  if (!block) return "nothing";
  return (block.kind === "paragraph" ? block.html : `a figure captioned ${block.captionHtml}`).slice(0, 120);
}

/**
 * Renders the entry with the site's engine and compares the text with the article's:
 * headline, standfirst, hero, and every block of the body in order. Returns what differs.
 */
export function verifyEntry(markdown: string, article: ScrapedArticle, lang: string): string[] {
  const problems: string[] = [];
  const match = /^---\n([\s\S]*?\n)---\n([\s\S]*)$/.exec(markdown);
  if (!match) return ["the entry has no frontmatter"];
  const data = parseYaml(match[1]!) as Record<string, unknown>;
  // The entry must also pass the site's own schema, or the build would refuse what we wrote.
  const checked = articleSchema(z.string()).safeParse(data);
  if (!checked.success) {
    for (const issue of checked.error.issues) problems.push(`${issue.path.join(".") || "entry"}: ${issue.message}`);
  }
  const hero = data["hero"] as { caption: string; credit: string } | undefined;
  const expect = (what: string, actual: unknown, wanted: string) => {
    if (typeof actual !== "string" || fold(actual) !== fold(wanted))
      problems.push(`${what}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`);
  };
  expect("headline", data["headline"], article.headline);
  expect("standfirst", data["standfirst"], article.standfirst);
  expect("published", data["published"], article.published);
  expect("lang", data["lang"], lang);
  if (article.hero) {
    expect("hero caption", hero && htmlToText(renderInline(hero.caption)), article.hero.caption);
    expect("hero credit", hero?.credit, article.hero.credit);
  } else if (hero) problems.push("hero: not in the source");

  // The engine's own account of the paragraphs and figures it wrote, in order. Plain text
  // comes back with no markup: a "<" inside means Markdown syntax slipped through.
  const { blocks } = renderMarkdown(match[2]!);
  if (blocks.length !== article.body.length)
    problems.push(`body: ${article.body.length} blocks in the source, ${blocks.length} rendered`);
  article.body.forEach((block, i) => {
    const out = blocks[i];
    if (block.kind === "paragraph") {
      if (out?.kind !== "paragraph" || out.html.includes("<")) {
        problems.push(`line ${block.line}: rendered as markup, not a plain paragraph: ${shown(out)}`);
        return;
      }
      expect(`line ${block.line}`, out.text, block.text);
    } else {
      if (out?.kind !== "figure" || out.captionHtml.includes("<")) {
        problems.push(`line ${block.line}: the figure did not render as a plain caption: ${shown(out)}`);
        return;
      }
      expect(`line ${block.line} caption`, out.captionText, block.caption);
      expect(`line ${block.line} credit`, out.credit, block.credit);
    }
  });
  return problems;
}

/**
 * Imports one scraped text. Throws ScrapedTextError (with the line) when the text cannot
 * be read as an article, and a plain Error when options are wrong.
 */
export function importScraped(source: string, options: ImportOptions): ImportResult {
  const article = parseScraped(source);
  const allText = [
    article.headline,
    article.standfirst,
    ...article.body.map((b) => (b.kind === "paragraph" ? b.text : b.caption)),
  ].join("\n");
  let lang = options.lang;
  if (lang === undefined) {
    const detected = detectLanguage(allText);
    if (detected.lang === undefined)
      throw new ScrapedTextError(1, `${detected.why}: we do not guess its language; give it with --lang`);
    lang = detected.lang;
  }

  const slug = options.slug ?? (importSlug(article.headline) || importSlug(options.fallbackSlug ?? ""));
  if (!slug) throw new ScrapedTextError(1, "has a headline that gives no address (slug): give one with --slug");
  if (!IMPORT_SLUG_RE.test(slug))
    throw new Error(`"${slug}" is not a slug: use lower-case letters, digits and hyphens`);

  const meta: EntryMeta = {
    section: options.section ?? "News",
    tags: options.tags ?? [],
    lang,
    source: options.source,
  };
  const markdown = entryMarkdown(article, meta);

  const problems = verifyEntry(markdown, article, lang);
  if (problems.length > 0) {
    // A bug in the importer, not in the text: refuse rather than publish altered words.
    throw new Error(
      `the entry would fail the site's content check or not render the source's text exactly:\n  ${problems.join("\n  ")}`,
    );
  }

  const body = markdown.slice(markdown.indexOf("\n---\n") + 5);
  const minutes = bodyReadingMinutes(renderMarkdown(body).html, options.wordsPerMinute);
  const warnings: ImportWarning[] = [];
  if (article.statedMinutes && Math.abs(article.statedMinutes.minutes - minutes) > 1) {
    warnings.push({
      line: article.statedMinutes.line,
      message: `says ${article.statedMinutes.minutes} min read, but the page will say ${minutes} min read (${options.wordsPerMinute} words a minute)`,
    });
  }
  return { slug, markdown, lang, article, minutes, warnings };
}
