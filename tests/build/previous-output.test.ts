import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  astroManifest,
  linkPages,
  manifestPages,
  recordPublishedManifest,
  removeDroppedPages,
  reusablePages,
} from "../../src/build/previous-output.ts";
import { writeFiles } from "../helpers/build.ts";

const manifest = (paths: Record<string, string>, version = 1) =>
  JSON.stringify({
    version,
    routes: {
      "src/pages/articles/[slug].astro": {
        dependencyHash: "d",
        paths: Object.fromEntries(
          Object.entries(paths).map(([path, outputFile]) => [path, { cacheKey: "k", outputFile }]),
        ),
      },
    },
  });

describe("the pages Astro's incremental manifest records", () => {
  it("lists each path's output file", () => {
    expect(manifestPages(manifest({ "/articles/a/": "articles/a/index.html", "/cards/a.png": "cards/a.png" }))).toEqual(
      ["articles/a/index.html", "cards/a.png"],
    );
  });

  it("lists nothing from a manifest of another version or form, or one that is not JSON", () => {
    expect(manifestPages(manifest({ "/a/": "a/index.html" }, 2))).toEqual([]);
    expect(manifestPages("{")).toEqual([]);
    expect(manifestPages("null")).toEqual([]);
    expect(manifestPages(JSON.stringify({ version: 1 }))).toEqual([]);
  });

  it("never names a file outside the output folder", () => {
    expect(manifestPages(manifest({ a: "/etc/passwd", b: "../outside.html", c: "a/../../x", d: "" }))).toEqual([]);
  });
});

let root: string;
const dist = () => join(root, "dist");
const outDir = () => join(root, ".dist-new");
const astroManifestFile = () => join(root, "node_modules/.astro/incremental-build.json");

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "previous-output-"));
  await writeFiles(dist(), { "articles/a/index.html": "a", "articles/b/index.html": "b", "index.html": "home" });
  await mkdir(join(root, "node_modules/.astro"), { recursive: true });
  await writeFile(
    astroManifestFile(),
    manifest({ "/articles/a/": "articles/a/index.html", "/articles/b/": "articles/b/index.html" }),
  );
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe("which published pages a build may reuse", () => {
  it("none until a build has been published with Astro's current manifest", async () => {
    expect(await reusablePages(root)).toEqual([]);
    await recordPublishedManifest(root, await astroManifest(root));
    expect((await reusablePages(root)).sort()).toEqual(["articles/a/index.html", "articles/b/index.html"]);
  });

  it("none once a later Astro build, whose site was not published, has changed the manifest", async () => {
    await recordPublishedManifest(root, await astroManifest(root));
    await writeFile(astroManifestFile(), manifest({ "/articles/a/": "articles/a/index.html" }));
    expect(await reusablePages(root)).toEqual([]);
  });
});

describe("starting the new folder from the published pages", () => {
  it("hard-links the pages dist/ has and skips those it lacks", async () => {
    const linked = await linkPages(dist(), outDir(), ["articles/a/index.html", "articles/gone/index.html"]);
    expect(linked).toEqual(["articles/a/index.html"]);
    const [built, published] = await Promise.all([
      stat(join(outDir(), "articles/a/index.html")),
      stat(join(dist(), "articles/a/index.html")),
    ]);
    expect(built.ino).toBe(published.ino);
  });

  it("after Astro, removes linked pages it no longer lists, and keeps those it listed or wrote anew", async () => {
    const linked = await linkPages(dist(), outDir(), ["articles/a/index.html", "articles/b/index.html", "index.html"]);
    // Astro's new build: reused a; rendered the home page again (a file of its own); dropped b.
    await writeFile(astroManifestFile(), manifest({ "/articles/a/": "articles/a/index.html" }));
    await rm(join(outDir(), "index.html"));
    await writeFile(join(outDir(), "index.html"), "new home");
    await removeDroppedPages(dist(), outDir(), linked, await astroManifest(root));
    expect(await readFile(join(outDir(), "articles/a/index.html"), "utf8")).toBe("a");
    expect(await readFile(join(outDir(), "index.html"), "utf8")).toBe("new home");
    await expect(stat(join(outDir(), "articles/b/index.html"))).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(dist(), "articles/b/index.html"), "utf8")).toBe("b");
  });
});
