/**
 * Writes a cache file whole: into a temporary name beside it, then renamed into place, so
 * a process killed halfway, or two builds writing at once, never leave a torn file.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** How much of a file given in pieces is gathered before it is written. */
const CHUNK_CHARS = 1 << 20;

/**
 * Small pieces gathered into chunks of about {@link CHUNK_CHARS}: `writeFile` makes one
 * write per piece it is given, and a cache of one line per entry has tens of thousands.
 */
function* chunked(pieces: Iterable<string>): Generator<string> {
  let chunk = "";
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** `data` may be given in pieces (an iterable of strings), for a file too large for one string. */
export async function writeWhole(file: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, typeof data === "string" || data instanceof Uint8Array ? data : chunked(data));
  await rename(temporary, file);
}
