/**
 * The pages and files a build of the site will have, told from the article list alone,
 * so the content check can judge an article's links to its own site before anything is
 * built: the same answer the output link check (src/checks/output/link-check.ts) gives afterwards.
 */
import { PAGE_SIZE } from "../../views/pagination.ts";

export interface KnownSite {
  /** Article id → the element ids its page has (for #fragments). */
  articles: Map<string, ReadonlySet<string>>;
  /** Former addresses: each has a redirect page. */
  formerSlugs: ReadonlySet<string>;
  /** Topic slug → how many articles it lists (for its numbered pages). */
  sections: ReadonlyMap<string, number>;
  tags: ReadonlyMap<string, number>;
  /** Year → how many articles. */
  years: ReadonlyMap<string, number>;
}

/** Files every build writes, below the base path. */
const SITE_FILES = new Set([
  "404.html",
  "atom.xml",
  "feed.json",
  "logo.png",
  "news-sitemap.xml",
  "robots.txt",
  "rss.xml",
  "sitemap-index.xml",
  "sitemap-0.xml",
]);

/** Ids every page has, whatever its content (the layout's). */
const LAYOUT_IDS: ReadonlySet<string> = new Set(["main"]);

function pagesOf(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_SIZE));
}

/** A listing page: "" for its first page, "<n>/" for the others. */
function listingProblem(rest: string, count: number | undefined, what: string): string | null {
  if (count === undefined) return `there is no ${what}`;
  if (rest === "") return null;
  const page = /^(\d+)\/$/.exec(rest);
  if (page && +page[1]! >= 2 && +page[1]! <= pagesOf(count)) return null;
  return `there is no such page of the ${what}`;
}

/**
 * Why the page at `path` (below the base path, decoded, without query) will not be in
 * the build, or null when it will. `fragment` (decoded, may be empty) must then be an
 * element id on that page, where that can be told.
 */
export function sitePathProblem(path: string, fragment: string, site: KnownSite): string | null {
  const page = pageProblem(path, site);
  if (page || !fragment) return page;
  const article = /^articles\/([^/]+)\/$/.exec(path);
  const ids = article ? site.articles.get(article[1]!) : undefined;
  if (ids ? ids.has(fragment) || LAYOUT_IDS.has(fragment) : LAYOUT_IDS.has(fragment)) return null;
  return `points to #${fragment}, which that page does not have`;
}

function pageProblem(path: string, site: KnownSite): string | null {
  if (path === "" || path === "search/" || path === "archive/" || path === "corrections/" || SITE_FILES.has(path))
    return null;
  const withSlash = `${path}/`;
  if (!path.endsWith("/") && pageProblem(withSlash, site) === null) return "names a page without its trailing slash";
  let m = /^articles\/([^/]+)\/$/.exec(path);
  if (m) {
    return site.articles.has(m[1]!) || site.formerSlugs.has(m[1]!) ? null : `there is no article "${m[1]}"`;
  }
  m = /^cards\/([^/]+)\.png$/.exec(path);
  if (m) return site.articles.has(m[1]!) ? null : `there is no article "${m[1]}"`;
  m = /^sections\/([^/]+)\/(.*)$/.exec(path);
  if (m) return listingProblem(m[2]!, site.sections.get(m[1]!), `section "${m[1]}"`);
  m = /^tags\/([^/]+)\/(.*)$/.exec(path);
  if (m) return listingProblem(m[2]!, site.tags.get(m[1]!), `tag "${m[1]}"`);
  m = /^archive\/(\d+)\/(.*)$/.exec(path);
  if (m) return listingProblem(m[2]!, site.years.get(m[1]!), `archive year ${m[1]}`);
  return "is not a page of this site";
}
