/**
 * Host configuration made from the policy (src/hosting/): the header CSP, `_headers`,
 * `_redirects`, redirect pages and the nginx config; and the strict image rules
 * (src/checks/images.ts, src/build/strict-sharp-service.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { nginxSiteConfig } from "../../src/hosting/nginx.ts";
import { CSP_DIRECTIVES, SECURITY_HEADERS } from "../../src/hosting/policy.ts";
import {
  adminHeaders,
  articleRedirects,
  headerPolicy,
  headerRules,
  parsePolicy,
  parseRedirectsFile,
  redirectPageHtml,
  renderRedirectsFile,
} from "../../src/hosting/site-files.ts";
import { photoCreditXmp } from "../../src/formats/xmp.ts";
import { embeddedMetadata, exifHasGps, imageProblem, UNCHECKABLE } from "../../src/checks/images.ts";
import { fixtureJpeg } from "../helpers/fixtures.ts";
import { gpsTaggedJpeg } from "../helpers/hostile.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

describe("the Content-Security-Policy", () => {
  it("is tight: default-src 'none', base-uri, form-action, and nothing unsafe", () => {
    const policy = parsePolicy(CSP_DIRECTIVES.join("; "));
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.has("base-uri")).toBe(true);
    expect(policy.has("form-action")).toBe(true);
    expect(CSP_DIRECTIVES.join(" ")).not.toMatch(/unsafe|\*|https?:|data:/);
  });

  it("as a header, allows what any page allows (so it never breaks one), and adds frame-ancestors", () => {
    const article = "default-src 'none'; img-src 'self'; script-src 'self' 'sha256-a'; style-src 'self' 'sha256-s'";
    const search =
      "default-src 'none'; img-src 'self' data:; connect-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a'; style-src 'self' 'sha256-s'";
    const stub = "default-src 'none'; base-uri 'none'; form-action 'none'";
    const header = parsePolicy(headerPolicy([article, search, stub, "form-action 'self'"]));
    expect(header.get("default-src")).toEqual(["'none'"]);
    expect(header.get("img-src")).toEqual(["'self'", "data:"]);
    expect(header.get("script-src")).toEqual(["'self'", "'sha256-a'", "'wasm-unsafe-eval'"]);
    expect(header.get("connect-src")).toEqual(["'self'"]);
    // 'none' beside another source is dropped: browsers would ignore it and complain.
    expect(header.get("form-action")).toEqual(["'self'"]);
    expect(header.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("_headers", () => {
  it("sends the security headers everywhere and caches hashed files forever, HTML never, with no rule repeating a header", async () => {
    const dir = await mkdtemp(join(tmpdir(), "newsroom-headers-"));
    roots.push(dir);
    for (const sub of ["_astro", "articles", "pagefind"]) await mkdir(join(dir, sub));
    for (const file of ["index.html", "404.html", "rss.xml", "_headers", "_redirects"])
      await writeFile(join(dir, file), "");
    const rules = await headerRules(dir, "/news/", "default-src 'none'");
    expect(rules.map((r) => r.path)).toEqual([
      "/news/*",
      "/news/_astro/*",
      "/news/",
      "/news/404.html",
      "/news/articles/*",
      "/news/index.html",
      "/news/pagefind/*",
      "/news/rss.xml",
    ]);
    expect(rules[0]!.headers).toEqual({ "Content-Security-Policy": "default-src 'none'", ...SECURITY_HEADERS });
    expect(rules[1]!.headers).toEqual({ "Cache-Control": "public, max-age=31536000, immutable" });
    for (const rule of rules.slice(2))
      expect(rule.headers).toEqual({ "Cache-Control": "public, max-age=0, must-revalidate" });
    expect(SECURITY_HEADERS["Strict-Transport-Security"]).toMatch(/max-age=(6307200\d|[7-9]\d{7}|\d{9,})/);
    for (const name of [
      "X-Content-Type-Options",
      "Referrer-Policy",
      "Permissions-Policy",
      "Cross-Origin-Opener-Policy",
      "Cross-Origin-Resource-Policy",
    ]) {
      expect(SECURITY_HEADERS[name], name).toBeTruthy();
    }
  });
});

describe("redirects for renamed articles", () => {
  it("writes 301s for both spellings, reads them back, and makes a no-JavaScript redirect page", () => {
    const redirects = articleRedirects([{ id: "new-name", formerSlugs: ["old-name"] }], "/news/");
    expect(redirects).toEqual([{ from: "/news/articles/old-name/", to: "/news/articles/new-name/" }]);
    const file = renderRedirectsFile(redirects);
    expect(file).toContain("/news/articles/old-name/ /news/articles/new-name/ 301\n");
    expect(file).toContain("/news/articles/old-name /news/articles/new-name/ 301\n");
    expect(parseRedirectsFile(file)).toEqual(redirects);
    const html = redirectPageHtml("/news/articles/new-name/", "https://example.org/news/articles/new-name/", "en");
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=/news/articles/new-name/">`);
    expect(html).toContain(`<link rel="canonical" href="https://example.org/news/articles/new-name/">`);
    expect(html).toContain(`<meta name="robots" content="noindex">`);
  });
});

describe("the nginx config", () => {
  const config = nginxSiteConfig({
    root: "/srv/site",
    base: "/",
    serverName: "example.org",
    csp: "default-src 'none'; frame-ancestors 'none'",
    redirects: [{ from: "/articles/old/", to: "/articles/new/" }],
    https: { listen: ["443", "[::]:443"], certificate: "/c.pem", key: "/k.pem" },
    httpListen: ["80"],
  });

  /** The directives of each block, by the block's header ("server", "location = /x", …). */
  function blocks(text: string): Array<{ header: string; depth: number; lines: string[] }> {
    const stack: Array<{ header: string; depth: number; lines: string[] }> = [];
    const all: typeof stack = [];
    for (const raw of text.split("\n")) {
      const line = raw.replace(/#.*$/, "").trim();
      if (!line) continue;
      // A block that opens and closes on one line ("location = /x { return 404; }").
      const inline = /^(.*?)\{(.*)\}$/.exec(line);
      if (inline) {
        all.push({ header: inline[1]!.trim(), depth: stack.length + 1, lines: [inline[2]!.trim()] });
        continue;
      }
      if (line.endsWith("{")) {
        const block = { header: line.slice(0, -1).trim(), depth: stack.length + 1, lines: [] };
        stack.push(block);
        all.push(block);
      } else if (line === "}") stack.pop();
      else stack.at(-1)?.lines.push(line);
    }
    return all;
  }

  it("sets every header once, at server level, with `always`; no location or if block sets any", () => {
    const all = blocks(config);
    const server = all.find((b) => b.header === "server" && b.lines.some((l) => l.startsWith("ssl_certificate")))!;
    const adds = server.lines.filter((l) => l.startsWith("add_header"));
    for (const name of ["Content-Security-Policy", ...Object.keys(SECURITY_HEADERS), "Cache-Control"]) {
      expect(
        adds.filter((l) => l.startsWith(`add_header ${name} `)),
        name,
      ).toHaveLength(1);
    }
    for (const line of adds) expect(line).toMatch(/ always;$/);
    for (const block of all.filter((b) => b !== server && b.header !== "server")) {
      expect(block.lines.join(" "), block.header).not.toContain("add_header");
    }
    expect(config).toContain("add_header Content-Security-Policy $site_csp always;");
    expect(config).toContain(`map $uri $site_csp {\n    default "default-src 'none'; frame-ancestors 'none'";`);
  });

  it("gives /admin/ the CMS's own policy and forbids framing it, and no other path", () => {
    const admin = adminHeaders();
    expect(admin["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(config).toContain(`    ~^/admin/ "${admin["Content-Security-Policy"]}";`);
    expect(config).toContain(`map $uri $site_frame_options {\n    default "";\n    ~^/admin/ "DENY";`);
  });

  it("redirects HTTP to HTTPS on the same host, old addresses with 301, and answers unknown ones with the 404 page", () => {
    expect(config).toMatch(
      /listen 80;\n\s+server_name example\.org;\n\s+server_tokens off;\n[^}]*return 301 https:\/\/\$host\$request_uri;/,
    );
    expect(config).toContain("    /articles/old/ /articles/new/;\n    /articles/old /articles/new/;");
    expect(config).toContain("return 301 $site_redirect;");
    expect(config).toContain("error_page 404 /404.html;");
    expect(config).toContain('~^/_astro/ "public, max-age=31536000, immutable";');
  });

  it("refuses values that would break out of an nginx string", () => {
    expect(() =>
      nginxSiteConfig({
        root: "/srv",
        base: "/",
        serverName: "x",
        csp: 'default-src "none"',
        redirects: [],
        https: { listen: ["443"], certificate: "/c", key: "/k" },
      }),
    ).toThrow(/cannot put/);
  });
});

describe("images", () => {
  it("finds EXIF with GPS, and XMP with GPS, in a camera-like photo; none in a clean one", async () => {
    const tagged = await gpsTaggedJpeg(64, 48, 10, { xmp: true });
    expect(await embeddedMetadata(tagged)).toEqual([
      "EXIF with GPS location",
      "XMP (exif:GPSLatitude, exif:GPSLongitude)",
    ]);
    expect(await embeddedMetadata(await fixtureJpeg(64, 48, 10))).toEqual([]);
    const exifOnly = await sharp(await fixtureJpeg(32, 32, 1))
      .withExif({ IFD0: { Artist: "A" } })
      .jpeg()
      .toBuffer();
    const meta = await sharp(exifOnly).metadata();
    expect(exifHasGps(meta.exif!)).toBe(false);
    expect(await embeddedMetadata(exifOnly)).toEqual(["EXIF"]);
  });

  it("never calls a file it cannot read clean, and reads EXIF of photos over the pixel limit", async () => {
    expect(await embeddedMetadata(Buffer.from("not an image at all"))).toEqual([UNCHECKABLE]);
    // 8000×7000 is 56 MP, over the 50 MP decode limit: its header is still read.
    const huge = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: "#888" } })
      .withExif({ IFD0: { Artist: "A" } })
      .jpeg({ quality: 10 })
      .toBuffer();
    expect(await embeddedMetadata(huge)).toEqual(["EXIF"]);
  });

  it("accepts a good photo whatever its metadata (the optimized copies drop it)", async () => {
    expect(await imageProblem(await gpsTaggedJpeg(64, 48, 10), "photo.jpg")).toBeNull();
  });
});

describe("the strict image service", () => {
  it("refuses a damaged image instead of publishing its bytes, and converts a good one without metadata", async () => {
    const { default: service } = await import("../../src/build/strict-sharp-service.ts");
    const config = { service: { entrypoint: "", config: {} } } as never;
    const logger = { info() {}, warn() {}, error() {}, debug() {} } as never;
    const good = await gpsTaggedJpeg(120, 80, 40);
    const result = await service.transform(
      new Uint8Array(good),
      { src: "/_astro/good.jpg", format: "webp", width: 60 },
      config,
      logger,
    );
    const meta = await sharp(Buffer.from(result.data)).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(60);
    expect(meta.exif).toBeUndefined();
    const truncated = new Uint8Array(good.subarray(0, Math.floor(good.length / 2)));
    await expect(
      service.transform(truncated, { src: "/_astro/broken.jpg", format: "webp", width: 60 }, config, logger),
    ).rejects.toThrow(/broken\.jpg is damaged or incomplete/);
  });

  it("writes the credit a page passes as XMP and nothing else of the camera's", async () => {
    const { default: service } = await import("../../src/build/strict-sharp-service.ts");
    const config = { service: { entrypoint: "", config: {} } } as never;
    const logger = { info() {}, warn() {}, error() {}, debug() {} } as never;
    const photoCredit = { credit: "Agency", creator: "Rana Saleh", copyright: "© 2026 Agency" };
    for (const format of ["avif", "webp", "jpeg", "png"]) {
      const result = await service.transform(
        new Uint8Array(await gpsTaggedJpeg(120, 80, 40, { xmp: true })),
        { src: "/_astro/good.jpg", format, width: 60, photoCredit },
        config,
        logger,
      );
      const meta = await sharp(Buffer.from(result.data)).metadata();
      expect(meta.exif, format).toBeUndefined();
      expect(meta.xmp?.toString("utf8"), format).toBe(photoCreditXmp(photoCredit));
      expect(await embeddedMetadata(Buffer.from(result.data)), format).toEqual([]);
    }
  });
});
