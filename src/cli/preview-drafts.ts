/**
 * `npm run preview:drafts`: the site as the newsroom sees it, built into dist-preview/
 * (never published: `npm run build` writes only dist/). Drafts and embargoed articles
 * are included, each under a banner; every page asks not to be indexed; there are no
 * feeds or sitemaps, and robots.txt disallows everything. Set NEWSROOM_NOW to see the
 * site as of another moment. Extra arguments go to `astro build`.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PREVIEW_ENV } from "../integrations/edition.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Beside dist/, never inside it. */
const PREVIEW_DIR = "dist-preview";

const outDir = join(root, PREVIEW_DIR);
await rm(outDir, { recursive: true, force: true });
const astro = join(root, "node_modules/astro/bin/astro.mjs");
const child = spawn(process.execPath, [astro, "build", "--outDir", outDir, ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, [PREVIEW_ENV]: "1" },
  stdio: "inherit",
});
const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
if (code === 0)
  console.log(
    `\nThe preview is in ${PREVIEW_DIR}/ (not for publishing): npx serve ${PREVIEW_DIR} or any static server.`,
  );
process.exitCode = code;
