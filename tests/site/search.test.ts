/**
 * Search in Chromium: typing a word from the seed's body lists the seed, at the root
 * and under a sub-path; a word in articles of two shards lists both (the index is split
 * by year at the root and every few articles under the sub-path, see global-setup.ts);
 * with JavaScript off the page says so and links to the archive.
 */
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertBrowserAvailable, haveChrome, launchChrome } from "../helpers/browser.ts";
import { FIXTURE_ID } from "../helpers/fixtures.ts";
import { SEED_ID } from "../helpers/seed.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

assertBrowserAvailable();

const builds = [
  { name: "at the root", dir: inject("site"), base: "/" },
  { name: `under ${inject("siteBase").base}`, dir: inject("siteBase").dir, base: inject("siteBase").base },
];

/** The shard folder (below pagefind/) whose fragments hold the article at `url`. */
async function shardOf(dir: string, url: string): Promise<string[]> {
  const folders = new Set<string>();
  for (const entry of await readdir(join(dir, "pagefind"), { recursive: true, withFileTypes: true })) {
    if (!entry.name.endsWith(".pf_fragment")) continue;
    const text = gunzipSync(await readFile(join(entry.parentPath, entry.name))).toString("utf8");
    if (text.includes(`"url":"${url}"`)) folders.add(relative(join(dir, "pagefind"), join(entry.parentPath, "..")));
  }
  return [...folders];
}

/** Opens the search page and fails the test on any error the page reports. */
async function searchPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("requestfailed", (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.url()}: ${r.status()}`));
  await page.goto(url);
  return { page, problems };
}

const searchBox = (page: Page) =>
  page.getByRole("searchbox").or(page.locator("input.pagefind-ui__search-input")).first();

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
      const { page, problems } = await searchPage(browser, `${servers[i]!.url}${build.base}search/`);
      // Typed as a reader types, key by key: results must follow without pressing Enter.
      await searchBox(page).pressSequentially("Lavrov", { delay: 40 });
      const result = page.locator(`.pagefind-ui__result-link[href="${build.base}articles/${SEED_ID}/"]`);
      await result.waitFor({ timeout: 15_000 });
      expect(await result.textContent()).toContain("Russian air raids damaging Syria peace talks");
      expect(problems).toEqual([]);
      await page.close();
    });

    it(`${build.name}: a word in articles of two shards lists both`, async () => {
      // The seed (2016) and the photo story (2026) credit Getty; the index has them apart.
      const [seedShard, photoShard] = await Promise.all([
        shardOf(build.dir, `/articles/${SEED_ID}/`),
        shardOf(build.dir, `/articles/${FIXTURE_ID}/`),
      ]);
      expect(seedShard).toHaveLength(1);
      expect(photoShard).toHaveLength(1);
      expect(seedShard).not.toEqual(photoShard);
      const { page, problems } = await searchPage(browser, `${servers[i]!.url}${build.base}search/`);
      await searchBox(page).pressSequentially("Getty", { delay: 40 });
      for (const id of [SEED_ID, FIXTURE_ID])
        await page
          .locator(`.pagefind-ui__result-link[href="${build.base}articles/${id}/"]`)
          .waitFor({ timeout: 15_000 });
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
