/**
 * Every page in Chromium, served over loopback as a static host would: no console
 * errors, no failed requests, no broken images, no sideways scrolling, no axe
 * violations in light and dark, and screenshots at phone and desktop widths (and
 * print) written to test-output/screenshots for a person to look at.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertBrowserAvailable, haveChrome, launchChrome } from "../helpers/browser.ts";
import { projectRoot } from "../helpers/build.ts";
import { FIXTURE_ID } from "../helpers/fixtures.ts";
import { ARABIC_ID } from "../helpers/import-fixtures.ts";
import { AUTHOR_WITH_PHOTO, OPINION_ID } from "../helpers/newsroom-fixtures.ts";
import { SEED_ID } from "../helpers/seed.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const shotDir = join(projectRoot, "test-output/screenshots");

type Scheme = "light" | "dark";
interface Look {
  width: number;
  scheme: Scheme;
  /**
   * axe is by far the slowest step here (about a minute a run on these shared cores), so
   * it runs once per colour scheme, which is what changes contrast: light at phone width,
   * dark at desktop width. Every look is still screenshotted and checked otherwise.
   */
  axe: boolean;
}
const ALL_LOOKS: Look[] = [
  { width: 390, scheme: "light", axe: true },
  { width: 390, scheme: "dark", axe: false },
  { width: 1280, scheme: "light", axe: false },
  { width: 1280, scheme: "dark", axe: true },
];
// Pages with little of their own get the two looks that cover both widths and both schemes.
const TWO_LOOKS: Look[] = [ALL_LOOKS[0]!, ALL_LOOKS[3]!];

const PAGES = [
  { name: "article", path: `/articles/${SEED_ID}/`, status: 200, looks: ALL_LOOKS, print: true },
  { name: "photo-article", path: `/articles/${FIXTURE_ID}/`, status: 200, looks: ALL_LOOKS, print: true },
  { name: "home", path: "/", status: 200, looks: ALL_LOOKS, print: true },
  { name: "author", path: `/authors/${AUTHOR_WITH_PHOTO.id}/`, status: 200, looks: TWO_LOOKS, print: false },
  { name: "opinion", path: `/articles/${OPINION_ID}/`, status: 200, looks: ALL_LOOKS, print: false },
  { name: "standards", path: "/corrections-policy/", status: 200, looks: TWO_LOOKS, print: false },
  { name: "404", path: "/no-such-page/", status: 404, looks: TWO_LOOKS, print: false },
  { name: "topic", path: "/tags/syria/", status: 200, looks: TWO_LOOKS, print: false },
  { name: "archive", path: "/archive/", status: 200, looks: TWO_LOOKS, print: false },
  { name: "search", path: "/search/", status: 200, looks: TWO_LOOKS, print: false },
  // Right to left: one look with axe here; the layout itself is checked below at both widths.
  { name: "arabic-article", path: `/articles/${ARABIC_ID}/`, status: 200, looks: [ALL_LOOKS[0]!], print: false },
];

assertBrowserAvailable();

describe.skipIf(!haveChrome)("in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChrome(), serveStatic(inject("site"))]);
    await mkdir(shotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** One browser context per look, reused across pages: contexts are slow to make here. */
  async function contextFor(look: Look): Promise<BrowserContext> {
    const key = `${look.width}-${look.scheme}`;
    let context = contexts.get(key);
    if (!context) {
      context = await browser.newContext({ viewport: { width: look.width, height: 900 }, colorScheme: look.scheme });
      contexts.set(key, context);
    }
    return context;
  }

  /** Opens a page, recording console errors and failed requests other than the page's own expected status. */
  async function open(look: Look, path: string, status: number): Promise<{ page: Page; problems: string[] }> {
    const page = await (await contextFor(look)).newPage();
    const problems: string[] = [];
    page.on("console", (msg) => {
      // Chromium logs the page's own expected status (the 404 page's 404) as a console error.
      const expected = msg.location().url === `${server.url}${path}` && msg.text().includes(`status of ${status}`);
      if (msg.type() === "error" && !expected) problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("requestfailed", (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on("response", (res) => {
      const isPage = res.url() === `${server.url}${path}`;
      if (res.status() >= 400 && !(isPage && res.status() === status))
        problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    const response = await page.goto(`${server.url}${path}`, { waitUntil: "load" });
    expect(response?.status()).toBe(status);
    // Lazy images below the fold: scroll through so they load and are checked too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => window.scrollTo(0, 0));
    return { page, problems };
  }

  for (const spec of PAGES) {
    for (const look of spec.looks) {
      const title = `${spec.name} at ${look.width}px, ${look.scheme}: clean console and network${look.axe ? ", 0 axe violations" : ""}`;
      it(title, async () => {
        const { page, problems } = await open(look, spec.path, spec.status);
        try {
          expect(problems).toEqual([]);
          const broken = await page.$$eval("img", (imgs) =>
            imgs.filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.currentSrc || img.src),
          );
          expect(broken).toEqual([]);
          // Nothing scrolls sideways, down to a 390px phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(look.width);
          if (look.axe) {
            const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            const violations = axe.violations.map(
              (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
            );
            expect(violations).toEqual([]);
          }
          await page.screenshot({
            path: join(shotDir, `${spec.name}-${look.width}-${look.scheme}.png`),
            fullPage: true,
          });
        } finally {
          await page.close();
        }
      });
    }

    if (spec.print) {
      it(`${spec.name} printed: keeps date, captions, credits and the page URL; drops navigation`, async () => {
        const { page } = await open({ width: 800, scheme: "light", axe: false }, spec.path, spec.status);
        try {
          await page.emulateMedia({ media: "print" });
          const visible = (selector: string) => page.locator(selector).first().isVisible();
          expect(await visible(".print-url")).toBe(true);
          expect(await page.locator(".print-url").textContent()).toContain(`${spec.path}`);
          expect(await visible(".site-footer a")).toBe(false);
          expect(await page.locator(".skip-link").isVisible()).toBe(false);
          for (const selector of ["h1", "time"]) expect(await visible(selector), selector).toBe(true);
          if (spec.name.endsWith("article")) {
            for (const selector of [".figure-caption", ".figure-credit"])
              expect(await visible(selector), selector).toBe(true);
          }
          await page.screenshot({ path: join(shotDir, `${spec.name}-print.png`), fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  }

  it("Chromium picks the AVIF source for figure images", async () => {
    const { page } = await open(ALL_LOOKS[0]!, `/articles/${FIXTURE_ID}/`, 200);
    try {
      const chosen = await page.$$eval("figure img", (imgs) => imgs.map((img) => (img as HTMLImageElement).currentSrc));
      expect(chosen).toHaveLength(2);
      for (const src of chosen) expect(src).toMatch(/\.avif$/);
    } finally {
      await page.close();
    }
  });

  it.each([ALL_LOOKS[0]!, ALL_LOOKS[3]!])(
    "an Arabic article reads right to left at $width px, its own words in Arabic, inside left-to-right English site chrome, 0 axe violations",
    async (look) => {
      const { page, problems } = await open(look, `/articles/${ARABIC_ID}/`, 200);
      try {
        expect(problems).toEqual([]);
        const layout = await page.evaluate(() => {
          const $ = (selector: string) => document.querySelector(selector)!;
          const style = (selector: string) => getComputedStyle($(selector));
          /** How far the first character of an element's text sits from the element's right and left edges. */
          const firstCharGaps = (selector: string) => {
            const el = $(selector);
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let text = walker.nextNode();
            while (text && !text.textContent!.trim()) text = walker.nextNode();
            const range = document.createRange();
            const start = text!.textContent!.search(/\S/);
            range.setStart(text!, start);
            range.setEnd(text!, start + 1);
            const char = range.getBoundingClientRect();
            const box = el.getBoundingClientRect();
            return { right: Math.round(box.right - char.right), left: Math.round(char.left - box.left) };
          };
          const header = $(".site-header").getBoundingClientRect();
          const name = $(".site-name").getBoundingClientRect();
          return {
            html: {
              lang: document.documentElement.lang,
              dir: document.documentElement.dir,
              direction: style("html").direction,
            },
            article: { lang: $("article.article").getAttribute("lang"), dir: $("article.article").getAttribute("dir") },
            directions: {
              h1: style("article h1").direction,
              body: style(".article-body p").direction,
              caption: style(".figure-caption").direction,
              header: style(".site-header").direction,
              footer: style(".site-footer").direction,
              meta: style(".article-header .meta").direction,
              credit: style(".figure-credit").direction,
            },
            metaLang: $(".article-header .meta").closest("[lang]")!.getAttribute("lang"),
            words: {
              date: $(".article-header .meta .pub-date").textContent.replace(/\s+/g, " ").trim(),
              readingTime: $(".reading-time").textContent.trim(),
              credit: $(".figure-credit-label").textContent.trim(),
              share: $(".share-heading").textContent.trim(),
              skipLink: $(".skip-link").textContent.trim(),
            },
            h1: firstCharGaps("article h1"),
            paragraph: firstCharGaps(".article-body p"),
            siteNameFromLeft: Math.round(name.left - header.left - parseFloat(style(".site-header").paddingLeft)),
            scrollWidth: document.documentElement.scrollWidth,
          };
        });
        // The article is Arabic and runs right to left; the page around it stays English, left to right.
        expect(layout.html).toEqual({ lang: "en", dir: "", direction: "ltr" });
        expect(layout.article).toEqual({ lang: "ar", dir: "rtl" });
        expect(layout.directions).toEqual({
          h1: "rtl",
          body: "rtl",
          caption: "rtl",
          header: "ltr",
          footer: "ltr",
          meta: "rtl",
          credit: "rtl",
        });
        // The article's own words are Arabic, with Western digits; the site's stay English.
        expect(layout.metaLang).toBe("ar");
        expect(layout.words.date).toMatch(/^نُشر في \d{1,2} [\u0621-\u064A]+ \d{4}/);
        expect(layout.words.readingTime).toMatch(/^مدة القراءة: /);
        expect(layout.words.credit).toBe("مصدر الصورة:");
        expect(layout.words.share).toBe("شارك هذا المقال");
        expect(layout.words.skipLink).toBe("Skip to content");
        const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
        // Text starts at the right edge of its block (and a full line reaches the left).
        expect(layout.h1.right).toBeLessThanOrEqual(2);
        expect(layout.paragraph.right).toBeLessThanOrEqual(2);
        expect(layout.paragraph.left).toBeGreaterThan(100);
        // The site name starts at the left of the header, as on every other page.
        expect(Math.abs(layout.siteNameFromLeft)).toBeLessThanOrEqual(1);
        expect(layout.scrollWidth).toBeLessThanOrEqual(look.width);
        await page.screenshot({
          path: join(shotDir, `arabic-article-rtl-${look.width}-${look.scheme}.png`),
          fullPage: true,
        });
      } finally {
        await page.close();
      }
    },
  );

  it.each([ALL_LOOKS[0]!, ALL_LOOKS[3]!])(
    "a site set to Arabic is Arabic and right to left throughout at $width px, English articles left to right in it, 0 axe violations",
    async (look) => {
      const arabicSite = inject("siteBase");
      const sub = await serveStatic(arabicSite.dir, arabicSite.base);
      const page = await (await contextFor(look)).newPage();
      try {
        const problems: string[] = [];
        page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
        page.on("requestfailed", (req) => problems.push(`failed: ${req.url()}`));
        expect((await page.goto(`${sub.url}${arabicSite.base}`, { waitUntil: "load" }))?.status()).toBe(200);
        const home = await page.evaluate(() => ({
          lang: document.documentElement.getAttribute("lang"),
          dir: document.documentElement.getAttribute("dir"),
          direction: getComputedStyle(document.querySelector(".site-header")!).direction,
          nav: [...document.querySelectorAll(".site-nav a")].map((a) => a.textContent.trim()).slice(-2),
          skipLink: document.querySelector(".skip-link")!.textContent.trim(),
          latest: document.querySelector("#latest-heading")?.textContent!.trim(),
          scrollWidth: document.documentElement.scrollWidth,
        }));
        expect(home).toEqual({
          lang: arabicSite.lang,
          dir: "rtl",
          direction: "rtl",
          nav: ["الأرشيف", "بحث"],
          skipLink: "انتقل إلى المحتوى",
          latest: "آخر الأخبار",
          scrollWidth: expect.any(Number),
        });
        expect(home.scrollWidth).toBeLessThanOrEqual(look.width);
        const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
        await page.screenshot({ path: join(shotDir, `arabic-site-home-${look.width}-${look.scheme}.png`) });
        // An English article on the Arabic site: its own words English, left to right.
        await page.goto(`${sub.url}${arabicSite.base}articles/${SEED_ID}/`, { waitUntil: "load" });
        const article = await page.evaluate(() => ({
          dir: document.querySelector("article.article")!.getAttribute("dir"),
          readingTime: document.querySelector(".reading-time")!.textContent.trim(),
          footerDirection: getComputedStyle(document.querySelector(".site-footer")!).direction,
        }));
        expect(article).toEqual({
          dir: "ltr",
          readingTime: expect.stringMatching(/^\d+ min read$/),
          footerDirection: "rtl",
        });
        await page.screenshot({ path: join(shotDir, `arabic-site-english-article-${look.width}-${look.scheme}.png`) });
        expect(problems).toEqual([]);
      } finally {
        await page.close();
        await sub.close();
      }
    },
  );

  it("the skip link shows on focus and moves focus to the content", async () => {
    const { page } = await open(ALL_LOOKS[0]!, `/articles/${SEED_ID}/`, 200);
    try {
      await page.keyboard.press("Tab");
      const link = page.locator(".skip-link");
      expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await link.boundingBox();
      expect(box !== null && box.y >= 0).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    } finally {
      await page.close();
    }
  });
});
