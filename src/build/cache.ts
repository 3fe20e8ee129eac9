/**
 * Every cache the build keeps between runs, in one folder (`node_modules/.cache/newsroom/`),
 * with one scheme (docs/decisions/012-one-cache-module.md):
 *
 * - each cache names the sources its entries come from ({@link CACHES}); their digest is
 *   the cache's version, so a change to one of them starts that cache afresh, and only it;
 * - a run keeps only the entries it used, so a cache never outgrows the site;
 * - files are written whole (./write-whole.ts): a killed build never leaves a torn one.
 *
 * A cache is only ever a shortcut: one that cannot be read starts empty, and one that
 * cannot be written is skipped.
 */
import { createHash } from "node:crypto";
import { createReadStream, readFileSync, readdirSync, statSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { writeWhole } from "./write-whole.ts";

export interface CacheSpec {
  /** The cache's file (`<name>.json`) or folder (`<name>/`) in the cache folder. */
  readonly name: string;
  /** Files and folders (every file below), relative to the project root, that decide its entries. */
  readonly sources: readonly string[];
}

/** The lockfile stands for the packages a cache's entries depend on (sharp, marked, yaml, …). */
const PACKAGES = "package-lock.json";

/** The build's caches, and what each one's entries depend on. */
export const CACHES = {
  /** Content hashes of project files, by path and file identity (./file-hashes.ts). */
  fileHashes: { name: "file-hashes", sources: ["src/build/file-hashes.ts"] },
  /** Content hashes of the built site's files, by path in the site and file identity (./file-hashes.ts). */
  builtFileHashes: { name: "built-file-hashes", sources: ["src/build/file-hashes.ts"] },
  /** Article images decoded in full without fault, by extension and content hash. */
  checkedImages: { name: "checked-images", sources: ["src/checks/images.ts", PACKAGES] },
  /** What each article's text was found to say, by path and content hash. */
  checkedArticles: {
    name: "checked-articles",
    sources: ["src/checks/content", "src/model", "src/markdown", "src/views/pagination.ts", PACKAGES],
  },
  /** What the output checks read in each built page, stylesheet or document, by content hash. */
  pageFacts: {
    name: "page-facts",
    sources: ["src/checks/output/site-scan.ts", "src/checks/output/html-scan.ts", "src/checks/svg.ts", PACKAGES],
  },
  /** Built images found free of metadata, by content hash. */
  cleanImages: { name: "clean-images", sources: ["src/checks/images.ts", PACKAGES] },
  /** Drawn social cards (PNG files), by what they show. */
  socialCards: {
    name: "social-cards",
    sources: [
      "src/views/card-worker.ts",
      "src/views/card-drawing.ts",
      "src/formats/indexed-png.ts",
      "src/model/text-direction.ts",
      PACKAGES,
    ],
  },
  /**
   * Article bodies as the engine renders them (before their figures' images are made), by
   * the digest of the article's file.
   */
  renderedBodies: {
    name: "rendered-bodies",
    sources: [
      "src/views/rendered-bodies.ts",
      "src/views/article-text.ts",
      "src/checks/content/frontmatter.ts",
      "src/markdown",
      "src/model",
      "src/strings",
      PACKAGES,
    ],
  },
  /**
   * Built search index shards (folders), by their articles' content hashes: the records are
   * made from the articles' files, so templates are not among the sources.
   */
  searchShards: {
    name: "search-shards",
    sources: [
      "src/build/search-index.ts",
      "src/build/search-records.ts",
      "src/build/search-shards.ts",
      "src/checks/content/frontmatter.ts",
      "src/markdown",
      "src/model",
      "src/strings",
      PACKAGES,
    ],
  },
} as const satisfies Record<string, CacheSpec>;

/** Where a project's caches live. */
export interface CacheStore {
  /** The project root: where the caches' sources are read from. */
  readonly root: string;
  /** The one folder every cache is kept in. */
  readonly folder: string;
}

export function projectCaches(root: string): CacheStore {
  return { root, folder: join(root, "node_modules/.cache/newsroom") };
}

/** Every file below `path` (relative to it, sorted); [] when it is a file. */
function filesBelow(path: string): string[] {
  if (!statSync(path).isDirectory()) return [];
  return (readdirSync(path, { recursive: true }) as string[])
    .filter((entry) => statSync(join(path, entry)).isFile())
    .sort();
}

/** The digest of `sources` (paths relative to `root`): names and contents of every file. */
export function sourcesVersion(root: string, sources: readonly string[]): string {
  const hash = createHash("sha256");
  for (const source of sources) {
    hash.update(`\0${source}\0`);
    try {
      const below = filesBelow(join(root, source));
      if (below.length === 0) hash.update(readFileSync(join(root, source)));
      for (const entry of below) hash.update(`\0${entry}\0`).update(readFileSync(join(root, source, entry)));
    } catch {
      hash.update("missing"); // a project without it: the same version until it appears
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * A cache of JSON values by key, kept in one file of JSON lines: the version, then one
 * `[key, value]` a line, so that a cache of a very large site is never one string (V8's
 * longest is 512 MiB). Entries read (`get` that finds one) or written (`set`) in this run
 * are the ones `save` keeps.
 */
export class EntryCache<V> {
  readonly #file: string | undefined;
  readonly #version: string;
  readonly #saved: Map<string, V>;
  readonly #used = new Map<string, V>();
  #changed = false;

  private constructor(file: string | undefined, version: string, saved: Map<string, V>) {
    this.#file = file;
    this.#version = version;
    this.#saved = saved;
  }

  /** Opens `spec`'s cache in `store`; with no store, a cache that remembers nothing. */
  static async open<V>(store: CacheStore | undefined, spec: CacheSpec): Promise<EntryCache<V>> {
    if (!store) return new EntryCache<V>(undefined, "", new Map());
    const file = join(store.folder, `${spec.name}.json`);
    const version = sourcesVersion(store.root, spec.sources);
    let saved = new Map<string, V>();
    try {
      const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
      let first = true;
      for await (const line of lines) {
        if (first) {
          first = false;
          if ((JSON.parse(line) as { version?: unknown }).version !== version) break;
          continue;
        }
        const [key, value] = JSON.parse(line) as [string, V];
        saved.set(key, value);
      }
    } catch {
      // no cache yet, or an unreadable one: start empty
      saved = new Map();
    }
    return new EntryCache(file, version, saved);
  }

  get(key: string): V | undefined {
    const value = this.#used.get(key) ?? this.#saved.get(key);
    if (value !== undefined) this.#used.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#used.set(key, value);
    this.#changed = true;
  }

  /** Writes this run's entries (and only them), unless they are exactly what was there. */
  async save(): Promise<void> {
    if (!this.#file) return;
    if (!this.#changed && this.#used.size === this.#saved.size) return;
    const version = this.#version;
    const used = this.#used;
    function* lines() {
      yield `${JSON.stringify({ version })}\n`;
      for (const entry of used) yield `${JSON.stringify(entry)}\n`;
    }
    await writeWhole(this.#file, lines()).catch(() => undefined);
  }
}

/**
 * A cache of whole files by name, in a folder per version (`<name>/<version>/`): for
 * entries too big to share one JSON file, written by many workers at once.
 */
export class FileCache {
  readonly version: string;
  readonly #top: string;
  readonly #folder: string;

  constructor(store: CacheStore, spec: CacheSpec) {
    this.version = sourcesVersion(store.root, spec.sources);
    this.#top = join(store.folder, spec.name);
    this.#folder = join(this.#top, this.version);
  }

  /** Where the entry `name` is kept. */
  pathOf(name: string): string {
    return join(this.#folder, name);
  }

  /**
   * The entry, or undefined. Read synchronously: pages ask for theirs by the thousand while
   * Astro renders, and the promise API's open, stat, read and close cost the rendering
   * thread more than the reads.
   */
  get(name: string): Buffer | undefined {
    try {
      return readFileSync(this.pathOf(name));
    } catch {
      return undefined;
    }
  }

  /** Whether the entry was written (a cache that cannot be written is skipped). */
  async set(name: string, bytes: Uint8Array): Promise<boolean> {
    return writeWhole(this.pathOf(name), bytes).then(
      () => true,
      () => false,
    );
  }

  /**
   * Deletes every entry (file or folder) but those named in `keep`, and every other
   * version's folder; returns the entries of `keep` that are there.
   */
  async prune(keep: Iterable<string>): Promise<Set<string>> {
    const kept = new Set(keep);
    const present = new Set<string>();
    for (const version of await readdir(this.#top).catch(() => [] as string[])) {
      if (version !== this.version) await rm(join(this.#top, version), { recursive: true, force: true });
    }
    for (const name of await readdir(this.#folder).catch(() => [] as string[])) {
      if (kept.has(name)) present.add(name);
      // Files being written (`*.tmp`) belong to a worker still drawing: left to it.
      else if (!name.endsWith(".tmp")) await rm(join(this.#folder, name), { recursive: true, force: true });
    }
    return present;
  }
}
