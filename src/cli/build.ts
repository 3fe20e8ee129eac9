/**
 * `npm run build`: the atomic build (src/build/pipeline.ts). dist/ is replaced only by a
 * site that built and passed every check; a failing build leaves it exactly as it was.
 *
 * Extra arguments go to `astro build` (e.g. `npm run build -- --verbose`).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildStopped, buildSite } from "../build/pipeline.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dist = join(root, "dist");
const started = performance.now();
try {
  await buildSite(root, dist, process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BuildStopped)) throw error;
  console.error(`\n${error.message}`);
  console.error(existsSync(dist) ? "dist/ was left as it was." : "There is no dist/ yet.");
  process.exit(1);
}
console.log(
  `\ndist/ now holds the new site (built and checked in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
