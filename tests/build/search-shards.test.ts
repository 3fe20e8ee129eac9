/** Splitting the search index (src/build/search-shards.ts): which shard an article is in, and shard keys. */
import { describe, expect, it } from "vitest";
import {
  parseShardScheme,
  planShards,
  shardFolder,
  shardKey,
  type SearchEntry,
} from "../../src/build/search-shards.ts";

const entry = (id: string, day: string, hash = `hash-${id}`): SearchEntry => ({
  id,
  file: `content/articles/${id}.md`,
  published: Date.parse(day),
  hash,
});

const archive = [
  entry("c", "2025-03-01"),
  entry("a", "2024-12-31T23:30:00Z"),
  entry("d", "2026-01-02"),
  entry("b", "2025-01-01"),
  entry("e", "2026-05-01"),
];
const ids = (shards: ReturnType<typeof planShards>) => shards.map((s) => [s.name, s.entries.map((e) => e.id)]);

describe("planShards", () => {
  it("by year: one shard per UTC year of publication, newest first, oldest article first within", () => {
    expect(ids(planShards(archive, { by: "year" }))).toEqual([
      ["year-2026", ["d", "e"]],
      ["year-2025", ["b", "c"]],
      ["year-2024", ["a"]],
    ]);
  });

  it("by count: every N articles in order of publication, the newest (partial) shard first", () => {
    expect(ids(planShards(archive, { by: "count", articles: 2 }))).toEqual([
      ["part-3", ["e"]],
      ["part-2", ["c", "d"]],
      ["part-1", ["a", "b"]],
    ]);
  });

  it("by count: a new article changes only the newest shard", () => {
    const before = planShards(archive, { by: "count", articles: 2 });
    const after = planShards([...archive, entry("f", "2026-06-01")], { by: "count", articles: 2 });
    expect(shardKey(after[1]!, "v")).toBe(shardKey(before[1]!, "v"));
    expect(shardKey(after[2]!, "v")).toBe(shardKey(before[2]!, "v"));
    expect(shardKey(after[0]!, "v")).not.toBe(shardKey(before[0]!, "v"));
  });

  it("gives the same shards whatever order the articles come in, and none for none", () => {
    const scheme = { by: "count", articles: 2 } as const;
    expect(planShards([...archive].reverse(), scheme)).toEqual(planShards(archive, scheme));
    expect(planShards([], { by: "year" })).toEqual([]);
  });

  it("puts the first shard at pagefind/ itself and the others in their folders", () => {
    const shards = planShards(archive, { by: "year" });
    expect(shards.map((_, i) => shardFolder(shards, i))).toEqual(["", "year-2025/", "year-2024/"]);
  });
});

describe("shardKey", () => {
  const [shard] = planShards([entry("a", "2025-01-01"), entry("b", "2025-02-01")], { by: "year" });

  it("is the same for the same articles with the same text and version", () => {
    const again = planShards([entry("b", "2025-02-01"), entry("a", "2025-01-01")], { by: "year" })[0]!;
    expect(shardKey(again, "v1")).toBe(shardKey(shard!, "v1"));
  });

  it("changes when an article's text changes, an article is added or removed, or the version changes", () => {
    const key = shardKey(shard!, "v1");
    const edited = planShards([entry("a", "2025-01-01", "other"), entry("b", "2025-02-01")], { by: "year" })[0]!;
    const fewer = planShards([entry("a", "2025-01-01")], { by: "year" })[0]!;
    expect(shardKey(edited, "v1")).not.toBe(key);
    expect(shardKey(fewer, "v1")).not.toBe(key);
    expect(shardKey(shard!, "v2")).not.toBe(key);
  });
});

describe("parseShardScheme", () => {
  it("reads year or a whole number of articles, and refuses anything else", () => {
    expect(parseShardScheme("year")).toEqual({ by: "year" });
    expect(parseShardScheme("2000")).toEqual({ by: "count", articles: 2000 });
    for (const bad of ["0", "-5", "1.5", "yearly", ""]) expect(() => parseShardScheme(bad)).toThrow(/search shards/);
  });
});
