/**
 * The output checks: every reason a built site must not be published. The pages a host
 * needs exist, no image carries EXIF/GPS/XMP/IPTC metadata, every page has a
 * Content-Security-Policy without 'unsafe-inline', no markup has event-handler attributes
 * or javascript: URLs, no file is a symbolic link, and every link, image and #fragment
 * resolves. Run by src/build/finish.ts at the end of every build.
 */
import { extname, join } from "node:path";
import { EntryCache, CACHES, type CacheStore } from "../../build/cache.ts";
import { FileHashes } from "../../build/file-hashes.ts";
import type { CheckedArticle } from "../content/index.ts";
import { embeddedMetadata, RASTER_EXTENSIONS } from "../images.ts";
import { checkReferences, formatBrokenLink } from "./link-check.ts";
import { documentProblems, scanSite, type SiteScan } from "./site-scan.ts";
import { ADMIN_CSP, ADMIN_DIR } from "../../hosting/policy.ts";

/**
 * The one page allowed 'unsafe-eval' and inline styles: the CMS (decision 017), and only
 * with exactly the policy src/hosting/policy.ts gives it.
 */
function allowedAdminPolicy(file: string, policy: string | null | undefined): boolean {
  return file === `${ADMIN_DIR}/index.html` && policy === ADMIN_CSP;
}

/** Files a static host needs at the top of the site. */
const REQUIRED_FILES = ["index.html", "404.html"];

export interface OutputCheckOptions {
  base: string;
  site?: string | undefined;
  /** Where images already found free of metadata are remembered between builds. */
  caches?: CacheStore | undefined;
  /** The articles built, so a problem in an article's page names the article's file. */
  articles?: readonly Pick<CheckedArticle, "id" | "file">[] | undefined;
  /** The hashes of the site's files by their identity (src/build/file-hashes.ts); saved by the caller. */
  hashes?: FileHashes | undefined;
}

export const CHECKS_PASSED =
  "output checked: required pages, no image metadata, CSP on every page, no script URLs, no broken links";

export function failedChecksMessage(problems: string[]): string {
  return `The built site failed ${problems.length} check(s), listed above; it must not be published.`;
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

/**
 * Every raster image in the site that carries metadata; each distinct image is read only
 * once ever, and a file unchanged since it was hashed is not read again (`hashes`).
 */
async function imageMetadataProblems(
  dir: string,
  files: string[],
  caches: CacheStore | undefined,
  hashes: FileHashes,
): Promise<string[]> {
  const problems: string[] = [];
  const rasters = files.filter((file) => RASTER_EXTENSIONS.has(extname(file).toLowerCase()));
  const clean = await EntryCache.open<true>(caches, CACHES.cleanImages);
  const nowMs = Date.now();
  // Images in parallel (sharp reads headers on its own threads); a file whose bytes were
  // found clean before is clean now.
  for (let i = 0; i < rasters.length; i += IMAGE_BATCH) {
    await Promise.all(
      rasters.slice(i, i + IMAGE_BATCH).map(async (file) => {
        const { hash: key, bytes } = hashes.read(file, join(dir, file), (hash) => !!clean.get(hash), nowMs);
        if (!bytes || clean.get(key)) return;
        const found = await embeddedMetadata(bytes);
        if (found.length) {
          problems.push(
            `${file} carries ${found.join(", ")} metadata: an original image (or a file from public/) would be published with it`,
          );
        } else clean.set(key, true);
      }),
    );
  }
  await clean.save();
  return problems;
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
  const hashes = options.hashes ?? (await FileHashes.open(undefined));
  problems.push(...(await imageMetadataProblems(dir, scan.files, options.caches, hashes)));
  for (const [file, facts] of scan.facts) {
    for (const found of documentProblems(facts)) {
      if (found.startsWith("its CSP allows unsafe") && allowedAdminPolicy(file, facts.policy)) continue;
      problems.push(`${named(file)}: ${found}`);
    }
  }
  const links = checkReferences(scan, { base: options.base, site: options.site });
  for (const link of links.broken) problems.push(`broken: ${formatBrokenLink({ ...link, file: named(link.file) })}`);
  return problems;
}
