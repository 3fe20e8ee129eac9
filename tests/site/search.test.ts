/**
 * Search in Chromium: typing a word from the seed's body lists the seed, at the root
 * and under a sub-path; with JavaScript off the page says so and links to the archive.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertBrowserAvailable, haveChrome, launchChrome } from "../helpers/browser.ts";
import { SEED_ID } from "../helpers/seed.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

assertBrowserAvailable();

const builds = [
  { name: "at the root", dir: inject("site"), base: "/" },
  { name: `under ${inject("siteBase").base}`, dir: inject("siteBase").dir, base: inject("siteBase").base },
];

describe.skipIf(!haveChrome)("search in Chromium", () => {
  let browser: Browser;
  const servers: StaticServer[] = [];

  beforeAll(async () => {
    browser = await launchChrome();
    for (const build of builds) servers.push(await serveStatic(build.dir, build.base));
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  builds.forEach((build, i) => {
    it(`${build.name}: typing a word from the seed's body lists the seed`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("requestfailed", (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
      page.on("response", (r) => r.status() >= 400 && problems.push(`${r.url()}: ${r.status()}`));
      await page.goto(`${servers[i]!.url}${build.base}search/`);
      const input = page.getByRole("searchbox").or(page.locator("input.pagefind-ui__search-input")).first();
      // Typed as a reader types, key by key: results must follow without pressing Enter.
      await input.pressSequentially("Lavrov", { delay: 40 });
      const result = page.locator(`.pagefind-ui__result-link[href="${build.base}articles/${SEED_ID}/"]`);
      await result.waitFor({ timeout: 15_000 });
      expect(await result.textContent()).toContain("Russian air raids damaging Syria peace talks");
      expect(problems).toEqual([]);
      await page.close();
    });
  });

  it("without JavaScript, says search needs it and links to the archive", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${servers[0]!.url}/search/`);
    const notice = page.locator(".search-noscript");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain("needs JavaScript");
    expect(await notice.locator("a").getAttribute("href")).toBe("/archive/");
    await context.close();
  });
});
