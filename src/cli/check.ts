/**
 * `npm run check`: the content check alone (see src/checks/content/). Prints every
 * problem in every file as `file:line: field: message` and exits 1 if there is any error
 * (warnings, `file:line: warning: …`, are printed and do not fail it), then what is
 * scheduled. It also warns about the placeholder site address, an error with `--deploy`
 * or NEWSROOM_DEPLOY=1.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkContent, formatReport } from "../checks/content/index.ts";
import { formatSchedule, scheduledArticles } from "../checks/content/schedule.ts";
import { checkDeployAddress, SITE_CONFIG_FILE } from "../build/site-address.ts";
import { clockOrExit } from "./clock.ts";
import { site } from "../site.config.ts";
import { strings } from "../strings/index.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const started = performance.now();
const now = clockOrExit(process.env);
const address = checkDeployAddress(
  process.argv.slice(2),
  process.env,
  site.url,
  readFileSync(join(root, SITE_CONFIG_FILE), "utf8"),
);
if (address.finding) console.error(`${address.finding.message}\n`);
const report = await checkContent(root, { settings: site, now });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (report.problems.length > 0) {
  console.error(formatReport(report));
  process.exitCode = 1;
} else {
  // Warnings alone never fail the check: they are printed, and the site builds.
  if (report.warnings.length > 0) console.error(formatReport(report));
  console.log(formatSchedule(scheduledArticles(report.articles, now), strings(site.lang).locale, site.timeZone));
  const n = report.articles.length;
  const articles = `${n} ${n === 1 ? "article" : "articles"}`;
  if (address.finding?.severity === "error") {
    console.error(`Content check: ${articles}, no problems; the site's address is not fit to deploy (above).`);
    process.exitCode = 1;
  } else console.log(`Content check: ${articles}, no problems (${seconds} s).`);
}
