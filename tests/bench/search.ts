/**
 * npm run bench:search -- --articles 1000,10000 [--variants single,year,count:2000] [--keep]
 *   [--reuse <kept project>] [--pages-from <built site>]
 *
 * For each size: writes the seeded synthetic corpus (./corpus.ts), builds it once with
 * `npm run build`, then indexes the built site again in each variant, each in a process
 * of its own (wall time, peak memory of its process tree):
 *
 * - `single`: the index as it was before shards (decision 019): Pagefind reads every
 *   built article page (`articles/**\/*.html`) into one index;
 * - `year`, `count:N`: the sharded index (src/build/search-index.ts), from an empty cache,
 *   then after one article's text was edited, then with nothing changed (what a template
 *   change leaves to the index).
 *
 * Then serves each variant and, in Chromium, types queries into /search/ as a reader does,
 * counting the requests and bytes each query costs (from the first key to its results)
 * and those of the page until then. Figures go to test-output/bench/search.json.
 *
 * `--pages-from` skips the Astro build (the slow part at 10,000 articles): the content check
 * lists the articles, and the search page is served from an earlier build's site.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import * as pagefind from "pagefind";
import type { Page } from "playwright-core";
import type { FinishSettings } from "../../src/build/finish.ts";
import { buildSearchIndex } from "../../src/build/search-index.ts";
import { checkContent, formatReport } from "../../src/checks/content/index.ts";
import { parseShardScheme } from "../../src/build/search-shards.ts";
import { launchChrome } from "../helpers/browser.ts";
import { linkPackages, projectRoot, publisherEnv, tempDir } from "../helpers/build.ts";
import { serveStatic } from "../helpers/static-server.ts";
import { writeCorpus } from "./corpus.ts";
import { treeRss } from "./process-tree.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    variants: { type: "string", default: "single,year,count:2000" },
    queries: { type: "string", default: "ceasefire,parliament opposition,inflation" },
    // The variants whose rebuilds (one article edited, nothing changed) are measured: all unless named.
    edits: { type: "string" },
    keep: { type: "boolean", default: false },
    // A project kept by an earlier run (--keep) of one size: its build is reused.
    reuse: { type: "string" },
    // Without an Astro build: the content check lists the articles, and the pages served
    // (the search page, Pagefind's scripts) come from this built site. No "single" variant.
    "pages-from": { type: "string" },
    // Internal: index one variant in this process (the parent measures it).
    "index-only": { type: "string" },
    site: { type: "string" },
    root: { type: "string" },
  },
});

/** The index as it was before shards: every built article page, one index. */
async function singleIndex(dist: string, site: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join("; "));
  const added = await index.addDirectory({ path: dist, glob: "articles/**/*.html" });
  if (added.errors.length) throw new Error(added.errors.join("; "));
  const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
  if (written.errors.length) throw new Error(written.errors.join("; "));
  await pagefind.close();
  // The search page asks which shards to merge: none.
  await writeFile(join(site, "pagefind/shards.json"), "[]");
}

/**
 * CPU seconds this process and its ended children (Pagefind's) have used: on a shared
 * machine, steadier than wall time.
 */
async function cpuSeconds(): Promise<number> {
  // Fields 14 to 17 of /proc/self/stat: utime, stime, cutime, cstime, in clock ticks (100 a second).
  const fields = (await readFile("/proc/self/stat", "utf8")).replace(/^.*\) /, "").split(" ");
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
}

/** Indexes `site` as `variant` does; prints the wall and CPU seconds the index itself took (this process's start aside). */
async function indexOnly(variant: string, site: string, root: string): Promise<void> {
  await rm(join(site, "pagefind"), { recursive: true, force: true });
  const file = join(root, "node_modules/.cache/newsroom/finish-settings.json");
  const settings = JSON.parse(await readFile(file, "utf8")) as FinishSettings;
  const started = performance.now();
  const cpu = await cpuSeconds();
  if (variant === "single") await singleIndex(join(root, "dist"), site);
  else {
    const shards = parseShardScheme(variant.replace(/^count:/, ""));
    await buildSearchIndex(site, { ...settings, search: { ...settings.search, shards } });
  }
  const seconds = (performance.now() - started) / 1000;
  // Pagefind's processes have exited; give Node a moment to collect them, so their time counts.
  await new Promise((done) => setTimeout(done, 300));
  console.log(`${INDEX_SECONDS}${JSON.stringify({ seconds, cpu: (await cpuSeconds()) - cpu })}`);
}

const INDEX_SECONDS = "index seconds: ";

if (values["index-only"]) {
  await indexOnly(values["index-only"], values.site!, values.root!);
  process.exit(0);
}

interface Measure {
  seconds: number;
  peakRssMiB: number;
}

/** The indexing times (wall, CPU) the child printed, and its process tree's peak memory. */
const indexMeasure = ({ log, peakRssMiB }: { log: string; peakRssMiB: number }) => ({
  ...(JSON.parse(log.split(INDEX_SECONDS)[1]!.trim()) as { seconds: number; cpu: number }),
  peakRssMiB,
});

/** Runs `args` with Node in `cwd`; wall time and the peak memory of its process tree. */
async function measured(args: string[], cwd: string, label: string): Promise<Measure & { log: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...publisherEnv(), ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  let peak = 0;
  const timer = setInterval(async () => {
    if (child.pid) peak = Math.max(peak, await treeRss(child.pid));
  }, 50);
  const code = await new Promise<number | null>((done) => child.on("close", done));
  clearInterval(timer);
  const errors = log.split("\n").filter((line) => !line.includes(": warning: "));
  if (code !== 0) throw new Error(`${label}: failed (exit ${code})\n${errors.join("\n").slice(-4000)}`);
  return { seconds: (performance.now() - started) / 1000, peakRssMiB: peak / 2 ** 20, log };
}

/** A copy of the project whose articles are the corpus (written inside it: the content check refuses links out). */
async function project(): Promise<string> {
  const root = await tempDir("bench-search");
  // The authors and standing pages too: the settings name them.
  for (const entry of ["src", "public", "astro.config.mjs", "tsconfig.json", "package.json", "content/pages"])
    await cp(join(projectRoot, entry), join(root, entry), { recursive: true });
  await linkPackages(root);
  return root;
}

/** The article writeCorpus names as its sample, in a corpus of `size` written earlier. */
async function sampleOf(articles: string, size: number): Promise<string> {
  const id = `article-${String(Math.floor(size / 2) + 1).padStart(6, "0")}`;
  const flat = join(articles, `${id}.md`);
  return (await readFile(flat).then(
    () => true,
    () => false,
  ))
    ? flat
    : join(articles, id, "index.md");
}

/** What the build would hand the index, from the content check alone (every corpus article is published). */
async function writeSettingsUnbuilt(root: string): Promise<void> {
  const report = await checkContent(root, { now: new Date() });
  if (report.problems.length > 0) throw new Error(formatReport(report));
  const articles = report.articles;
  const settings: FinishSettings = {
    base: "/",
    site: "https://example.org",
    lang: "en",
    root,
    articles,
    search: { shown: articles.map((a) => a.id), shards: { by: "year" } },
  };
  const file = join(root, "node_modules/.cache/newsroom/finish-settings.json");
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(settings));
}

/** A site to serve: the built one, with this variant's pagefind/ in place of its own. */
async function variantSite(dist: string): Promise<string> {
  const site = await tempDir("bench-search-site");
  for (const name of await readdir(dist)) if (name !== "pagefind") await symlink(join(dist, name), join(site, name));
  return site;
}

interface Traffic {
  requests: number;
  bytes: number;
}

/** What one query costs in Chromium: the page until it is ready, then the query until its results. */
async function queryTraffic(page: Page, url: string, query: string): Promise<{ page: Traffic; query: Traffic }> {
  let phase: "page" | "query" = "page";
  const traffic = { page: { requests: 0, bytes: 0 }, query: { requests: 0, bytes: 0 } };
  let last = performance.now();
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    const counted = traffic[phase];
    counted.requests++;
    last = performance.now();
    pending.push(
      response
        .body()
        .then((body) => void (counted.bytes += body.length))
        .catch(() => undefined),
    );
  });
  const quiet = async (ms: number) => {
    while (performance.now() - last < ms) await new Promise((r) => setTimeout(r, 100));
  };
  await page.goto(url);
  const input = page.locator("input.pagefind-ui__search-input");
  await input.waitFor();
  await quiet(1000);
  await Promise.all(pending);
  phase = "query";
  await input.pressSequentially(query, { delay: 40 });
  await page.locator(".pagefind-ui__result").first().waitFor({ timeout: 60_000 });
  await quiet(1500);
  await Promise.all(pending);
  return traffic;
}

const sizes = values.articles.split(",").map((s) => Number(s.trim()));
const variants = values.variants.split(",").map((s) => s.trim());
const queries = values.queries.split(",").map((s) => s.trim());
const outDir = join(projectRoot, "test-output/bench");
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const results: unknown[] = [];
await mkdir(outDir, { recursive: true });
const browser = await launchChrome();
try {
  for (const size of sizes) {
    console.log(`\n${size} articles`);
    const root = values.reuse ?? (await project());
    const corpus = values.reuse
      ? { sample: await sampleOf(join(root, "content/articles"), size) }
      : await writeCorpus(join(root, "content/articles"), { articles: size });
    const pagesFrom = values["pages-from"];
    if (pagesFrom && !values.reuse) await writeSettingsUnbuilt(root);
    else if (!values.reuse) {
      const built = await measured([join(root, "src/cli/build.ts")], root, "build");
      console.log(`  npm run build: ${fmt(built.seconds)} s, ${fmt(built.peakRssMiB, 0)} MiB`);
    }
    const dist = pagesFrom ?? join(root, "dist");
    for (const variant of variants) {
      const site = await variantSite(dist);
      const index = async (label: string) =>
        indexMeasure(
          await measured(
            [join(projectRoot, "tests/bench/search.ts"), "--index-only", variant, "--site", site, "--root", root],
            root,
            label,
          ),
        );
      await rm(join(root, "node_modules/.cache/newsroom/search-shards"), { recursive: true, force: true });
      const cold = await index(`${variant} cold`);
      const shards =
        variant === "single"
          ? 1
          : (JSON.parse(await readFile(join(site, "pagefind/shards.json"), "utf8")) as string[]).length + 1;
      const traffic: Array<{ words: string } & Awaited<ReturnType<typeof queryTraffic>>> = [];
      for (const query of queries) {
        const server = await serveStatic(site);
        const context = await browser.newContext();
        traffic.push({
          words: query,
          ...(await queryTraffic(await context.newPage(), `${server.url}/search/`, query)),
        });
        await context.close();
        await server.close();
      }
      let edited: typeof cold | undefined;
      let unchanged: typeof cold | undefined;
      if (variant !== "single" && (!values.edits || values.edits.split(",").includes(variant))) {
        // An editor's correction to one article's text, then the same again with nothing changed.
        const text = await readFile(corpus.sample, "utf8");
        await writeFile(corpus.sample, text.replace(/\n\n([A-Z])/, "\n\nCorrected: $1"));
        edited = await index(`${variant} one edit`);
        unchanged = await index(`${variant} unchanged`);
        await writeFile(corpus.sample, text);
      }
      const mean = (pick: (t: (typeof traffic)[number]) => number) =>
        traffic.reduce((sum, t) => sum + pick(t), 0) / traffic.length;
      const row = {
        articles: size,
        variant,
        shards,
        index: cold,
        edited,
        unchanged,
        traffic,
        queryRequests: mean((t) => t.query.requests),
        queryKiB: mean((t) => t.query.bytes) / 1024,
        pageKiB: mean((t) => t.page.bytes) / 1024,
      };
      results.push(row);
      console.log(
        `  ${variant.padEnd(12)} ${String(shards).padStart(3)} shards  index ${fmt(cold.seconds)} s (CPU ${fmt(cold.cpu)} s) ${fmt(cold.peakRssMiB, 0)} MiB` +
          (edited
            ? `, one edit ${fmt(edited.seconds)} s (CPU ${fmt(edited.cpu)} s), unchanged ${fmt(unchanged!.seconds)} s (CPU ${fmt(unchanged!.cpu)} s)`
            : "") +
          `  query ${fmt(row.queryRequests)} requests ${fmt(row.queryKiB)} KiB, page ${fmt(row.pageKiB)} KiB`,
      );
      for (const t of traffic)
        console.log(
          `      "${t.words}": ${t.query.requests} requests, ${fmt(t.query.bytes / 1024)} KiB (page before it: ${t.page.requests}, ${fmt(t.page.bytes / 1024)} KiB)`,
        );
      await rm(site, { recursive: true, force: true });
    }
    if (!values.keep && !values.reuse) await rm(root, { recursive: true, force: true });
    else console.log(`  kept: ${root}`);
  }
} finally {
  await browser.close();
}
await writeFile(join(outDir, "search.json"), JSON.stringify(results, null, 2));
console.log(`\nfigures: test-output/bench/search.json`);
