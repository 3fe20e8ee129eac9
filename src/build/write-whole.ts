/**
 * Writes a cache file whole: into a temporary name beside it, then renamed into place, so
 * a process killed halfway, or two builds writing at once, never leave a torn file.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** `data` may be given in pieces (an iterable of strings), for a file too large for one string. */
export async function writeWhole(file: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
