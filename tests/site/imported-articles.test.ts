/**
 * Scraped-text fixtures, imported with `npm run import`'s code and built with the site:
 * each page shows exactly its source's words and characters, as text, never as markup.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { foldSpace, parseDocument, textOf } from "../helpers/html.ts";
import { ARABIC_ID, importFixtures, type ImportFixture } from "../helpers/import-fixtures.ts";
import { strings } from "../../src/strings/index.ts";

const dist = inject("site");
const fixtures = importFixtures();

/** Elements Markdown would make from syntax; plain text makes none of them. */
const MARKUP =
  "a, em, strong, code, pre, del, s, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr, table, img, br, script, b, div, input";

/**
 * The source's text as a reader meets it: every line except the repeated headline, the
 * reading time and the date (which the page shows in its own words). A line's indentation
 * and trailing space (no-break spaces included) are layout, not text; inside a line only
 * ordinary white space is folded, so a no-break space must reach the page as one.
 */
function sourceText(f: ImportFixture): string {
  const a = f.result.article;
  const skip = new Set([a.dateLine, a.statedMinutes?.line]);
  let seenHeadline = false;
  const kept = f.text.split(/\r\n|\r|\n/).filter((line, i) => {
    if (skip.has(i + 1)) return false;
    if (foldSpace(line.trim()).normalize("NFC") === foldSpace(a.headline)) {
      if (seenHeadline) return false;
      seenHeadline = true;
    }
    return true;
  });
  // The importer stores text in Unicode NFC: the same characters, in the form the web expects.
  return foldSpace(kept.map((line) => line.trim()).join("\n")).normalize("NFC");
}

describe.each(fixtures.map((f) => ({ name: f.name, f })))("the imported $name article", ({ f }) => {
  let doc: Document;
  /** The article's summary on its section's list pages (the front page shows only the latest). */
  let summary: Element | undefined;
  const { article, slug, lang, minutes } = f.result;
  // The article's own words, in its language (src/strings).
  const words = strings(lang);

  beforeAll(async () => {
    doc = parseDocument(await readFile(join(dist, "articles", slug, "index.html"), "utf8"));
    const section = doc.querySelector(".kicker a:last-child")!.getAttribute("href")!;
    for (let page = 1; !summary && existsSync(join(dist, section, page > 1 ? `${page}` : "", "index.html")); page++) {
      const list = parseDocument(await readFile(join(dist, section, page > 1 ? `${page}` : "", "index.html"), "utf8"));
      summary = list.querySelector(`a[href="/articles/${slug}/"]`)?.closest(".summary") ?? undefined;
    }
  });

  const blocks = () => [...doc.querySelectorAll(".article-body > p, .article-body > figure")];
  /** A figure as the source writes it: "Caption [Credit]". */
  const asSource = (figure: Element) =>
    `${textOf(figure.querySelector(".figure-caption"))} [${textOf(figure.querySelector(".figure-credit")).replace(/^(Credit|مصدر الصورة): /, "")}]`;

  it("shows the source's text, every character in order: headline, standfirst, captions, paragraphs", () => {
    const hero = doc.querySelector("#figure-hero");
    const page = [
      textOf(doc.querySelector("article h1")),
      textOf(doc.querySelector(".standfirst")),
      ...(hero ? [asSource(hero)] : []),
      ...blocks().map((el) => (el.tagName === "FIGURE" ? asSource(el) : textOf(el))),
    ].join(" ");
    expect(page).toBe(sourceText(f));
  });

  it("has each paragraph and inline figure as its own block, in the source's order", () => {
    const expected = article.body.map((b) =>
      b.kind === "paragraph"
        ? foldSpace(b.text)
        : `${foldSpace(b.caption)} ${words.credit} ${b.credit} ${words.photoNotAvailable}`,
    );
    expect(blocks().map(textOf)).toEqual(expected);
    expect(
      blocks()
        .filter((el) => el.tagName === "P")
        .map((p) => p.id),
    ).toEqual(article.body.filter((b) => b.kind === "paragraph").map((_, i) => `p-${i + 1}`));
  });

  it("turns nothing in the text into markup", () => {
    expect([...doc.querySelectorAll(`.article-body :is(${MARKUP})`)].map((el) => el.outerHTML)).toEqual([]);
    expect([...doc.querySelectorAll(".article-body p *")].map((el) => el.outerHTML)).toEqual([]);
    expect(doc.querySelectorAll(".figure-caption *")).toHaveLength(0);
  });

  it("shows the headline in the title, the day it was published, and the reading time the page computes", () => {
    expect(textOf(doc.querySelector("title"))).toContain(foldSpace(article.headline));
    expect(doc.querySelector(".article-header time")?.getAttribute("datetime")).toBe(article.published);
    expect(textOf(doc.querySelector(".reading-time"))).toBe(words.readingTime(minutes));
  });

  it(`is marked as ${lang}${lang === "ar" ? ", right to left, in English site chrome" : ""}`, () => {
    const el = doc.querySelector("article.article")!;
    expect(el.getAttribute("lang")).toBe(lang);
    expect(el.getAttribute("dir")).toBe(lang === "ar" ? "rtl" : null);
    // The site's own chrome is English and left to right on every page.
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(doc.documentElement.getAttribute("dir")).toBeNull();
    expect(doc.querySelector("article.article .site-header, article.article .site-footer")).toBeNull();
    // Every imported fixture is listed in its section, marked with its language.
    expect(summary, "listed in its section").toBeTruthy();
    expect(summary!.getAttribute("lang")).toBe(lang);
    expect(summary!.getAttribute("dir")).toBe(lang === "ar" ? "rtl" : null);
  });
});

describe("the Arabic article's interface words", () => {
  it("writes its own words (date line, reading time, credit, share, related) in Arabic, the site's in English", async () => {
    const doc = parseDocument(await readFile(join(dist, "articles", ARABIC_ID, "index.html"), "utf8"));
    // Nothing inside the article claims another language: its words are its own.
    expect(doc.querySelector("article.article [lang]")).toBeNull();
    const date = textOf(doc.querySelector(".article-header .meta .pub-date"));
    // Arabic month name, Western digits (ar-u-nu-latn).
    expect(date).toMatch(
      /^نُشر في \d{1,2} (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر) \d{4}/,
    );
    expect(textOf(doc.querySelector(".reading-time"))).toMatch(
      /^مدة القراءة: (دقيقة واحدة|دقيقتان|\d+ (دقائق|دقيقة))$/,
    );
    expect(textOf(doc.querySelector(".figure-credit-label"))).toBe("مصدر الصورة:");
    expect(textOf(doc.querySelector(".share-heading"))).toBe("شارك هذا المقال");
    expect(doc.querySelector(".share a[href^='mailto:']")?.getAttribute("aria-label")).toBe(
      "شارك عبر البريد الإلكتروني",
    );
    expect(textOf(doc.querySelector(".archive-link"))).toMatch(/^المزيد من عام \d{4} في الأرشيف$/);
    const age = doc.querySelector(".age-notice");
    if (age) expect(textOf(age)).toMatch(/^مضى على نشر هذا المقال أكثر من /);
    // The page around it follows the site's language.
    expect(textOf(doc.querySelector(".skip-link"))).toBe("Skip to content");
    expect([...doc.querySelectorAll(".site-nav a")].map(textOf)).toContain("Archive");
    expect(textOf(doc.querySelector(".kicker"))).toBe("أخبار");
  });
});

describe("the hostile fixture", () => {
  it("shows its tags and stated-but-wrong reading time as the site computes it", async () => {
    const hostile = fixtures.find((f) => f.name === "hostile")!;
    const doc = parseDocument(await readFile(join(dist, "articles", hostile.result.slug, "index.html"), "utf8"));
    expect(hostile.result.warnings).toHaveLength(1);
    expect(textOf(doc.querySelector(".reading-time"))).not.toBe("12 min read");
    expect([...doc.querySelectorAll(".tags a")].map(textOf)).toEqual(['<Tests> & "quotes"', "#hash: colon"]);
    expect(textOf(doc.querySelector(".article-body"))).toContain('<script>alert("x")</script>');
  });
});
