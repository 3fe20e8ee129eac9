/**
 * `npm run build` is atomic (src/build/pipeline.ts): a good build replaces dist/; a build that
 * fails, whether its content check stops it or a page throws halfway through rendering,
 * leaves the previous dist/ byte for byte. Runs in a small copy of the project (the
 * seed article only): one good build, one that fails mid-build, one that fails at once.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { link, mkdir, readFile, readdir, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectCopy, removeDir } from "../helpers/build.ts";

let root: string;

beforeAll(async () => {
  root = await projectCopy({});
});
afterAll(async () => {
  if (root && !process.env.KEEP_TEST_SITES) await removeDir(root);
});

async function npmRunBuild(): Promise<{ code: number; output: string; seconds: number }> {
  const started = performance.now();
  // What `npm run build` runs, with the Node that runs the tests (Node 22).
  const child = spawn(process.execPath, ["src/cli/build.ts"], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
  return { code, output, seconds: (performance.now() - started) / 1000 };
}

/** Every file under dist/ with the hash of its bytes. */
async function snapshot(): Promise<Record<string, string>> {
  const dist = join(root, "dist");
  const files: Record<string, string> = {};
  for (const entry of (await readdir(dist, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dist.length + 1)] = createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
  }
  return files;
}

/**
 * A page from public/ that passes the content check (it has a policy) but links nowhere,
 * which only the output checks can tell.
 */
async function writeStrayPage(): Promise<void> {
  await writeFile(
    join(root, "public/stray.html"),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>x</title><a href="/nowhere/">x</a>`,
  );
}

/** The text of every compressed file of dist/'s search index. */
async function searchIndexText(): Promise<string> {
  const dir = join(root, "dist/pagefind");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && /\.pf_(fragment|index|meta)$/.test(e.name));
  const texts = await Promise.all(files.map(async (e) => gunzipSync(await readFile(join(e.parentPath, e.name)))));
  return texts.map((text) => text.toString("utf8")).join("\n");
}

async function leftovers(): Promise<string[]> {
  return (await readdir(root)).filter((name) => name.startsWith(".dist-"));
}

/**
 * The replaced site is deleted by a detached process after the build has exited (so the
 * new site is ready sooner): wait for it, up to a bound far above its few milliseconds here.
 */
async function leftoversAfterCleanup(): Promise<string[]> {
  for (let waited = 0; waited < 30_000 && (await leftovers()).length > 0; waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  return leftovers();
}

describe("npm run build", () => {
  let good: Record<string, string>;

  it("replaces an existing dist/ with the new, checked site", async () => {
    await mkdir(join(root, "dist"), { recursive: true });
    await writeFile(join(root, "dist", "stale-from-an-old-build.html"), "old");
    const result = await npmRunBuild();
    expect(result.code, result.output).toBe(0);
    good = await snapshot();
    for (const file of ["index.html", "404.html", "_headers", "_redirects", "pagefind/pagefind-entry.json"])
      expect(good[file], file).toBeTruthy();
    expect(good["stale-from-an-old-build.html"]).toBeUndefined();
    expect(await leftoversAfterCleanup()).toEqual([]);
    console.log(`good build: ${result.seconds.toFixed(1)} s`);
  });

  it("leaves dist/ byte for byte when a page throws halfway through the build", async () => {
    await writeFile(
      join(root, "src/pages/zz-broken.astro"),
      `---\nthrow new Error("this page breaks on purpose");\n---\n<p>never</p>\n`,
    );
    try {
      const result = await npmRunBuild();
      expect(result.code).not.toBe(0);
      expect(result.output).toContain("this page breaks on purpose");
      expect(result.output).toContain("dist/ was left as it was.");
      expect(await snapshot()).toEqual(good);
      expect(await leftovers()).toEqual([]);
      console.log(`build failing mid-way: ${result.seconds.toFixed(1)} s`);
    } finally {
      await removeDir(join(root, "src/pages/zz-broken.astro"));
    }
  });

  it("leaves dist/ byte for byte when the finished site fails an output check", async () => {
    // The checks run after Astro has exited (with the search index): a failure there
    // must stop the swap just the same.
    await writeStrayPage();
    try {
      const result = await npmRunBuild();
      expect(result.code).toBe(1);
      expect(result.output).toContain("[newsroom:pagefind] indexed");
      expect(result.output).toContain('broken: stray.html: a href "/nowhere/" has no page');
      expect(result.output).toContain("it must not be published");
      expect(result.output).toContain("dist/ was left as it was.");
      expect(await snapshot()).toEqual(good);
      expect(await leftovers()).toEqual([]);
    } finally {
      await removeDir(join(root, "public/stray.html"));
    }
  });

  it("leaves dist/ byte for byte, and stops Astro before it reads any content, when an article is broken", async () => {
    await writeFile(
      join(root, "content/articles/broken.md"),
      `---\nheadline: "Broken"\nstandfirst: "S"\npublished: 2026-13-45\nsection: "News"\n---\n\nText.\n`,
    );
    const result = await npmRunBuild();
    expect(result.code).toBe(1);
    expect(result.output).toContain('content/articles/broken.md:4: published: "2026-13-45" is not a real calendar day');
    expect(result.output).toContain("Nothing was built.");
    // Astro's process started beside the check, and was stopped while it waited for its result.
    expect(result.output).not.toContain("[content]");
    expect(result.output).not.toContain("[build]");
    expect(await snapshot()).toEqual(good);
    expect(await leftovers()).toEqual([]);
    console.log(`build stopped by the content check: ${result.seconds.toFixed(1)} s`);
  });

  it("puts back the published site when an earlier build was stopped between its two renames", async () => {
    // As a build killed mid-swap leaves it: no dist/, the published site set aside.
    await rename(join(root, "dist"), join(root, ".dist-old-999"));
    const result = await npmRunBuild(); // the broken article is still there: this build fails
    expect(result.code).toBe(1);
    expect(result.output).toContain("Restored dist/ from .dist-old-999");
    expect(await snapshot()).toEqual(good);
    expect(await leftovers()).toEqual([]);
  });
});

/** Every file under dist/ with its inode: which files a build replaced and which it kept. */
async function inodes(): Promise<Record<string, number>> {
  const dist = join(root, "dist");
  const files: Record<string, number> = {};
  for (const entry of (await readdir(dist, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dist.length + 1)] = (await stat(path)).ino;
  }
  return files;
}

describe("npm run build, starting from the published pages (hard links)", () => {
  const slug = "russian-air-raids-damaging-syria-peace-talks-says-kerry";
  const article = () => join(root, `content/articles/${slug}.md`);
  const page = `articles/${slug}/index.html`;
  let published: Record<string, string>;
  let publishedInodes: Record<string, number>;

  /** The seed article with one more word in its body: its page changes, its card does not. */
  async function editArticle(word: string): Promise<void> {
    const text = await readFile(article(), "utf8");
    await writeFile(article(), text.replace(/\n\n(\S)/, `\n\n${word} $1`));
  }

  it("reuses an unchanged page as the same file, and writes a changed one as a new file, leaving the published one as it was", async () => {
    await removeDir(join(root, "content/articles/broken.md")); // left by the tests above
    const first = await npmRunBuild();
    expect(first.code, first.output).toBe(0);
    const before = await inodes();
    // A link of our own to the published article page, as a server reading it would hold it.
    await link(join(root, "dist", page), join(root, "held-page.html"));
    const heldBytes = await readFile(join(root, "held-page.html"), "utf8");

    await editArticle("Reportedly,");
    const rebuild = await npmRunBuild();
    expect(rebuild.code, rebuild.output).toBe(0);
    expect(rebuild.output).toMatch(/Reusing \d+ published pages/);
    const after = await inodes();
    expect(after[`cards/${slug}.png`], "the unchanged card").toBe(before[`cards/${slug}.png`]);
    expect(after[page], "the edited article's page").not.toBe(before[page]);
    expect(await readFile(join(root, "dist", page), "utf8")).toContain("Reportedly,");
    // Its one shard was indexed again while Astro built, and finds the new word.
    expect(rebuild.output).toMatch(/indexed 1 article for search in 1 shard \(1 built\), while Astro built the pages/);
    expect(await searchIndexText()).toContain("Reportedly");
    expect(await readFile(join(root, "held-page.html"), "utf8")).toBe(heldBytes);
    await removeDir(join(root, "held-page.html"));
    published = await snapshot();
    publishedInodes = await inodes();
    expect(await leftoversAfterCleanup()).toEqual([]);
  });

  it("a rebuild that fails after Astro has rendered changed pages leaves dist/ byte for byte, every file its own inode", async () => {
    await editArticle("Allegedly,");
    await writeStrayPage();
    try {
      const result = await npmRunBuild();
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/Reusing \d+ published pages/);
      expect(result.output).toContain("dist/ was left as it was.");
      expect(await snapshot()).toEqual(published);
      expect(await inodes()).toEqual(publishedInodes);
      expect(await leftovers()).toEqual([]);
    } finally {
      await removeDir(join(root, "public/stray.html"));
    }
  });

  it("after a failed build, the next one links nothing (Astro's record no longer describes dist/) and still builds the right site", async () => {
    const result = await npmRunBuild();
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/Reusing \d+ published pages/);
    expect(await readFile(join(root, "dist", page), "utf8")).toContain("Allegedly,");
  });
});
