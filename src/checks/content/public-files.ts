/**
 * What public/ may hold. Its files are copied into the site byte for byte, beside the
 * pages the build generates, so:
 *
 * - no path the build generates (a page, a feed, robots.txt, a sitemap, the host files,
 *   or anything in a folder a route fills, such as /articles/) may come from public/:
 *   it would replace the generated one without a word. The generated paths are known
 *   without building, from the files in src/pages and the integrations' own outputs;
 * - no JavaScript: it would run under the site's own policy ('self' scripts are allowed).
 *   Scripts belong in a component's <script>, which Astro bundles into /_astro/;
 * - every document a browser would render goes through the same checks as generated
 *   pages (src/checks/output/site-scan.ts), and an HTML document from public/ may not hold a script;
 * - an SVG must be plain drawing (./svg.ts).
 *
 * Pure: the caller reads the files.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { scanHtml } from "../output/html-scan.ts";
import { documentProblems, factsOfBytes, kindOf } from "../output/site-scan.ts";
import { lineAt } from "../../model/lines.ts";

/** A path (or folder of paths) in the built site, and the source that generates it. */
export interface GeneratedPath {
  /** Relative to the site's root, with "/" separators; a folder ends in "/"; "" is every path. */
  path: string;
  source: string;
  /** For outputs named by a pattern (sitemap-0.xml, …). */
  pattern?: RegExp;
}

/** What the integrations and Astro itself write, beside the pages in src/pages. */
const INTEGRATION_OUTPUTS: readonly GeneratedPath[] = [
  { path: "_astro/", source: "Astro's bundled scripts, styles and images" },
  { path: "pagefind/", source: "the search index (src/build/search-index.ts)" },
  {
    path: "sitemap-index.xml",
    source: "the sitemap (src/integrations/sitemap.ts)",
    pattern: /^sitemap-(index|\d+)\.xml$/i,
  },
  { path: "_headers", source: "the host headers (src/build/finish.ts)" },
  { path: "_redirects", source: "the host redirects (src/build/finish.ts)" },
];

/** The route of the standing pages (content/pages/<id>.md at /<id>/). */
const STANDING_PAGE_ROUTE = "[page].astro";

const PAGE_EXTENSION = /\.(astro|md|mdx|markdown|html)$/;
const ENDPOINT_EXTENSION = /\.(ts|js|mts|mjs)$/;

/**
 * The paths the build writes for each file in src/pages (paths relative to src/pages),
 * with `build.format: "directory"`: a page `a.astro` is `a/index.html`, `index.astro` is
 * `index.html`, `404.astro` is `404.html`, an endpoint `rss.xml.ts` is `rss.xml`; a
 * route with a parameter owns the whole folder before it (`articles/[slug].astro`:
 * `articles/`), except the standing pages' route at the root, which writes one page per
 * entry of content/pages. Files and folders starting with `_` are not routes, as in Astro.
 */
export function generatedPaths(pageFiles: readonly string[], standingPageIds: readonly string[] = []): GeneratedPath[] {
  const paths: GeneratedPath[] = [];
  for (const file of pageFiles) {
    // The standing pages' route takes only the addresses of content/pages, not every one.
    if (file === STANDING_PAGE_ROUTE) {
      for (const id of standingPageIds) paths.push({ path: `${id}/index.html`, source: `src/pages/${file}` });
      continue;
    }
    const segments = file.split("/");
    if (segments.some((s) => s.startsWith("_") || s.startsWith("."))) continue;
    const isPage = PAGE_EXTENSION.test(file);
    if (!isPage && !ENDPOINT_EXTENSION.test(file)) continue;
    const source = `src/pages/${file}`;
    const name = file.replace(isPage ? PAGE_EXTENSION : ENDPOINT_EXTENSION, "").split("/");
    const dynamic = name.findIndex((s) => s.includes("["));
    if (dynamic >= 0) {
      const folder = name.slice(0, dynamic).join("/");
      paths.push({ path: folder ? `${folder}/` : "", source });
    } else if (!isPage) {
      paths.push({ path: name.join("/"), source });
    } else {
      const last = name.at(-1)!;
      const dir = name.slice(0, -1).join("/");
      const path =
        last === "index"
          ? `${dir ? `${dir}/` : ""}index.html`
          : name.length === 1 && /^(404|500)$/.test(last)
            ? `${last}.html`
            : `${name.join("/")}/index.html`;
      paths.push({ path, source });
    }
  }
  return [...paths, ...INTEGRATION_OUTPUTS];
}

/** The generated path that `rel` (a file in public/) would replace or sit inside, if any. */
export function generatedCollision(rel: string, generated: readonly GeneratedPath[]): GeneratedPath | undefined {
  // Compared without case: on a case-insensitive disk or host, RSS.xml is rss.xml.
  const file = rel.toLowerCase();
  return generated.find((g) => {
    const path = g.path.toLowerCase();
    if (g.pattern) return g.pattern.test(file);
    if (path === "" || path.endsWith("/")) return file.startsWith(path) || `${file}/` === path;
    return file === path || path.startsWith(`${file}/`);
  });
}

function collisionMessage(rel: string, g: GeneratedPath): string {
  if (g.path === "")
    return `may be replaced by a page of ${g.source}, which can generate any address: rename the route`;
  if (g.path.endsWith("/") && rel.toLowerCase() !== g.path.slice(0, -1).toLowerCase()) {
    return `is inside /${g.path}, which the build generates (${g.source}): public/ cannot add to or replace generated pages; move it elsewhere`;
  }
  return `would replace the generated /${g.path} (${g.source}): remove it from public/`;
}

const SCRIPT_FILE = /\.(m?js|cjs)$/i;

/**
 * Why a file in public/ (path `rel` inside it) must not be published, its path and its
 * contents aside from image metadata (empty when it may be).
 */
export async function publicFileProblems(
  rel: string,
  read: () => Promise<Buffer>,
  generated: readonly GeneratedPath[],
): Promise<Array<{ line?: number; message: string }>> {
  const problems: Array<{ line?: number; message: string }> = [];
  const collision = generatedCollision(rel, generated);
  if (collision) problems.push({ message: collisionMessage(rel, collision) });
  if (SCRIPT_FILE.test(rel)) {
    problems.push({
      message:
        "is JavaScript, and public/ publishes no scripts (a page could load it under the site's own policy): put it in a component's <script>, which Astro bundles into /_astro/",
    });
    return problems;
  }
  if (/\.svgz$/i.test(rel)) {
    problems.push({ message: "is a compressed SVG, which cannot be checked: publish it as a plain .svg" });
    return problems;
  }
  const kind = kindOf(rel);
  if (kind !== "html" && kind !== "svg" && kind !== "xml") return problems;
  const bytes = await read();
  const what =
    kind === "svg"
      ? "an SVG that is not plain drawing is not published"
      : "a document in public/ is served as a page of the site";
  for (const found of documentProblems(factsOfBytes(kind, bytes))) {
    const line = /^line (\d+): /.exec(found);
    problems.push(
      line
        ? { line: Number(line[1]), message: `${found.slice(line[0].length)}: ${what}` }
        : { message: `${found}: ${what}` },
    );
  }
  if (kind === "html") {
    const text = bytes.toString("utf8");
    for (const el of scanHtml(text)) {
      if (el.name === "script" && (el.attrs.type ?? "").toLowerCase() !== "application/ld+json") {
        problems.push({
          line: lineAt(text, el.offset),
          message: `has a <script>: ${what}, and public/ publishes no scripts`,
        });
      }
    }
  }
  return problems;
}

/**
 * Every file below `dir` as the site will hold it (relative, "/" separators, sorted):
 * dot files too, since they are copied as well, and through links to folders (which the
 * link check has found inside the project and free of loops before this runs).
 */
export async function listPublished(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (path: string, prefix: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      const isDirectory = entry.isSymbolicLink()
        ? await stat(full).then(
            (s) => s.isDirectory(),
            () => false,
          )
        : entry.isDirectory();
      if (isDirectory) await walk(full, `${prefix}${entry.name}/`);
      else files.push(`${prefix}${entry.name}`);
    }
  };
  await walk(dir, "");
  return files.sort();
}

/**
 * The safety net after a build: files of public/ (`publicFiles`) at a path where the build
 * wrote a page (`written`: path in the site → the route that wrote it). Astro copies
 * public/ over its own output, so such a page was silently replaced.
 */
export function replacedPages(publicFiles: readonly string[], written: ReadonlyMap<string, string>): string[] {
  const byLowerCase = new Map([...written].map(([file, route]) => [file.toLowerCase(), { file, route }]));
  return publicFiles.flatMap((rel) => {
    const page = byLowerCase.get(rel.toLowerCase());
    return page ? [`public/${rel}: replaced the generated /${page.file} (route ${page.route})`] : [];
  });
}
