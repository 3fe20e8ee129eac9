/**
 * The site's security and caching policy: the one place its values live. Read by
 * astro.config.mjs (the Content-Security-Policy meta tag Astro writes into every page,
 * with hashes of its inlined styles and scripts), by the publish-guard integration
 * (`_headers` for Netlify and Cloudflare Pages) and by the nginx config generator
 * (src/hosting/nginx.ts).
 */
import type { AstroGlobal, AstroUserConfig } from "astro";

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig["security"]>["csp"]>, boolean>;
/** A directive as Astro's `security.csp.directives` takes it ("img-src 'self'"). */
export type CspDirective = NonNullable<CspConfig["directives"]>[number];

/**
 * CSP directives every page gets. Astro adds `script-src` and `style-src` itself:
 * `'self'` plus the hash of each inlined script and stylesheet, never `'unsafe-inline'`.
 *
 * A page that needs more asks for it in its frontmatter, and only for itself, with
 * `Astro.csp.insertDirective(...)` / `insertScriptResource(...)`: the search page calls
 * `allowPagefind(Astro.csp)` below. The CSP test (tests/site/csp.test.ts) loads every
 * page in Chromium, behind the header policy too, and fails on any violation.
 */
export const CSP_DIRECTIVES: readonly CspDirective[] = [
  "default-src 'none'",
  "img-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
];

/**
 * What the Pagefind search page adds to its own policy (and no other page has): its UI
 * script and the WebAssembly search engine ('wasm-unsafe-eval'; 'self' must be repeated,
 * as a page's own script resources replace Astro's default), the index it fetches, its
 * worker, and the data: icons in its stylesheet.
 */
const PAGEFIND_CSP: { directives: readonly CspDirective[]; scriptResources: readonly string[] } = {
  directives: ["img-src 'self' data:", "connect-src 'self'", "worker-src 'self'"],
  scriptResources: ["'self'", "'wasm-unsafe-eval'"],
};

/** Call in the search page's frontmatter: `allowPagefind(Astro.csp);`. */
export function allowPagefind(csp: AstroGlobal["csp"] | undefined): void {
  if (!csp) return; // CSP switched off in astro.config.mjs
  for (const directive of PAGEFIND_CSP.directives) csp.insertDirective(directive);
  for (const resource of PAGEFIND_CSP.scriptResources) csp.insertScriptResource(resource);
}

/**
 * Only a header can forbid framing (browsers ignore `frame-ancestors` in a meta tag):
 * the header policy is the pages' policies plus this.
 */
export const HEADER_ONLY_CSP_DIRECTIVES: readonly string[] = ["frame-ancestors 'none'"];

/** Response headers for every file the site serves (the CSP header is computed per build). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Two years; add "; includeSubDomains; preload" once every subdomain is on HTTPS.
  "Strict-Transport-Security": "max-age=63072000",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy":
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  // Our files are for our pages: other sites cannot embed them (feed readers that show
  // images inline included); use "cross-origin" here to allow that.
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** Files whose names carry a content hash (Astro's `_astro/` folder) never change. */
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (HTML above all) is checked with the server on every use. */
export const CACHE_REVALIDATE = "public, max-age=0, must-revalidate";
/** The folder of hashed files, below the base path. */
export const HASHED_ASSETS_DIR = "_astro";

/** The folder of the CMS (decision 017), below the base path. */
export const ADMIN_DIR = "admin";

/**
 * The CMS page's own policy, and only its own: Decap's config validator compiles schemas
 * with `new Function` ('unsafe-eval'); its styles are injected at run time
 * ('unsafe-inline' styles); photos not yet saved preview as data: and blob: URLs, which it
 * also fetches back to save them; it talks to the Git host's API (GitHub), or under
 * `npm run cms` to its own origin, which passes the calls on to decap-server.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
  "connect-src 'self' blob: https://api.github.com",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Whether a built file (path relative to the site's folder) is part of the CMS. */
export function isAdminFile(file: string): boolean {
  return file.startsWith(`${ADMIN_DIR}/`);
}
