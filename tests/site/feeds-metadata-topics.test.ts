/**
 * The article beyond its page: metadata, JSON-LD, feeds, sitemaps, social cards,
 * topic and archive pages, and the same under a sub-path.
 */
import { XMLParser } from "fast-xml-parser";
import { SyntaxValidator } from "fast-xml-validator";
import { existsSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { htmlToText } from "../../src/model/html.ts";
import { foldSpace, parseDocument, textOf } from "../helpers/html.ts";
import {
  BRIEF_COUNT,
  BRIEF_TAG,
  FILLER_COUNT,
  fillerId,
  HOSTILE_HEADLINE,
  HOSTILE_ID,
  OLDER_NEWS_ID,
  RECENT_NEWS_HEADLINE,
  RECENT_NEWS_ID,
  recentNewsPublished,
} from "../helpers/listing-fixtures.ts";
import { readSeed, SEED_ID } from "../helpers/seed.ts";
import { DAY_IDS } from "../helpers/newsroom-day-fixtures.ts";
import { ADMIN_PAGE } from "../helpers/admin.ts";

const dist = inject("site");
const { dir: baseDist, base } = inject("siteBase");
const buildStart = new Date(inject("buildStart"));
const ORIGIN = "https://example.org";
const seed = readSeed();
const seedParagraphs = seed.body.flatMap((b) => (b.kind === "p" ? [b.text] : []));
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name) => ["item", "entry", "url", "sitemap", "category"].includes(name),
});

const read = (root: string, path: string) => readFile(join(root, path), "utf8");
const page = async (root: string, path: string) => parseDocument(await read(root, join(path, "index.html")));

async function htmlFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name).slice(root.length));
}

/** The built file a site URL points to (a directory URL means its index.html), or undefined. */
function fileFor(root: string, url: string, sitePrefix: string): string | undefined {
  const { pathname } = new URL(url, `${ORIGIN}${sitePrefix}`);
  if (!pathname.startsWith(sitePrefix)) return undefined;
  const rel = decodeURIComponent(pathname.slice(sitePrefix.length));
  const file = rel === "" || rel.endsWith("/") ? join(root, rel, "index.html") : join(root, rel);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

describe("every page's head", () => {
  let files: string[];
  beforeAll(async () => {
    files = await htmlFiles(dist);
  });

  it("has a title, description, absolute canonical URL, feed links, favicon and theme colour", async () => {
    expect(files.length).toBeGreaterThan(10);
    // The 404 page answers for any address, so it names no canonical URL; the CMS page is
    // not part of the published site (admin.test.ts judges it).
    for (const file of files.filter((f) => f !== "/404.html" && f !== `/${ADMIN_PAGE}`)) {
      const doc = parseDocument(await read(dist, file));
      const head = doc.head;
      // A renamed article's old address holds only a redirect page (src/hosting/site-files.ts).
      if (head.querySelector('meta[http-equiv="refresh"]')) continue;
      expect(textOf(head.querySelector("title")), file).not.toBe("");
      expect(head.querySelector('meta[name="description"]')?.getAttribute("content"), file).toBeTruthy();
      expect(head.querySelector('link[rel="canonical"]')?.getAttribute("href"), file).toMatch(
        /^https:\/\/example\.org\//,
      );
      const feeds = [...head.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute("type"));
      // An author's page also offers that author's own feed.
      const own = file.includes("authors/") ? ["application/rss+xml"] : [];
      expect(feeds, file).toEqual(["application/rss+xml", "application/atom+xml", "application/feed+json", ...own]);
      expect(head.querySelector('link[rel="icon"]'), file).not.toBeNull();
      expect(head.querySelectorAll('meta[name="theme-color"]').length, file).toBe(2);
    }
  });
});

describe("the seed article's social metadata", () => {
  let doc: Document;
  const meta = (key: string) =>
    [...doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((m) => m.getAttribute("content"));
  beforeAll(async () => {
    doc = await page(dist, `articles/${SEED_ID}`);
  });

  it("has Open Graph, article:* and Twitter tags", () => {
    expect(meta("og:type")).toEqual(["article"]);
    expect(meta("og:title")).toEqual([seed.headline]);
    expect(meta("og:description")).toEqual([seed.standfirst]);
    expect(meta("og:image")).toEqual([`${ORIGIN}/cards/${SEED_ID}.png`]);
    expect(meta("article:published_time")).toEqual(["2016-02-10"]);
    expect(meta("article:modified_time")).toEqual([]);
    expect(meta("article:section")).toEqual(["News"]);
    expect(meta("article:tag")).toEqual(["Syria", "Russia", "United States", "Diplomacy"]);
    expect(meta("twitter:card")).toEqual(["summary_large_image"]);
    expect(meta("robots")[0]).toContain("max-image-preview:large");
  });

  it("has NewsArticle (ReportageNewsArticle) JSON-LD, field by field", () => {
    const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]!.textContent);
    const org = { "@type": "NewsMediaOrganization", name: "The Wire Desk", url: `${ORIGIN}/` };
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "ReportageNewsArticle",
      headline: seed.headline,
      description: seed.standfirst,
      datePublished: "2016-02-10",
      dateModified: "2016-02-10",
      inLanguage: "en",
      timeRequired: "PT3M",
      isAccessibleForFree: true,
      publisher: {
        ...org,
        logo: { "@type": "ImageObject", url: `${ORIGIN}/logo.png`, width: 512, height: 512 },
        masthead: `${ORIGIN}/about/`,
        correctionsPolicy: `${ORIGIN}/corrections-policy/`,
        noBylinesPolicy: `${ORIGIN}/ethics/`,
      },
      // Wire copy without a named writer: credited to the publisher.
      author: org,
      isBasedOn: "https://www.newarab.com/news/russian-air-raids-damaging-syria-peace-talks-says-kerry",
      sourceOrganization: { "@type": "NewsMediaOrganization", name: "The New Arab" },
    });
    const words = seedParagraphs.join(" ").split(/\s+/).length;
    expect(Math.abs(data.wordCount - words)).toBeLessThanOrEqual(5);
    expect(data.image[0]).toMatchObject({
      "@type": "ImageObject",
      url: `${ORIGIN}/cards/${SEED_ID}.png`,
      width: 1200,
      height: 630,
    });
    // The seed's photographs are not on file: no ImageObject may pretend otherwise.
    expect(data.image).toHaveLength(1);
  });

  it("lists figure photographs with caption and credit when an article has them", async () => {
    const fixture = await page(dist, "articles/fixture-photo-story");
    const data = JSON.parse(fixture.querySelector('script[type="application/ld+json"]')!.textContent);
    expect(data.dateModified).toBe("2026-11-21");
    expect(data.image.slice(1)).toEqual([
      expect.objectContaining({ caption: "A hero photo with emphasis in its caption", creditText: "Test Agency" }),
      expect.objectContaining({ caption: "An inline photo, captioned", creditText: "Fixture Photos" }),
    ]);
    for (const image of data.image) expect(fileFor(dist, image.url, "/"), image.url).toBeDefined();
  });

  it("keeps a headline holding </script> inert: one data script, same text back", async () => {
    const html = await read(dist, `articles/${HOSTILE_ID}/index.html`);
    const doc = parseDocument(html);
    expect(doc.querySelectorAll("script")).toHaveLength(1);
    const data = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent);
    expect(data.headline).toBe(HOSTILE_HEADLINE);
    expect(textOf(doc.querySelector("h1"))).toBe(HOSTILE_HEADLINE);
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute("content")).toBe(HOSTILE_HEADLINE);
  });
});

describe("the feeds", () => {
  it("RSS 2.0: newest first, full content with every seed paragraph, stable guid", async () => {
    const text = await read(dist, "rss.xml");
    expect(SyntaxValidator.validate(text)).toBe(true);
    const channel = xml.parse(text).rss.channel;
    const items = channel.item;
    expect(items.length).toBeLessThanOrEqual(50);
    const dates = items.map((i: { pubDate: string }) => Date.parse(i.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const item = items.find((i: { title: string }) => i.title === seed.headline);
    expect(item.link).toBe(`${ORIGIN}/articles/${SEED_ID}/`);
    expect(item.guid).toEqual({ "#text": `tag:example.org,2016-02-10:/articles/${SEED_ID}`, "@_isPermaLink": "false" });
    expect(item.pubDate).toBe("Wed, 10 Feb 2016 00:00:00 GMT");
    const content = foldSpace(htmlToText(item["content:encoded"]));
    for (const p of seedParagraphs) expect(content).toContain(foldSpace(p));
    expect(content).toContain(seed.heroCaption.replace(/ \[Getty\]$/, ""));
    expect(item["content:encoded"]).not.toMatch(/<script|<picture|<source|\sid=/i);
  });

  it("Atom 1.0 and JSON Feed 1.1 carry the same items and content", async () => {
    const atomText = await read(dist, "atom.xml");
    expect(SyntaxValidator.validate(atomText)).toBe(true);
    const atom = xml.parse(atomText).feed;
    const json = JSON.parse(await read(dist, "feed.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(atom.entry.map((e: { id: string }) => e.id)).toEqual(json.items.map((i: { id: string }) => i.id));
    const entry = atom.entry.find((e: { title: { "#text": string } }) => e.title["#text"] === seed.headline);
    const item = json.items.find((i: { title: string }) => i.title === seed.headline);
    expect(entry.published).toBe("2016-02-10T00:00:00Z");
    expect(item.date_published).toBe("2016-02-10T00:00:00Z");
    for (const html of [entry.content["#text"], item.content_html]) {
      const content = foldSpace(htmlToText(html));
      for (const p of seedParagraphs) expect(content).toContain(foldSpace(p));
    }
    expect(item.content_html.trim()).toBe(entry.content["#text"].trim());
  });

  it("feeds an article's photos as absolute JPEG links with their captions", async () => {
    const json = JSON.parse(await read(dist, "feed.json"));
    const item = json.items.find((i: { url: string }) => i.url.endsWith("/fixture-photo-story/"));
    const srcs = [...item.content_html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toHaveLength(2);
    for (const src of srcs) expect(fileFor(dist, src, "/"), src).toBeDefined();
    expect(item.content_html).toContain("An inline photo, captioned");
    expect(item.date_modified).toBe("2026-11-21T00:00:00Z");
  });
});

describe("the feeds' 50-item limit", () => {
  /** Every article page the build made (not the redirects at former addresses), with its date. */
  async function builtArticles(): Promise<Array<{ url: string; published: number }>> {
    const articles = [];
    for (const slug of await readdir(join(dist, "articles"))) {
      const doc = await page(dist, `articles/${slug}`);
      if (doc.querySelector('meta[http-equiv="refresh"]') || doc.querySelector("[data-withdrawn]")) continue;
      const datetime = doc.querySelector(".article-header time")?.getAttribute("datetime");
      expect(datetime, slug).toBeTruthy();
      articles.push({ url: `${ORIGIN}/articles/${slug}/`, published: Date.parse(datetime!) });
    }
    return articles;
  }

  it("RSS, Atom and JSON Feed each carry exactly the newest 50 articles, dropping the oldest", async () => {
    const articles = (await builtArticles()).sort((a, b) => b.published - a.published);
    // The fixtures make more articles than a feed carries, and the cut falls between two days.
    expect(articles.length).toBeGreaterThan(50);
    expect(articles[49]!.published).toBeGreaterThan(articles[50]!.published);
    const newest = articles.slice(0, 50).map((a) => a.url);
    const feeds = {
      rss: xml.parse(await read(dist, "rss.xml")).rss.channel.item.map((i: { link: string }) => i.link),
      atom: xml
        .parse(await read(dist, "atom.xml"))
        .feed.entry.map((e: { link: { "@_href": string } }) => e.link["@_href"]),
      json: JSON.parse(await read(dist, "feed.json")).items.map((i: { url: string }) => i.url),
    };
    for (const [name, urls] of Object.entries(feeds)) {
      expect(urls, name).toHaveLength(50);
      expect([...urls].sort(), name).toEqual([...newest].sort());
    }
    // The archive fillers are the oldest articles: the ones left out are the oldest of them.
    const dropped = articles.length - 50;
    expect(dropped).toBeLessThan(FILLER_COUNT);
    const left = Array.from({ length: FILLER_COUNT }, (_, i) => `${ORIGIN}/articles/${fillerId(i + 1)}/`);
    for (const [name, urls] of Object.entries(feeds)) {
      expect(
        left.filter((url) => !urls.includes(url)),
        name,
      ).toEqual(left.slice(0, dropped));
    }
  });
});

describe("sitemaps and robots.txt", () => {
  it("every sitemap URL resolves to a built page; articles carry lastmod", async () => {
    const index = xml.parse(await read(dist, "sitemap-index.xml")).sitemapindex.sitemap;
    const urls = [];
    for (const { loc } of index) {
      const file = fileFor(dist, loc, "/");
      expect(file, loc).toBeDefined();
      urls.push(...xml.parse(await readFile(file!, "utf8")).urlset.url);
    }
    expect(urls.length).toBeGreaterThan(5);
    for (const { loc } of urls) expect(fileFor(dist, loc, "/"), loc).toMatch(/index\.html$/);
    const seedUrl = urls.find((u: { loc: string }) => u.loc === `${ORIGIN}/articles/${SEED_ID}/`);
    expect(seedUrl.lastmod).toBe("2016-02-10T00:00:00.000Z");
    expect(urls.find((u: { loc: string }) => u.loc.includes("fixture-photo-story")).lastmod).toBe(
      "2026-11-21T00:00:00.000Z",
    );
    expect(urls.some((u: { loc: string }) => /\/(search|404)\//.test(u.loc))).toBe(false);
  });

  it("the news sitemap holds exactly the articles of the last two days", async () => {
    const text = await read(dist, "news-sitemap.xml");
    expect(SyntaxValidator.validate(text)).toBe(true);
    // Only the fixture published an hour before the build and the one whose embargo lifted a
    // day before it are that recent (the other is three days old, every other article older).
    const urls = xml.parse(text).urlset.url as Array<{ loc: string }>;
    expect(urls.map((u) => u.loc).sort()).toEqual(
      [`${ORIGIN}/articles/${RECENT_NEWS_ID}/`, `${ORIGIN}/articles/${DAY_IDS.lifted}/`].sort(),
    );
    expect(urls.filter((u) => u.loc.endsWith(`/${RECENT_NEWS_ID}/`))).toEqual([
      {
        loc: `${ORIGIN}/articles/${RECENT_NEWS_ID}/`,
        "news:news": {
          "news:publication": { "news:name": "The Wire Desk", "news:language": "en" },
          "news:publication_date": recentNewsPublished(buildStart),
          "news:title": RECENT_NEWS_HEADLINE,
        },
      },
    ]);
    expect(text).not.toContain(OLDER_NEWS_ID);
  });

  it("robots.txt names both sitemaps", async () => {
    const robots = await read(dist, "robots.txt");
    expect(robots).toContain(`Sitemap: ${ORIGIN}/sitemap-index.xml`);
    expect(robots).toContain(`Sitemap: ${ORIGIN}/news-sitemap.xml`);
  });
});

describe("social cards", () => {
  it("one 1200×630 PNG per article, not blank", async () => {
    const folders = await readdir(join(dist, "articles"));
    // Not the redirect pages at renamed articles' old addresses (src/hosting/site-files.ts).
    // Nor withdrawn articles' notices: they have no card.
    const isRedirect = async (a: string) =>
      /http-equiv="refresh"|data-withdrawn=/.test(await read(dist, `articles/${a}/index.html`));
    const articles = (await Promise.all(folders.map(async (a) => ((await isRedirect(a)) ? [] : [a])))).flat();
    const cards = await readdir(join(dist, "cards"));
    expect(cards.sort()).toEqual(articles.map((a) => `${a}.png`).sort());
    for (const card of [`${SEED_ID}.png`, `${HOSTILE_ID}.png`]) {
      const image = sharp(join(dist, "cards", card));
      expect(await image.metadata()).toMatchObject({ format: "png", width: 1200, height: 630 });
      const { channels } = await image.stats();
      expect(channels[0]!.stdev, card).toBeGreaterThan(20);
    }
  });
});

describe("topics, archive and related articles", () => {
  it("links the article's section and tags to their pages, which list it", async () => {
    const doc = await page(dist, `articles/${SEED_ID}`);
    const links = [...doc.querySelectorAll(".kicker a, .tags a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual([
      "/sections/news/",
      "/tags/syria/",
      "/tags/russia/",
      "/tags/united-states/",
      "/tags/diplomacy/",
    ]);
    for (const link of links) {
      const topic = await page(dist, link!);
      const listed = [...topic.querySelectorAll(".article-list a")].map((a) => a.getAttribute("href"));
      expect(listed, link!).toContain(`/articles/${SEED_ID}/`);
    }
  });

  it("links the article to its year in the archive", async () => {
    const doc = await page(dist, `articles/${SEED_ID}`);
    expect(doc.querySelector(".archive-link a")?.getAttribute("href")).toBe("/archive/2016/");
    const year = await page(dist, "archive/2016");
    const listed = [...year.querySelectorAll(".article-list a")].map((a) => a.getAttribute("href"));
    expect(listed).toContain(`/articles/${SEED_ID}/`);
  });

  it("paginates 20 to a page, newest first, with next and previous links", async () => {
    const first = await page(dist, "tags/pagination-briefs");
    const second = await page(dist, "tags/pagination-briefs/2");
    expect(textOf(first.querySelector("h1"))).toBe(BRIEF_TAG);
    const headlines = (doc: Document) => [...doc.querySelectorAll(".article-list h2")].map(textOf);
    expect(headlines(first)).toHaveLength(20);
    expect(headlines(first)[0]).toBe(`Brief number ${BRIEF_COUNT}`);
    expect(headlines(second)).toEqual(["Brief number 1"]);
    expect(first.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/tags/pagination-briefs/2/");
    expect(second.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/tags/pagination-briefs/");
    expect(existsSync(join(dist, "archive/2015/2/index.html"))).toBe(true);
    expect(existsSync(join(dist, "sections/briefs/2/index.html"))).toBe(true);
  });

  it("the archive lists every year, section and topic", async () => {
    const doc = await page(dist, "archive");
    const hrefs = [...doc.querySelectorAll(".archive-links a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(
      expect.arrayContaining(["/archive/2016/", "/archive/2015/", "/sections/news/", "/tags/syria/"]),
    );
    for (const href of hrefs) expect(existsSync(join(dist, href!, "index.html")), href!).toBe(true);
  });

  it("ends an article with up to three related articles sharing its tags", async () => {
    const doc = await page(dist, `articles/${SEED_ID}`);
    const related = [...doc.querySelectorAll(".related a")].map((a) => a.getAttribute("href"));
    expect(related).toEqual([`/articles/${HOSTILE_ID}/`]);
    const brief = await page(dist, "articles/fixture-brief-05");
    expect(brief.querySelectorAll(".related li")).toHaveLength(3);
  });
});

describe("search", () => {
  it("indexes article bodies only, and loads JavaScript on /search/ alone (and the CMS page, judged in admin.test.ts)", async () => {
    expect(existsSync(join(dist, "pagefind/pagefind.js"))).toBe(true);
    const article = await page(dist, `articles/${SEED_ID}`);
    expect(article.querySelector("[data-pagefind-body]")).not.toBeNull();
    const search = await page(dist, "search");
    expect(search.querySelector('script[src="/pagefind/pagefind-ui.js"]')).not.toBeNull();
    expect(textOf(search.querySelector("noscript"))).toContain("archive");
    for (const file of await htmlFiles(dist)) {
      if (file.startsWith("/search/") || file === `/${ADMIN_PAGE}`) continue;
      const doc = parseDocument(await read(dist, file));
      const active = [...doc.querySelectorAll("script")].filter(
        (s) => s.getAttribute("type") !== "application/ld+json",
      );
      expect(active, file).toHaveLength(0);
    }
  });
});

describe(`built under a sub-path (${base})`, () => {
  it("every link, asset and feed URL stays under the sub-path", async () => {
    for (const file of await htmlFiles(baseDist)) {
      const doc = parseDocument(await read(baseDist, file));
      const urls = [...doc.querySelectorAll("[href], [src], [srcset]")].flatMap((el) => [
        el.getAttribute("href") ?? "",
        el.getAttribute("src") ?? "",
        ...(el.getAttribute("srcset") ?? "").split(",").map((s) => s.trim().split(/\s+/)[0] ?? ""),
      ]);
      for (const url of urls.filter(Boolean)) {
        if (url.startsWith("#") || /^(mailto|tel):/.test(url)) continue;
        if (/^https?:/.test(url) && !url.startsWith(ORIGIN)) continue; // links to other sites
        const path = new URL(url, `${ORIGIN}${base}`).pathname;
        expect(path.startsWith(base), `${file}: ${url}`).toBe(true);
        expect(fileFor(baseDist, url, base), `${file}: ${url}`).toBeDefined();
      }
    }
  });

  it("feeds, sitemaps, robots.txt, cards and JSON-LD use the sub-path", async () => {
    const rss = xml.parse(await read(baseDist, "rss.xml")).rss.channel;
    expect(rss.link).toBe(`${ORIGIN}${base}`);
    expect(rss.item.every((i: { link: string }) => i.link.startsWith(`${ORIGIN}${base}articles/`))).toBe(true);
    const robots = await read(baseDist, "robots.txt");
    expect(robots).toContain(`Sitemap: ${ORIGIN}${base}sitemap-index.xml`);
    const index = xml.parse(await read(baseDist, "sitemap-index.xml")).sitemapindex.sitemap;
    for (const { loc } of index) {
      const file = fileFor(baseDist, loc, base);
      expect(file, loc).toBeDefined();
      for (const { loc: url } of xml.parse(await readFile(file!, "utf8")).urlset.url) {
        expect(fileFor(baseDist, url, base), url).toBeDefined();
      }
    }
    const doc = await page(baseDist, `articles/${SEED_ID}`);
    expect(doc.querySelector('meta[property="og:image"]')?.getAttribute("content")).toBe(
      `${ORIGIN}${base}cards/${SEED_ID}.png`,
    );
    const data = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent);
    expect(data.url).toBe(`${ORIGIN}${base}articles/${SEED_ID}/`);
    expect(data.publisher.logo.url).toBe(`${ORIGIN}${base}logo.png`);
    expect(fileFor(baseDist, data.publisher.logo.url, base)).toBeDefined();
  });
});
