/** One read of a built site for the output checks (src/checks/output/site-scan.ts), and its cache. */
import { link, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFiles } from "../../helpers/build.ts";
import { savedCacheKeys } from "../../helpers/caches.ts";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";
import { scanSite } from "../../../src/checks/output/site-scan.ts";
import { outputProblems } from "../../../src/checks/output/index.ts";
import { projectCaches } from "../../../src/build/cache.ts";
import { FileHashes } from "../../../src/build/file-hashes.ts";
import { ADMIN_CSP } from "../../../src/hosting/policy.ts";
import { escapeHtml } from "../../../src/model/html.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function folder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-scan-"));
  roots.push(root);
  return root;
}

const CSP = `<meta http-equiv="content-security-policy" content="default-src 'self'">`;
const page = (body: string, head = CSP) => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe("scanSite", () => {
  it("reads each page's policy, ids, references and script-running markup in one pass", async () => {
    const site = await folder();
    await writeFiles(site, {
      "index.html": page(`<a id="top" href="/a/#p">a</a><img src="/x.png" srcset="/x.png 1x, /y.png 2x" alt="">`),
      "a/index.html": page(`<p id="p" onclick="go()">p</p><a href=" java\tscript:go()">x</a>`, ""),
      "s.css": `body { background: url("/bg.png") }`,
      "sitemap-0.xml": `<urlset><url><loc>https://example.org/a/</loc></url></urlset>`,
      "x.png": "not read",
    });
    const scan = await scanSite(site);
    expect(scan.files).toEqual(["a/index.html", "index.html", "s.css", "sitemap-0.xml", "x.png"]);
    expect(scan.facts.has("x.png")).toBe(false);
    expect(scan.facts.get("index.html")).toEqual({
      policy: "default-src 'self'",
      unsafe: [],
      ids: ["top"],
      refs: [
        ["a href", "/a/#p"],
        ["img src", "/x.png"],
        ["img srcset", "/x.png"],
        ["img srcset", "/y.png"],
      ],
    });
    const inner = scan.facts.get("a/index.html")!;
    expect(inner.policy).toBeNull();
    expect(inner.unsafe).toEqual(['<p> has an event handler attribute "onclick"', "<a href> is a script URL"]);
    expect(scan.facts.get("s.css")!.refs).toEqual([["css url()", "/bg.png"]]);
    expect(scan.facts.get("sitemap-0.xml")!.refs).toEqual([["sitemap loc", "https://example.org/a/"]]);
  });

  it("finds the same facts with worker threads, in the same order, once many files changed", async () => {
    const site = await folder();
    // Enough pages for the workers to take over partway; the unsafe ones come after that point.
    const pages = Object.fromEntries(
      Array.from({ length: 700 }, (_, i) => [
        `p${String(i).padStart(3, "0")}/index.html`,
        page(
          i % 100 === 99 ? `<p onclick="go()">${i}</p>` : `<a id="a${i}" href="/p${i}/">${i}</a>`,
          i === 650 ? "" : CSP,
        ),
      ]),
    );
    await writeFiles(site, { ...pages, "s.css": `body { background: url("/bg.png") }` });
    const here = await scanSite(site);
    const threaded = await scanSite(site, { workers: 2 });
    expect(threaded.scanned).toBe(701);
    expect([...threaded.facts]).toEqual([...here.facts]);
    expect(threaded.facts.get("p699/index.html")!.unsafe).toEqual(['<p> has an event handler attribute "onclick"']);
    expect(threaded.facts.get("p650/index.html")!.policy).toBeNull();
  });

  it("reuses the facts of unchanged files between builds, and only this build's", async () => {
    const site = await folder();
    const caches = projectCaches(await folder());
    const pages = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`p${i}/index.html`, page(`<a href="/p${(i + 1) % 5}/">n</a>`)]),
    );
    await writeFiles(site, { ...pages, "index.html": page("home") });
    expect((await scanSite(site, { caches })).scanned).toBe(6);
    expect((await scanSite(site, { caches })).scanned).toBe(0);

    // An edited page is read again by its new bytes; a deleted one leaves the cache.
    await writeFiles(site, { "p1/index.html": page(`<a href="/p2/" onmouseover="x()">n</a>`) });
    await rm(join(site, "p4"), { recursive: true });
    const scan = await scanSite(site, { caches });
    expect(scan.scanned).toBe(1);
    expect(scan.facts.get("p1/index.html")!.unsafe).toEqual(['<a> has an event handler attribute "onmouseover"']);
    // Five distinct files now (p0–p3 and the home page).
    expect(await savedCacheKeys(join(caches.folder, "page-facts.json"))).toHaveLength(5);
  });

  it("knows a page linked into the next build's folder by its identity, and reads only a page written there anew", async () => {
    const [first, next] = [await folder(), await folder()];
    const caches = projectCaches(await folder());
    await writeFiles(first, { "index.html": page(`<a href="/a/">a</a>`), "a/index.html": page(`<p id="p">p</p>`) });
    // A file changed within the last moments is read again whatever its identity: these have settled.
    await new Promise((done) => setTimeout(done, 2100));
    const scanned = async (site: string) => {
      const hashes = await FileHashes.openBuilt(caches);
      const hashed = vi.spyOn(hashes, "hash");
      const scan = await scanSite(site, { caches, hashes });
      await hashes.save();
      return { scan, read: hashed.mock.calls.map(([file]) => file) };
    };
    const before = await scanned(first);
    expect(before.read.sort()).toEqual(["a/index.html", "index.html"]);

    // The next build: the home page reused by a hard link, the article page written again, unsafe.
    await mkdir(join(next, "a"));
    await link(join(first, "index.html"), join(next, "index.html"));
    await writeFiles(next, { "a/index.html": page(`<p id="p" onclick="go()">p</p>`) });
    const after = await scanned(next);
    expect(after.read).toEqual(["a/index.html"]);
    expect(after.scan.facts.get("index.html")).toEqual(before.scan.facts.get("index.html"));
    expect(after.scan.facts.get("a/index.html")!.unsafe).toEqual(['<p> has an event handler attribute "onclick"']);
  });

  it("checks an image for metadata once: linked into the next build's folder, it is not read again", async () => {
    const [first, next] = [await folder(), await folder()];
    const caches = projectCaches(await folder());
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const site = { "index.html": page("home"), "404.html": page("gone"), "photo.png": png };
    await writeFiles(first, site);
    await new Promise((done) => setTimeout(done, 2100));
    const checked = async (dir: string) => {
      const hashes = await FileHashes.openBuilt(caches);
      const hashed = vi.spyOn(hashes, "hash");
      const problems = await outputProblems(
        dir,
        { base: "/", caches, hashes },
        await scanSite(dir, { caches, hashes }),
      );
      await hashes.save();
      return { problems, read: hashed.mock.calls.map(([file]) => file).sort() };
    };
    expect(await checked(first)).toEqual({ problems: [], read: ["404.html", "index.html", "photo.png"] });
    for (const file of Object.keys(site)) await link(join(first, file), join(next, file));
    expect(await checked(next)).toEqual({ problems: [], read: [] });
  });

  it("lets a cached scan find the same problems as a fresh one", async () => {
    const site = await folder();
    const caches = projectCaches(await folder());
    await writeFiles(site, {
      "index.html": page(`<a href="/missing/">x</a>`),
      "404.html": page("", ""),
      "empty.html": page("", `<meta http-equiv="Content-Security-Policy" content="">`),
    });
    const options = { base: "/", site: "https://example.org" };
    const fresh = await outputProblems(site, options);
    await scanSite(site, { caches });
    const cached = await outputProblems(site, options, await scanSite(site, { caches }));
    expect(fresh).toEqual([
      "404.html: has no Content-Security-Policy meta tag",
      "empty.html: has no Content-Security-Policy meta tag",
      'broken: index.html: a href "/missing/" has no page (no index.html there)',
    ]);
    expect(cached).toEqual(fresh);
  });
});

describe("the CMS page's policy", () => {
  it("is allowed on admin/index.html, exactly as ADMIN_CSP, and nowhere else", async () => {
    const site = await folder();
    const admin = `<meta http-equiv="content-security-policy" content="${escapeHtml(ADMIN_CSP)}">`;
    const widened = `<meta http-equiv="content-security-policy" content="${escapeHtml(`${ADMIN_CSP}; script-src-elem *`)}">`;
    await writeFiles(site, {
      "index.html": page("home"),
      "404.html": page("not found"),
      "admin/index.html": page(`<script src="/admin/decap-cms.js"></script>`, admin),
      "admin/decap-cms.js": "",
      "admin/copy.html": page("", admin),
      "news/index.html": page("", admin),
      "other/admin/index.html": page("", admin),
    });
    const problems = await outputProblems(site, { base: "/" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "admin/copy.html",
      "news/index.html",
      "other/admin/index.html",
    ]);
    await writeFiles(site, { "admin/index.html": page("", widened) });
    expect((await outputProblems(site, { base: "/" })).some((p) => p.startsWith("admin/index.html: its CSP"))).toBe(
      true,
    );
  });
});
