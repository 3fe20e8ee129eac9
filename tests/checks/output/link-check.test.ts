/** The link checker (src/checks/output/link-check.ts) over small hand-made sites. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFiles } from "../../helpers/build.ts";
import { afterAll, describe, expect, it } from "vitest";
import { checkLinks, formatBrokenLink, pagePath } from "../../../src/checks/output/link-check.ts";
import { scanHtml } from "../../../src/checks/output/html-scan.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function site(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-links-"));
  roots.push(root);
  await writeFiles(root, files);
  return root;
}

const page = (body: string, head = "") => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe("the link checker", () => {
  it("maps files to the addresses they are served at", () => {
    expect(pagePath("index.html", "/")).toBe("/");
    expect(pagePath("articles/a/index.html", "/")).toBe("/articles/a/");
    expect(pagePath("404.html", "/news/")).toBe("/news/404.html");
  });

  it("accepts a site whose links, images, srcsets, fragments and CSS urls all resolve", async () => {
    const dir = await site({
      "index.html": page(
        `<a href="/articles/a/#p-2">a</a><a href="articles/a/">rel</a><a href="#top" id="top">top</a>
         <img src="/_astro/x.jpg" srcset="/_astro/x.jpg 1x, /_astro/y.jpg 2x" alt="">
         <a href="https://other.example/">out</a><a href="mailto:a@b.c">mail</a>`,
        `<link rel="canonical" href="https://example.org/"><style>body{background:url(/_astro/bg.png)}</style>`,
      ),
      "articles/a/index.html": page(`<p id="p-2">x</p><a href="../../">home</a>`),
      "_astro/x.jpg": "",
      "_astro/y.jpg": "",
      "_astro/bg.png": "",
      "404.html": page(""),
    });
    const report = await checkLinks(dir, { site: "https://example.org" });
    expect(report.broken).toEqual([]);
    expect(report.pages).toBe(3);
    expect(report.external).toBe(1);
    expect(report.checked).toBeGreaterThanOrEqual(8);
  });

  it("reports missing files, missing fragments, slashless folder links, script URLs and links outside the base", async () => {
    const dir = await site({
      "index.html": page(
        `<a href="/news/gone/">gone</a><a href="/news/a/#nope">frag</a><a href="/news/a">slash</a>
         <a href="/elsewhere/">out of base</a><a href="javascript:alert(1)">js</a><a href="data:text/html,x">data</a>
         <img src="/news/missing.png" alt=""><source srcset="/news/ok.png 1x, /news/nope.png 2x">
         <a href="">empty</a>`,
        `<meta property="og:image" content="https://example.org/news/card.png">`,
      ),
      "a/index.html": page(`<p id="here">x</p>`),
      "ok.png": "",
    });
    const report = await checkLinks(dir, { base: "/news/", site: "https://example.org" });
    expect(report.broken.map(formatBrokenLink)).toEqual([
      'index.html: meta og:image "https://example.org/news/card.png" does not exist',
      'index.html: a href "/news/gone/" has no page (no index.html there)',
      'index.html: a href "/news/a/#nope" points to #nope, which a/index.html does not have',
      'index.html: a href "/news/a" names a page without its trailing slash',
      'index.html: a href "/elsewhere/" is outside the site\'s base path /news/',
      'index.html: a href "javascript:alert(1)" uses a javascript: or vbscript: URL',
      'index.html: a href "data:text/html,x" uses a data: URL',
      'index.html: img src "/news/missing.png" does not exist',
      'index.html: source srcset "/news/nope.png" does not exist',
      'index.html: a href "" is empty',
    ]);
  });

  it("follows the same reference from each page it is on: a relative one from that page, a broken one reported on every page", async () => {
    const links = `<a href="x.png">rel</a><a href="http:x.png">http-rel</a><a href="/gone/">gone</a>
      <a href="/a/#here">frag</a><a href="/a/#nope">nofrag</a><a href="//other.example/a/">other</a>`;
    const dir = await site({
      "index.html": page(links),
      "a/index.html": page(`<p id="here">${links}</p>`),
      "a/b/index.html": page(links),
      "x.png": "",
      "a/x.png": "",
    });
    const report = await checkLinks(dir, { site: "https://example.org" });
    expect(report.broken.map(formatBrokenLink).sort()).toEqual(
      [
        'a/b/index.html: a href "x.png" does not exist',
        'a/b/index.html: a href "http:x.png" does not exist',
        ...["index.html", "a/index.html", "a/b/index.html"].flatMap((file) => [
          `${file}: a href "/gone/" has no page (no index.html there)`,
          `${file}: a href "/a/#nope" points to #nope, which a/index.html does not have`,
        ]),
      ].sort(),
    );
    expect(report.external).toBe(3);
  });
});

describe("the HTML scanner", () => {
  it("reads attributes (quoted, unquoted, entity-encoded) and skips comments and raw text", () => {
    const elements = scanHtml(
      `<!-- <a href="/commented"> --><p id=x class='c'>t</p><script>let a = "<a href='/in-script'>";</script>` +
        `<a HREF="/a?x=1&amp;y=&#50;" onclick="go()">a</a><style>a{}</style>`,
    );
    expect(elements.map((e) => e.name)).toEqual(["p", "script", "a", "style"]);
    expect(elements[0]!.attrs).toEqual({ id: "x", class: "c" });
    expect(elements[2]!.attrs.href).toBe("/a?x=1&y=2");
    expect(elements[2]!.attrNames).toEqual(["href", "onclick"]);
    expect(elements[1]!.text).toBe(`let a = "<a href='/in-script'>";`);
  });

  it("separates attributes by any HTML whitespace and ends raw text at its closing tag in any case", () => {
    const elements = scanHtml(
      `<img\tsrc="/a.png"\nalt=""\fonerror=x\r/><SCRIPT>if (a </ b) x("</scrip")</Script ><p\u00a0id=y>`,
    );
    expect(elements.map((e) => e.name)).toEqual(["img", "script", "p\u00a0id=y"]);
    expect(elements[0]!.attrNames).toEqual(["src", "alt", "onerror"]);
    expect(elements[1]!.text).toBe(`if (a </ b) x("</scrip")`);
  });
});
