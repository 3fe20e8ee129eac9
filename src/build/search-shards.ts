/**
 * How the search index is split (docs/decisions/019-search-shards.md): each shard is a
 * Pagefind index of its own, rebuilt only when the text of one of its articles changed,
 * and the search page merges them. Pure: which article goes in which shard, and the key
 * a shard's built files are cached under.
 */
import { createHash } from "node:crypto";

/** By publication year (UTC, as the archive pages), or every `articles` articles in order of publication. */
export type ShardScheme = { by: "year" } | { by: "count"; articles: number };

/** One article as the index sees it. */
export interface SearchEntry {
  /** Its id: the address /articles/<id>/. */
  id: string;
  /** Its file, relative to the project root. */
  file: string;
  /** When it was published (milliseconds since the epoch). */
  published: number;
  /** The hash of its file's bytes: its record is the same for the same bytes. */
  hash: string;
}

export interface Shard {
  /** Its folder's name under pagefind/ (the first shard is pagefind/ itself). */
  name: string;
  entries: SearchEntry[];
}

/** Reads the setting as written in the environment: "year", or a number of articles. */
export function parseShardScheme(text: string): ShardScheme {
  if (text === "year") return { by: "year" };
  const articles = Number(text);
  if (!Number.isInteger(articles) || articles < 1)
    throw new Error(`search shards: "${text}" is neither "year" nor a whole number of articles`);
  return { by: "count", articles };
}

const byPublication = (a: SearchEntry, b: SearchEntry) =>
  a.published - b.published || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The shards, newest first: the first is the index the search page loads, the others are
 * merged into it. By count, new articles land in the newest shard, so a day's articles
 * rebuild one shard; an article inserted or removed among older ones moves the later
 * shards' boundaries.
 */
export function planShards(entries: readonly SearchEntry[], scheme: ShardScheme): Shard[] {
  const sorted = [...entries].sort(byPublication);
  const shards: Shard[] = [];
  if (scheme.by === "year") {
    for (const entry of sorted) {
      const name = `year-${new Date(entry.published).getUTCFullYear()}`;
      const last = shards[shards.length - 1];
      if (last?.name === name) last.entries.push(entry);
      else shards.push({ name, entries: [entry] });
    }
  } else {
    for (let start = 0; start < sorted.length; start += scheme.articles) {
      shards.push({
        name: `part-${start / scheme.articles + 1}`,
        entries: sorted.slice(start, start + scheme.articles),
      });
    }
  }
  return shards.reverse();
}

/**
 * The key a shard's built index is kept under: its articles with their content hashes,
 * and `version` (the indexer, the record-making code, the site's language). The same key
 * is the same index, whatever else in the site changed.
 */
export function shardKey(shard: Shard, version: string): string {
  const hash = createHash("sha256").update(version);
  for (const entry of shard.entries) hash.update(`\n${entry.id}\0${entry.hash}`);
  return hash.digest("hex").slice(0, 24);
}

/** The folder of the shard at `position` (newest first), relative to pagefind/. */
export function shardFolder(shards: readonly Shard[], position: number): string {
  return position === 0 ? "" : `${shards[position]!.name}/`;
}
