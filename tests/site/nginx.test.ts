/**
 * Debian's nginx with the generated config (src/hosting/nginx.ts) over the built site, on
 * loopback: HTTPS (a throwaway certificate) and the plain-HTTP redirect to it. Headers on
 * HTML, on assets and on the 404 response; the site's own 404 page for unknown URLs;
 * 301s for renamed articles; and the grade MDN's HTTP Observatory package gives it
 * (tests/helpers/mdn-observatory.ts).
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ADMIN_DIR, CACHE_IMMUTABLE, CACHE_REVALIDATE, SECURITY_HEADERS } from "../../src/hosting/policy.ts";
import { adminHeaders } from "../../src/hosting/site-files.ts";
import {
  assertNginxAvailable,
  get,
  haveNginx,
  startNginx,
  type Response,
  type RunningNginx,
} from "../helpers/nginx.ts";
import { observatoryScan } from "../helpers/mdn-observatory.ts";
import { RENAMED_FORMER_SLUG, RENAMED_ID } from "../helpers/hostile.ts";

assertNginxAvailable();

const dist = inject("site");
const siteBase = inject("siteBase");

describe.skipIf(!haveNginx)("nginx with the generated config", () => {
  let nginx: RunningNginx;
  let asset: string;

  beforeAll(async () => {
    nginx = await startNginx(dist);
    asset = `/_astro/${(await readdir(join(dist, "_astro"))).find((f) => f.endsWith(".avif"))!}`;
  });
  afterAll(async () => nginx?.stop());

  const fetchPath = (path: string) => get(`${nginx.httpsUrl}${path}`, nginx.ca);

  function expectSecurityHeaders(response: Response, what: string): void {
    const csp = String(response.headers["content-security-policy"]);
    expect(csp, what).toMatch(/^default-src 'none'; /);
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).not.toContain("'unsafe-inline'");
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(response.headers[name.toLowerCase()], `${what}: ${name}`).toBe(value);
    }
    expect(response.headers["strict-transport-security"]).toBe("max-age=63072000");
    expect(response.headers.server, what).toBe("nginx"); // no version
  }

  it("sends every header on HTML, revalidating", async () => {
    const response = await fetchPath("/");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expectSecurityHeaders(response, "home");
    expect(response.headers["cache-control"]).toBe(CACHE_REVALIDATE);
  });

  it("sends every header on hashed assets, cached as immutable, with the right type", async () => {
    const response = await fetchPath(asset);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("image/avif");
    expectSecurityHeaders(response, asset);
    expect(response.headers["cache-control"]).toBe(CACHE_IMMUTABLE);
  });

  it("gives the CMS at /admin/ its own policy and X-Frame-Options: DENY, and no other page either", async () => {
    for (const path of [`/${ADMIN_DIR}/`, `/${ADMIN_DIR}/decap-cms.js`]) {
      const response = await fetchPath(path);
      expect(response.status, path).toBe(200);
      expect(response.headers["content-security-policy"], path).toBe(adminHeaders()["Content-Security-Policy"]);
      expect(response.headers["x-frame-options"], path).toBe("DENY");
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(response.headers[name.toLowerCase()], `${path}: ${name}`).toBe(value);
      }
    }
    const home = await fetchPath("/");
    expect(home.headers["x-frame-options"]).toBeUndefined();
    expect(String(home.headers["content-security-policy"])).not.toContain("'unsafe-eval'");
  });

  it("answers an unknown URL with 404, the site's 404 page and every header", async () => {
    const response = await fetchPath("/no/such/page/");
    expect(response.status).toBe(404);
    expect(response.body).toBe(await readFile(join(dist, "404.html"), "utf8"));
    expectSecurityHeaders(response, "404");
    for (const hidden of ["/_headers", "/_redirects"]) {
      const r = await fetchPath(hidden);
      expect(r.status, hidden).toBe(404);
      expectSecurityHeaders(r, hidden);
    }
  });

  it("redirects renamed articles (301, both spellings), folders to their slash, and HTTP to HTTPS on the same host", async () => {
    for (const old of [`/articles/${RENAMED_FORMER_SLUG}/`, `/articles/${RENAMED_FORMER_SLUG}`]) {
      const response = await fetchPath(old);
      expect(response.status, old).toBe(301);
      expect(response.headers.location, old).toBe(`/articles/${RENAMED_ID}/`);
      expectSecurityHeaders(response, old);
    }
    const folder = await fetchPath(`/articles/${RENAMED_ID}`);
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe(`/articles/${RENAMED_ID}/`);
    const http = await get(`${nginx.httpUrl}/articles/?q=1`);
    expect(http.status).toBe(301);
    expect(http.headers.location).toBe(`https://127.0.0.1:${nginx.httpsPort}/articles/?q=1`);
  });

  it("scores 130 (A+) in MDN's HTTP Observatory, on the home page and an article", async () => {
    const ports = { httpPort: Number(new URL(nginx.httpUrl).port), httpsPort: nginx.httpsPort, ca: nginx.ca };
    const scores: Record<string, number> = {};
    // The Observatory grades only pages that answer 2xx, 3xx, 401 or 403, so not the 404 page.
    for (const path of ["/", `/articles/${RENAMED_ID}/`]) {
      const result = await observatoryScan("127.0.0.1", { ...ports, path });
      scores[path] = result.score;
      const failed = result.tests.filter((t) => !t.pass || t.scoreModifier < 0);
      expect(
        failed.map((t) => `${t.name}: ${t.result} (${t.scoreModifier})`),
        path,
      ).toEqual([]);
      expect(result.grade, path).toBe("A+");
      // 100, + CSP with default-src 'none' (10), referrer (5), frame-ancestors (5), CORP (10).
      expect(result.score, path).toBe(130);
    }
    console.log(`MDN HTTP Observatory score: ${JSON.stringify(scores)}`);
  });

  it("serves a site built under a sub-path from its base, with its 404 page", async () => {
    const sub = await startNginx(siteBase.dir, siteBase.base);
    try {
      const home = await get(`${sub.httpsUrl}${siteBase.base}`, sub.ca);
      expect(home.status).toBe(200);
      expectSecurityHeaders(home, "sub-path home");
      const missing = await get(`${sub.httpsUrl}${siteBase.base}nothing/`, sub.ca);
      expect(missing.status).toBe(404);
      expect(missing.body).toBe(await readFile(join(siteBase.dir, "404.html"), "utf8"));
      const moved = await get(`${sub.httpsUrl}${siteBase.base}articles/${RENAMED_FORMER_SLUG}/`, sub.ca);
      expect(moved.headers.location).toBe(`${siteBase.base}articles/${RENAMED_ID}/`);
      const admin = await get(`${sub.httpsUrl}${siteBase.base}${ADMIN_DIR}/`, sub.ca);
      expect(admin.status).toBe(200);
      expect(admin.headers["content-security-policy"]).toBe(adminHeaders()["Content-Security-Policy"]);
      expect(admin.headers["x-frame-options"]).toBe("DENY");
    } finally {
      await sub.stop();
    }
  });
});
