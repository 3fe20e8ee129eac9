import { readFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { embeddedMetadata, RASTER_EXTENSIONS } from "../images.ts";
import { generatedPaths, listPublished, publicFileProblems } from "./public-files.ts";
import { toPosix } from "./read-articles.ts";
import type { Problem } from "./report.ts";

/** Files in public/ are published byte for byte: no image metadata, nothing active, nothing the build generates. */
export async function publicProblems(root: string, publicDir: string, standingPageIds: string[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const dir = resolve(root, publicDir);
  const generated = generatedPaths(await listPublished(join(root, "src/pages")), standingPageIds);
  for (const rel of await listPublished(dir)) {
    const file = toPosix(join(publicDir, rel));
    const ext = extname(rel).toLowerCase();
    if (RASTER_EXTENSIONS.has(ext)) {
      const found = await embeddedMetadata(await readFile(join(dir, rel)), { allowCredit: false });
      if (found.length) {
        problems.push({
          file,
          message: `carries ${found.join(", ")} metadata, and public/ files are published as they are: strip it (for example \`exiftool -all= ${rel}\`) and commit the clean file`,
        });
      }
    }
    for (const found of await publicFileProblems(rel, () => readFile(join(dir, rel)), generated)) {
      problems.push({ file, ...found });
    }
  }
  return problems;
}

