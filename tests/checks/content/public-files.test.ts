/**
 * Nothing outside the project reaches the site, and public/ cannot replace what the build
 * generates or publish anything active (src/checks/content/symlinks.ts, public-files.ts,
 * through the content check). Each case is a folder of files; no build.
 */
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, formatProblem } from "../../../src/checks/content/index.ts";
import { generatedCollision, generatedPaths, replacedPages } from "../../../src/checks/content/public-files.ts";
import { projectRoot, writeFiles } from "../../helpers/build.ts";
import { readdir } from "node:fs/promises";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

const ARTICLE = `---\nheadline: "A"\nstandfirst: "S."\npublished: "2026-02-10"\nsection: "News"\n---\n\nText.\n`;

async function project(files: Record<string, string | Buffer>, links: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-public-"));
  roots.push(root);
  await writeFiles(root, { "content/articles/a.md": ARTICLE, ...files });
  for (const [path, target] of Object.entries(links)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await symlink(target, join(root, path));
  }
  return root;
}

async function problems(root: string): Promise<string[]> {
  const report = await checkContent(root, { caches: false });
  return report.problems.map(formatProblem);
}

/** The site's own page routes, as files relative to src/pages. */
async function sitePages(): Promise<string[]> {
  const dir = join(projectRoot, "src/pages");
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe("symbolic links in content/ and public/", () => {
  it("refuse a link to a file or folder outside the project, naming the link and its target, and read nothing else", async () => {
    const root = await project(
      { "public/ok.txt": "ok" },
      {
        "public/passwd.txt": "/etc/passwd",
        "public/etc": "/etc",
        "content/articles/b.md": "/etc/hostname",
        "content/articles/photos": "../../..",
      },
    );
    const found = await problems(root);
    expect(found).toEqual([
      expect.stringMatching(/^content\/articles\/b\.md: is a symbolic link to \/etc\/hostname, outside the project: /),
      expect.stringMatching(
        /^content\/articles\/photos: is a symbolic link to \.\.\/\.\.\/\.\. \(.+\), outside the project/,
      ),
      expect.stringMatching(/^public\/etc: is a symbolic link to \/etc, outside the project/),
      expect.stringMatching(/^public\/passwd\.txt: is a symbolic link to \/etc\/passwd, outside the project/),
    ]);
  });

  it("refuse links that loop (to their own folder, an ancestor, or themselves) and links to nothing, at once", async () => {
    const root = await project(
      { "inside/note.txt": "n" },
      {
        "public/loop": ".",
        "public/up": "..",
        "public/self": "self",
        "public/gone": "nowhere",
        "public/in": "../inside",
        "inside/back": "../public",
      },
    );
    expect(await problems(root)).toEqual([
      expect.stringMatching(/^public\/gone: is a symbolic link to nowhere \(.*\), which does not exist/),
      expect.stringMatching(
        /^public\/in\/back: is a symbolic link to \.\.\/public \(.*\), a folder that contains the link itself: it loops/,
      ),
      expect.stringMatching(
        /^public\/loop: is a symbolic link to \. \(.*\), a folder that contains the link itself: it loops/,
      ),
      expect.stringMatching(/^public\/self: is a symbolic link to self \(.*\), which loops back to itself/),
      expect.stringMatching(
        /^public\/up: is a symbolic link to \.\. \(.*\), a folder that contains the link itself: it loops/,
      ),
    ]);
  });

  it("allow a link to a file or folder inside the project, and check what it leads to", async () => {
    const root = await project(
      { "assets/logo.txt": "x", "assets/deep/evil.js": "alert(1)" },
      { "public/logo.txt": "../assets/logo.txt", "public/assets": "../assets" },
    );
    expect(await problems(root)).toEqual([expect.stringMatching(/^public\/assets\/deep\/evil\.js: is JavaScript/)]);
  });
});

describe("public/ and the paths the build generates", () => {
  it("knows the generated paths from src/pages and the integrations, without building", async () => {
    const generated = generatedPaths(await sitePages());
    const owner = (rel: string) => generatedCollision(rel, generated)?.source;
    expect(owner("index.html")).toBe("src/pages/index.astro");
    expect(owner("404.html")).toBe("src/pages/404.astro");
    expect(owner("rss.xml")).toBe("src/pages/rss.xml.ts");
    expect(owner("robots.txt")).toBe("src/pages/robots.txt.ts");
    expect(owner("search/index.html")).toBe("src/pages/search.astro");
    expect(owner("articles/any/index.html")).toBe("src/pages/articles/[slug].astro");
    expect(owner("cards/x.png")).toBe("src/pages/cards/[slug].png.ts");
    expect(owner("sitemap-0.xml")).toMatch(/sitemap/);
    expect(owner("_headers")).toMatch(/src\/build\/finish\.ts/);
    expect(owner("pagefind/x.js")).toMatch(/search index/);
    expect(owner("favicon.svg")).toBeUndefined();
    expect(owner("search/help.txt")).toBeUndefined();
  });

  it("refuses a public/ file at a generated path, naming both, in any case", async () => {
    const pages = Object.fromEntries((await sitePages()).map((p) => [`src/pages/${p}`, "x"]));
    const root = await project({
      ...pages,
      "public/index.html": "x",
      "public/RSS.xml": "x",
      "public/robots.txt": "User-agent: *",
      "public/articles/a/index.html": "x",
      "public/favicon.txt": "fine",
    });
    const found = (await problems(root)).filter((p) => /generated|generates/.test(p));
    expect(found).toEqual([
      "public/RSS.xml: would replace the generated /rss.xml (src/pages/rss.xml.ts): remove it from public/",
      "public/articles/a/index.html: is inside /articles/, which the build generates (src/pages/articles/[slug].astro): public/ cannot add to or replace generated pages; move it elsewhere",
      "public/index.html: would replace the generated /index.html (src/pages/index.astro): remove it from public/",
      "public/robots.txt: would replace the generated /robots.txt (src/pages/robots.txt.ts): remove it from public/",
    ]);
  });

  it("after a build, names any public/ file that replaced a page Astro wrote", () => {
    const written = new Map([
      ["robots.txt", "/robots.txt"],
      ["articles/a/index.html", "/articles/[slug]"],
    ]);
    expect(replacedPages(["Robots.txt", "favicon.svg"], written)).toEqual([
      "public/Robots.txt: replaced the generated /robots.txt (route /robots.txt)",
    ]);
  });
});

describe("active files in public/", () => {
  const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">`;

  it("refuses JavaScript in any case, dot folders included", async () => {
    const root = await project({ "public/x.js": "alert(1)", "public/.well-known/y.MJS": "1", "public/z.cjs": "1" });
    expect((await problems(root)).map((p) => p.split(":")[0])).toEqual([
      "public/.well-known/y.MJS",
      "public/x.js",
      "public/z.cjs",
    ]);
  });

  it("puts every document a browser renders through the page checks: .htm, .shtml, .xhtml, .svg, .xml, any case", async () => {
    const root = await project({
      "public/page.HTM": `<!doctype html><html><head>${CSP}</head><body><script src="x.txt"></script></body></html>`,
      "public/bare.htm": `<p>no policy</p>`,
      "public/ssi.shtml": `<html><head>${CSP}</head><body><a href="&#106;avascript:alert(1)">x</a></body></html>`,
      "public/charset.html": `<html><head><meta charset="iso-2022-jp">${CSP}</head><body></body></html>`,
      "public/doc.XHTML": `<html xmlns="http://www.w3.org/1999/xhtml"><head><title><script>alert(1)</script></title></head></html>`,
      "public/data.xml": `<x><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></x>`,
      "public/styled.xml": `<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="s.xsl"?><x/>`,
      "public/logo.SVG": `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
      "public/ok.html": `<!doctype html><html><head>${CSP}</head><body><p>fine</p></body></html>`,
      "public/ok.xml": `<x>plain data</x>`,
    });
    const found = await problems(root);
    const files = [...new Set(found.map((p) => p.replace(/[:].*/, "")))];
    expect(files).toEqual([
      "public/bare.htm",
      "public/charset.html",
      "public/data.xml",
      "public/doc.XHTML",
      "public/logo.SVG",
      "public/page.HTM",
      "public/ssi.shtml",
      "public/styled.xml",
    ]);
    expect(found).toContain(
      "public/page.HTM:1: has a <script>: a document in public/ is served as a page of the site, and public/ publishes no scripts",
    );
    expect(found).toContain(
      "public/bare.htm: has no Content-Security-Policy meta tag: a document in public/ is served as a page of the site",
    );
  });
});
