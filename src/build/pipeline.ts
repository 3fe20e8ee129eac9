/**
 * The atomic build behind `npm run build` (docs/decisions/004-atomic-build-checks-after-astro.md):
 * dist/ is replaced only by a site that built and passed every check; a failing build
 * leaves the previous dist/ exactly as it was.
 *
 * 1. The content check (src/checks/content/): every problem in every file, before Astro
 *    reads any content. Astro's process starts beside it and waits for its result
 *    (docs/decisions/025-astro-starts-while-the-content-is-checked.md).
 * 2. `astro build` into a new folder beside dist/, handed the checked articles (./handoff.ts).
 *    The folder starts with hard links to the published pages Astro may reuse
 *    (./previous-output.ts); Astro replaces those it renders again (./link-guard.ts).
 * 3. After Astro's process has exited (so their memory never adds up): the Pagefind index,
 *    unless only one shard was to be indexed, which is done while Astro builds
 *    (docs/decisions/024-build-work-beside-astro-and-on-every-core.md); then the host
 *    files and output checks (./finish.ts).
 * 4. Only then: dist/ is renamed aside, the new folder renamed to dist/, the old one deleted
 *    by a detached process that waits while a later build links its pages (./replaced-sites.ts).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { checkContent, formatReport, type CheckedArticle, type CheckOptions } from "../checks/content/index.ts";
import { CLOCK_ENV } from "../model/clock.ts";
import { CHECKS_PASSED, failedChecksMessage } from "../checks/output/index.ts";
import { finishSite } from "./finish.ts";
import {
  clearHandoff,
  handoffEnv,
  handoffFiles,
  handOverCheckedContent,
  readFinishSettings,
  type HandoffFiles,
} from "./handoff.ts";
import { countPageLine, emptyProgress, formatProgress } from "./progress.ts";
import {
  ASTRO_IMAGE_CACHE,
  astroManifest,
  linkPages,
  recordPublishedManifest,
  removeDroppedPages,
  reusablePages,
} from "./previous-output.ts";
import { astroHeapOptions } from "./heap-limit.ts";
import { editionOf } from "../model/publication.ts";
import {
  describeSearchIndex,
  planSearchIndex,
  writeSearchIndex,
  type SearchIndexPlan,
  type SearchIndexResult,
} from "./search-index.ts";
import type { ShardScheme } from "./search-shards.ts";
import { LINKING_MARKER, REMOVING_PREFIX } from "./replaced-sites.ts";

/**
 * Always the same folder: Astro's incremental build hashes each page's compiled code, and
 * that code names the output folder, so a new random folder per build would make every
 * page look changed and nothing would be reused.
 */
const NEW_DIR = ".dist-new";
const OLD_PREFIX = ".dist-old-";
const PROGRESS_EVERY_MS = 5000;
/**
 * Loaded into Astro's process before Astro: writes replace hard-linked files instead of
 * writing into them, and optimized images are linked from Astro's cache, not copied.
 */
const linkGuard = (root: string) =>
  `data:text/javascript,import{guardHardLinks}from${JSON.stringify(
    new URL("./link-guard.ts", import.meta.url).href,
  )};guardHardLinks({linkCopiesFrom:${JSON.stringify(join(root, ASTRO_IMAGE_CACHE))}});`;

/** A build that stopped; dist/ is as it was. */
export class BuildStopped extends Error {}

/**
 * Removes the folders of an earlier build that was killed before it could clean up. If it
 * was killed between its two renames, dist/ is missing and the published site is the old
 * folder: that is put back first, never deleted. Replaced sites (`.dist-removing-*`) are
 * left to their remover, which the next swap starts again if it died.
 */
async function removeLeftovers(root: string, dist: string): Promise<void> {
  const published = (await readdir(root)).find((name) => name.startsWith(OLD_PREFIX));
  if (published && !existsSync(dist)) {
    await rename(join(root, published), dist);
    console.log(`Restored dist/ from ${published}, left by a build that was stopped mid-swap.`);
  }
  for (const name of await readdir(root)) {
    if (name.startsWith(NEW_DIR) || name.startsWith(OLD_PREFIX))
      await rm(join(root, name), { recursive: true, force: true });
  }
}

/** Runs the content check; returns the articles it read, or stops on any problem. */
async function checkBeforeBuild(root: string, options: Pick<CheckOptions, "settings" | "now">) {
  const report = await checkContent(root, options);
  if (report.problems.length > 0) throw new BuildStopped(`${formatReport(report)}\nNothing was built.`);
  if (report.warnings.length > 0) console.warn(formatReport(report));
  return report.articles;
}

/** An `astro build` under way: it waits for the checked content before it syncs or renders anything. */
interface AstroRun {
  /** Its exit code, once it has exited. */
  exited: Promise<number>;
  /** Writes the checked articles and tells Astro to go on. */
  handOver(articles: CheckedArticle[]): Promise<void>;
  /** Ends it (the content check failed); resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `astro build` into `outDir`; its per-page lines become a progress line every few
 * seconds. Started before the content check has finished, so that Node's and Astro's own
 * start overlap the check; Astro waits for the checked articles (./handoff.ts).
 */
function startAstroBuild(
  root: string,
  outDir: string,
  args: readonly string[],
  env: Record<string, string>,
  handoff: HandoffFiles,
): AstroRun {
  const astro = join(root, "node_modules/astro/bin/astro.mjs");
  // process.execPath: the Node running this script (Node 22, from the node@22 package).
  const heap = astroHeapOptions(totalmem(), getHeapStatistics().heap_size_limit, process.env.NODE_OPTIONS);
  const child = spawn(
    process.execPath,
    [...heap, "--import", linkGuard(root), astro, "build", "--outDir", outDir, ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      // The IPC channel: how Astro learns that the checked content is written.
      stdio: ["inherit", "pipe", "inherit", "ipc"],
    },
  );
  const progress = emptyProgress();
  let totalArticles = 0;
  let began = performance.now();
  let shown = -1;
  const show = () => {
    if (progress.pages === shown) return;
    shown = progress.pages;
    console.log(formatProgress(progress, totalArticles, (performance.now() - began) / 1000));
  };
  let timer: NodeJS.Timeout | undefined;
  const lines = createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    if (!countPageLine(line, progress)) console.log(line);
  });
  const exited = new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
  void exited.then(() => {
    clearInterval(timer);
    if (timer) show();
  });
  return {
    exited,
    handOver: async (articles) => {
      await handOverCheckedContent(handoff, articles, child);
      totalArticles = articles.length;
      began = performance.now();
      timer = setInterval(show, PROGRESS_EVERY_MS);
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

const log = (scope: string) => (message: string) => console.log(`[newsroom:${scope}] ${message}`);

/**
 * At most this many shards are indexed while Astro builds; more wait until Astro's process
 * has exited. One shard's indexer (bounded by the shard's size) beside Astro's rebuild keeps
 * a correction's build on both cores; a cold build's every shard beside Astro's would add
 * their memory to Astro's.
 */
const SHARDS_BESIDE_ASTRO = 1;

/** The search index started beside Astro when it is small enough (a rebuild); otherwise nothing is started. */
function searchIndexBesideAstro(outDir: string, plan: SearchIndexPlan): Promise<SearchIndexResult> | undefined {
  if (plan.toIndex > SHARDS_BESIDE_ASTRO) return undefined;
  const writing = writeSearchIndex(outDir, plan);
  // Awaited after Astro; until then a failure must not count as unhandled.
  writing.catch(() => undefined);
  return writing;
}

/** The search index (unless it was written beside Astro), then the host files and the output checks, over the site in `outDir`. */
async function finishAfterAstro(
  outDir: string,
  handoff: HandoffFiles,
  search: { plan: SearchIndexPlan; beside: Promise<SearchIndexResult> | undefined },
): Promise<void> {
  const settings = await readFinishSettings(handoff.finishSettings);
  // Worker threads load this project's TypeScript, which only this plain Node process can (not Astro's bundle).
  const threads = availableParallelism();
  const index = await (search.beside ?? writeSearchIndex(outDir, search.plan, { threads }));
  log("pagefind")(`${describeSearchIndex(index)}${search.beside ? ", while Astro built the pages" : ""}`);
  const problems = await finishSite(outDir, settings, log("publish-guard"), { scanWorkers: threads });
  if (problems.length > 0) {
    console.error(`\n${problems.join("\n")}`);
    throw new Error(failedChecksMessage(problems));
  }
  log("publish-guard")(CHECKS_PASSED);
}

/** Puts the site in `outDir` in place of `dist`: two renames on one file system. Returns the old site's folder. */
async function swapIntoPlace(root: string, outDir: string, dist: string): Promise<string | undefined> {
  const old = existsSync(dist) ? `${join(root, OLD_PREFIX)}${process.pid}` : undefined;
  try {
    if (old) await rename(dist, old);
    await rename(outDir, dist);
  } catch (error) {
    if (old && !existsSync(dist)) await rename(old, dist).catch(() => undefined);
    await rm(outDir, { recursive: true, force: true });
    throw new BuildStopped(`Could not move the new site into dist/: ${(error as Error).message}`);
  }
  return old;
}

/**
 * Sets the old site aside for deletion and deletes every site so set aside, in a detached
 * process (./replaced-sites-remover.ts), so the new site is ready to deploy without waiting.
 * The new site is in place by now: a folder that cannot be set aside is left for the next
 * build to delete (removeLeftovers), never a failed build.
 */
async function removeInBackground(root: string, old: string): Promise<void> {
  try {
    await rename(old, join(root, `${REMOVING_PREFIX}${process.pid}-${Date.now()}`));
  } catch {
    return;
  }
  const remover = new URL("./replaced-sites-remover.ts", import.meta.url);
  spawn(process.execPath, [fileURLToPath(remover), root], { detached: true, stdio: "ignore" }).unref();
}

/**
 * Links the published pages Astro may reuse into `outDir` (./previous-output.ts); returns
 * them. The deletion of an earlier replaced site waits meanwhile (./replaced-sites.ts).
 */
async function linkPublishedPages(root: string, dist: string, outDir: string): Promise<string[]> {
  const began = performance.now();
  const marker = join(root, LINKING_MARKER);
  await writeFile(marker, "");
  let linked: string[];
  try {
    linked = await linkPages(dist, outDir, await reusablePages(root));
  } finally {
    await rm(marker, { force: true });
  }
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  if (linked.length > 0)
    console.log(`Reusing ${linked.length.toLocaleString("en")} published pages (linked in ${seconds} s).`);
  return linked;
}

export interface BuildOptions {
  /** The site settings the content check holds content against. */
  settings?: CheckOptions["settings"];
  /** The build's clock (src/model/clock.ts): embargoes, the News sitemap, age notices. */
  now: Date;
  /** The site's language and how its search index is split (src/site.config.ts). */
  search: { lang: string; shards: ShardScheme };
}

/** The whole atomic build of the project at `root` into `dist`; `args` go to `astro build`. */
export async function buildSite(
  root: string,
  dist: string,
  args: readonly string[],
  { settings, now, search }: BuildOptions,
): Promise<void> {
  await removeLeftovers(root, dist);
  const outDir = join(root, NEW_DIR);
  await mkdir(outDir);
  const handoff = handoffFiles(root);
  await clearHandoff(handoff);
  // The clock goes along as it was read, so the check and Astro's pages use the same moment.
  const env = { ...handoffEnv(handoff), [CLOCK_ENV]: now.toISOString() };
  // Astro starts while the content is checked and the published pages are linked into the
  // new folder; it waits for the checked articles before it reads any content.
  const astro = startAstroBuild(root, outDir, args, env, handoff);
  const [checked, linked] = await Promise.allSettled([
    checkBeforeBuild(root, { settings, now }),
    linkPublishedPages(root, dist, outDir),
  ]);
  if (checked.status === "rejected" || linked.status === "rejected") {
    await astro.stop();
    await rm(outDir, { recursive: true, force: true });
    throw checked.status === "rejected" ? checked.reason : (linked as PromiseRejectedResult).reason;
  }
  const articles = checked.value;
  // Hand the checked article list to the build, so Astro does not read every article again.
  await astro.handOver(articles);

  // The index is made from the articles' own files, so it need not wait for Astro's pages.
  const shown = editionOf(articles, now, false).shown.map((a) => a.id);
  const plan = planSearchIndex({ root, lang: search.lang, articles, search: { shown, shards: search.shards } });
  const beside = searchIndexBesideAstro(outDir, plan);
  const code = await astro.exited;
  if (code !== 0) {
    // Whatever the index was doing in the folder is over before the folder goes.
    await beside?.catch(() => undefined);
    await rm(outDir, { recursive: true, force: true });
    throw new BuildStopped(`The build failed (astro build exited with ${code}); see the messages above.`);
  }
  const manifest = await astroManifest(root);
  try {
    await removeDroppedPages(dist, outDir, linked.value, manifest);
    await finishAfterAstro(outDir, handoff, { plan, beside });
  } catch (error) {
    await beside?.catch(() => undefined);
    await rm(outDir, { recursive: true, force: true });
    throw new BuildStopped((error as Error).message);
  }
  const old = await swapIntoPlace(root, outDir, dist);
  await recordPublishedManifest(root, manifest);
  if (old) await removeInBackground(root, old);
}
