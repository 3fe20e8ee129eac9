/** Content hashes remembered by file identity (src/build/file-hashes.ts). */
import { link, mkdir, mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { projectCaches, type CacheStore } from "../../src/build/cache.ts";
import { contentHash, FileHashes } from "../../src/build/file-hashes.ts";

let root: string;
let store: CacheStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "newsroom-file-hashes-"));
  store = projectCaches(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const identity = (path: string) => stat(path, { bigint: true });
/** A moment long after the file last changed: it has settled. */
const settled = async (path: string) => Number((await identity(path)).ctimeNs / 1_000_000n) + 10_000;
/** Past the file system's timestamp tick, so that a second write gets a later change time. */
const nextTick = () => new Promise((done) => setTimeout(done, 50));

/** Hashes `path` as the content check does: identity first, then the bytes, then the hash. */
async function hashNow(hashes: FileHashes, path: string, nowMs?: number): Promise<string> {
  const stats = await identity(path);
  return hashes.hash(path, stats, await readFile(path), nowMs ?? (await settled(path)));
}

describe("file hashes", () => {
  it("knows a settled file's hash while its identity is unchanged, in this run and the next", async () => {
    const file = join(root, "a.md");
    await writeFile(file, "headline");
    const hashes = await FileHashes.open(store);
    const hash = await hashNow(hashes, file);
    expect(hash).toBe(contentHash(Buffer.from("headline")));
    expect(hashes.known(file, await identity(file))).toBe(hash);
    await hashes.save();
    expect((await FileHashes.open(store)).known(file, await identity(file))).toBe(hash);
  });

  it("forgets it once the file is written again, even with the same size and its old modification time", async () => {
    const file = join(root, "a.md");
    const old = new Date("2020-01-01T00:00:00Z");
    await writeFile(file, "headline");
    await utimes(file, old, old);
    const before = await identity(file);
    const hashes = await FileHashes.open(store);
    await hashNow(hashes, file);
    await nextTick();
    await writeFile(file, "headlinE");
    await utimes(file, old, old); // as a tool that keeps files' times would
    const after = await identity(file);
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    expect(hashes.known(file, after)).toBeUndefined();
  });

  it("forgets it when another file takes its place, with the same bytes' size and times", async () => {
    const file = join(root, "a.md");
    await writeFile(file, "headline");
    const hashes = await FileHashes.open(store);
    await hashNow(hashes, file);
    await writeFile(join(root, "b.md"), "other!!!");
    await rename(join(root, "b.md"), file);
    expect(hashes.known(file, await identity(file))).toBeUndefined();
  });

  it("knows a built file linked into the next build's folder, although the link moved its change time", async () => {
    const [first, next] = [join(root, "site-1"), join(root, "site-2")];
    await mkdir(first);
    await mkdir(next);
    await writeFile(join(first, "page.html"), "<p>page</p>");
    const built = await FileHashes.openBuilt(store);
    const project = await FileHashes.open(store);
    const stats = await identity(join(first, "page.html"));
    const bytes = await readFile(join(first, "page.html"));
    const nowMs = await settled(join(first, "page.html"));
    const hash = built.hash("page.html", stats, bytes, nowMs);
    project.hash("page.html", stats, bytes, nowMs);
    await nextTick();
    await link(join(first, "page.html"), join(next, "page.html"));
    const linked = await identity(join(next, "page.html"));
    expect(linked.ctimeNs).not.toBe(stats.ctimeNs);
    expect(built.known("page.html", linked)).toBe(hash);
    // A project file's identity counts its change time: a link makes it unknown there.
    expect(project.known("page.html", linked)).toBeUndefined();
  });

  it("forgets a built file once it is written again or replaced", async () => {
    const file = join(root, "page.html");
    await writeFile(file, "<p>page</p>");
    const built = await FileHashes.openBuilt(store);
    await hashNow(built, file);
    await nextTick();
    await writeFile(file, "<p>PAGE</p>");
    expect(built.known(file, await identity(file))).toBeUndefined();
    await hashNow(built, file);
    await writeFile(join(root, "other.html"), "<p>gone</p>");
    await rename(join(root, "other.html"), file);
    expect(built.known(file, await identity(file))).toBeUndefined();
  });

  it("does not remember a file that changed just before it was read: it could change again within the same tick", async () => {
    const file = join(root, "a.md");
    await writeFile(file, "headline");
    const hashes = await FileHashes.open(store);
    await hashNow(hashes, file, Date.now());
    expect(hashes.known(file, await identity(file))).toBeUndefined();
  });

  it("keeps only the files asked about in this run", async () => {
    const [a, b] = [join(root, "a.md"), join(root, "b.md")];
    await writeFile(a, "a");
    await writeFile(b, "b");
    const first = await FileHashes.open(store);
    await hashNow(first, a);
    await hashNow(first, b);
    await first.save();
    const second = await FileHashes.open(store);
    expect(second.known(a, await identity(a))).toBeDefined();
    await second.save();
    const third = await FileHashes.open(store);
    expect(third.known(b, await identity(b))).toBeUndefined();
  });

  it("remembers nothing without a cache folder", async () => {
    const file = join(root, "a.md");
    await writeFile(file, "headline");
    const hashes = await FileHashes.open(undefined);
    await hashNow(hashes, file);
    await hashes.save();
    expect((await FileHashes.open(undefined)).known(file, await identity(file))).toBeUndefined();
  });
});
