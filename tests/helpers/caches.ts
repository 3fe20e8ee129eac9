/** Caches (src/build/cache.ts) in tests: a saved cache file's keys, and whether a cache's sources cover what makes its entries. */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { CacheSpec } from "../../src/build/cache.ts";

/** The keys of the entries saved in the cache file `file` (its version line, then one `[key, value]` a line). */
export async function savedCacheKeys(file: string): Promise<string[]> {
  const lines = (await readFile(file, "utf8")).trimEnd().split("\n").slice(1);
  return lines.map((line) => (JSON.parse(line) as [string, unknown])[0]);
}

/**
 * The project's own modules that `entry` runs (its relative imports, followed), other than
 * the cache machinery in src/build/, which keeps entries and makes none, and those of them
 * that none of `spec`'s sources names: a change to one would not start the cache afresh.
 */
export function modulesOutsideSources(entry: string, spec: CacheSpec): { modules: string[]; uncovered: string[] } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, path] of readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+\.ts)"/g))
      visit(relative(process.cwd(), join(dirname(file), path!)));
  };
  visit(entry);
  const modules = [...seen].filter((file) => !file.startsWith("src/build/"));
  const uncovered = modules.filter(
    (file) => !spec.sources.some((source) => file === source || file.startsWith(`${source}/`)),
  );
  return { modules, uncovered };
}
