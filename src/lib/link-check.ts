/**
 * Link checker over a built site folder: every link, image, stylesheet, script, srcset
 * candidate, CSS url(), sitemap <loc> and #fragment in it must resolve to a file (or an
 * element id) in the folder, under the site's base path. Absolute URLs on the site's
 * own origin (canonical, og:url, og:image) are checked the same way; other origins are
 * counted, not fetched. Pure: reads the folder, no network.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { cssUrls, scanHtml, srcsetUrls, type HtmlElement } from "./html-scan.ts";

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

/** The URL a page file is served at: "articles/x/index.html" → "/base/articles/x/". */
export function pagePath(file: string, base: string): string {
  const rel = file.split(sep).join("/");
  const path = rel === "index.html" ? "" : rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel;
  return `${base.endsWith("/") ? base : `${base}/`}${path}`;
}

interface Reference {
  where: string;
  url: string;
}

function htmlReferences(elements: HtmlElement[]): Reference[] {
  const refs: Reference[] = [];
  const add = (where: string, url: string | undefined) => {
    if (url !== undefined) refs.push({ where, url });
  };
  for (const el of elements) {
    const a = el.attrs;
    switch (el.name) {
      case "a":
      case "area":
        add(`${el.name} href`, a.href);
        break;
      case "link":
        if (!/\b(preconnect|dns-prefetch)\b/i.test(a.rel ?? "")) add("link href", a.href);
        break;
      case "img":
        add("img src", a.src);
        if (a.srcset) for (const url of srcsetUrls(a.srcset)) add("img srcset", url);
        break;
      case "source":
        add("source src", a.src);
        if (a.srcset) for (const url of srcsetUrls(a.srcset)) add("source srcset", url);
        break;
      case "script":
      case "iframe":
      case "video":
      case "audio":
      case "track":
      case "embed":
        add(`${el.name} src`, a.src);
        break;
      case "object":
        add("object data", a.data);
        break;
      case "form":
        add("form action", a.action);
        break;
      case "meta": {
        const property = (a.property ?? a.name ?? "").toLowerCase();
        if (/^(og:url|og:image|og:image:url|og:image:secure_url|twitter:image)$/.test(property)) {
          add(`meta ${property}`, a.content);
        }
        if ((a["http-equiv"] ?? "").toLowerCase() === "refresh") {
          const target = /url\s*=\s*['"]?([^'"]+)/i.exec(a.content ?? "")?.[1];
          add("meta refresh", target);
        }
        break;
      }
      case "style":
        for (const url of cssUrls(el.text ?? "")) add("style url()", url);
        break;
    }
    if (a.style) for (const url of cssUrls(a.style)) add("style attribute url()", url);
  }
  return refs;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { recursive: true })) as string[];
  const files: string[] = [];
  for (const entry of entries) if ((await stat(join(dir, entry))).isFile()) files.push(entry.split(sep).join("/"));
  return files.sort();
}

export async function checkLinks(dir: string, options: LinkCheckOptions = {}): Promise<LinkReport> {
  const base = options.base ?? "/";
  const baseDir = base.endsWith("/") ? base : `${base}/`;
  const siteOrigin = options.site ? new URL(options.site).origin : undefined;
  const files = await listFiles(dir);
  const fileSet = new Set(files);
  const ids = new Map<string, Set<string>>();
  const refsByFile = new Map<string, Reference[]>();

  for (const file of files) {
    if (file.endsWith(".html")) {
      const elements = scanHtml(await readFile(join(dir, file), "utf8"));
      const pageIds = new Set<string>();
      for (const el of elements) {
        if (el.attrs.id) pageIds.add(el.attrs.id);
        if (el.name === "a" && el.attrs.name) pageIds.add(el.attrs.name);
      }
      ids.set(file, pageIds);
      refsByFile.set(file, htmlReferences(elements));
    } else if (file.endsWith(".css")) {
      refsByFile.set(
        file,
        cssUrls(await readFile(join(dir, file), "utf8")).map((url) => ({ where: "css url()", url })),
      );
    } else if (/(^|\/)sitemap[^/]*\.xml$/.test(file)) {
      const xml = await readFile(join(dir, file), "utf8");
      refsByFile.set(
        file,
        [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => ({ where: "sitemap loc", url: m[1]! })),
      );
    }
  }

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

  const broken: BrokenLink[] = [];
  let checked = 0;
  let external = 0;
  for (const [file, refs] of refsByFile) {
    const here = new URL(pagePath(file, baseDir), "http://site.invalid");
    for (const { where, url } of refs) {
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
      let target: URL;
      try {
        target = new URL(raw, here);
      } catch {
        broken.push({ file, where, url, reason: "is not a valid URL" });
        continue;
      }
      if (target.origin !== here.origin) {
        if (siteOrigin && target.origin === siteOrigin) {
          // Our own address written absolutely: check it like a path.
        } else {
          external++;
          continue;
        }
      }
      checked++;
      const resolved = resolvePath(target.pathname);
      if ("reason" in resolved) {
        broken.push({ file, where, url, reason: resolved.reason });
        continue;
      }
      const fragment = target.hash.slice(1);
      if (fragment && resolved.file.endsWith(".html")) {
        let id = fragment;
        try {
          id = decodeURIComponent(fragment);
        } catch {
          // keep it as written
        }
        if (!ids.get(resolved.file)?.has(id)) {
          broken.push({ file, where, url, reason: `points to #${id}, which ${resolved.file} does not have` });
        }
      }
    }
  }
  return { pages: ids.size, checked, external, broken };
}

export function formatBrokenLink(link: BrokenLink): string {
  return `${link.file}: ${link.where} "${link.url}" ${link.reason}`;
}
