/**
 * An nginx server config for the built site, with the same headers, caching and
 * redirects as `_headers`/`_redirects` (src/hosting/site-files.ts, policy.ts).
 *
 * nginx has a trap: `add_header` in a `location` (or an `if`) drops every `add_header`
 * inherited from the server. So every header is set once, at server level, with
 * `always` (error responses too); what varies by path (Cache-Control, redirects) comes
 * from `map`s, and no location block adds a header of its own.
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { ADMIN_DIR, CACHE_IMMUTABLE, CACHE_REVALIDATE, HASHED_ASSETS_DIR, SECURITY_HEADERS } from "./policy.ts";
import { adminHeaders, parseRedirectsFile, sitePolicy, type Redirect } from "./site-files.ts";
import { pageIsWithdrawn } from "../formats/page-dates.ts";

export interface NginxSiteOptions {
  /** Folder nginx serves: it holds the site at its base path (the dist folder itself when the base is "/"). */
  root: string;
  /** The base path the site was built for. */
  base: string;
  serverName: string;
  /** The Content-Security-Policy header (see `sitePolicy`). */
  csp: string;
  redirects: Redirect[];
  /** Withdrawn articles' addresses: answered 410 Gone, with their notice page. */
  gone?: string[] | undefined;
  /** The HTTPS server: where it listens, and its certificate. */
  https: { listen: string[]; certificate: string; key: string };
  /** Where the plain-HTTP server listens (it only redirects to HTTPS); omit for none. */
  httpListen?: string[] | undefined;
  /** The HTTPS port as the public sees it, when not 443 (tests). */
  httpsPublicPort?: number | undefined;
}

/** MIME types the site uses: with nosniff, a file of the wrong type is refused by browsers. */
const TYPES: Record<string, string> = {
  "text/html": "html",
  "text/css": "css",
  "text/javascript": "js mjs",
  "text/plain": "txt",
  "application/json": "json",
  "application/feed+json": "feed.json",
  "application/xml": "xml xsl",
  "application/manifest+json": "webmanifest",
  "application/wasm": "wasm",
  "image/svg+xml": "svg",
  "image/png": "png",
  "image/jpeg": "jpg jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/avif": "avif",
  "image/x-icon": "ico",
  "font/woff2": "woff2",
  "font/woff": "woff",
};

function quote(value: string): string {
  if (/["\\\n$]/.test(value)) throw new Error(`cannot put ${JSON.stringify(value)} in an nginx string`);
  return `"${value}"`;
}

function mapKey(path: string): string {
  if (/[\s;"'{}\\$]/.test(path)) throw new Error(`cannot put the path ${JSON.stringify(path)} in an nginx map`);
  return path;
}

export function nginxSiteConfig(options: NginxSiteOptions): string {
  const base = options.base.endsWith("/") ? options.base : `${options.base}/`;
  const headers = { ...SECURITY_HEADERS };
  const admin = adminHeaders();
  const redirectLines = options.redirects.flatMap((r) => [
    `    ${mapKey(r.from)} ${mapKey(r.to)};`,
    `    ${mapKey(r.from.replace(/\/$/, ""))} ${mapKey(r.to)};`,
  ]);
  const httpsTarget = options.httpsPublicPort ? `https://$host:${options.httpsPublicPort}` : "https://$host";
  const lines = [
    "# nginx config for the site, written by `npm run nginx-config` from the built site and",
    "# src/hosting/policy.ts (the same headers and redirects as dist/_headers and dist/_redirects).",
    "# Include it in the http {} block (e.g. /etc/nginx/sites-enabled/), then `nginx -t && nginx -s reload`.",
    "",
    "# Cache-Control by path: hashed files never change; everything else revalidates.",
    "map $uri $site_cache_control {",
    `    default ${quote(CACHE_REVALIDATE)};`,
    `    ~^${base}${HASHED_ASSETS_DIR}/ ${quote(CACHE_IMMUTABLE)};`,
    "}",
    "",
    "# The CMS at /admin/ has its own policy (decision 017); an empty value sends no header.",
    "map $uri $site_csp {",
    `    default ${quote(options.csp)};`,
    `    ~^${base}${ADMIN_DIR}/ ${quote(admin["Content-Security-Policy"]!)};`,
    "}",
    "map $uri $site_frame_options {",
    '    default "";',
    `    ~^${base}${ADMIN_DIR}/ ${quote(admin["X-Frame-Options"]!)};`,
    "}",
    "",
    "# Renamed articles (formerSlugs in their frontmatter): old address -> new address.",
    "map $uri $site_redirect {",
    '    default "";',
    ...redirectLines,
    "}",
    "",
  ];
  if (options.httpListen?.length) {
    lines.push(
      "server {",
      ...options.httpListen.map((listen) => `    listen ${listen};`),
      `    server_name ${options.serverName};`,
      "    server_tokens off;",
      "    # Plain HTTP only ever redirects to the same host over HTTPS (then HSTS takes over).",
      `    return 301 ${httpsTarget}$request_uri;`,
      "}",
      "",
    );
  }
  lines.push(
    "server {",
    ...options.https.listen.map((listen) => `    listen ${listen} ssl;`),
    `    server_name ${options.serverName};`,
    `    ssl_certificate ${options.https.certificate};`,
    `    ssl_certificate_key ${options.https.key};`,
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    "",
    `    root ${options.root};`,
    "    index index.html;",
    "    charset utf-8;",
    "    server_tokens off;",
    "    # Redirects (to add a trailing slash) keep the host and scheme the reader used.",
    "    absolute_redirect off;",
    "",
    "    types {",
    ...Object.entries(TYPES).map(([type, exts]) => `        ${type} ${exts};`),
    "    }",
    "    default_type application/octet-stream;",
    "",
    "    # Every header, on every response (404s included: `always`). Set here once; nothing",
    "    # below sets a header, so no location loses these.",
    ...Object.entries(headers).map(([name, value]) => `    add_header ${name} ${quote(value)} always;`),
    "    add_header Content-Security-Policy $site_csp always;",
    "    add_header X-Frame-Options $site_frame_options always;",
    "    add_header Cache-Control $site_cache_control always;",
    "",
    "    if ($site_redirect) {",
    "        return 301 $site_redirect;",
    "    }",
    "",
    `    error_page 404 ${base}404.html;`,
    "",
    ...(options.gone?.length
      ? [
          "    # Withdrawn articles: 410 Gone, with the page that says when and why as its body.",
          ...options.gone.map(
            (path) => `    location = ${mapKey(path)} { error_page 410 ${mapKey(`${path}index.html`)}; return 410; }`,
          ),
          "",
        ]
      : []),
    "    # The host's own files are not pages.",
    `    location = ${base}_headers { return 404; }`,
    `    location = ${base}_redirects { return 404; }`,
    "}",
    "",
  );
  return lines.join("\n");
}

/** The config for a built site folder: its CSP from its pages, its redirects from its `_redirects`. */
export async function nginxConfigForBuild(
  dist: string,
  options: Omit<NginxSiteOptions, "csp" | "redirects" | "gone">,
): Promise<string> {
  const base = options.base.endsWith("/") ? options.base : `${options.base}/`;
  const { header } = await sitePolicy(dist);
  let redirects: Redirect[] = [];
  try {
    redirects = parseRedirectsFile(await readFile(join(dist, "_redirects"), "utf8"));
  } catch {
    // a site with no renamed articles
  }
  const gone: string[] = [];
  for (const id of (await readdir(join(dist, "articles")).catch(() => [] as string[])).sort()) {
    const page = await readFile(join(dist, "articles", id, "index.html"), "utf8").catch(() => "");
    if (pageIsWithdrawn(page)) gone.push(`${base}articles/${id}/`);
  }
  return nginxSiteConfig({ ...options, csp: header, redirects, gone });
}
