/**
 * `npm run check`: the content check alone (see src/checks/content/). Prints every
 * problem in every file as `file:line: field: message` and exits 1 if there is any error
 * (warnings, `file:line: warning: …`, are printed and do not fail it).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkContent, formatReport } from "../checks/content/index.ts";
import { site } from "../site.config.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const started = performance.now();
const report = await checkContent(root, { settings: site });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (report.problems.length > 0) {
  console.error(formatReport(report));
  process.exitCode = 1;
} else {
  // Warnings alone never fail the check: they are printed, and the site builds.
  if (report.warnings.length > 0) console.error(formatReport(report));
  const n = report.articles.length;
  console.log(`Content check: ${n} ${n === 1 ? "article" : "articles"}, no problems (${seconds} s).`);
}
