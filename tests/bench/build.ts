/**
 * npm run bench:build -- --articles 1000,10000 [--pairs 3] [--keep] [--skip minimal,template]
 *
 * For each size: writes a seeded synthetic corpus, then measures in pairs, each pair one
 * right after the other so that a machine whose speed drifts slows both sides alike:
 *
 * 1. the minimal Astro site (a content collection and one page template, tests/bench/minimal),
 *    built cold;
 * 2. our site with every feature, built cold (no caches) the way a publisher does;
 * 3. the same copy after one article is edited (ready to deploy);
 * 4. the same copy after a template change (a comment added to the layout every page
 *    uses): every page renders again, photos and cards come from the caches.
 *
 * Each of 2–4, its peak memory and the size of dist/ are divided by the minimal build of
 * the same pair. Prints the median and spread (smallest–largest) over the pairs of every
 * time and ratio, as Markdown tables for docs/performance.md, with the machine and date;
 * writes the figures (test-output/bench/build.json) and a chart of the ratios
 * (test-output/bench/build.svg). A build that fails is recorded with its reason, and the
 * bench goes on. `--skip` leaves out steps that would only restate what is known (at
 * 100,000 articles the minimal site fails, and every page again takes most of an hour).
 */
import { spawn } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { linkPackages, projectRoot, publisherEnv, tempDir } from "../helpers/build.ts";
import { writeCorpus } from "./corpus.ts";
import { treeRss } from "./process-tree.ts";
import { formatSummary, pairedRatios, summarize, type Summary } from "./stats.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000,10000" },
    pairs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    skip: { type: "string", default: "" },
  },
});
const SKIPPABLE = ["minimal", "template"] as const;
const skipped = new Set(values.skip.split(",").filter(Boolean));
const sizes = values.articles.split(",").map((s) => Number(s.trim()));
const pairCount = Number(values.pairs);
if (
  sizes.some((n) => !Number.isInteger(n) || n < 1) ||
  !Number.isInteger(pairCount) ||
  pairCount < 1 ||
  [...skipped].some((step) => !(SKIPPABLE as readonly string[]).includes(step))
) {
  console.error("usage: npm run bench:build -- --articles 1000,10000 [--pairs 3] [--keep] [--skip minimal,template]");
  process.exit(2);
}
const outDir = join(projectRoot, "test-output/bench");
/** The template every page is rendered through: changing it is a template change for every page. */
const LAYOUT = "src/layouts/BaseLayout.astro";
const ARTICLES = "content/articles";

/** One build: how long it took and the peak memory of all its processes, why it failed, or that it was not run. */
type Measure = { seconds: number; peakRssMiB: number } | { failed: string } | { skipped: string };
const NOT_RUN: Measure = { skipped: "--skip" };

/** The line of a failed build's output that says why: the last error line, or the last line. */
function failureReason(log: string, code: number | null, signal: NodeJS.Signals | null): string {
  // npm run build ends a failure by saying what became of dist/: the reason is above that.
  const trailer = /^(There is no dist\/ yet\.|dist\/ was left as it was\.|Nothing was built\.)$/;
  // Stack frames (native "5: 0x…" and JavaScript "at …") say where, not why.
  const frame = /^(\d+: 0x[0-9a-f]+ |at )/;
  const lines = log
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => !trailer.test(line) && !frame.test(line));
  const error =
    lines.findLast((line) => /fatal|out of memory|invalid string length/i.test(line)) ??
    lines.findLast((line) => /error|invalid|killed/i.test(line));
  const exit = signal ? `signal ${signal}` : `exit ${code}`;
  return `${error ?? lines.findLast(Boolean) ?? "no output"} (${exit})`.slice(0, 300);
}

/**
 * Builds `root` and measures wall time and peak memory of the whole process tree. Our
 * site builds the way a publisher does (`npm run build`: content check, astro build,
 * output checks, swap into dist/), so the time is until the site is ready to deploy; the
 * minimal site runs plain `astro build`.
 */
async function build(root: string, kind: "full" | "minimal", label: string): Promise<Measure> {
  const astro = join(projectRoot, "node_modules/astro/bin/astro.mjs");
  const command = kind === "full" ? [join(root, "src/cli/build.ts")] : [astro, "build", "--root", root];
  const env = { ...publisherEnv(), ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };
  const started = performance.now();
  const child = spawn(process.execPath, command, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  // Only the end of the output is kept: a failure's reason is there, and a long build prints a lot.
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let peak = 0;
  let sampling = false; // one sample at a time: a busy machine can take longer than the interval
  const timer = setInterval(() => {
    if (!child.pid || sampling) return;
    sampling = true;
    void treeRss(child.pid).then((rss) => {
      peak = Math.max(peak, rss);
      sampling = false;
    });
  }, 100);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on("close", (c, s) => done([c, s])),
  );
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  let measure: Measure = { seconds, peakRssMiB: peak / 2 ** 20 };
  if (code !== 0) {
    const logFile = join(outDir, `failed-${kind}-${label.replace(/\W+/g, "-")}.log`);
    await writeFile(logFile, log);
    measure = { failed: `${failureReason(log, code, signal)}; output: ${relative(projectRoot, logFile)}` };
  }
  console.log(`    ${label.padEnd(28)} ${describe(measure)}`);
  return measure;
}

const describe = (m: Measure) =>
  "failed" in m
    ? `failed: ${m.failed}`
    : "skipped" in m
      ? `not run (${m.skipped})`
      : `${m.seconds.toFixed(1)} s, ${m.peakRssMiB.toFixed(0)} MiB`;

/** A fresh copy of the site (no caches: its node_modules links packages only), its articles a copy of the corpus. */
async function project(kind: "full" | "minimal", corpusDir: string): Promise<string> {
  const root = await tempDir(`bench-${kind}`);
  const from = kind === "full" ? projectRoot : join(projectRoot, "tests/bench/minimal");
  const entries =
    kind === "full"
      ? // The project's authors and standing pages too: the settings name them.
        ["src", "public", "astro.config.mjs", "tsconfig.json", "package.json", "content/authors", "content/pages"]
      : ["src", "astro.config.mjs"];
  for (const entry of entries) await cp(join(from, entry), join(root, entry), { recursive: true });
  await linkPackages(root);
  // A copy, not a link: the content check publishes nothing from outside the project.
  await cp(corpusDir, join(root, ARTICLES), { recursive: true });
  return root;
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** A real template change: a comment added inside the body of the layout every page uses. */
async function touchTemplate(root: string, pair: number): Promise<void> {
  const file = join(root, LAYOUT);
  const text = await readFile(file, "utf8");
  const at = text.lastIndexOf("</body>");
  if (at < 0) throw new Error(`${LAYOUT}: no </body> to add a comment before`);
  await writeFile(file, `${text.slice(0, at)}<!-- template change ${pair} -->\n  ${text.slice(at)}`);
}

interface Pair {
  minimal: Measure;
  full: Measure;
  edit: Measure;
  warm: Measure;
  minimalDistMiB: number | undefined;
  distMiB: number | undefined;
}

/** The minimal build, then ours cold, edited and after a template change, one after the other. */
async function measurePair(corpus: { dir: string; sample: string }, pair: number): Promise<Pair> {
  const minimalRoot = await project("minimal", corpus.dir);
  const fullRoot = await project("full", corpus.dir);
  try {
    const minimal = skipped.has("minimal") ? NOT_RUN : await build(minimalRoot, "minimal", "minimal Astro, cold");
    const minimalDistMiB = "seconds" in minimal ? (await dirSize(join(minimalRoot, "dist"))) / 2 ** 20 : undefined;
    const full = await build(fullRoot, "full", "every feature, cold");
    if ("failed" in full) {
      const skipped = { failed: "the cold build failed" };
      return { minimal, full, edit: skipped, warm: skipped, minimalDistMiB, distMiB: undefined };
    }
    const distMiB = (await dirSize(join(fullRoot, "dist"))) / 2 ** 20;
    // An editor's correction: one word changed in one article, then build again.
    const sample = join(fullRoot, ARTICLES, relative(corpus.dir, corpus.sample));
    const text = await readFile(sample, "utf8");
    await writeFile(sample, text.replace(/\n\n([A-Z])/, "\n\nCorrected: $1"));
    const edit = await build(fullRoot, "full", "one article edited");
    if (skipped.has("template")) return { minimal, full, edit, warm: NOT_RUN, minimalDistMiB, distMiB };
    await touchTemplate(fullRoot, pair);
    const warm = await build(fullRoot, "full", "template change, warm");
    return { minimal, full, edit, warm, minimalDistMiB, distMiB };
  } finally {
    if (!values.keep) await Promise.all([minimalRoot, fullRoot].map((r) => rm(r, { recursive: true, force: true })));
  }
}

const seconds = (m: Measure) => ("seconds" in m ? m.seconds : undefined);
const rss = (m: Measure) => ("seconds" in m ? m.peakRssMiB : undefined);
const known = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);
const summaryOf = (xs: (number | undefined)[]): Summary | undefined =>
  known(xs).length ? summarize(known(xs)) : undefined;
/** The median and spread of each pair's figure divided by that pair's minimal build's. */
const ratioOf = (xs: (number | undefined)[], base: (number | undefined)[]) => summaryOf(pairedRatios(xs, base));

/** Every figure of one size: medians and spreads over the pairs, ratios from each pair. */
function summarizeSize(pairs: Pair[]) {
  const base = pairs.map((p) => seconds(p.minimal));
  const baseRss = pairs.map((p) => rss(p.minimal));
  const notRun = (step: "minimal" | "full" | "edit" | "warm") => pairs.every((p) => "skipped" in p[step]);
  return {
    /** Steps that `--skip` left out of every pair: their cells read "not run", not "failed". */
    notRun: { minimal: notRun("minimal"), full: notRun("full"), edit: notRun("edit"), warm: notRun("warm") },
    seconds: {
      minimal: summaryOf(base),
      full: summaryOf(pairs.map((p) => seconds(p.full))),
      edit: summaryOf(pairs.map((p) => seconds(p.edit))),
      warm: summaryOf(pairs.map((p) => seconds(p.warm))),
    },
    peakRssMiB: {
      minimal: summaryOf(baseRss),
      full: summaryOf(pairs.map((p) => rss(p.full))),
    },
    distMiB: { minimal: summaryOf(pairs.map((p) => p.minimalDistMiB)), full: summaryOf(pairs.map((p) => p.distMiB)) },
    ratios: {
      full: ratioOf(
        pairs.map((p) => seconds(p.full)),
        base,
      ),
      edit: ratioOf(
        pairs.map((p) => seconds(p.edit)),
        base,
      ),
      warm: ratioOf(
        pairs.map((p) => seconds(p.warm)),
        base,
      ),
      peakRss: ratioOf(
        pairs.map((p) => rss(p.full)),
        baseRss,
      ),
      dist: ratioOf(
        pairs.map((p) => p.distMiB),
        pairs.map((p) => p.minimalDistMiB),
      ),
    },
  };
}

interface SizeResult {
  articles: number;
  words: number;
  photos: number;
  pairs: Pair[];
  summary: ReturnType<typeof summarizeSize>;
}

const astroVersion = JSON.parse(await readFile(join(projectRoot, "node_modules/astro/package.json"), "utf8")).version;
const machine = {
  date: new Date().toISOString(),
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.versions.node,
  astro: astroVersion as string,
  loadAverage: loadavg()[0]!,
};
console.log(
  `${machine.date.slice(0, 10)}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, Astro ${machine.astro}; load average ${machine.loadAverage.toFixed(2)}`,
);

const missing = (notRun = false) => (notRun ? "not run" : "failed");
const time = (s: Summary | undefined, notRun?: boolean) =>
  formatSummary(s, { digits: 1, unit: " s", missing: missing(notRun) });
const ratio = (s: Summary | undefined, notRun?: boolean) =>
  formatSummary(s, { digits: 2, unit: "×", missing: missing(notRun) });
const mib = (s: Summary | undefined, notRun?: boolean, digits = 0) =>
  formatSummary(s, { digits, unit: " MiB", missing: missing(notRun) });

const results: SizeResult[] = [];
await mkdir(outDir, { recursive: true });
for (const size of sizes) {
  const corpusDir = await tempDir(`corpus-${size}`);
  try {
    const corpus = await writeCorpus(corpusDir, { articles: size });
    console.log(`\n${size} articles (${corpus.words.toLocaleString("en")} words, ${corpus.photos} photos)`);
    const pairs: Pair[] = [];
    for (let pair = 1; pair <= pairCount; pair++) {
      console.log(`  pair ${pair} of ${pairCount}`);
      pairs.push(await measurePair(corpus, pair));
    }
    results.push({ articles: size, words: corpus.words, photos: corpus.photos, pairs, summary: summarizeSize(pairs) });
  } finally {
    if (!values.keep) await rm(corpusDir, { recursive: true, force: true });
  }
  // Written after every size, so a long run that is stopped keeps what it measured.
  await writeFile(join(outDir, "build.json"), JSON.stringify({ machine, pairs: pairCount, results }, null, 2));
}
await writeFile(join(outDir, "build.svg"), chart(results));

const failures = (r: SizeResult) =>
  [
    ...new Set(
      r.pairs.flatMap((p) =>
        (["minimal", "full", "edit", "warm"] as const).flatMap((k) => {
          const m = p[k];
          return "failed" in m ? [`${k}: failed: ${m.failed}`] : [];
        }),
      ),
    ),
  ].join("; ");

console.log(
  `\nMeasured on ${machine.date.slice(0, 10)} on a ${machine.cores}-core, ${machine.memoryGiB} GiB machine (Node ${machine.node}, Astro ${machine.astro}), ${pairCount} pair${pairCount === 1 ? "" : "s"} per size; median (smallest–largest).\n`,
);
console.log(
  "| articles | minimal Astro, cold | every feature, cold | one article edited | template change, warm | peak RSS (minimal → ours) | `dist/` (minimal → ours) |",
);
console.log("| -------: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const s = r.summary;
  const not = s.notRun;
  console.log(
    `| ${r.articles.toLocaleString("en")} | ${time(s.seconds.minimal, not.minimal)} | ${time(s.seconds.full, not.full)} | ${time(s.seconds.edit, not.edit)} | ${time(s.seconds.warm, not.warm)} | ${mib(s.peakRssMiB.minimal, not.minimal)} → ${mib(s.peakRssMiB.full, not.full)} | ${mib(s.distMiB.minimal, not.minimal, 1)} → ${mib(s.distMiB.full, not.full, 1)} |`,
  );
}
console.log("\nEach as a ratio to the minimal build of the same pair:\n");
console.log("| articles | cold | one article edited | template change, warm | peak RSS | `dist/` |");
console.log("| -------: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const s = r.summary.ratios;
  const not = r.summary.notRun;
  console.log(
    `| ${r.articles.toLocaleString("en")} | ${ratio(s.full, not.minimal || not.full)} | ${ratio(s.edit, not.minimal || not.edit)} | ${ratio(s.warm, not.minimal || not.warm)} | ${ratio(s.peakRss, not.minimal || not.full)} | ${ratio(s.dist, not.minimal || not.full)} |`,
  );
}
for (const r of results) {
  const why = failures(r);
  if (why) console.log(`\n${r.articles.toLocaleString("en")} articles: ${why}`);
}
console.log(`\nfigures: test-output/bench/build.json, chart: test-output/bench/build.svg`);

/** The three time ratios per size, as bars at their median with a whisker over their spread. */
function chart(data: SizeResult[]): string {
  const W = 640;
  const H = 400;
  const pad = { left: 56, right: 24, top: 72, bottom: 48 };
  const series = [
    { name: "cold, every feature", colour: "#9b1c1c", pick: (r: SizeResult) => r.summary.ratios.full },
    { name: "one article edited", colour: "#0a4ea3", pick: (r: SizeResult) => r.summary.ratios.edit },
    { name: "template change, warm", colour: "#b36b00", pick: (r: SizeResult) => r.summary.ratios.warm },
  ];
  const maxY = Math.max(1, ...data.flatMap((r) => series.map((s) => s.pick(r)?.max ?? 0))) * 1.1;
  const y = (v: number) => H - pad.bottom - (v / maxY) * (H - pad.top - pad.bottom);
  const group = (W - pad.left - pad.right) / Math.max(data.length, 1);
  const bar = Math.min(40, group / (series.length + 1));
  const f = (n: number) => n.toFixed(1);
  const bars = data
    .map((r, i) => {
      const left = pad.left + i * group + (group - bar * series.length) / 2;
      const label = `<text x="${f(pad.left + (i + 0.5) * group)}" y="${H - pad.bottom + 18}" text-anchor="middle">${r.articles.toLocaleString("en")}</text>`;
      return (
        label +
        series
          .map((s, j) => {
            const v = s.pick(r);
            const x = left + j * bar;
            if (!v) return `<text x="${f(x + bar / 2)}" y="${f(y(0) - 4)}" text-anchor="middle">—</text>`;
            const mid = x + bar / 2;
            return `<rect x="${f(x + 2)}" y="${f(y(v.median))}" width="${f(bar - 4)}" height="${f(y(0) - y(v.median))}" fill="${s.colour}"><title>${s.name}: ${ratio(v)}</title></rect><line x1="${f(mid)}" y1="${f(y(v.min))}" x2="${f(mid)}" y2="${f(y(v.max))}" stroke="#222"/><line x1="${f(mid - 5)}" y1="${f(y(v.min))}" x2="${f(mid + 5)}" y2="${f(y(v.min))}" stroke="#222"/><line x1="${f(mid - 5)}" y1="${f(y(v.max))}" x2="${f(mid + 5)}" y2="${f(y(v.max))}" stroke="#222"/>`;
          })
          .join("")
      );
    })
    .join("\n");
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) => `<text x="${pad.left - 8}" y="${f(y(maxY * t) + 4)}" text-anchor="end">${(maxY * t).toFixed(1)}×</text>`,
    )
    .join("");
  const legend = series
    .map((s, j) => `<text x="${pad.left + 8}" y="${16 + j * 16}" fill="${s.colour}">■ ${s.name}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<title>Build time as a ratio to the minimal Astro build of the same pair, median and spread</title>
<rect width="100%" height="100%" fill="#fff"/>
${legend}
<line x1="${pad.left}" y1="${H - pad.bottom}" x2="${W - pad.right}" y2="${H - pad.bottom}" stroke="#333"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${H - pad.bottom}" stroke="#333"/>
<line x1="${pad.left}" y1="${f(y(1))}" x2="${W - pad.right}" y2="${f(y(1))}" stroke="#333" stroke-dasharray="4 4"/>
<text x="${W - pad.right}" y="${f(y(1) - 4)}" text-anchor="end">minimal Astro = 1×</text>
<text x="${W - pad.right}" y="16" text-anchor="end">median of ${pairCount} pair${pairCount === 1 ? "" : "s"}; whiskers: smallest–largest</text>
${ticks}
${bars}
<text x="${W / 2}" y="${H - 8}" text-anchor="middle">articles</text>
</svg>
`;
}
