/**
 * npm run bench:weight — builds the site and prints what a reader downloads for the seed
 * article: HTML with its inlined CSS (raw and gzip), and JavaScript (must be 0 bytes:
 * only /search/ runs any, and the article page must not load it). JSON-LD is data,
 * not script, and is counted in the HTML. Exits non-zero when the page is over 14 KiB
 * gzipped or loads any JavaScript.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { astroBuild, projectRoot, tempDir } from "../helpers/build.ts";
import { SEED_ID } from "../helpers/seed.ts";

const BUDGET = 14 * 1024;
const outDir = await tempDir("bench-weight");
try {
  await astroBuild(projectRoot, outDir);
  const html = await readFile(join(outDir, "articles", SEED_ID, "index.html"));
  const text = html.toString("utf8");
  const css = [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  const linkedCss = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  let linkedCssBytes = 0;
  for (const href of linkedCss) linkedCssBytes += gzipSync(await readFile(join(outDir, href))).length;
  const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    (m) => !/type="application\/ld\+json"/.test(m[1]!),
  );
  const inlineJs = scripts.reduce((n, m) => n + Buffer.byteLength(m[0]), 0);
  // Script files the article page references (src=, modulepreload), wherever they live.
  const referenced = [...text.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+\.m?js)"/g)].map((m) => m[1]!);
  let jsFileBytes = 0;
  for (const src of referenced) jsFileBytes += (await readFile(join(outDir, src))).length;
  const siteJs = (await readdir(outDir, { recursive: true })).filter((f) => /\.m?js$/.test(String(f))).length;
  const gz = gzipSync(html, { level: 9 }).length + linkedCssBytes;
  const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
  console.log(`article page: /articles/${SEED_ID}/`);
  console.log(`  HTML (with inlined CSS)   ${kib(html.length)} raw, of which CSS ${kib(css)}`);
  console.log(`  external CSS files        ${linkedCss.length} (${kib(linkedCssBytes)} gzip)`);
  console.log(`  HTML + CSS, gzip -9       ${kib(gz)}  (budget ${kib(BUDGET)})`);
  console.log(
    `  JavaScript                ${inlineJs + jsFileBytes} bytes (${siteJs} files in dist, for /search/ only)`,
  );
  console.log(`  requests to render        ${1 + linkedCss.length} (favicon aside)`);
  if (gz > BUDGET || inlineJs + jsFileBytes > 0) {
    console.error("over budget");
    process.exitCode = 1;
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
