/** Article bodies as the engine rendered them, kept between builds (src/views/rendered-bodies.ts). */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFiles } from "../helpers/build.ts";
import { modulesOutsideSources } from "../helpers/caches.ts";
import { CACHES, FileCache, projectCaches, type CacheStore } from "../../src/build/cache.ts";
import { renderArticleSource } from "../../src/markdown/article-source.ts";
import { RenderedBodies, type BodySource } from "../../src/views/rendered-bodies.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/** A project root holding `articles` (path → Markdown), with its cache folder. */
async function project(articles: Record<string, string>): Promise<{ root: string; caches: CacheStore }> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-bodies-"));
  roots.push(root);
  await writeFiles(root, articles);
  return { root, caches: projectCaches(root) };
}

const SOURCE = `---
headline: A test
---

Three short words.

![Smoke over the city](<> "Smoke rises over the old city of Aleppo [Reuters]")

Two more.
`;

describe("RenderedBodies", () => {
  it("renders a body once, then gives it from the cache by the file's digest, without reading the file", async () => {
    const { root, caches } = await project({ "content/articles/a.md": SOURCE });
    const bodies = new RenderedBodies(caches);
    const article: BodySource = { id: "a", filePath: "content/articles/a.md", digest: "d1", data: { lang: "en" } };
    const first = await bodies.of(article);
    const engine = renderArticleSource(SOURCE, "content/articles/a.md", "en");
    expect(first.html).toBe(engine.html);
    expect(first.figures).toEqual(engine.figures);
    // The caption's words are looked at, not read.
    expect(first.wordCount).toBe(5);

    await rm(join(root, "content/articles/a.md"));
    expect(await new RenderedBodies(caches).of(article)).toEqual(first);
    // A file without a digest is read every time.
    await expect(bodies.of({ ...article, digest: undefined })).rejects.toThrow(/ENOENT/);
  });

  it("renders an edited file again (its digest is new), and keeps only this build's bodies", async () => {
    const { root, caches } = await project({ "content/articles/a.md": SOURCE });
    const bodies = new RenderedBodies(caches);
    const a = { id: "a", filePath: "content/articles/a.md", digest: "d1", data: { lang: "en" } };
    await bodies.of(a);
    await writeFiles(root, { "content/articles/a.md": SOURCE.replace("Three short words.", "Four short words here.") });
    const edited = await bodies.of({ ...a, digest: "d2" });
    expect(edited.wordCount).toBe(6);
    expect(edited.html).toContain("Four short words here.");

    await bodies.keepOnly([{ ...a, digest: "d2" }]);
    const folder = dirname(new FileCache(caches, CACHES.renderedBodies).pathOf("x"));
    expect(await readdir(folder)).toEqual(["d2.json"]);
  });

  it("is rendered again when any module the rendering runs changes: the cache's sources name each", () => {
    const { modules, uncovered } = modulesOutsideSources("src/views/rendered-bodies.ts", CACHES.renderedBodies);
    expect(modules).toContain("src/markdown/engine.ts");
    expect(uncovered).toEqual([]);
  });
});
