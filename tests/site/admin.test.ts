/**
 * The CMS at /admin/ (decision 017), the one deliberate exception to the site's rules:
 * the only page besides search with JavaScript, loading only its own files from admin/,
 * with its own policy (exactly ADMIN_CSP) in its meta tag, in _headers and in nginx's
 * config, framing forbidden, noindex, and in no sitemap, feed or search index. Built at
 * the root and under the Arabic sub-path; never in an editors' preview.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { ADMIN_CSP, ADMIN_DIR } from "../../src/hosting/policy.ts";
import { nginxSiteConfig } from "../../src/hosting/nginx.ts";
import { adminHeaders, pagePolicy } from "../../src/hosting/site-files.ts";
import { parseDocument } from "../helpers/html.ts";
import { ADMIN_FILE_RE, ADMIN_PAGE, adminScripts } from "../helpers/admin.ts";

const ORIGIN = "https://example.org";
const siteBase = inject("siteBase");
const builds = [
  { name: "at the root", dir: inject("site"), base: "/", lang: "en" },
  { name: `under ${siteBase.base} in Arabic`, dir: siteBase.dir, base: siteBase.base, lang: siteBase.lang },
];

/** The rules of a _headers file: each path with its headers (a name without a value, "! name", detaches one). */
function headerRules(text: string): Array<{ path: string; headers: Record<string, string> }> {
  const rules: Array<{ path: string; headers: Record<string, string> }> = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("/")) rules.push({ path: line.trim(), headers: {} });
    else if (/^\s+\S/.test(line)) {
      const [name, ...value] = line.trim().split(":");
      rules.at(-1)!.headers[name!.trim()] = value.join(":").trim();
    }
  }
  return rules;
}

/** The page addresses in Pagefind's index (each fragment is gzip: a signature, then JSON). */
async function searchIndexUrls(dir: string): Promise<string[]> {
  // Every shard's fragments: pagefind/fragment/ and pagefind/<shard>/fragment/.
  const fragments = (await readdir(join(dir, "pagefind"), { recursive: true })).filter((path) =>
    /(^|\/)fragment\/[^/]+$/.test(path),
  );
  const urls: string[] = [];
  for (const path of fragments) {
    const bytes = gunzipSync(await readFile(join(dir, "pagefind", path)));
    const signature = "pagefind_dcd";
    expect(bytes.subarray(0, signature.length).toString()).toBe(signature);
    urls.push((JSON.parse(bytes.subarray(signature.length).toString()) as { url: string }).url);
  }
  return urls;
}

describe.each(builds)("the CMS page, $name", ({ dir, base, lang }) => {
  it("loads only its own scripts from admin/, none inline, with ADMIN_CSP, noindex and its configuration", async () => {
    const html = await readFile(join(dir, ADMIN_PAGE), "utf8");
    const doc = parseDocument(html);
    expect(pagePolicy(html)).toBe(ADMIN_CSP);
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex, nofollow");
    expect(doc.documentElement.getAttribute("lang")).toBe(lang);
    const scripts = [...doc.querySelectorAll("script")];
    expect(scripts.map((s) => s.getAttribute("src"))).toEqual(adminScripts(base));
    expect(scripts.map((s) => s.textContent.trim())).toEqual(["", ""]);
    for (const src of adminScripts(base)) expect(existsSync(join(dir, src.slice(base.length))), src).toBe(true);
    const configUrl = doc.querySelector('link[rel="cms-config-url"]')?.getAttribute("href");
    expect(configUrl).toBe(`${base}${ADMIN_DIR}/config.yml`);
    const config = parse(await readFile(join(dir, configUrl!.slice(base.length)), "utf8")) as Record<string, unknown>;
    expect(config).toMatchObject({ site_url: `${ORIGIN}${base}`, display_url: `${ORIGIN}${base}` });
    expect(config.backend).toMatchObject({ name: "github" });
    expect(config.local_backend).toBeUndefined();
  });

  it("adds only its own files, in admin/", async () => {
    const files = (await readdir(join(dir, ADMIN_DIR))).map((f) => `${ADMIN_DIR}/${f}`);
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => !ADMIN_FILE_RE.test(f))).toEqual([]);
  });

  it("is in no sitemap, feed or search index", async () => {
    const listed = (await readdir(dir, { recursive: true })).filter(
      (f) => /\.(xml|json|txt)$/.test(f) && !f.startsWith(`${ADMIN_DIR}/`) && !f.startsWith("pagefind/"),
    );
    expect(listed).toEqual(
      expect.arrayContaining(["sitemap-index.xml", "sitemap-0.xml", "rss.xml", "atom.xml", "feed.json"]),
    );
    for (const file of listed) expect(await readFile(join(dir, file), "utf8"), file).not.toContain(`/${ADMIN_DIR}/`);
    const indexed = await searchIndexUrls(dir);
    expect(indexed.length).toBeGreaterThan(10);
    expect(indexed.filter((url) => url.includes(`/${ADMIN_DIR}/`))).toEqual([]);
  });

  it("has its own policy and X-Frame-Options: DENY in _headers and nginx's config, and nothing else has them", async () => {
    const admin = adminHeaders();
    expect(admin["Content-Security-Policy"]).toBe(`${ADMIN_CSP}; frame-ancestors 'none'`);
    expect(admin["X-Frame-Options"]).toBe("DENY");
    const rules = headerRules(await readFile(join(dir, "_headers"), "utf8"));
    const adminRule = rules.find((r) => r.path === `${base}${ADMIN_DIR}/*`);
    expect(adminRule?.headers).toMatchObject(admin);
    for (const rule of rules.filter((r) => r !== adminRule)) {
      expect(JSON.stringify(rule.headers), rule.path).not.toMatch(/'unsafe-eval'|'unsafe-inline'|X-Frame-Options/);
    }
    const nginx = nginxSiteConfig({
      root: dir,
      base,
      serverName: "example.org",
      csp: "default-src 'none'",
      redirects: [],
      https: { listen: ["443 ssl"], certificate: "cert.pem", key: "key.pem" },
    });
    expect(nginx).toContain(`~^${base}${ADMIN_DIR}/ "${admin["Content-Security-Policy"]}";`);
    expect(nginx).toContain(`~^${base}${ADMIN_DIR}/ "DENY";`);
  });
});

describe("a build without the CMS", () => {
  it("an editors' preview has no admin/ folder", () => {
    const preview = inject("sitePreview");
    expect(existsSync(join(preview, "index.html"))).toBe(true);
    expect(existsSync(join(preview, ADMIN_DIR))).toBe(false);
  });
});
