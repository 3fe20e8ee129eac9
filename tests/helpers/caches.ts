/** Reading a saved cache file (src/build/cache.ts) in tests: its version line, then one `[key, value]` a line. */
import { readFile } from "node:fs/promises";

/** The keys of the entries saved in the cache file `file`. */
export async function savedCacheKeys(file: string): Promise<string[]> {
  const lines = (await readFile(file, "utf8")).trimEnd().split("\n").slice(1);
  return lines.map((line) => (JSON.parse(line) as [string, unknown])[0]);
}
