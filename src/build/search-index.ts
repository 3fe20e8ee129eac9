/**
 * The Pagefind index, in shards (./search-shards.ts, docs/decisions/019-search-shards.md),
 * made from the articles' own files (./search-records.ts), not from the built pages. Each
 * shard's built files are cached by its articles' content hashes: a shard none of whose
 * articles changed is linked from the cache, so a template change indexes nothing. Each
 * shard is indexed by a Pagefind process of its own, stopped when it is done, so an indexer
 * never holds more than the largest shard; with `threads`, that many shards are indexed at
 * once, on worker threads (docs/decisions/029-work-after-astro-on-every-core.md). A failure
 * fails the build.
 */
import { existsSync } from "node:fs";
import { copyFile, link, mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { Piscina } from "piscina";
import type { CheckedArticle } from "../checks/content/index.ts";
import { toInstant } from "../model/dates.ts";
import { CACHES, FileCache, projectCaches } from "./cache.ts";
import indexShard, { type ShardToIndex } from "./search-shard-worker.ts";
import { planShards, shardFolder, shardKey, type SearchEntry, type Shard, type ShardScheme } from "./search-shards.ts";
import { writeWhole } from "./write-whole.ts";

/** What the index needs from the build. */
export interface SearchSettings {
  /** The ids of the articles whose text this edition shows: the only ones indexed. */
  shown: string[];
  /** How the index is split (`searchShards` in src/site.config.ts). */
  shards: ShardScheme;
}

/** The search page reads this, in pagefind/, to know which shards to merge into the first. */
const SHARD_LIST = "shards.json";

/** Files a merged shard needs (the first shard also carries Pagefind's scripts and WebAssembly). */
const INDEX_FILE = /^(pagefind-entry\.json|[^/]*\.pf_meta|(index|fragment|filter)(\/.*)?)$/;

/** The shown articles, with the content hash the content check found for each file. */
function searchEntries(articles: readonly CheckedArticle[], shown: ReadonlySet<string>): SearchEntry[] {
  return articles
    .filter((article) => shown.has(article.id))
    .map((article) => {
      if (!article.schedule) throw new Error(`${article.file}: has no publication date to index it by`);
      return {
        id: article.id,
        file: article.file,
        published: toInstant(article.schedule.published).getTime(),
        hash: article.hash,
      };
    });
}

/** Where a new shard is written: beside its place in the cache, or, when the cache cannot be written, a temporary folder. */
async function freshFolder(cached: string): Promise<string> {
  const fresh = `${cached}.${process.pid}.tmp`;
  try {
    await mkdir(fresh, { recursive: true });
    return fresh;
  } catch {
    return mkdtemp(join(tmpdir(), "newsroom-search-"));
  }
}

/**
 * Puts the files below `from` that `wanted` (their path relative to it) into `to`, as hard
 * links: the cache's files are never written again, only replaced. Copied when `to` is on
 * another file system.
 */
async function linkTree(from: string, to: string, wanted: (path: string) => boolean): Promise<void> {
  const made = new Set<string>();
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    const path = relative(from, join(entry.parentPath, entry.name));
    if (!entry.isFile() || !wanted(path)) continue;
    const folder = dirname(join(to, path));
    if (!made.has(folder)) await mkdir(folder, { recursive: true });
    made.add(folder);
    await link(join(from, path), join(to, path)).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EXDEV") throw error;
      await copyFile(join(from, path), join(to, path));
    });
  }
}

export interface SearchIndexResult {
  articles: number;
  shards: number;
  /** Shards indexed in this build (the others came from the cache). */
  indexed: number;
}

/** What the index of this build is made of: its shards, and which of them the cache holds. */
export interface SearchIndexPlan {
  root: string;
  lang: string;
  articles: number;
  shards: Shard[];
  keys: string[];
  /** Shards to index in this build (none of the others' articles changed). */
  toIndex: number;
  cache: FileCache;
}

/** Plans the index of the shown articles: which shards, and which must be indexed again. */
export function planSearchIndex(settings: {
  root: string;
  lang: string;
  articles: readonly CheckedArticle[];
  search: SearchSettings;
}): SearchIndexPlan {
  const cache = new FileCache(projectCaches(settings.root), CACHES.searchShards);
  const version = `${cache.version}\0${settings.lang}`;
  const entries = searchEntries(settings.articles, new Set(settings.search.shown));
  const planned = planShards(entries, settings.search.shards);
  // A site with nothing to find still gets an index, so the search page works.
  const shards = planned.length > 0 ? planned : [{ name: "empty", entries: [] }];
  const keys = shards.map((shard) => shardKey(shard, version));
  // A shard's folder is renamed into the cache once whole: if it is there, it is complete.
  const toIndex = keys.filter((key) => !existsSync(cache.pathOf(key))).length;
  return { root: settings.root, lang: settings.lang, articles: entries.length, shards, keys, toIndex, cache };
}

/**
 * Writes the planned index into `site/pagefind/`: the newest shard there, with Pagefind's
 * scripts, each other in its own folder, and their list.
 */
export async function writeSearchIndex(
  site: string,
  plan: SearchIndexPlan,
  { threads = 1 }: { threads?: number } = {},
): Promise<SearchIndexResult> {
  const { shards, keys, cache } = plan;
  const index = shardIndexer(Math.min(threads, plan.toIndex));
  try {
    // Every shard to index is started at once (the threads take them in turn); each is
    // put in place, in order, once it is written.
    const placed = shards.map(async (shard, position) => {
      const cached = cache.pathOf(keys[position]!);
      if (existsSync(cached)) return { cached, from: cached, fresh: false };
      const from = await freshFolder(cached);
      await index.run({ root: plan.root, shard, lang: plan.lang, output: from });
      return { cached, from, fresh: true };
    });
    // Awaited in order below; a failure before then must not count as unhandled.
    for (const shard of placed) shard.catch(() => undefined);
    let indexed = 0;
    for (const [position, shard] of placed.entries()) {
      const { cached, from, fresh } = await shard;
      // The newest shard brings Pagefind's scripts for all; the others need only their index.
      await linkTree(
        from,
        join(site, "pagefind", shardFolder(shards, position)),
        (path) => position === 0 || INDEX_FILE.test(path),
      );
      if (!fresh) continue;
      indexed++;
      await rename(from, cached).catch(() => rm(from, { recursive: true, force: true }));
    }
    const merged = shards.slice(1).map((_, i) => shardFolder(shards, i + 1));
    await writeWhole(join(site, "pagefind", SHARD_LIST), JSON.stringify(merged));
    await cache.prune(keys);
    return { articles: plan.articles, shards: shards.length, indexed };
  } finally {
    await index.close();
  }
}

/**
 * What indexes shards: this process, one shard after another, or, for more than one at a
 * time, a pool of worker threads (a thread's Pagefind module runs its own indexer).
 */
function shardIndexer(threads: number): { run(task: ShardToIndex): Promise<void>; close(): Promise<void> } {
  if (threads <= 1) {
    let queue = Promise.resolve();
    let failed: Error | undefined;
    return {
      run: (task) => {
        // After a failure the build stops: the shards after it are not indexed.
        const done = queue.then(() => (failed === undefined ? indexShard(task) : Promise.reject(failed)));
        queue = done.catch(
          (error: unknown) => void (failed ??= error instanceof Error ? error : new Error(String(error))),
        );
        return done;
      },
      close: () => queue,
    };
  }
  const pool = new Piscina<ShardToIndex, void>({
    filename: new URL("./search-shard-worker.ts", import.meta.url).href,
    maxThreads: threads,
  });
  return { run: (task) => pool.run(task), close: () => pool.destroy() };
}

/** Plans and writes the index of the site in `site` ({@link writeSearchIndex}). */
export function buildSearchIndex(
  site: string,
  settings: Parameters<typeof planSearchIndex>[0],
  options?: Parameters<typeof writeSearchIndex>[2],
): Promise<SearchIndexResult> {
  return writeSearchIndex(site, planSearchIndex(settings), options);
}

/** One line for the build's log. */
export function describeSearchIndex({ articles, shards, indexed }: SearchIndexResult): string {
  const from = indexed === shards ? "" : `, ${shards - indexed} from cache`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `indexed ${plural(articles, "article")} for search in ${plural(shards, "shard")} (${indexed} built${from})`;
}
