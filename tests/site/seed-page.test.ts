/** The seed article as built: every word of the source, in order, and nothing active. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parseDocument, textOf } from "../helpers/html.ts";
import { readSeed, SEED_ID } from "../helpers/seed.ts";
import { ADMIN_FILE_RE, ADMIN_PAGE } from "../helpers/admin.ts";

const dist = inject("site");
const seed = readSeed();
let doc: Document;
let html: string;

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const text = textOf;

beforeAll(async () => {
  html = await readFile(join(dist, "articles", SEED_ID, "index.html"), "utf8");
  doc = parseDocument(html);
});

describe("the seed article page", () => {
  it("has the headline as the one h1, and the standfirst", () => {
    expect([...doc.querySelectorAll("h1")].map(text)).toEqual([seed.headline]);
    expect(text(doc.querySelector(".standfirst"))).toBe(seed.standfirst);
    expect(doc.querySelector("title")?.textContent).toContain(seed.headline);
  });

  it("shows the day it was published, labelled, without an invented time", () => {
    const time = doc.querySelector(".article-header time");
    expect(time?.getAttribute("datetime")).toBe("2016-02-10");
    expect(text(time)).toBe("10 February 2016");
    expect(text(doc.querySelector(".pub-date"))).toBe("Published 10 February 2016");
  });

  it("says 3 min read, as the source does", () => {
    expect(text(doc.querySelector(".reading-time"))).toBe("3 min read");
  });

  it("carries the age notice computed at build time", () => {
    expect(text(doc.querySelector(".age-notice"))).toMatch(/^This article is more than (1[0-9]|[2-9][0-9]) years old$/);
  });

  it("has every paragraph, caption and credit of the source, in order, with the inline figure in place", () => {
    const article = doc.querySelector("article")!;
    const blocks = [...article.querySelectorAll(".article-body > p, .article-body > figure")];
    const expected = seed.body.map((b) =>
      b.kind === "p" ? b.text : `${b.caption} Credit: ${b.credit} (Photo not available)`,
    );
    const actual = blocks.map((el) => text(el));
    expect(actual).toEqual(expected);
    // Paragraph ids are ordinal and stable.
    const ids = [...article.querySelectorAll(".article-body > p")].map((p) => p.id);
    expect(ids).toEqual(ids.map((_, i) => `p-${i + 1}`));
  });

  it("shows the hero caption and credit before the body, marked up apart", () => {
    const hero = doc.querySelector("#figure-hero")!;
    expect(text(hero.querySelector(".figure-caption"))).toBe(seed.heroCaption.replace(/ \[Getty\]$/, ""));
    expect(text(hero.querySelector(".figure-credit"))).toBe("Credit: Getty");
    expect(hero.querySelector("img, picture")).toBeNull();
    const order = doc.querySelector("article")!.innerHTML;
    expect(order.indexOf('id="figure-hero"')).toBeLessThan(order.indexOf('id="p-1"'));
  });

  it("names and links the original publisher", () => {
    const link = doc.querySelector(".provenance a");
    expect(text(doc.querySelector(".provenance"))).toBe("Originally published by The New Arab.");
    expect(link?.getAttribute("href")).toBe(
      "https://www.newarab.com/news/russian-air-raids-damaging-syria-peace-talks-says-kerry",
    );
  });

  it("has the page chrome: lang, skip link, canonical URL, favicon", () => {
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    expect(doc.querySelector("article")?.getAttribute("lang")).toBe("en");
    expect(doc.querySelector("a.skip-link")?.getAttribute("href")).toBe("#main");
    expect(doc.querySelector("main#main")).not.toBeNull();
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")).toMatch(
      new RegExp(`^https?://.+/articles/${SEED_ID}/$`),
    );
    expect(doc.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe("/favicon.svg");
  });

  it("weighs at most 14 KiB gzipped (HTML with its inlined CSS), with no external stylesheet", () => {
    expect(doc.querySelectorAll('link[rel="stylesheet"]').length).toBe(0);
    expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(14 * 1024);
  });
});

describe("the whole built site", () => {
  it("ships zero JavaScript outside /search/ and the CMS page: no executable script, no .js file referenced", async () => {
    const files = await allFiles(dist);
    // JavaScript files exist only for search (Pagefind's bundle and the search page's own
    // script) and for the CMS (Decap's bundle and its figure button, in admin/).
    const scripts = files.filter((f) => /\.m?js$/.test(f)).map((f) => f.slice(dist.length));
    expect(
      scripts.every((f) => f.startsWith("/pagefind/") || f.startsWith("/_astro/") || ADMIN_FILE_RE.test(f.slice(1))),
      scripts.join(),
    ).toBe(true);
    // admin/index.html is judged in admin.test.ts: only its own files from admin/.
    const pages = files.filter(
      (f) => f.endsWith(".html") && !f.startsWith(join(dist, "search")) && f !== join(dist, ADMIN_PAGE),
    );
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const doc = parseDocument(await readFile(file, "utf8"));
      // The one script element allowed is JSON-LD: data, never executed.
      const active = [...doc.querySelectorAll("script")].filter(
        (el) => el.getAttribute("type") !== "application/ld+json",
      );
      expect(active, file).toEqual([]);
      expect(doc.querySelectorAll('link[rel="modulepreload"], link[as="script"]'), file).toHaveLength(0);
    }
  });

  it("has a home page listing the article, a 404 page and a favicon", async () => {
    const home = parseDocument(await readFile(join(dist, "index.html"), "utf8"));
    const summary = home.querySelector(`a[href="/articles/${SEED_ID}/"]`)?.closest(".summary") ?? null;
    expect(text(summary?.querySelector(".summary-headline") ?? null)).toBe(seed.headline);
    expect(text(summary?.querySelector(".summary-standfirst") ?? null)).toBe(seed.standfirst);
    expect(summary?.querySelector("time")?.getAttribute("datetime")).toBe("2016-02-10");
    const notFound = await readFile(join(dist, "404.html"), "utf8");
    expect(notFound).toContain("Page not found");
    expect((await readFile(join(dist, "favicon.svg"), "utf8")).startsWith("<svg")).toBe(true);
  });
});
