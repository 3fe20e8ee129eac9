/**
 * `npm run build`: an atomic build. dist/ is replaced only by a site that built and
 * passed every check; a failing build leaves the previous dist/ exactly as it was.
 *
 * 1. The content check (src/lib/validate/): every problem in every file, before Astro starts.
 * 2. `astro build` into a new folder beside dist/ (the publish-guard integration checks
 *    the content again, then the finished site: metadata, CSP, links, required pages).
 * 3. Only then: dist/ is renamed aside, the new folder renamed to dist/, the old one deleted.
 *
 * Extra arguments go to `astro build` (e.g. `npm run build -- --verbose`).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkContent, formatReport } from "../lib/validate/index.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dist = join(root, "dist");
const NEW_PREFIX = ".dist-new-";
const OLD_PREFIX = ".dist-old-";

function fail(message: string): never {
  console.error(`\n${message}`);
  console.error(existsSync(dist) ? "dist/ was left as it was." : "There is no dist/ yet.");
  process.exit(1);
}

async function removeLeftovers(): Promise<void> {
  // Folders of an earlier build that was killed before it could clean up.
  for (const name of await readdir(root)) {
    if (name.startsWith(NEW_PREFIX) || name.startsWith(OLD_PREFIX))
      await rm(join(root, name), { recursive: true, force: true });
  }
}

async function astroBuild(outDir: string, args: string[]): Promise<number> {
  const astro = join(root, "node_modules/astro/bin/astro.mjs");
  // process.execPath: the Node running this script (Node 22, from the node@22 package).
  const child = spawn(process.execPath, [astro, "build", "--outDir", outDir, ...args], { cwd: root, stdio: "inherit" });
  return new Promise((done) => child.on("close", (code) => done(code ?? 1)));
}

const started = performance.now();
await removeLeftovers();

const report = await checkContent(root);
if (report.problems.length > 0) fail(`${formatReport(report)}\nNothing was built.`);

const outDir = await mkdtemp(join(root, NEW_PREFIX));
const code = await astroBuild(outDir, process.argv.slice(2));
if (code !== 0) {
  await rm(outDir, { recursive: true, force: true });
  fail(`The build failed (astro build exited with ${code}); see the messages above.`);
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
if (old) await rm(old, { recursive: true, force: true });
console.log(
  `\ndist/ now holds the new site (built and checked in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
