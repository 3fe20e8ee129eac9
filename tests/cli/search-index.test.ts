/**
 * The sharded search index (src/build/search-index.ts) with Pagefind running: shards are
 * built once and then taken from the cache, an edit rebuilds only its article's shard, and
 * an article the edition does not show is in none.
 */
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, type CheckedArticle } from "../../src/checks/content/index.ts";
import { buildSearchIndex } from "../../src/build/search-index.ts";
import { tempDir, writeFiles } from "../helpers/build.ts";

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

const article = (headline: string, published: string, body: string) =>
  `---\nheadline: "${headline}"\nstandfirst: "A standfirst."\npublished: "${published}"\nsection: "News"\n---\n\n${body}\n`;

const ARTICLES: Record<string, [string, string, string]> = {
  old: ["An old story", "2024-05-01", "Zanzibar harbour reopened."],
  new: ["A new story", "2025-03-01", "Zanzibar ferries resumed."],
  held: ["A held story", "2025-04-01", "Quetzalcoatl is the secret word."],
};

async function project(): Promise<{ root: string; articles: CheckedArticle[] }> {
  const root = await tempDir("search-index");
  made.push(root);
  await writeFiles(
    join(root, "content/articles"),
    Object.fromEntries(Object.entries(ARTICLES).map(([id, fields]) => [`${id}.md`, article(...fields)])),
  );
  return { root, articles: await checked(root) };
}

/** The articles as the content check hands them to the build, each with its file's hash. */
async function checked(root: string): Promise<CheckedArticle[]> {
  const report = await checkContent(root, { caches: false });
  expect(report.problems).toEqual([]);
  return report.articles;
}

/** Every file of the index (path → bytes), compressed ones unpacked. */
async function indexFiles(site: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const dir = join(site, "pagefind");
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(entry.parentPath, entry.name));
    const text = /\.pf_(fragment|index|meta)$/.test(entry.name) ? gunzipSync(bytes) : bytes;
    files.set(relative(dir, join(entry.parentPath, entry.name)), text.toString("latin1"));
  }
  return files;
}

describe("buildSearchIndex", () => {
  it("builds each shard once, rebuilds only an edited article's, and indexes only shown articles", async () => {
    const { root, articles } = await project();
    let settings = {
      root,
      lang: "en",
      articles,
      search: { shown: ["old", "new"], shards: { by: "year" } as const },
    };
    const site = async () => {
      const dir = await tempDir("search-site");
      made.push(dir);
      return dir;
    };

    const first = await site();
    expect(await buildSearchIndex(first, settings)).toEqual({ articles: 2, shards: 2, indexed: 2 });
    const files = await indexFiles(first);
    expect(JSON.parse(files.get("shards.json")!)).toEqual(["year-2024/"]);
    expect(files.has("pagefind-ui.js")).toBe(true);
    expect(files.has("year-2024/pagefind-entry.json")).toBe(true);
    expect(files.has("year-2024/pagefind-ui.js")).toBe(false);
    const holding = (word: string) => [...files].filter(([, text]) => text.includes(word)).map(([path]) => path);
    expect(holding("harbour").every((path) => path.startsWith("year-2024/"))).toBe(true);
    expect(holding("ferries").some((path) => path.startsWith("fragment/"))).toBe(true);
    expect(holding("Quetzalcoatl")).toEqual([]);

    // Nothing in the articles changed (a template change, say): nothing is indexed again.
    const second = await site();
    expect(await buildSearchIndex(second, settings)).toEqual({ articles: 2, shards: 2, indexed: 0 });
    expect(await indexFiles(second)).toEqual(files);

    // One article's text changed: its shard alone is indexed again.
    await writeFile(join(root, "content/articles/old.md"), article("An old story", "2024-05-01", "Zanzibar dhows."));
    settings = { ...settings, articles: await checked(root) };
    const third = await site();
    expect(await buildSearchIndex(third, settings)).toEqual({ articles: 2, shards: 2, indexed: 1 });
    expect([...(await indexFiles(third)).values()].some((text) => text.includes("dhows"))).toBe(true);
  });

  it("indexes several shards at once on worker threads into the same files, and fails the build when one cannot be indexed", async () => {
    const { root, articles } = await project();
    const settings = { root, lang: "en", articles, search: { shown: ["old", "new"], shards: { by: "year" } as const } };
    const here = await tempDir("search-site");
    const threaded = await tempDir("search-site");
    made.push(here, threaded);
    expect(await buildSearchIndex(here, settings)).toEqual({ articles: 2, shards: 2, indexed: 2 });
    await rm(join(root, "node_modules"), { recursive: true });
    expect(await buildSearchIndex(threaded, settings, { threads: 2 })).toEqual({ articles: 2, shards: 2, indexed: 2 });
    expect(await indexFiles(threaded)).toEqual(await indexFiles(here));

    // An article file gone between the check and the index: its shard's thread fails, and so does the index.
    await rm(join(root, "node_modules"), { recursive: true });
    await rm(join(root, "content/articles/old.md"));
    const broken = await tempDir("search-site");
    made.push(broken);
    await expect(buildSearchIndex(broken, settings, { threads: 2 })).rejects.toThrow(/old\.md/);
  });
});
