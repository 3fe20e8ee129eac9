/**
 * Every page in Chromium, served over loopback as a static host would: no console
 * errors, no failed requests, no axe violations in light and dark, and screenshots at
 * phone and desktop widths (and print) for a person to look at.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertBrowserAvailable, haveChrome, launchChrome } from "../helpers/browser.ts";
import { projectRoot } from "../helpers/build.ts";
import { FIXTURE_ID } from "../helpers/fixtures.ts";
import { SEED_ID } from "../helpers/seed.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const shotDir = join(projectRoot, "test-output/screenshots");

const sites = [
  {
    name: "seed",
    dist: inject("seedSite"),
    pages: [
      { name: "home", path: "/", status: 200 },
      { name: "article", path: `/articles/${SEED_ID}/`, status: 200 },
      { name: "404", path: "/no-such-page/", status: 404 },
    ],
  },
  {
    name: "images",
    dist: inject("imageSite"),
    pages: [{ name: "article", path: `/articles/${FIXTURE_ID}/`, status: 200 }],
  },
];

assertBrowserAvailable();

describe.skipIf(!haveChrome)("in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChrome();
    await mkdir(shotDir, { recursive: true });
  });
  afterAll(async () => browser?.close());

  /** Opens a page, recording console errors and failed requests other than the page's own expected status. */
  async function open(
    server: StaticServer,
    path: string,
    status: number,
    viewport: { width: number; height: number },
    colorScheme: "light" | "dark",
  ) {
    const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
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
    return { context, page, problems };
  }

  async function brokenImages(page: Page): Promise<string[]> {
    return page.$$eval("img", (imgs) =>
      imgs.filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.currentSrc || img.src),
    );
  }

  for (const site of sites) {
    describe(`the ${site.name} site`, () => {
      let server: StaticServer;
      beforeAll(async () => {
        server = await serveStatic(site.dist);
      });
      afterAll(async () => server?.close());

      for (const spec of site.pages) {
        for (const width of [390, 1280]) {
          for (const scheme of ["light", "dark"] as const) {
            it(`${spec.name} at ${width}px, ${scheme}: clean console, no failed requests, 0 axe violations`, async () => {
              const { context, page, problems } = await open(
                server,
                spec.path,
                spec.status,
                { width, height: 900 },
                scheme,
              );
              try {
                expect(problems).toEqual([]);
                expect(await brokenImages(page)).toEqual([]);
                // Nothing sideways-scrolls at phone width.
                expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
                const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
                const summary = axe.violations.map(
                  (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
                );
                expect(summary).toEqual([]);
                await page.screenshot({
                  path: join(shotDir, `${site.name}-${spec.name}-${width}-${scheme}.png`),
                  fullPage: true,
                });
              } finally {
                await context.close();
              }
            });
          }
        }

        it(`${spec.name} printed: keeps captions, credits, date and URL; drops navigation`, async () => {
          const { context, page } = await open(server, spec.path, spec.status, { width: 800, height: 1100 }, "light");
          try {
            await page.emulateMedia({ media: "print" });
            const visible = (sel: string) => page.locator(sel).first().isVisible();
            expect(await visible(".print-url")).toBe(true);
            expect(await page.locator(".skip-link").isVisible()).toBe(false);
            if (spec.name === "article") {
              for (const sel of ["time", ".figure-caption", ".figure-credit", "h1"])
                expect(await visible(sel), sel).toBe(true);
            }
            await page.screenshot({ path: join(shotDir, `${site.name}-${spec.name}-print.png`), fullPage: true });
          } finally {
            await context.close();
          }
        });
      }
    });
  }

  it("the AVIF source is the one Chromium picks for figure images", async () => {
    const server = await serveStatic(sites[1]!.dist);
    const { context, page } = await open(server, `/articles/${FIXTURE_ID}/`, 200, { width: 390, height: 900 }, "light");
    try {
      const chosen = await page.$$eval("figure img", (imgs) => imgs.map((img) => img.currentSrc));
      expect(chosen).toHaveLength(2);
      for (const src of chosen) expect(src).toMatch(/\.avif$/);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it("the skip link becomes visible on focus and moves focus to the content", async () => {
    const server = await serveStatic(sites[0]!.dist);
    const { context, page } = await open(server, `/articles/${SEED_ID}/`, 200, { width: 390, height: 900 }, "light");
    try {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.keyboard.press("Tab");
      const link = page.locator(".skip-link");
      expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await link.boundingBox();
      expect(box && box.y >= 0).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    } finally {
      await context.close();
      await server.close();
    }
  });
});
