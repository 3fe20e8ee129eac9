/**
 * Never publish a broken or unsafe site. Runs inside every `astro build` (and
 * `npm run build`, which also builds into a temporary folder and only then replaces
 * dist/: see src/cli/build.ts):
 *
 * - before anything renders (`astro:config:setup`): the content check
 *   (src/checks/content/), which reports every problem in every file and stops the build;
 *   in `astro dev` it only warns;
 * - when the pages are written (`astro:build:done`, after the other integrations): the
 *   host files (`_headers`, `_redirects`, redirect pages for renamed articles), then the
 *   output checks: the pages a host needs exist, no image carries EXIF/GPS/XMP/IPTC
 *   metadata, every page has a Content-Security-Policy without 'unsafe-inline', no
 *   markup has event-handler attributes or javascript: URLs, and every link, image and
 *   #fragment resolves. Any failure fails the build.
 */
import type { AstroIntegration } from "astro";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedMetadata, RASTER_EXTENSIONS } from "../checks/images.ts";
import { checkReferences, formatBrokenLink } from "../checks/output/link-check.ts";
import { articleImagesPlugin } from "./article-images.ts";
import { documentProblems, scanSite, type SiteScan } from "../checks/output/site-scan.ts";
import { CHECKED_CONTENT_ENV, checkContent, formatReport, type CheckedArticle } from "../checks/content/index.ts";
import { site as siteConfig } from "../site.config.ts";
import { listPublished, replacedPages } from "../checks/content/public-files.ts";
import { symlinkProblems } from "../checks/content/symlinks.ts";
import { ARTICLES_DIR } from "../model/article-schema.ts";
import {
  articleRedirects,
  headerRules,
  redirectPageHtml,
  renderHeadersFile,
  renderRedirectsFile,
  sitePolicyOf,
} from "../hosting/site-files.ts";

/** Files a static host needs at the top of the site. */
const REQUIRED_FILES = ["index.html", "404.html"];

export interface OutputCheckOptions {
  base: string;
  site?: string | undefined;
  /** Where hashes of images already found free of metadata are kept between builds. */
  cacheFile?: string | undefined;
  /** The articles built, so a problem in an article's page names the article's file. */
  articles?: readonly Pick<CheckedArticle, "id" | "file">[] | undefined;
}

/**
 * `file` (a path in the built site), followed by the source file it was made from when
 * it is an article's page or social card: that is the file to fix.
 */
export function withSource(file: string, articles: readonly Pick<CheckedArticle, "id" | "file">[] = []): string {
  const page = /^articles\/([^/]+)\/index\.html$|^cards\/([^/]+)\.png$/.exec(file);
  const id = page?.[1] ?? page?.[2];
  const source = id === undefined ? undefined : articles.find((a) => a.id === id);
  return source ? `${file} (from ${source.file})` : file;
}

const IMAGE_BATCH = 16;

async function loadCleanImages(file: string | undefined): Promise<Set<string>> {
  if (!file) return new Set();
  try {
    return new Set(JSON.parse(await readFile(file, "utf8")) as string[]);
  } catch {
    return new Set(); // no cache yet, or an unreadable one: check every image
  }
}

async function saveCleanImages(file: string | undefined, clean: Set<string>): Promise<void> {
  if (!file) return;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify([...clean]));
}

/**
 * Every reason the built site in `dir` must not be published (empty when it may).
 * `scan` is the site as read by scanSite (read here when not given).
 */
export async function outputProblems(dir: string, options: OutputCheckOptions, scan?: SiteScan): Promise<string[]> {
  scan ??= await scanSite(dir);
  const problems: string[] = [];
  const named = (file: string) => withSource(file, options.articles);
  const files = new Set(scan.files);
  for (const link of scan.links)
    problems.push(`${link}: is a symbolic link, and a host would follow it to files never checked`);
  for (const required of REQUIRED_FILES) {
    if (!files.has(required)) problems.push(`${required} is missing: the build is incomplete`);
  }

  const rasters = scan.files.filter((file) => RASTER_EXTENSIONS.has(extname(file).toLowerCase()));
  const clean = await loadCleanImages(options.cacheFile);
  const seen = new Set<string>();
  // Images in parallel (sharp reads headers on its own threads), and each distinct image
  // only once ever: a file whose bytes were found clean before is clean now.
  for (let i = 0; i < rasters.length; i += IMAGE_BATCH) {
    await Promise.all(
      rasters.slice(i, i + IMAGE_BATCH).map(async (file) => {
        const bytes = await readFile(join(dir, file));
        const key = createHash("sha256").update(bytes).digest("base64url");
        seen.add(key);
        if (clean.has(key)) return;
        const found = await embeddedMetadata(bytes);
        if (found.length) {
          problems.push(
            `${file} carries ${found.join(", ")} metadata: an original image (or a file from public/) would be published with it`,
          );
        } else clean.add(key);
      }),
    );
  }
  // Kept: the images of this build only, so the cache never outgrows the site.
  await saveCleanImages(options.cacheFile, new Set([...clean].filter((key) => seen.has(key))));

  for (const [file, facts] of scan.facts) {
    for (const found of documentProblems(facts)) problems.push(`${named(file)}: ${found}`);
  }

  const links = checkReferences(scan, { base: options.base, site: options.site });
  for (const link of links.broken) problems.push(`broken: ${formatBrokenLink({ ...link, file: named(link.file) })}`);
  return problems;
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
 * Set by `npm run build` to a file path: the integration then writes there what the last
 * steps need, and `npm run build` runs them (search index, host files, output checks)
 * after Astro's process has exited, so Pagefind's memory never adds to Astro's.
 */
export const FINISH_AFTER_ASTRO_ENV = "NEWSROOM_FINISH_AFTER_ASTRO";

/** What the last steps need from Astro's resolved configuration. */
export interface FinishSettings {
  base: string;
  site: string | undefined;
  lang: string;
  /** Astro's cache folder (node_modules/.astro/), where the check caches live. */
  cacheDir: string;
  articles: CheckedArticle[];
}

/**
 * The last steps over a built site: redirect pages and `_redirects`, `_headers` (with the
 * header policy made from every page's own), then the output checks. Returns every
 * problem found; the site may be published only when there is none.
 */
export async function finishSite(
  out: string,
  settings: FinishSettings,
  log: (message: string) => void,
): Promise<string[]> {
  const { base, site, cacheDir } = settings;
  const count = await writeRedirects(out, settings.articles, base, site, settings.lang);
  // One read of the whole site serves the header policy and every output check.
  const scan = await scanSite(out, { cacheFile: join(cacheDir, "page-facts.json") });
  const { header } = sitePolicyOf(scan);
  await writeFile(join(out, "_headers"), renderHeadersFile(await headerRules(out, base, header)));
  log(`wrote _headers and _redirects (${count} renamed article address${count === 1 ? "" : "es"})`);
  return outputProblems(
    out,
    { base, site, cacheFile: join(cacheDir, "clean-images.json"), articles: settings.articles },
    scan,
  );
}

export const CHECKS_PASSED =
  "output checked: required pages, no image metadata, CSP on every page, no script URLs, no broken links";

export function failedChecksMessage(problems: string[]): string {
  return `The built site failed ${problems.length} check(s), listed above; it must not be published.`;
}

export function publishGuard(options: { lang?: string } = {}): AstroIntegration {
  let articles: CheckedArticle[] = [];
  let base = "/";
  let site: string | undefined;
  let cacheDir = "node_modules/.astro";
  let publicDir: string | undefined;
  return {
    name: "newsroom:publish-guard",
    hooks: {
      "astro:config:setup": async ({ config, command, logger, updateConfig }) => {
        // Pages load only the images articles use (see ./article-images.ts).
        updateConfig({ vite: { plugins: [articleImagesPlugin(() => articles.flatMap((a) => a.images))] } });
        if (command !== "build" && command !== "dev") return;
        const alreadyChecked = process.env[CHECKED_CONTENT_ENV];
        if (command === "build" && alreadyChecked) {
          // npm run build checked every article just before starting Astro.
          articles = JSON.parse(await readFile(alreadyChecked, "utf8")) as CheckedArticle[];
          logger.info(`content checked by npm run build (${articles.length} articles)`);
          return;
        }
        const root = fileURLToPath(config.root);
        const publicDir = relative(root, fileURLToPath(config.publicDir)) || "public";
        const site = { url: config.site ?? "https://example.org", base: config.base };
        if (command === "dev") {
          // The dev server serves public/ too: a link out of the project stops it, not just a warning.
          const links = await symlinkProblems(root, [ARTICLES_DIR.split("/")[0]!, publicDir]);
          if (links.length > 0) throw new Error(links.map((l) => `${l.file}: ${l.message}`).join("\n"));
        }
        const report = await checkContent(root, { publicDir, site, settings: siteConfig });
        articles = report.articles;
        if (report.warnings.length > 0) logger.warn(`\n${formatReport({ problems: [], warnings: report.warnings })}`);
        if (report.problems.length === 0) return;
        if (command === "dev") {
          logger.warn(`content problems (a build would stop here):\n${formatReport(report)}`);
          return;
        }
        logger.error(`\n${formatReport(report)}`);
        throw new Error(
          `The content check found ${report.problems.length} problem(s), listed above with file and line; nothing was built.`,
        );
      },
      "astro:config:done": ({ config }) => {
        base = config.base;
        site = config.site;
        cacheDir = fileURLToPath(config.cacheDir);
        publicDir = fileURLToPath(config.publicDir);
      },
      "astro:build:done": async ({ dir, logger, assets }) => {
        const out = fileURLToPath(dir);
        // The content check refuses public/ files at generated paths; this catches any it
        // could not foresee, from what Astro says it wrote.
        const written = new Map<string, string>();
        for (const [route, urls] of assets) {
          for (const url of urls) written.set(relative(out, fileURLToPath(url)).split(sep).join("/"), route);
        }
        const replaced = publicDir ? replacedPages(await listPublished(publicDir), written) : [];
        if (replaced.length > 0) {
          logger.error(`\n${replaced.join("\n")}`);
          throw new Error(failedChecksMessage(replaced));
        }
        const settings: FinishSettings = { base, site, lang: options.lang ?? "en", cacheDir, articles };
        const handOver = process.env[FINISH_AFTER_ASTRO_ENV];
        if (handOver) {
          await writeFile(handOver, JSON.stringify(settings));
          return;
        }
        const problems = await finishSite(out, settings, (message) => logger.info(message));
        if (problems.length > 0) {
          logger.error(`\n${problems.join("\n")}`);
          throw new Error(failedChecksMessage(problems));
        }
        logger.info(CHECKS_PASSED);
      },
    },
  };
}
