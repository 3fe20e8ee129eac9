/**
 * One read of a built site for every output check: each page, stylesheet and sitemap is
 * read once, and what the checks need from it (its CSP, script-running markup, element
 * ids, and the URLs it references) is taken from one tokenizing pass.
 *
 * With a cache store, those facts are kept between builds by the hash of the file's bytes
 * (src/build/cache.ts, whose version covers this module and the tokenizer): after an edit
 * to one article, only the pages that changed are tokenized again. With the site's file
 * hashes (src/build/file-hashes.ts), a file whose identity is unchanged since its bytes
 * were hashed is not read at all: a page reused from the published build, say.
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { cssUrls, scanHtml, srcsetUrls, type HtmlElement } from "./html-scan.ts";
import { svgProblems, xmlProblems, type DocumentProblem } from "../svg.ts";
import { CACHES, EntryCache, type CacheStore } from "../../build/cache.ts";
import { FileHashes } from "../../build/file-hashes.ts";
import { ScanPool } from "./scan-pool.ts";

/** A URL a file references, and where: "a href", "img srcset", "css url()", … */
type Reference = [where: string, url: string];

export interface FileFacts {
  /** HTML: the page's Content-Security-Policy meta content, or null without one. */
  policy?: string | null;
  /** HTML: markup that would run script ("<a> has an event handler attribute "onclick""). */
  unsafe?: string[];
  /** HTML: the ids (and <a name>s) a #fragment may point to. */
  ids?: string[];
  refs?: Reference[];
}

export interface SiteScan {
  /** Every file in the site, relative and with "/" separators, sorted. */
  files: string[];
  /** Facts of the pages, stylesheets and sitemaps (other files are not read). */
  facts: Map<string, FileFacts>;
  /** How many files were tokenized this time (the rest came from the cache). */
  scanned: number;
  /** Symbolic links in the site: a host or an upload would follow them to files never checked. */
  links: string[];
}

/** Attributes whose value is a URL a browser may navigate to or load. */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "data",
  "poster",
  "xlink:href",
  "srcset",
  "background",
]);
const SCRIPT_URL = /^\s*(javascript|vbscript):/i;

export type Kind = "html" | "css" | "sitemap" | "svg" | "xml";

/**
 * What a file is read as. Every file a browser would render as a document is read, by its
 * extension in any case, as a host would serve it: HTML (.html, .htm, .shtml), SVG, and
 * XML (.xml, .xsl, and XHTML, which browsers parse as XML).
 */
export function kindOf(file: string): Kind | undefined {
  if (/\.(html?|shtml)$/i.test(file)) return "html";
  if (file.endsWith(".css")) return "css";
  if (/(^|\/)sitemap[^/]*\.xml$/.test(file)) return "sitemap";
  if (/\.svgz?$/i.test(file)) return "svg";
  if (/\.(xml|xslt?|xhtml|xht)$/i.test(file)) return "xml";
  return undefined;
}

/** The CSP meta content among a page's elements (only the head counts). */
export function policyOf(elements: HtmlElement[]): string | undefined {
  for (const el of elements) {
    if (el.name === "meta" && (el.attrs["http-equiv"] ?? "").toLowerCase() === "content-security-policy") {
      return el.attrs.content;
    }
    if (el.name === "body") break;
  }
  return undefined;
}

/** Every URL a page's elements reference, with where it is. */
function htmlReferences(elements: HtmlElement[]): Reference[] {
  const refs: Reference[] = [];
  const add = (where: string, url: string | undefined) => {
    if (url !== undefined) refs.push([where, url]);
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
      case "source":
        add(`${el.name} src`, a.src);
        if (a.srcset) for (const url of srcsetUrls(a.srcset)) add(`${el.name} srcset`, url);
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
          add("meta refresh", /url\s*=\s*['"]?([^'"]+)/i.exec(a.content ?? "")?.[1]);
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

/** Markup that would run script: event-handler attributes and script URLs. */
function unsafeMarkup(elements: HtmlElement[]): string[] {
  const found: string[] = [];
  for (const el of elements) {
    // The page is read as UTF-8: one that tells the browser otherwise could hide markup from this scan.
    const charset =
      el.name === "meta" ? (el.attrs.charset ?? /charset=([^;\s]+)/i.exec(el.attrs.content ?? "")?.[1]) : undefined;
    if (charset !== undefined && !/^\s*utf-?8\s*$/i.test(charset)) {
      found.push(`<meta> declares the encoding "${charset}": pages must be UTF-8`);
    }
    for (const name of el.attrNames) {
      if (name.startsWith("on")) found.push(`<${el.name}> has an event handler attribute "${name}"`);
    }
    for (const name in el.attrs) {
      const value = el.attrs[name]!;
      // A script URL has its scheme's colon: most values have none, and need no closer look.
      if (URL_ATTRIBUTES.has(name) && value.includes(":") && SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, ""))) {
        found.push(`<${el.name} ${name}> is a script URL`);
      }
    }
  }
  return found;
}

function described(problems: DocumentProblem[]): string[] {
  return problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message));
}

/** The facts of one file, from its bytes. */
export function factsOfBytes(kind: Kind, bytes: Buffer): FileFacts {
  if (kind === "svg") return { unsafe: described(svgProblems(bytes)) };
  if (kind === "xml") return { unsafe: described(xmlProblems(bytes)) };
  if (kind === "html" && (bytes[0] === 0xfe || bytes[0] === 0xff || bytes[0] === 0)) {
    return { policy: null, unsafe: ["starts with a UTF-16 or UTF-32 byte-order mark: pages must be UTF-8"] };
  }
  return factsOf(kind, bytes.toString("utf8"));
}

/**
 * Facts with strings of their own. Strings cut from a page are slices that keep the whole
 * page's text alive as long as its facts are held (every page of the site, at once). Facts
 * sent back by a worker thread are copies already.
 */
function detached(facts: FileFacts): FileFacts {
  return JSON.parse(JSON.stringify(facts)) as FileFacts;
}

/** What must not be published about a file's facts: a page without a strict policy, script-running markup. */
export function documentProblems(facts: FileFacts): string[] {
  const problems: string[] = [];
  if (facts.policy === null) problems.push("has no Content-Security-Policy meta tag");
  else if (facts.policy && /'unsafe-inline'|'unsafe-eval'/.test(facts.policy))
    problems.push(`its CSP allows unsafe inline code: ${facts.policy}`);
  problems.push(...(facts.unsafe ?? []));
  return problems;
}

/** The facts of one file's text. */
function factsOf(kind: Exclude<Kind, "svg" | "xml">, text: string): FileFacts {
  if (kind === "css") return { refs: cssUrls(text).map((url): Reference => ["css url()", url]) };
  if (kind === "sitemap") {
    return { refs: [...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m): Reference => ["sitemap loc", m[1]!]) };
  }
  const elements = scanHtml(text);
  const ids = new Set<string>();
  for (const el of elements) {
    if (el.attrs.id) ids.add(el.attrs.id);
    if (el.name === "a" && el.attrs.name) ids.add(el.attrs.name);
  }
  return {
    // An empty policy protects nothing: it counts as none.
    policy: policyOf(elements) || null,
    unsafe: unsafeMarkup(elements),
    ids: [...ids],
    refs: htmlReferences(elements),
  };
}

/** Files read, then handed to a worker thread, together. */
const READ_BATCH = 64;
/**
 * Files tokenized on this thread before the rest go to worker threads: an edit changes a
 * handful of pages, not worth starting a worker; a template change changes every page.
 */
const SCANNED_HERE = 256;
/** Batches handed to the workers and not yet answered, per worker: bounds the bytes waiting. */
const QUEUED_PER_WORKER = 4;

export interface ScanOptions {
  caches?: CacheStore | undefined;
  /**
   * The hashes of the site's files by their identity (src/build/file-hashes.ts): a file
   * whose facts are known is then not even read. Saved by the caller.
   */
  hashes?: FileHashes | undefined;
  /** Worker threads that tokenize once many files changed (none: all on this thread). */
  workers?: number | undefined;
}

/** Lists every file of the built site in `dir` and reads what the checks need. */
export async function scanSite(dir: string, options: ScanOptions = {}): Promise<SiteScan> {
  // Node's asynchronous recursive listing reads one folder after another, each through the
  // thread pool: several times slower than this, on a site of tens of thousands of files.
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const pathOf = (entry: (typeof entries)[number]) =>
    relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/");
  const files = entries
    .filter((entry) => entry.isFile())
    .map(pathOf)
    .sort();
  const links = entries
    .filter((entry) => entry.isSymbolicLink())
    .map(pathOf)
    .sort();
  const cache = await EntryCache.open<FileFacts>(options.caches, CACHES.pageFacts);
  const hashes = options.hashes ?? (await FileHashes.open(undefined));
  const nowMs = Date.now();
  const readable = files.filter((file) => kindOf(file));
  const found: FileFacts[] = [];
  let scanned = 0;
  let pool: ScanPool | undefined;
  const queued: Promise<void>[] = [];
  try {
    for (let i = 0; i < readable.length; i += READ_BATCH) {
      const batch = readable.slice(i, i + READ_BATCH);
      const unknown: { at: number; key: string; kind: Kind; bytes: Buffer }[] = [];
      batch.forEach((file, j) => {
        const kind = kindOf(file)!;
        // The facts of a file unchanged since it was last hashed are found without reading it.
        const { hash, bytes } = hashes.read(file, join(dir, file), (h) => !!cache.get(`${kind}:${h}`), nowMs);
        const key = `${kind}:${hash}`;
        const known = cache.get(key);
        if (known) found[i + j] = known;
        else if (bytes) unknown.push({ at: i + j, key, kind, bytes });
      });
      if (unknown.length === 0) continue;
      scanned += unknown.length;
      const record = (facts: FileFacts[]) =>
        unknown.forEach((file, k) => {
          cache.set(file.key, facts[k]!);
          found[file.at] = facts[k]!;
        });
      if (!pool && (options.workers ?? 0) > 0 && scanned > SCANNED_HERE) pool = new ScanPool(options.workers!);
      if (!pool) {
        record(unknown.map((file) => detached(factsOfBytes(file.kind, file.bytes))));
        continue;
      }
      const recorded = pool.facts(unknown).then(record);
      // Awaited below; a failure before then must not count as unhandled.
      recorded.catch(() => undefined);
      queued.push(recorded);
      if (queued.length >= QUEUED_PER_WORKER * options.workers!) await queued.shift();
    }
    await Promise.all(queued);
  } finally {
    await pool?.close();
  }
  await cache.save();
  const facts = new Map(readable.map((file, i) => [file, found[i]!]));
  return { files, facts, scanned, links };
}
