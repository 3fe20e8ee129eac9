/**
 * The content hash of a project file, remembered between runs by its path and identity
 * (device, inode, size, and modification and change times in nanoseconds), as git's
 * index does: a file whose identity is unchanged need not be read and hashed again
 * (docs/decisions/026-files-known-by-their-identity.md). The change time moves on every
 * write, and no one can set it back.
 *
 * A file changed just before it was looked at could change again within the same
 * timestamp tick, keeping its identity: its hash is not remembered ("racily clean" in
 * git's words), and it is read again next time.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, type BigIntStats } from "node:fs";
import { CACHES, EntryCache, type CacheStore } from "./cache.ts";

/** How long ago a file must have last changed for its hash to be remembered. */
const SETTLED_NS = 2_000_000_000n;

/** The hash of a file's bytes: the one the content check and everything keyed by it use. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url");
}

/** What a file's identity is made of: a `stat` with `bigint: true`. */
export type FileStats = Pick<BigIntStats, "dev" | "ino" | "size" | "mtimeNs" | "ctimeNs">;

/** A project file: its change time too, which every write moves and no one can set back. */
function projectIdentity(stats: FileStats): string {
  return `${builtIdentity(stats)}:${stats.ctimeNs}`;
}

/**
 * A file of the built site: the same inode, size and modification time. Its change time
 * moves whenever the build links it into a new output folder, so it cannot count here.
 */
function builtIdentity(stats: FileStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

/** Content hashes by path, each with the identity its file had when it was read. */
export class FileHashes {
  readonly #remembered: EntryCache<[identity: string, hash: string]>;
  readonly #identityOf: (stats: FileStats) => string;

  private constructor(remembered: EntryCache<[string, string]>, identityOf: (stats: FileStats) => string) {
    this.#remembered = remembered;
    this.#identityOf = identityOf;
  }

  /** The hashes of the project's files remembered in `store`; with no store, none. */
  static async open(store: CacheStore | undefined): Promise<FileHashes> {
    return new FileHashes(await EntryCache.open(store, CACHES.fileHashes), projectIdentity);
  }

  /**
   * The hashes of a built site's files (by path in the site) remembered in `store`; with no
   * store, none. Every file there is written by the build, or is a hard link to one it
   * wrote before (the published pages, Astro's image cache), and a write in place moves
   * the modification time (docs/decisions/030-built-files-known-by-their-identity.md).
   */
  static async openBuilt(store: CacheStore | undefined): Promise<FileHashes> {
    return new FileHashes(await EntryCache.open(store, CACHES.builtFileHashes), builtIdentity);
  }

  /** The hash of the file at `path` if it is unchanged since it was last hashed (`stats` taken now); otherwise undefined. */
  known(path: string, stats: FileStats): string | undefined {
    const remembered = this.#remembered.get(path);
    return remembered?.[0] === this.#identityOf(stats) ? remembered[1] : undefined;
  }

  /**
   * Hashes `bytes`, read from `path` after `stats` were taken, and remembers the hash
   * unless the file had changed too recently before `nowMs` to be sure of.
   */
  hash(path: string, stats: FileStats, bytes: Uint8Array, nowMs: number): string {
    const hash = contentHash(bytes);
    if (stats.ctimeNs < BigInt(nowMs) * 1_000_000n - SETTLED_NS)
      this.#remembered.set(path, [this.#identityOf(stats), hash]);
    return hash;
  }

  /**
   * The hash of the file at `path`, remembered under `name`, with its bytes when they had
   * to be read: a file whose identity is unchanged is not read when `enough` accepts its
   * remembered hash (what was found for it is still at hand). The identity is taken before
   * the bytes, so a write during the read shows in the next run's.
   *
   * Synchronous: the promise API's open, stat, read and close, each a trip through the
   * thread pool, cost the calling thread several times what the reads themselves do, and a
   * scan of every page of a site was bound by them.
   */
  read(name: string, path: string, enough: (hash: string) => boolean, nowMs: number): { hash: string; bytes?: Buffer } {
    const stats = statSync(path, { bigint: true });
    const known = this.known(name, stats);
    if (known !== undefined && enough(known)) return { hash: known };
    const bytes = readFileSync(path);
    return { hash: this.hash(name, stats, bytes, nowMs), bytes };
  }

  async save(): Promise<void> {
    await this.#remembered.save();
  }
}
