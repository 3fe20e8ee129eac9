/**
 * `npm run -s next-embargo -- [--wait <minutes>] [--articles <dir>]`: prints when the next
 * embargo lifts (`<UTC time>\t<file>\t<headline>`), or nothing when none is ahead.
 *
 * With `--wait <minutes>`, it instead waits until that embargo lifts if it does within that
 * many minutes, then exits: a scheduled rebuild runs it just before `npm run build` with
 * its schedule's interval, so a story under embargo goes live on its minute even though
 * the schedule is coarser (see .github/workflows/publish.yml and deploy/).
 */
import { readFile, readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatEmbargo, nextEmbargo, waitForEmbargo } from "../build/next-embargo.ts";
import { ARTICLES_DIR } from "../model/article-schema.ts";
import { readFrontmatter } from "../checks/content/frontmatter.ts";
import { buildClock, CLOCK_ENV } from "../model/clock.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const { values } = parseArgs({ options: { wait: { type: "string" }, articles: { type: "string" } } });
const windowMinutes = values.wait === undefined ? undefined : Number(values.wait);
if (windowMinutes !== undefined && !(windowMinutes > 0 && windowMinutes <= 24 * 60)) {
  console.error(`--wait: "${values.wait}" is not a number of minutes between 1 and 1440`);
  process.exit(2);
}

const dir = resolve(root, values.articles ?? ARTICLES_DIR);
const files = (await readdir(dir, { recursive: true }).catch(() => []))
  .filter((name) => name.endsWith(".md") && !name.split(/[\\/]/).some((part) => part.startsWith(".")))
  .sort();
const articles = await Promise.all(
  files.map(async (name) => {
    const read = readFrontmatter(await readFile(join(dir, name), "utf8"));
    return { file: relative(root, join(dir, name)), data: read.ok ? read.frontmatter.data : undefined };
  }),
);
let now: Date;
try {
  // The build's clock (NEWSROOM_NOW), as the build that follows will read it.
  now = buildClock(process.env[CLOCK_ENV], new Date());
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const next = nextEmbargo(articles, now);
if (windowMinutes === undefined) {
  if (next) console.log(formatEmbargo(next));
} else {
  const wait = waitForEmbargo(next, now, windowMinutes);
  if (next && wait > 0) {
    console.log(`Waiting ${Math.ceil(wait / 1000)} s for the embargo to lift: ${formatEmbargo(next)}`);
    await sleep(wait);
  }
}
