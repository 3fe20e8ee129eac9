/**
 * npm run bench:weight — builds the site and prints what a reader downloads for the seed
 * article and for the home page: HTML with its inlined CSS (raw and gzip), and JavaScript
 * (must be 0 bytes: only /search/ and the CMS at /admin/ run any). Images aside. JSON-LD is data, not script,
 * and is counted in the HTML. The build holds the test fixtures too (a featured story
 * with a photo, authors, an opinion piece, enough stories to fill every slot), so the
 * home page is measured full. Exits non-zero when a page is over 14 KiB gzipped or loads
 * any JavaScript.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { astroBuild, projectCopy, tempDir } from "../helpers/build.ts";
import { fixtureArticleFiles } from "../helpers/fixtures.ts";
import { reachFixtureFiles } from "../helpers/listing-fixtures.ts";
import { newsroomArticleFiles, newsroomContentFiles } from "../helpers/newsroom-fixtures.ts";
import { SEED_ID } from "../helpers/seed.ts";
import { ADMIN_DIR } from "../../src/hosting/policy.ts";

const BUDGET = 14 * 1024;
const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`;

/** Prints one page's weight; true when it is within budget and loads no JavaScript. */
async function weigh(outDir: string, name: string, path: string): Promise<boolean> {
  const html = await readFile(join(outDir, path, "index.html"));
  const text = html.toString("utf8");
  const css = [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  const linkedCss = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  let linkedCssBytes = 0;
  for (const href of linkedCss) linkedCssBytes += gzipSync(await readFile(join(outDir, href))).length;
  const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    (m) => !/type="application\/ld\+json"/.test(m[1]!),
  );
  const inlineJs = scripts.reduce((n, m) => n + Buffer.byteLength(m[0]), 0);
  // Script files the page references (src=, modulepreload), wherever they live.
  const referenced = [...text.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+\.m?js)"/g)].map((m) => m[1]!);
  let jsFileBytes = 0;
  for (const src of referenced) jsFileBytes += (await readFile(join(outDir, src))).length;
  const jsFiles = (await readdir(outDir, { recursive: true })).filter((f) => /\.m?js$/.test(String(f)));
  const adminJs = jsFiles.filter((f) => String(f).startsWith(`${ADMIN_DIR}/`)).length;
  const gz = gzipSync(html, { level: 9 }).length + linkedCssBytes;
  console.log(`${name}: /${path}`);
  console.log(`  HTML (with inlined CSS)   ${kib(html.length)} raw, of which CSS ${kib(css)}`);
  console.log(`  external CSS files        ${linkedCss.length} (${kib(linkedCssBytes)} gzip)`);
  console.log(`  HTML + CSS, gzip -9       ${kib(gz)}  (budget ${kib(BUDGET)})`);
  console.log(
    `  JavaScript                ${inlineJs + jsFileBytes} bytes (files in dist: ${jsFiles.length - adminJs} for /search/, ${adminJs} for the CMS at /${ADMIN_DIR}/)`,
  );
  console.log(`  requests to render        ${1 + linkedCss.length} (favicon and images aside)`);
  return gz <= BUDGET && inlineJs + jsFileBytes === 0;
}

const root = await projectCopy(
  { ...(await fixtureArticleFiles()), ...reachFixtureFiles(new Date()), ...(await newsroomArticleFiles()) },
  { contentFiles: await newsroomContentFiles() },
);
const outDir = await tempDir("bench-weight");
try {
  await astroBuild(root, outDir);
  const article = await weigh(outDir, "article page", `articles/${SEED_ID}/`);
  const home = await weigh(outDir, "home page", "");
  if (!article || !home) {
    console.error("over budget");
    process.exitCode = 1;
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
  await rm(root, { recursive: true, force: true });
}
