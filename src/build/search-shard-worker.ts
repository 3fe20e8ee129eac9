/**
 * One search shard indexed by its own Pagefind process: run in the build's process, or on a
 * worker thread when several shards are indexed at once (./search-index.ts). Each thread
 * imports Pagefind's module, which starts one indexer of its own.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { articlePath } from "../model/urls.ts";
import { searchDocument } from "./search-records.ts";
import type { Shard } from "./search-shards.ts";

/** Articles added to Pagefind at once: enough to keep it busy, few enough to bound what waits. */
const BATCH = 64;

export interface ShardToIndex {
  /** The project root the shard's article files are relative to. */
  root: string;
  shard: Shard;
  /** The site's language (Pagefind keeps one index per page language). */
  lang: string;
  /** The folder the index files are written into. */
  output: string;
}

/** Indexes one shard with a fresh Pagefind process, into the folder `output`. */
export default async function indexShard({ root, shard, lang, output }: ShardToIndex): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    for (let start = 0; start < shard.entries.length; start += BATCH) {
      const batch = shard.entries.slice(start, start + BATCH);
      const documents = await Promise.all(
        batch.map(async (entry) => ({
          url: articlePath("/", entry.id),
          content: searchDocument(await readFile(join(root, entry.file), "utf8"), entry.file, lang),
        })),
      );
      const added = await Promise.all(documents.map((document) => index.addHTMLFile(document)));
      const failed = added.flatMap((result) => result.errors);
      if (failed.length) throw new Error(`Pagefind: ${failed.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
  } finally {
    // Stopping the process frees everything it held: the next shard starts from nothing.
    await pagefind.close();
  }
}
