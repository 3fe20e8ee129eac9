/**
 * npm run bench:build -- --articles 1000,10000 [--runs 1] [--keep]
 *
 * For each size: writes a seeded synthetic corpus, builds it with the project's real
 * configuration (every feature on) and with a minimal Astro site (a content collection
 * and one page template, in tests/bench/minimal), and prints cold build time, articles
 * per second, peak RSS, dist size, the time to rebuild after one article is edited,
 * and the ratio to the minimal build. Writes an SVG chart beside its figures in
 * test-output/bench/.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { linkPackages, projectRoot, publisherEnv, tempDir } from "../helpers/build.ts";
import { writeCorpus } from "./corpus.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});
const sizes = values.articles.split(",").map((s) => Number(s.trim()));
const runs = Number(values.runs);
const outDir = join(projectRoot, "test-output/bench");

interface Measure {
  seconds: number;
  peakRssMiB: number;
}

/** Resident memory of a process and all its descendants, from /proc (Linux). */
async function treeRss(pid: number): Promise<number> {
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.pop()!;
    const status = await readFile(`/proc/${p}/status`, "utf8").catch(() => "");
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    if (kb) total += Number(kb) * 1024;
    for (const task of await readdir(`/proc/${p}/task`).catch(() => [] as string[])) {
      const children = await readFile(`/proc/${p}/task/${task}/children`, "utf8").catch(() => "");
      queue.push(...children.split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return total;
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
  const child = spawn(process.execPath, command, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  let peak = 0;
  const timer = setInterval(async () => {
    if (child.pid) peak = Math.max(peak, await treeRss(child.pid));
  }, 100);
  const code = await new Promise<number | null>((done) => child.on("close", done));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${label}: build failed (exit ${code})\n${log.slice(-4000)}`);
  return { seconds, peakRssMiB: peak / 2 ** 20 };
}

async function project(kind: "full" | "minimal", corpusDir: string): Promise<string> {
  const root = await tempDir(`bench-${kind}`);
  const from = kind === "full" ? projectRoot : join(projectRoot, "tests/bench/minimal");
  const entries =
    kind === "full"
      ? ["src", "public", "astro.config.mjs", "tsconfig.json", "package.json"]
      : ["src", "astro.config.mjs"];
  for (const entry of entries) await cp(join(from, entry), join(root, entry), { recursive: true });
  await linkPackages(root);
  await mkdir(join(root, "content"), { recursive: true });
  // The standing pages the settings name (standards), as the project has them.
  if (kind === "full") await cp(join(from, "content/pages"), join(root, "content/pages"), { recursive: true });
  await cp(corpusDir, join(root, "content/articles"), { recursive: true });
  return root;
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

interface Row {
  articles: number;
  full: Measure;
  minimal: Measure;
  rebuild: Measure;
  warm: Measure;
  distMiB: number;
  photos: number;
}

const rows: Row[] = [];
await mkdir(outDir, { recursive: true });
for (const size of sizes) {
  const corpusDir = await tempDir(`corpus-${size}`);
  const corpus = await writeCorpus(corpusDir, { articles: size });
  console.log(`\n${size} articles (${corpus.words.toLocaleString("en")} words, ${corpus.photos} photos)`);
  const fulls: Measure[] = [];
  const minimals: Measure[] = [];
  let rebuild: Measure | undefined;
  let warm: Measure | undefined;
  let distMiB = 0;
  for (let run = 0; run < runs; run++) {
    const full = await project("full", corpusDir);
    const minimal = await project("minimal", corpusDir);
    const dist = join(full, "dist");
    fulls.push(await build(full, "full", "full"));
    minimals.push(await build(minimal, "minimal", "minimal"));
    distMiB = (await dirSize(dist)) / 2 ** 20;
    if (run === 0) {
      // An editor's correction: one word changed in one article, then build again.
      const sample = join(full, "content/articles", relative(corpusDir, corpus.sample));
      const text = await readFile(sample, "utf8");
      await writeFile(sample, text.replace(/\n\n([A-Z])/, "\n\nCorrected: $1"));
      rebuild = await build(full, "full", "rebuild");
      await writeFile(sample, text);
      // A template change: every page renders again, but photos and cards come from cache.
      await rm(join(full, "node_modules/.astro/incremental-build.json"), { force: true });
      warm = await build(full, "full", "warm");
    }
    if (!values.keep)
      await Promise.all([rm(full, { recursive: true, force: true }), rm(minimal, { recursive: true, force: true })]);
  }
  const row: Row = {
    articles: size,
    full: { seconds: median(fulls.map((m) => m.seconds)), peakRssMiB: Math.max(...fulls.map((m) => m.peakRssMiB)) },
    minimal: {
      seconds: median(minimals.map((m) => m.seconds)),
      peakRssMiB: Math.max(...minimals.map((m) => m.peakRssMiB)),
    },
    rebuild: rebuild!,
    warm: warm!,
    distMiB,
    photos: corpus.photos,
  };
  rows.push(row);
  console.log(
    `  cold build, every feature   ${fmt(row.full.seconds)} s  (${fmt(size / row.full.seconds, 0)} articles/s)`,
  );
  console.log(`  peak RSS                    ${fmt(row.full.peakRssMiB, 0)} MiB`);
  console.log(`  dist/                       ${fmt(row.distMiB)} MiB`);
  console.log(`  rebuild after one edit      ${fmt(row.rebuild.seconds)} s`);
  console.log(
    `  every page again, warm      ${fmt(row.warm.seconds)} s, ${fmt(row.warm.peakRssMiB, 0)} MiB (photos and cards cached)`,
  );
  console.log(`  minimal Astro build         ${fmt(row.minimal.seconds)} s, ${fmt(row.minimal.peakRssMiB, 0)} MiB`);
  console.log(
    `  ratio to minimal            ${fmt(row.full.seconds / row.minimal.seconds, 2)}x cold, ${fmt(row.warm.seconds / row.minimal.seconds, 2)}x warm`,
  );
  if (!values.keep) await rm(corpusDir, { recursive: true, force: true });
}

await writeFile(join(outDir, "build.json"), JSON.stringify(rows, null, 2));
await writeFile(join(outDir, "build.svg"), chart(rows));
console.log(`\nfigures: test-output/bench/build.json, chart: test-output/bench/build.svg`);

/** Build time against article count, ours and the minimal site's, as a plain SVG line chart. */
function chart(data: Row[]): string {
  const W = 640;
  const H = 400;
  const pad = { left: 64, right: 24, top: 32, bottom: 48 };
  const maxX = Math.max(...data.map((r) => r.articles));
  const maxY = Math.max(...data.map((r) => Math.max(r.full.seconds, r.minimal.seconds, r.warm.seconds))) * 1.1 || 1;
  const x = (v: number) => pad.left + (v / maxX) * (W - pad.left - pad.right);
  const y = (v: number) => H - pad.bottom - (v / maxY) * (H - pad.top - pad.bottom);
  const line = (pick: (r: Row) => number) => data.map((r) => `${fmt(x(r.articles))},${fmt(y(pick(r)))}`).join(" ");
  const ticks = data
    .map((r) => `<text x="${fmt(x(r.articles))}" y="${H - pad.bottom + 18}" text-anchor="middle">${r.articles}</text>`)
    .join("");
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="${pad.left - 8}" y="${fmt(y(maxY * f) + 4)}" text-anchor="end">${fmt(maxY * f, 0)} s</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<title>Build time against article count</title>
<rect width="100%" height="100%" fill="#fff"/>
<line x1="${pad.left}" y1="${H - pad.bottom}" x2="${W - pad.right}" y2="${H - pad.bottom}" stroke="#333"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${H - pad.bottom}" stroke="#333"/>
${ticks}${yTicks}
<text x="${W / 2}" y="${H - 8}" text-anchor="middle">articles</text>
<polyline fill="none" stroke="#9b1c1c" stroke-width="2" points="${line((r) => r.full.seconds)}"/>
<polyline fill="none" stroke="#0a4ea3" stroke-width="2" stroke-dasharray="6 4" points="${line((r) => r.minimal.seconds)}"/>
<polyline fill="none" stroke="#b36b00" stroke-width="2" stroke-dasharray="2 3" points="${line((r) => r.warm.seconds)}"/>
<text x="${pad.left + 8}" y="${pad.top}" fill="#9b1c1c">our site, every feature (cold)</text>
<text x="${pad.left + 8}" y="${pad.top + 16}" fill="#0a4ea3">minimal Astro site</text>
<text x="${pad.left + 8}" y="${pad.top + 32}" fill="#b36b00">our site, photos and cards cached</text>
</svg>
`;
}
