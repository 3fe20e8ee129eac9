/**
 * A newsroom's day in the built site (tests/helpers/newsroom-day-fixtures.ts, built on the
 * clock global-setup sets): a draft and an article embargoed until 2999 are left out of
 * everything; an article whose embargo lifted yesterday is everywhere; a withdrawn one
 * keeps only a notice; a corrected one shows and declares its corrections. Then the
 * preview build, which shows the held ones under banners and invites no crawler.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nginxConfigForBuild } from "../../src/hosting/nginx.ts";
import { assertBrowserAvailable, haveChrome, launchChrome } from "../helpers/browser.ts";
import { DAY_IDS, DAY_TEXT } from "../helpers/newsroom-day-fixtures.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const site = inject("site");
const preview = inject("sitePreview");

const TEXT_FILE = /\.(html|xml|json|txt|css|js|mjs|svg|webmanifest)$|(^|\/)_(headers|redirects)$/;

/** Every file of a built site as text: pages, feeds, host files, and the search index unpacked. */
async function siteTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(dir, join(entry.parentPath, entry.name));
    const bytes = await readFile(join(dir, file));
    if (TEXT_FILE.test(file)) texts.set(file, bytes.toString("utf8"));
    // Pagefind's index files are gzip-compressed.
    else if (/^pagefind\/.*\.pf_(fragment|index|meta|filter)$/.test(file))
      texts.set(file, gunzipSync(bytes).toString("utf8"));
    else texts.set(file, "");
  }
  return texts;
}

/** The files whose name or text holds `needle`. */
function filesWith(texts: Map<string, string>, needle: string): string[] {
  return [...texts].filter(([file, text]) => file.includes(needle) || text.includes(needle)).map(([file]) => file);
}

function jsonLd(html: string): Record<string, unknown> {
  const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? "null") as Record<string, unknown>;
}

let texts: Map<string, string>;
let previewTexts: Map<string, string>;
beforeAll(async () => {
  [texts, previewTexts] = await Promise.all([siteTexts(site), siteTexts(preview)]);
});

describe("held articles (a draft, an embargo until 2999)", () => {
  for (const kind of ["draft", "embargoed"] as const) {
    it(`leaves the ${kind} article out of every file: headline, address, body, images`, () => {
      expect(texts.size).toBeGreaterThan(20);
      expect(filesWith(texts, DAY_TEXT[kind].headline)).toEqual([]);
      expect(filesWith(texts, DAY_IDS[kind])).toEqual([]);
      expect(filesWith(texts, DAY_TEXT[kind].body)).toEqual([]);
      expect(filesWith(texts, kind === "draft" ? "draft-only-hero" : "embargo-only-photo")).toEqual([]);
    });
  }
});

describe("an article whose embargo lifted yesterday", () => {
  it("is on its page, the home page, every feed, both sitemaps and the search index", () => {
    const found = filesWith(texts, `/articles/${DAY_IDS.lifted}/`);
    for (const file of [
      `articles/${DAY_IDS.lifted}/index.html`,
      "index.html",
      "rss.xml",
      "atom.xml",
      "feed.json",
      "sitemap-0.xml",
      "news-sitemap.xml",
      "tags/newsroom-day/index.html",
    ]) {
      expect(found).toContain(file);
    }
    expect(filesWith(texts, DAY_TEXT.lifted.body).some((f) => /^pagefind\/(.+\/)?fragment\//.test(f))).toBe(true);
  });
});

describe("a withdrawn article", () => {
  const page = `articles/${DAY_IDS.withdrawn}/index.html`;

  it("keeps a noindex notice at its address, saying when and why, and nothing of the story", () => {
    const html = texts.get(page)!;
    expect(html).toContain("Article withdrawn");
    expect(html).toContain('<time datetime="2026-10-05">5 October 2026</time>');
    expect(html).toContain(DAY_TEXT.withdrawn.reason.replace(/'/g, "&#39;"));
    expect(html).toMatch(/<meta name="robots" content="noindex/);
    expect(html).not.toContain("data-pagefind-body");
    expect(html).not.toContain("og:image");
    expect(html).not.toContain("application/ld+json");
  });

  it("is on no list, feed, sitemap, search index or related list; has no card, images or topic of its own", () => {
    expect(filesWith(texts, DAY_TEXT.withdrawn.headline)).toEqual([]);
    expect(filesWith(texts, DAY_TEXT.withdrawn.body)).toEqual([]);
    expect(filesWith(texts, "withdrawn-only-hero")).toEqual([]);
    // Its address is named only by its own notice page (its canonical link).
    expect(filesWith(texts, `/articles/${DAY_IDS.withdrawn}/`)).toEqual([page]);
    expect(filesWith(texts, "only-in-the-withdrawn-story")).toEqual([]);
    // The topic it shares counts the two published newsroom-day articles, not it.
    expect(texts.get("archive/index.html")).toMatch(/>Newsroom Day<\/a> <span class="count">\(2\)<\/span>/);
  });

  it("is answered 410 Gone by nginx, with its notice; _redirects leaves it to the notice page", async () => {
    const config = await nginxConfigForBuild(site, {
      root: site,
      base: "/",
      serverName: "example.org",
      https: { listen: ["443"], certificate: "/c.pem", key: "/k.pem" },
    });
    expect(config).toContain(
      `location = /articles/${DAY_IDS.withdrawn}/ { error_page 410 /articles/${DAY_IDS.withdrawn}/index.html; return 410; }`,
    );
    expect(config.match(/return 410;/g)).toHaveLength(1);
    expect(texts.get("_redirects")).not.toContain(DAY_IDS.withdrawn);
  });
});

describe("an article corrected twice", () => {
  const html = () => texts.get(`articles/${DAY_IDS.corrected}/index.html`)!;

  it("shows its corrections at the top, before the text, and its clarification as such", () => {
    const corrections = /<section class="corrections"[\s\S]*?<\/section>/.exec(html())?.[0] ?? "";
    expect(corrections).toContain("Corrections</h2>");
    expect(corrections).toContain("The vote was 7 to 4, not 4 to 7.");
    expect(corrections).toContain("The councillor&#39;s name is Ada Ng, not Ada Eng.");
    expect(corrections).not.toContain("council&#39;s statement");
    expect(html().indexOf('class="corrections"')).toBeLessThan(html().indexOf('class="article-body"'));
    expect(html()).toMatch(/Clarified <time datetime="2026-11-12">12 November 2026<\/time><\/span>: Added the council/);
  });

  it("declares each correction in its JSON-LD, and the last update as dateModified", () => {
    const data = jsonLd(html());
    expect(data.datePublished).toBe("2026-11-10T08:00:00Z");
    expect(data.dateModified).toBe("2026-11-13T16:45:00Z");
    expect(data.correction).toEqual([
      { "@type": "CorrectionComment", text: "The vote was 7 to 4, not 4 to 7.", datePublished: "2026-11-11T09:15:00Z" },
      {
        "@type": "CorrectionComment",
        text: "The councillor's name is Ada Ng, not Ada Eng.",
        datePublished: "2026-11-13T16:45:00Z",
      },
    ]);
  });

  it("carries the last correction's date as its updated date in the feeds", () => {
    const atom = texts.get("atom.xml")!;
    const entry = atom.slice(atom.indexOf(`/articles/${DAY_IDS.corrected}`));
    expect(/<updated>([^<]+)<\/updated>/.exec(entry)?.[1]).toBe("2026-11-13T16:45:00Z");
    const json = JSON.parse(texts.get("feed.json")!) as { items: Array<{ url: string; date_modified: string }> };
    const item = json.items.find((i) => i.url.endsWith(`/articles/${DAY_IDS.corrected}/`));
    expect(item?.date_modified).toBe("2026-11-13T16:45:00Z");
  });

  it("is listed on /corrections/, newest correction first, each linked to the article's corrections", () => {
    const list = texts.get("corrections/index.html")!;
    const newer = list.indexOf("Ada Ng");
    const older = list.indexOf("7 to 4");
    expect(newer).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(newer);
    expect(list.match(new RegExp(`href="/articles/${DAY_IDS.corrected}/#corrections-heading"`, "g"))).toHaveLength(2);
  });
});

describe("the preview build (npm run preview:drafts)", () => {
  it("includes the draft and the embargoed article, each under its banner", () => {
    const draft = previewTexts.get(`articles/${DAY_IDS.draft}/index.html`)!;
    expect(draft).toContain('<p class="edition-banner"><strong>Draft</strong>');
    expect(draft).toContain(DAY_TEXT.draft.body);
    const embargoed = previewTexts.get(`articles/${DAY_IDS.embargoed}/index.html`)!;
    expect(embargoed).toMatch(
      /class="edition-banner"><strong><span class="pub-date">Embargoed until <time datetime="2999-01-01T09:00:00\+01:00">1 January 2999 at 08:00 UTC/,
    );
    expect(previewTexts.get(`articles/${DAY_IDS.lifted}/index.html`)).not.toContain('class="edition-banner"');
  });

  it("asks for no page to be indexed, and has no feed, sitemap or crawlable robots.txt", () => {
    const pages = [...previewTexts.keys()].filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) expect(previewTexts.get(file), file).toMatch(/<meta name="robots" content="noindex/);
    const files = [...previewTexts.keys()];
    expect(files.filter((f) => /(rss|atom|sitemap[^/]*)\.xml$|feed\.json$/.test(f))).toEqual([]);
    expect(previewTexts.get("robots.txt")).toBe("User-agent: *\nDisallow: /\n");
    expect(filesWith(previewTexts, "rss.xml")).toEqual([]);
  });

  it("still shows only the notice of a withdrawn article", () => {
    expect(filesWith(previewTexts, DAY_TEXT.withdrawn.body)).toEqual([]);
  });
});

assertBrowserAvailable();

describe.skipIf(!haveChrome)("in Chromium, with axe", () => {
  let browser: Browser;
  let servers: StaticServer[];
  beforeAll(async () => {
    [browser, ...servers] = await Promise.all([launchChrome(), serveStatic(site), serveStatic(preview)]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all((servers ?? []).map((s) => s.close()));
  });

  const cases = [
    { name: "the corrections page", server: 0, path: "/corrections/", visible: "ul.corrections-list" },
    {
      name: "a draft's banner in the preview",
      server: 1,
      path: `/articles/${DAY_IDS.draft}/`,
      visible: ".edition-banner",
    },
    {
      name: "an embargo's banner in the preview",
      server: 1,
      path: `/articles/${DAY_IDS.embargoed}/`,
      visible: ".edition-banner",
    },
  ];
  for (const c of cases) {
    it(`${c.name}: visible, no axe violations, no errors, no JavaScript`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("response", (r) => r.status() >= 400 && problems.push(`${r.url()}: ${r.status()}`));
      const scripts: string[] = [];
      page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
      await page.goto(`${servers[c.server]!.url}${c.path}`);
      expect(await page.locator(c.visible).isVisible()).toBe(true);
      const axe = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
      expect(problems).toEqual([]);
      expect(scripts).toEqual([]);
      await context.close();
    });
  }
});
