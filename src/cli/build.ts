/**
 * `npm run build`: the atomic build (src/build/pipeline.ts). dist/ is replaced only by a
 * site that built and passed every check; a failing build leaves it exactly as it was.
 *
 * `--deploy` (or NEWSROOM_DEPLOY=1) marks a build for deployment: it refuses the placeholder
 * site address, which an ordinary build only warns about (src/build/site-address.ts).
 * Other arguments go to `astro build` (e.g. `npm run build -- --verbose`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildStopped, buildSite } from "../build/pipeline.ts";
import { checkDeployAddress, SITE_CONFIG_FILE } from "../build/site-address.ts";
import { PREVIEW_ENV } from "../integrations/edition.ts";
import { clockOrExit } from "./clock.ts";
import { site } from "../site.config.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dist = join(root, "dist");
const started = performance.now();
// Before anything is touched: a build for deployment refuses the placeholder address.
const address = checkDeployAddress(
  process.argv.slice(2),
  process.env,
  site.url,
  readFileSync(join(root, SITE_CONFIG_FILE), "utf8"),
);
// The build's clock, read once: the content check and Astro's pages use the same moment.
const now = clockOrExit(process.env);
// A preview is built by npm run preview:drafts, into its own folder: never into dist/.
if (process.env[PREVIEW_ENV]) {
  console.error(
    `${PREVIEW_ENV} is set: npm run build never publishes a preview. Unset it, or use npm run preview:drafts.`,
  );
  process.exit(2);
}
try {
  if (address.finding?.severity === "error") throw new BuildStopped(`${address.finding.message}\nNothing was built.`);
  if (address.finding) console.warn(`\n${address.finding.message}\n`);
  await buildSite(root, dist, address.rest, {
    settings: site,
    now,
    search: { lang: site.lang, shards: site.searchShards },
  });
} catch (error) {
  if (!(error instanceof BuildStopped)) throw error;
  console.error(`\n${error.message}`);
  console.error(existsSync(dist) ? "dist/ was left as it was." : "There is no dist/ yet.");
  process.exit(1);
}
console.log(
  `\ndist/ now holds the new site (built and checked in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
);
// Said again at the end, where a publisher reading the last lines will see it.
if (address.finding) console.warn(`\n${address.finding.message}`);
