/**
 * The host configuration a build ships, made from the built pages and the policy in
 * src/hosting/policy.ts: `_headers` (Netlify, Cloudflare Pages), `_redirects`, and the
 * redirect pages for renamed articles (for hosts with no redirects, like GitHub Pages).
 * The nginx config (src/hosting/nginx.ts) is made from the same pieces.
 */
import { readdir } from "node:fs/promises";
import { scanHtml } from "../checks/output/html-scan.ts";
import { policyOf, scanSite, type SiteScan } from "../checks/output/site-scan.ts";
import { escapeHtml, standaloneDocument } from "../model/html.ts";
import {
  ADMIN_CSP,
  ADMIN_DIR,
  isAdminFile,
  CACHE_IMMUTABLE,
  CACHE_REVALIDATE,
  HASHED_ASSETS_DIR,
  HEADER_ONLY_CSP_DIRECTIVES,
  SECURITY_HEADERS,
} from "./policy.ts";

export interface Redirect {
  /** Old path, below the base, with its trailing slash: "/newsroom/articles/old/". */
  from: string;
  to: string;
}

export interface HeaderRule {
  /** Netlify/Cloudflare path pattern: "/*", "/_astro/*", "/articles/*", "/". */
  path: string;
  headers: Record<string, string>;
}

function withBase(base: string, path: string): string {
  return `${base.replace(/\/$/, "")}${path}`;
}

/** The Content-Security-Policy meta content of a page, if it has one. */
export function pagePolicy(html: string): string | undefined {
  return policyOf(scanHtml(html));
}

/** Splits a policy into directive name → sources, in order. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function serializePolicy(directives: Map<string, string[]>): string {
  return [...directives].map(([name, sources]) => [name, ...sources].join(" ")).join("; ");
}

/**
 * The policy to send as a header: every directive and source any page's own policy
 * has (so the header never blocks what a page allows), plus the header-only directives.
 * Browsers enforce both the header and a page's meta tag, so each page still gets at
 * most what its own meta tag allows; the header adds frame-ancestors, and covers
 * files that are not pages (an SVG opened directly, a feed).
 */
export function headerPolicy(pagePolicies: Iterable<string>): string {
  const union = new Map<string, string[]>();
  for (const policy of pagePolicies) {
    for (const [name, sources] of parsePolicy(policy)) {
      const merged = union.get(name) ?? [];
      for (const source of sources) if (!merged.includes(source)) merged.push(source);
      union.set(name, merged);
    }
  }
  for (const [name, sources] of union) {
    // 'none' next to other sources is ignored by browsers, and reported as an error.
    if (sources.length > 1 && sources.includes("'none'"))
      union.set(
        name,
        sources.filter((s) => s !== "'none'"),
      );
  }
  for (const directive of HEADER_ONLY_CSP_DIRECTIVES) {
    const [name, ...sources] = directive.split(/\s+/);
    union.set(name!, sources);
  }
  return serializePolicy(union);
}

/** The header policy made from every page's own policy in a site read by scanSite. */
export function sitePolicyOf(scan: SiteScan): { header: string; pagesWithout: string[] } {
  const policies: string[] = [];
  const pagesWithout: string[] = [];
  for (const [file, { policy }] of scan.facts) {
    // The CMS has its own header (adminHeaders): its needs must not widen the site's.
    if (isAdminFile(file)) continue;
    if (policy) policies.push(policy);
    else if (policy === null) pagesWithout.push(file);
  }
  return { header: headerPolicy(policies), pagesWithout };
}

/** Reads every page's own policy in a built site and makes the header policy from them. */
export async function sitePolicy(dir: string): Promise<{ header: string; pagesWithout: string[] }> {
  return sitePolicyOf(await scanSite(dir));
}

/** The CMS's own headers for /admin/*: its policy, with what only a header can carry. */
export function adminHeaders(): Record<string, string> {
  return {
    "Content-Security-Policy": [ADMIN_CSP, ...HEADER_ONLY_CSP_DIRECTIVES].join("; "),
    "X-Frame-Options": "DENY",
  };
}

/**
 * Header rules. Security headers go on "/*" (every response, 404s included). Cache
 * rules never overlap each other or repeat a header of "/*": where two rules match,
 * Cloudflare joins the values and Netlify keeps one, and neither should be relied on.
 * HTML and other unhashed files revalidate; "/_astro/*" (hashed names) is immutable.
 */
export async function headerRules(dir: string, base: string, csp: string): Promise<HeaderRule[]> {
  const rules: HeaderRule[] = [
    { path: withBase(base, "/*"), headers: { "Content-Security-Policy": csp, ...SECURITY_HEADERS } },
    { path: withBase(base, `/${HASHED_ASSETS_DIR}/*`), headers: { "Cache-Control": CACHE_IMMUTABLE } },
    { path: withBase(base, "/"), headers: { "Cache-Control": CACHE_REVALIDATE } },
  ];
  const top = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of top) {
    if (entry.name === HASHED_ASSETS_DIR || entry.name === "_headers" || entry.name === "_redirects") continue;
    if (entry.name === ADMIN_DIR && entry.isDirectory()) {
      // "! name" detaches the site's policy (Cloudflare Pages); browsers would enforce both.
      rules.push({
        path: withBase(base, `/${ADMIN_DIR}/*`),
        headers: { "! Content-Security-Policy": "", ...adminHeaders(), "Cache-Control": CACHE_REVALIDATE },
      });
      continue;
    }
    const path = entry.isDirectory() ? `/${entry.name}/*` : `/${entry.name}`;
    rules.push({ path: withBase(base, path), headers: { "Cache-Control": CACHE_REVALIDATE } });
  }
  return rules;
}

export function renderHeadersFile(rules: HeaderRule[]): string {
  const blocks = rules.map(
    (rule) =>
      `${rule.path}\n${Object.entries(rule.headers)
        .map(([name, value]) => (name.startsWith("! ") ? `  ${name}\n` : `  ${name}: ${value}\n`))
        .join("")}`,
  );
  return `# Response headers for Netlify and Cloudflare Pages, written by the build\n# (src/hosting/policy.ts); do not edit here.\n${blocks.join("\n")}`;
}

/** Old article addresses to their current one: /articles/<former>/ → /articles/<id>/. */
export function articleRedirects(
  articles: ReadonlyArray<{ id: string; formerSlugs: readonly string[] }>,
  base: string,
): Redirect[] {
  const redirects: Redirect[] = [];
  for (const article of articles) {
    for (const former of article.formerSlugs) {
      redirects.push({ from: withBase(base, `/articles/${former}/`), to: withBase(base, `/articles/${article.id}/`) });
    }
  }
  return redirects.sort((a, b) => a.from.localeCompare(b.from));
}

/** Both spellings of each old address (with and without the trailing slash), permanent. */
export function renderRedirectsFile(redirects: Redirect[]): string {
  const lines = redirects.flatMap((r) => [`${r.from} ${r.to} 301`, `${r.from.replace(/\/$/, "")} ${r.to} 301`]);
  return `# Renamed articles (formerSlugs in their frontmatter), written by the build.\n${lines.join("\n")}\n`;
}

/** Parses a `_redirects` file this build wrote (for the nginx config). */
export function parseRedirectsFile(text: string): Redirect[] {
  const redirects: Redirect[] = [];
  for (const line of text.split("\n")) {
    const [from, to, status] = line.trim().split(/\s+/);
    if (!from || from.startsWith("#") || !to || status !== "301" || !from.endsWith("/")) continue;
    redirects.push({ from, to });
  }
  return redirects;
}

/**
 * A page at the old address for hosts without redirects (GitHub Pages): it sends the
 * reader on at once, tells search engines where the article now is, and works
 * without JavaScript. Hosts with redirects answer with a 301 before it is read.
 */
export function redirectPageHtml(to: string, absoluteTo: string, lang: string): string {
  const href = escapeHtml(to);
  return standaloneDocument({
    lang,
    policy: "default-src 'none'; base-uri 'none'; form-action 'none'",
    robots: "noindex",
    head: [
      `<meta http-equiv="refresh" content="0; url=${href}">`,
      `<link rel="canonical" href="${escapeHtml(absoluteTo)}">`,
      "<title>This article has moved</title>",
    ],
    body: [`<p>This article has moved to <a href="${href}">${escapeHtml(absoluteTo)}</a>.</p>`],
  });
}
