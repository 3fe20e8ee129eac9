/**
 * The last steps over a built site: redirect pages and `_redirects` for renamed
 * articles, `_headers` (with the header policy made from every page's own), then the
 * output checks (src/checks/output/). Run after `astro build` by `npm run build`
 * (./pipeline.ts), or inside a plain `astro build` by the publish-guard integration.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CheckedArticle } from "../checks/content/index.ts";
import { outputProblems } from "../checks/output/index.ts";
import { scanSite } from "../checks/output/site-scan.ts";
import {
  articleRedirects,
  headerRules,
  redirectPageHtml,
  renderHeadersFile,
  renderRedirectsFile,
  sitePolicyOf,
} from "../hosting/site-files.ts";
import { projectCaches } from "./cache.ts";
import { FileHashes } from "./file-hashes.ts";
import type { SearchSettings } from "./search-index.ts";

/** What the last steps need from Astro's resolved configuration. */
export interface FinishSettings {
  base: string;
  site: string | undefined;
  lang: string;
  /** The project root, whose cache folder the output checks use (src/build/cache.ts). */
  root: string;
  articles: CheckedArticle[];
  /** What the search index holds and how it is split (./search-index.ts). */
  search: SearchSettings;
}

/** Writes `_redirects` and a redirect page at each old address; returns how many. */
async function writeRedirects(
  dir: string,
  articles: readonly CheckedArticle[],
  base: string,
  site: string | undefined,
  lang: string,
): Promise<number> {
  const redirects = articleRedirects(articles, base);
  await writeFile(join(dir, "_redirects"), renderRedirectsFile(redirects));
  for (const redirect of redirects) {
    const below = redirect.from.slice(base.replace(/\/$/, "").length);
    const page = join(dir, ...below.split("/").filter(Boolean), "index.html");
    if (existsSync(page)) throw new Error(`formerSlugs: ${redirect.from} is a page of the site; it cannot redirect`);
    await mkdir(dirname(page), { recursive: true });
    const absolute = site ? new URL(redirect.to, site).href : redirect.to;
    await writeFile(page, redirectPageHtml(redirect.to, absolute, lang));
  }
  return redirects.length;
}

/**
 * Writes the host files into the built site in `out`, then checks it. Returns every
 * problem found; the site may be published only when there is none.
 */
export async function finishSite(
  out: string,
  settings: FinishSettings,
  log: (message: string) => void,
  { scanWorkers }: { scanWorkers?: number } = {},
): Promise<string[]> {
  const { base, site, articles } = settings;
  const caches = projectCaches(settings.root);
  // Files reused from the published build are known by their identity, and not read again.
  const hashes = await FileHashes.openBuilt(caches);
  const count = await writeRedirects(out, articles, base, site, settings.lang);
  // One read of the whole site serves the header policy and every output check.
  const scan = await scanSite(out, { caches, hashes, workers: scanWorkers });
  const { header } = sitePolicyOf(scan);
  await writeFile(join(out, "_headers"), renderHeadersFile(await headerRules(out, base, header)));
  log(`wrote _headers and _redirects (${count} renamed article address${count === 1 ? "" : "es"})`);
  const problems = await outputProblems(out, { base, site, caches, articles, hashes }, scan);
  await hashes.save();
  return problems;
}
