/**
 * Link checker over a built site folder: every link, image, stylesheet, script, srcset
 * candidate, CSS url(), sitemap <loc> and #fragment in it must resolve to a file (or an
 * element id) in the folder, under the site's base path. Absolute URLs on the site's
 * own origin (canonical, og:url, og:image) are checked the same way; other origins are
 * counted, not fetched. Pure: reads the folder, no network.
 */
import { sep } from "node:path";
import { scanSite, type SiteScan } from "./site-scan.ts";

export interface BrokenLink {
  /** The file the reference is in, relative to the site folder. */
  file: string;
  /** Where in the file: "a href", "img srcset", "style url()", … */
  where: string;
  url: string;
  reason: string;
}

export interface LinkReport {
  pages: number;
  /** References checked inside the site (fragments included). */
  checked: number;
  /** References to other origins (not fetched). */
  external: number;
  broken: BrokenLink[];
}

export interface LinkCheckOptions {
  /** The base path the site is built for: "/" or "/newsroom/". */
  base?: string;
  /** The site's origin (and base), e.g. "https://example.org": absolute URLs on it are checked. */
  site?: string | undefined;
}

const SKIP_SCHEMES = /^(mailto|tel|sms):/i;
const SCRIPT_SCHEMES = /^\s*(javascript|vbscript):/i;
/** data: URLs are fine for images and CSS, never for navigation, frames or scripts. */
const DATA_FORBIDDEN = /^(a|area|iframe|embed|object|form|script|meta refresh)\b/;

/** The origin pages are resolved against: a name that is never a real host. */
const PAGE_ORIGIN = "http://site.invalid";
/**
 * References that lead to the same place from every page of the site: a path from the
 * root ("/x", not "//host") or a URL with its scheme and host ("https://…"; "http:x" is
 * relative to an http page). Relative ones and bare "#id" depend on the page.
 */
const SAME_FROM_ANY_PAGE = /^(\/(?![/\\])|[a-z][a-z0-9+.-]*:\/\/)/i;

/**
 * Where a reference leads: a file of the site (and its #fragment, decoded), another
 * origin, no URL at all, or a place in the site with no file (and why).
 */
type Followed = { file: string; fragment: string } | "external" | "invalid" | { reason: string };

/** The URL a page file is served at: "articles/x/index.html" → "/base/articles/x/". */
export function pagePath(file: string, base: string): string {
  const rel = file.split(sep).join("/");
  const path = rel === "index.html" ? "" : rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel;
  return `${base.endsWith("/") ? base : `${base}/`}${path}`;
}

export async function checkLinks(dir: string, options: LinkCheckOptions = {}): Promise<LinkReport> {
  return checkReferences(await scanSite(dir), options);
}

/** The link check over a site already read by scanSite. */
export function checkReferences(scan: SiteScan, options: LinkCheckOptions = {}): LinkReport {
  const base = options.base ?? "/";
  const baseDir = base.endsWith("/") ? base : `${base}/`;
  const siteOrigin = options.site ? new URL(options.site).origin : undefined;
  const fileSet = new Set(scan.files);
  const ids = new Map<string, Set<string>>();
  for (const [file, facts] of scan.facts) if (facts.ids) ids.set(file, new Set(facts.ids));

  /** The site file a path (below the base) names, or why there is none. */
  const resolvePath = (pathname: string): { file: string } | { reason: string } => {
    if (!pathname.startsWith(baseDir) && pathname !== baseDir.slice(0, -1)) {
      return { reason: `is outside the site's base path ${baseDir}` };
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(baseDir.length));
    } catch {
      return { reason: "is not a valid URL path" };
    }
    if (rel === "" || rel.endsWith("/")) {
      const index = `${rel}index.html`;
      return fileSet.has(index) ? { file: index } : { reason: "has no page (no index.html there)" };
    }
    if (fileSet.has(rel)) return { file: rel };
    if (fileSet.has(`${rel}/index.html`)) return { reason: "names a page without its trailing slash" };
    return { reason: "does not exist" };
  };

  /** Where a reference leads, seen from the page at `here`. */
  const follow = (raw: string, here: URL): Followed => {
    let target: URL;
    try {
      target = new URL(raw, here);
    } catch {
      return "invalid";
    }
    // Our own address written absolutely is checked like a path.
    if (target.origin !== here.origin && target.origin !== siteOrigin) return "external";
    const resolved = resolvePath(target.pathname);
    if ("reason" in resolved) return resolved;
    let fragment = target.hash.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // keep it as written
    }
    return { file: resolved.file, fragment };
  };
  // Most references are the same few paths on every page (the navigation, the sections,
  // shared images): one that leads to the same place from any page is followed once.
  const followedFromAnyPage = new Map<string, Followed>();

  const broken: BrokenLink[] = [];
  let checked = 0;
  let external = 0;
  for (const [file, { refs = [] }] of scan.facts) {
    const here = new URL(pagePath(file, baseDir), PAGE_ORIGIN);
    for (const [where, url] of refs) {
      const raw = url.trim();
      if (raw === "") {
        broken.push({ file, where, url, reason: "is empty" });
        continue;
      }
      if (SKIP_SCHEMES.test(raw)) continue;
      // Browsers ignore tabs, newlines and other controls inside a scheme ("java\tscript:").
      const compact = raw.replace(/[\u0000-\u0020]/g, "");
      if (SCRIPT_SCHEMES.test(compact)) {
        broken.push({ file, where, url, reason: "uses a javascript: or vbscript: URL" });
        continue;
      }
      if (/^data:/i.test(compact)) {
        if (DATA_FORBIDDEN.test(where)) broken.push({ file, where, url, reason: "uses a data: URL" });
        continue;
      }
      let followed: Followed;
      if (SAME_FROM_ANY_PAGE.test(raw)) {
        followed = followedFromAnyPage.get(raw) ?? follow(raw, here);
        followedFromAnyPage.set(raw, followed);
      } else followed = follow(raw, here);
      if (followed === "external") {
        external++;
        continue;
      }
      if (followed === "invalid") {
        broken.push({ file, where, url, reason: "is not a valid URL" });
        continue;
      }
      checked++;
      if ("reason" in followed) {
        broken.push({ file, where, url, reason: followed.reason });
        continue;
      }
      const { file: target, fragment } = followed;
      if (fragment && target.endsWith(".html") && !ids.get(target)?.has(fragment)) {
        broken.push({ file, where, url, reason: `points to #${fragment}, which ${target} does not have` });
      }
    }
  }
  return { pages: ids.size, checked, external, broken };
}

export function formatBrokenLink(link: BrokenLink): string {
  return `${link.file}: ${link.where} "${link.url}" ${link.reason}`;
}
