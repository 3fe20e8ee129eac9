/**
 * The shared build (with GPS-tagged photos and a renamed article among its fixtures) is
 * safe to publish: no image metadata anywhere, no original photos, a CSP on every page
 * without 'unsafe-inline', host files for Netlify/Cloudflare, redirect pages, and no
 * broken link, image or fragment, built at the root and under a sub-path.
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { checkLinks, formatBrokenLink } from "../../src/checks/output/link-check.ts";
import { embeddedMetadata, RASTER_EXTENSIONS } from "../../src/checks/images.ts";
import { pagePolicy, parsePolicy } from "../../src/hosting/site-files.ts";
import { scanHtml } from "../../src/checks/output/html-scan.ts";
import { parseDocument } from "../helpers/html.ts";
import {
  gpsTaggedJpeg,
  HOSTILE_CORPUS_ID,
  RENAMED_FORMER_SLUG,
  RENAMED_ID,
  UNUSED_IMAGES,
} from "../helpers/hostile.ts";
import { ADMIN_PAGE } from "../helpers/admin.ts";
import { ADMIN_CSP } from "../../src/hosting/policy.ts";

const dist = inject("site");
const siteBase = inject("siteBase");

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

describe("images in the built site", () => {
  it("carry no EXIF, GPS, IPTC, or XMP beyond a credit, though the fixture photos did", async () => {
    // The fixtures are made the same way: a photo as a phone writes it.
    expect(await embeddedMetadata(await gpsTaggedJpeg(64, 48, 300, { xmp: true }))).toEqual([
      "EXIF with GPS location",
      "XMP (exif:GPSLatitude, exif:GPSLongitude)",
    ]);
    const images = (await files(dist)).filter((f) => RASTER_EXTENSIONS.has(f.slice(f.lastIndexOf(".")).toLowerCase()));
    expect(images.length).toBeGreaterThan(10);
    const tagged: string[] = [];
    for (const image of images) {
      const found = await embeddedMetadata(await readFile(join(dist, image)));
      if (found.length) tagged.push(`${image}: ${found.join(", ")}`);
    }
    expect(tagged).toEqual([]);
  });

  it("include no unconverted original of an article photo", async () => {
    const names = await readdir(join(dist, "_astro"));
    // Astro names an original "<name>.<hash>.<ext>" and a conversion "<name>.<hash>_<id>.<ext>".
    const originals = names.filter((n) => /^(gps-hero|gps-inline|hero|inline)\.[A-Za-z0-9_-]{8}\.(jpe?g|png)$/.test(n));
    expect(originals).toEqual([]);
    expect(names.some((n) => n.startsWith("gps-hero.") && n.endsWith(".avif"))).toBe(true);
  });

  it("include nothing made from an image no article uses (a GPS-tagged photo, a text file named .jpg)", async () => {
    const names = await readdir(join(dist, "_astro"));
    for (const unused of UNUSED_IMAGES) {
      const stem = unused.slice(0, unused.lastIndexOf("."));
      expect(names.filter((n) => n.startsWith(`${stem}.`) || n.startsWith(`${stem}_`))).toEqual([]);
    }
  });
});

describe("Content-Security-Policy", () => {
  it("is on every page, with default-src 'none', base-uri and form-action, hashes and no 'unsafe-inline'", async () => {
    const pages = (await files(dist)).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = await readFile(join(dist, page), "utf8");
      const policy = pagePolicy(html);
      expect(policy, page).toBeTruthy();
      // The CMS page alone has its own policy, exactly ADMIN_CSP (decision 017).
      if (page === ADMIN_PAGE) {
        expect(policy).toBe(ADMIN_CSP);
        continue;
      }
      expect(policy, page).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
      const directives = parsePolicy(policy!);
      expect(directives.get("default-src"), page).toEqual(["'none'"]);
      expect(directives.has("base-uri"), page).toBe(true);
      expect(directives.has("form-action"), page).toBe(true);
      // Every inline <style> is allowed by a hash, not by 'unsafe-inline'.
      if (/<style[\s>]/.test(html))
        expect(
          directives.get("style-src")?.some((s) => s.startsWith("'sha256-")),
          page,
        ).toBe(true);
      // Astro writes the meta tag at the end of <head>: before it may come only the head's
      // own metadata and same-site links (JSON-LD is a data block, not governed); inline
      // styles and scripts, images and anything from another origin come after it.
      const elements = scanHtml(html);
      const meta = elements.findIndex(
        (e) => e.name === "meta" && e.attrs["http-equiv"]?.toLowerCase() === "content-security-policy",
      );
      const governed = elements.findIndex(
        (e) =>
          e.name === "style" ||
          e.name === "img" ||
          e.name === "iframe" ||
          (e.name === "script" && e.attrs.type !== "application/ld+json") ||
          (e.name === "link" &&
            /\b(stylesheet|preload|modulepreload|icon)\b/.test(e.attrs.rel ?? "") &&
            !/^\/(?!\/)/.test(e.attrs.href ?? "")),
      );
      if (governed >= 0) expect(meta, `${page}: CSP meta before <${elements[governed]!.name}>`).toBeLessThan(governed);
    }
  });

  it("lets only the search page run WebAssembly", async () => {
    const policyOf = async (page: string) => parsePolicy(pagePolicy(await readFile(join(dist, page), "utf8"))!);
    expect((await policyOf("search/index.html")).get("script-src")).toContain("'wasm-unsafe-eval'");
    expect((await policyOf("index.html")).get("script-src")).not.toContain("'wasm-unsafe-eval'");
    expect((await policyOf(`articles/${HOSTILE_CORPUS_ID}/index.html`)).has("connect-src")).toBe(false);
  });
});

describe("host files", () => {
  it("_headers: CSP (with frame-ancestors), HSTS for two years, nosniff, referrer, permissions, COOP, CORP, caching", async () => {
    const headers = await readFile(join(dist, "_headers"), "utf8");
    const all = headers.split("\n\n").find((block) => /^\/\*$/m.test(block))!;
    expect(all).toMatch(/^ {2}Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'$/m);
    expect(all).toMatch(/^ {2}Strict-Transport-Security: max-age=63072000/m);
    expect(all).toContain("  X-Content-Type-Options: nosniff\n");
    expect(all).toContain("  Referrer-Policy: strict-origin-when-cross-origin\n");
    expect(all).toMatch(/^ {2}Permissions-Policy: .*camera=\(\)/m);
    expect(all).toContain("  Cross-Origin-Opener-Policy: same-origin\n");
    expect(all).toMatch(/^ {2}Cross-Origin-Resource-Policy: same-origin$/m);
    expect(headers).toContain("/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n");
    expect(headers).toContain("/\n  Cache-Control: public, max-age=0, must-revalidate\n");
    expect(headers).toContain("/articles/*\n  Cache-Control: public, max-age=0, must-revalidate\n");
  });

  it("_redirects: the renamed article's old address answers 301 with its new one; a page there says so without JavaScript", async () => {
    const redirects = await readFile(join(dist, "_redirects"), "utf8");
    expect(redirects).toContain(`/articles/${RENAMED_FORMER_SLUG}/ /articles/${RENAMED_ID}/ 301\n`);
    expect(redirects).toContain(`/articles/${RENAMED_FORMER_SLUG} /articles/${RENAMED_ID}/ 301\n`);
    const stub = parseDocument(await readFile(join(dist, "articles", RENAMED_FORMER_SLUG, "index.html"), "utf8"));
    expect(stub.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content")).toBe(
      `0; url=/articles/${RENAMED_ID}/`,
    );
    expect(stub.querySelector('link[rel="canonical"]')?.getAttribute("href")).toMatch(
      new RegExp(`/articles/${RENAMED_ID}/$`),
    );
    expect(stub.querySelector("a")?.getAttribute("href")).toBe(`/articles/${RENAMED_ID}/`);
  });

  it("under a sub-path, host files and redirects carry the base", async () => {
    const headers = await readFile(join(siteBase.dir, "_headers"), "utf8");
    expect(headers).toContain(`${siteBase.base}_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n`);
    expect(headers.startsWith("#")).toBe(true);
    expect(headers).toContain(`\n${siteBase.base}*\n  Content-Security-Policy: `);
    const redirects = await readFile(join(siteBase.dir, "_redirects"), "utf8");
    expect(redirects).toContain(
      `${siteBase.base}articles/${RENAMED_FORMER_SLUG}/ ${siteBase.base}articles/${RENAMED_ID}/ 301\n`,
    );
  });
});

describe("links", () => {
  it.each([
    { name: "at the root", dir: () => dist, base: "/" },
    { name: `under ${siteBase.base}`, dir: () => siteBase.dir, base: siteBase.base },
  ])("built $name: 0 broken links, images or fragment anchors", async ({ dir, base }) => {
    const report = await checkLinks(dir(), { base, site: "https://example.org" });
    expect(report.broken.map(formatBrokenLink)).toEqual([]);
    expect(report.pages).toBeGreaterThan(10);
    expect(report.checked).toBeGreaterThan(200);
  });
});
