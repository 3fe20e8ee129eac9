/**
 * `npm run build`: an atomic build. dist/ is replaced only by a site that built and
 * passed every check; a failing build leaves the previous dist/ exactly as it was.
 *
 * 1. The content check (src/checks/content/): every problem in every file, before Astro starts.
 * 2. `astro build` into a new folder beside dist/.
 * 3. After Astro's process has exited (so their memory never adds up): the Pagefind index,
 *    then the host files and output checks of the publish-guard integration (metadata,
 *    CSP, links, required pages). A plain `astro build` runs the same steps in its hooks.
 * 4. Only then: dist/ is renamed aside, the new folder renamed to dist/, the old one deleted.
 *
 * `--deploy` (or NEWSROOM_DEPLOY=1) marks a build for deployment: it refuses the placeholder
 * site address, which an ordinary build only warns about (src/build/site-address.ts).
 * Other arguments go to `astro build` (e.g. `npm run build -- --verbose`).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { checkDeployAddress, SITE_CONFIG_FILE } from "../build/site-address.ts";
import { site } from "../site.config.ts";
import { countPageLine, emptyProgress, formatProgress } from "../build/progress.ts";
import { CHECKED_CONTENT_ENV, checkContent, formatReport } from "../checks/content/index.ts";
import { buildSearchIndex } from "../integrations/pagefind.ts";
import {
  CHECKS_PASSED,
  FINISH_AFTER_ASTRO_ENV,
  failedChecksMessage,
  finishSite,
  type FinishSettings,
} from "../integrations/publish-guard.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dist = join(root, "dist");
/**
 * Always the same folder: Astro's incremental build hashes each page's compiled code, and
 * that code names the output folder, so a new random folder per build would make every
 * page look changed and nothing would be reused.
 */
const NEW_DIR = ".dist-new";
const OLD_PREFIX = ".dist-old-";

function fail(message: string): never {
  console.error(`\n${message}`);
  console.error(existsSync(dist) ? "dist/ was left as it was." : "There is no dist/ yet.");
  process.exit(1);
}

async function removeLeftovers(): Promise<void> {
  // Folders of an earlier build that was killed before it could clean up. If it was
  // killed between its two renames, dist/ is missing and the published site is the
  // old folder: put that back first, never delete it.
  const names = await readdir(root);
  const published = names.find((name) => name.startsWith(OLD_PREFIX));
  if (published && !existsSync(dist)) {
    await rename(join(root, published), dist);
    console.log(`Restored dist/ from ${published}, left by a build that was stopped mid-swap.`);
  }
  for (const name of await readdir(root)) {
    if (name.startsWith(NEW_DIR) || name.startsWith(OLD_PREFIX))
      await rm(join(root, name), { recursive: true, force: true });
  }
}

const PROGRESS_EVERY_MS = 5000;

/** Runs astro build; its per-page lines become a progress line every few seconds. */
async function astroBuild(outDir: string, args: string[], totalArticles: number): Promise<number> {
  const astro = join(root, "node_modules/astro/bin/astro.mjs");
  // process.execPath: the Node running this script (Node 22, from the node@22 package).
  const child = spawn(process.execPath, [astro, "build", "--outDir", outDir, ...args], {
    cwd: root,
    env: { ...process.env, [CHECKED_CONTENT_ENV]: checked, [FINISH_AFTER_ASTRO_ENV]: finishFile },
    stdio: ["inherit", "pipe", "inherit"],
  });
  const progress = emptyProgress();
  const began = performance.now();
  let shown = -1;
  const show = () => {
    if (progress.pages === shown) return;
    shown = progress.pages;
    console.log(formatProgress(progress, totalArticles, (performance.now() - began) / 1000));
  };
  const timer = setInterval(show, PROGRESS_EVERY_MS);
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    if (!countPageLine(line, progress)) console.log(line);
  });
  const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
  clearInterval(timer);
  show();
  return code;
}

const started = performance.now();
// Before anything is touched: a build for deployment refuses the placeholder address.
const args = process.argv.slice(2);
const address = checkDeployAddress(args, process.env, site.url, readFileSync(join(root, SITE_CONFIG_FILE), "utf8"));
if (address.finding?.severity === "error") fail(`${address.finding.message}\nNothing was built.`);
if (address.finding) console.warn(`\n${address.finding.message}\n`);
await removeLeftovers();

const report = await checkContent(root);
if (report.problems.length > 0) fail(`${formatReport(report)}\nNothing was built.`);
if (report.warnings.length > 0) console.warn(formatReport(report));
// Hand the checked article list to the build, so Astro does not read every article again.
const checked = join(root, "node_modules/.cache/newsroom/checked-content.json");
await mkdir(dirname(checked), { recursive: true });
await writeFile(checked, JSON.stringify(report.articles));

const outDir = join(root, NEW_DIR);
await mkdir(outDir);
const finishFile = join(dirname(checked), "finish-settings.json");
await rm(finishFile, { force: true });
const code = await astroBuild(outDir, address.rest, report.articles.length);
if (code !== 0) {
  await rm(outDir, { recursive: true, force: true });
  fail(`The build failed (astro build exited with ${code}); see the messages above.`);
}

// The last steps, now that Astro's process (and its memory) is gone: the search index,
// then the host files and the output checks (src/integrations/publish-guard.ts).
try {
  const settings = JSON.parse(await readFile(finishFile, "utf8")) as FinishSettings;
  const log = (scope: string) => (message: string) => console.log(`[newsroom:${scope}] ${message}`);
  log("pagefind")(`indexed ${await buildSearchIndex(outDir)} pages for search`);
  const problems = await finishSite(outDir, settings, log("publish-guard"));
  if (problems.length > 0) {
    console.error(`\n${problems.join("\n")}`);
    throw new Error(failedChecksMessage(problems));
  }
  log("publish-guard")(CHECKS_PASSED);
} catch (error) {
  await rm(outDir, { recursive: true, force: true });
  fail((error as Error).message);
}

// The swap: two renames on one file system; the old site is kept until the new one is in place.
const old = existsSync(dist) ? `${join(root, OLD_PREFIX)}${process.pid}` : undefined;
try {
  if (old) await rename(dist, old);
  await rename(outDir, dist);
} catch (error) {
  if (old && !existsSync(dist)) await rename(old, dist).catch(() => undefined);
  await rm(outDir, { recursive: true, force: true });
  fail(`Could not move the new site into dist/: ${(error as Error).message}`);
}
// The new site is live. The old one is deleted by a detached process, so the site is
// ready to deploy without waiting for that (about 4 s for 10,000 articles); a deletion
// that does not finish is completed by the next build (removeLeftovers).
if (old) {
  const remover = `require("node:fs").rmSync(${JSON.stringify(old)}, { recursive: true, force: true })`;
  spawn(process.execPath, ["-e", remover], { detached: true, stdio: "ignore" }).unref();
}
console.log(
  `\ndist/ now holds the new site (built and checked in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
// Said again last, where it cannot scroll away under Astro's output.
if (address.finding) console.warn(`\n${address.finding.message}`);
