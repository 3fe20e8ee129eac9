/** The one cache module (src/build/cache.ts): versions from sources, pruning, whole writes. */
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { EntryCache, FileCache, projectCaches, sourcesVersion, type CacheSpec } from "../../src/build/cache.ts";
import { writeFiles } from "../helpers/build.ts";
import { savedCacheKeys } from "../helpers/caches.ts";

/** How many pieces each write given in pieces was handed to writeFile in. */
const writtenPieces = vi.hoisted(() => [] as number[]);

vi.mock("node:fs/promises", async (original) => {
  const real = await original<typeof import("node:fs/promises")>();
  return {
    ...real,
    // A write that dies halfway (as a killed build would), when the data asks for it.
    writeFile: vi.fn(
      async (file: Parameters<typeof real.writeFile>[0], data: string | Uint8Array | Iterable<string>) => {
        const pieces = typeof data === "string" || data instanceof Uint8Array ? undefined : [...data];
        if (pieces) writtenPieces.push(pieces.length);
        const text = pieces ? pieces.join("") : data;
        if (typeof text === "string" && text.includes("die-halfway")) {
          await real.writeFile(file, text.slice(0, text.length / 2));
          throw new Error("killed");
        }
        return real.writeFile(file, text);
      },
    ),
  };
});

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function project(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-cache-"));
  roots.push(root);
  await writeFiles(root, files);
  return root;
}

const SPEC: CacheSpec = { name: "things", sources: ["src/things", "src/thing-rules.ts"] };
const saved = (root: string) => savedCacheKeys(join(projectCaches(root).folder, "things.json"));

describe("EntryCache", () => {
  it("keeps only the entries this run used", async () => {
    const root = await project();
    const first = await EntryCache.open<number>(projectCaches(root), SPEC);
    for (const key of ["a", "b", "c"]) first.set(key, 1);
    await first.save();
    const second = await EntryCache.open<number>(projectCaches(root), SPEC);
    expect(second.get("a")).toBe(1);
    second.set("d", 2);
    await second.save();
    expect((await saved(root)).sort()).toEqual(["a", "d"]);
  });

  it("starts afresh when a source it depends on changes, and only then", async () => {
    const root = await project({ "src/things/x.ts": "one", "src/thing-rules.ts": "rules", "src/other.ts": "x" });
    const caches = projectCaches(root);
    const reopen = async () => (await EntryCache.open<number>(caches, SPEC)).get("a");
    const cache = await EntryCache.open<number>(caches, SPEC);
    cache.set("a", 1);
    await cache.save();
    await writeFile(join(root, "src/other.ts"), "changed, but not a source of this cache");
    expect(await reopen()).toBe(1);
    await writeFiles(root, { "src/things/deeper/y.ts": "a new file in a source folder" });
    expect(await reopen()).toBeUndefined();
  });

  it("writes its file whole: a write cut short leaves the previous file as it was", async () => {
    const root = await project();
    const cache = await EntryCache.open<string>(projectCaches(root), SPEC);
    cache.set("a", "fine");
    await cache.save();
    const before = await readFile(join(projectCaches(root).folder, "things.json"), "utf8");
    const next = await EntryCache.open<string>(projectCaches(root), SPEC);
    next.set("b", "die-halfway");
    await next.save(); // a cache that cannot be written is skipped, never an error
    expect(await readFile(join(projectCaches(root).folder, "things.json"), "utf8")).toBe(before);
  });

  it("keeps values with line breaks, quotes and non-ASCII text, one entry a line", async () => {
    const root = await project();
    const cache = await EntryCache.open<{ text: string }>(projectCaches(root), SPEC);
    const value = { text: 'two\nlines, "quoted", عربي \u2028' };
    cache.set("a\nb", value);
    cache.set("c", { text: "" });
    await cache.save();
    const file = await readFile(join(projectCaches(root).folder, "things.json"), "utf8");
    expect(file.trimEnd().split("\n")).toHaveLength(3);
    expect((await EntryCache.open<{ text: string }>(projectCaches(root), SPEC)).get("a\nb")).toEqual(value);
  });

  it("hands a cache of many entries to the file system in a few large pieces, not a write a line", async () => {
    const root = await project();
    const cache = await EntryCache.open<string>(projectCaches(root), SPEC);
    const entries = 30_000;
    for (let i = 0; i < entries; i++) cache.set(`page-${i}`, "x".repeat(100));
    writtenPieces.length = 0;
    await cache.save();
    // About 3.5 MB of lines: a handful of pieces, where one a line would be 30,001.
    expect(writtenPieces).toHaveLength(1);
    expect(writtenPieces[0]).toBeGreaterThan(1);
    expect(writtenPieces[0]).toBeLessThan(10);
    const reopened = await EntryCache.open<string>(projectCaches(root), SPEC);
    for (const i of [0, 12_345, entries - 1]) expect(reopened.get(`page-${i}`)).toBe("x".repeat(100));
    const file = await readFile(join(projectCaches(root).folder, "things.json"), "utf8");
    expect(file.trimEnd().split("\n")).toHaveLength(entries + 1);
  });

  it("remembers nothing without a store", async () => {
    const cache = await EntryCache.open<number>(undefined, SPEC);
    cache.set("a", 1);
    await cache.save();
    expect((await EntryCache.open<number>(undefined, SPEC)).get("a")).toBeUndefined();
  });
});

describe("sourcesVersion", () => {
  it("changes with a source file's content, its name, or a file added to a source folder", async () => {
    const root = await project({ "src/things/x.ts": "one", "src/thing-rules.ts": "rules" });
    const version = () => sourcesVersion(root, SPEC.sources);
    const first = version();
    expect(version()).toBe(first);
    await writeFile(join(root, "src/thing-rules.ts"), "other rules");
    const second = version();
    expect(second).not.toBe(first);
    await writeFiles(root, { "src/things/z.ts": "more" });
    expect(version()).not.toBe(second);
  });
});

describe("FileCache", () => {
  it("keeps the files named, drops the rest and every other version's folder", async () => {
    const root = await project({ "src/things/x.ts": "one" });
    const old = new FileCache(projectCaches(root), SPEC);
    await old.set("stale.png", Buffer.from("old design"));
    await writeFile(join(root, "src/things/x.ts"), "new design");
    const cache = new FileCache(projectCaches(root), SPEC);
    expect(cache.get("stale.png")).toBeUndefined();
    await cache.set("kept.png", Buffer.from("k"));
    await cache.set("gone.png", Buffer.from("g"));
    await cache.prune(["kept.png"]);
    expect(await readdir(join(projectCaches(root).folder, "things"))).toEqual([cache.version]);
    expect(await readdir(join(projectCaches(root).folder, "things", cache.version))).toEqual(["kept.png"]);
    expect(cache.get("kept.png")).toEqual(Buffer.from("k"));
  });

  it("keeps and drops entries that are folders (a search shard's files) whole", async () => {
    const root = await project({ "src/things/x.ts": "one" });
    const cache = new FileCache(projectCaches(root), SPEC);
    await cache.set("kept/index/a.pf_index", Buffer.from("k"));
    await cache.set("gone/index/b.pf_index", Buffer.from("g"));
    await cache.prune(["kept"]);
    expect(await readdir(join(projectCaches(root).folder, "things", cache.version))).toEqual(["kept"]);
    expect(cache.get("kept/index/a.pf_index")).toEqual(Buffer.from("k"));
  });
});
