/**
 * Never publish a broken or unsafe site. Runs inside every `astro build` (and
 * `npm run build`, which also builds into a temporary folder and only then replaces
 * dist/: see src/cli/build.ts):
 *
 * - before anything renders (`astro:config:setup`): the content check
 *   (src/lib/validate/), which reports every problem in every file and stops the build;
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
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedMetadata, RASTER_EXTENSIONS } from "../lib/images.ts";
import { scanHtml } from "../lib/html-scan.ts";
import { checkLinks, formatBrokenLink } from "../lib/link-check.ts";
import { CHECKED_CONTENT_ENV, checkContent, formatReport, type CheckedArticle } from "../lib/validate/index.ts";
import {
  articleRedirects,
  headerRules,
  pagePolicy,
  redirectPageHtml,
  renderHeadersFile,
  renderRedirectsFile,
  sitePolicy,
} from "../hosting/site-files.ts";

/** Files a static host needs at the top of the site. */
const REQUIRED_FILES = ["index.html", "404.html"];

/** Attributes whose value is a URL a browser may navigate to or load. */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "data",
  "poster",
  "xlink:href",
  "srcset",
  "background",
]);

export interface OutputCheckOptions {
  base: string;
  site?: string | undefined;
  /** Where hashes of images already found free of metadata are kept between builds. */
  cacheFile?: string | undefined;
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

/** Every reason the built site in `dir` must not be published (empty when it may). */
export async function outputProblems(dir: string, options: OutputCheckOptions): Promise<string[]> {
  const problems: string[] = [];
  const entries = ((await readdir(dir, { recursive: true })) as string[]).map((f) => f.split(sep).join("/"));
  const files = new Set(entries);
  for (const required of REQUIRED_FILES) {
    if (!files.has(required)) problems.push(`${required} is missing: the build is incomplete`);
  }

  const rasters = entries.filter((file) => RASTER_EXTENSIONS.has(extname(file).toLowerCase()));
  const clean = await loadCleanImages(options.cacheFile);
  // Images in parallel (sharp reads headers on its own threads), and each distinct image
  // only once ever: a file whose bytes were found clean before is clean now.
  for (let i = 0; i < rasters.length; i += IMAGE_BATCH) {
    await Promise.all(
      rasters.slice(i, i + IMAGE_BATCH).map(async (file) => {
        const bytes = await readFile(join(dir, file));
        const key = createHash("sha256").update(bytes).digest("base64url");
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
  await saveCleanImages(options.cacheFile, clean);

  for (const file of entries) {
    const ext = extname(file).toLowerCase();
    if (ext === ".html") {
      const html = await readFile(join(dir, file), "utf8");
      const policy = pagePolicy(html);
      if (!policy) problems.push(`${file} has no Content-Security-Policy meta tag`);
      else if (/'unsafe-inline'|'unsafe-eval'/.test(policy))
        problems.push(`${file}: its CSP allows unsafe inline code: ${policy}`);
      for (const el of scanHtml(html)) {
        for (const name of el.attrNames) {
          if (name.startsWith("on")) problems.push(`${file}: <${el.name}> has an event handler attribute "${name}"`);
        }
        for (const [name, value] of Object.entries(el.attrs)) {
          if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ""))) {
            problems.push(`${file}: <${el.name} ${name}> is a script URL`);
          }
        }
      }
    }
  }

  const links = await checkLinks(dir, { base: options.base, site: options.site });
  for (const link of links.broken) problems.push(`broken: ${formatBrokenLink(link)}`);
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

export function publishGuard(options: { lang?: string } = {}): AstroIntegration {
  let articles: CheckedArticle[] = [];
  let base = "/";
  let site: string | undefined;
  let cleanImagesCache: string | undefined;
  return {
    name: "newsroom:publish-guard",
    hooks: {
      "astro:config:setup": async ({ config, command, logger }) => {
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
        const report = await checkContent(root, { publicDir });
        articles = report.articles;
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
        cleanImagesCache = fileURLToPath(new URL("clean-images.json", config.cacheDir));
      },
      "astro:build:done": async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const count = await writeRedirects(out, articles, base, site, options.lang ?? "en");
        const { header } = await sitePolicy(out);
        await writeFile(join(out, "_headers"), renderHeadersFile(await headerRules(out, base, header)));
        logger.info(`wrote _headers and _redirects (${count} renamed article address${count === 1 ? "" : "es"})`);
        const problems = await outputProblems(out, { base, site, cacheFile: cleanImagesCache });
        if (problems.length > 0) {
          logger.error(`\n${problems.join("\n")}`);
          throw new Error(`The built site failed ${problems.length} check(s), listed above; it must not be published.`);
        }
        logger.info(
          "output checked: required pages, no image metadata, CSP on every page, no script URLs, no broken links",
        );
      },
    },
  };
}
