import { topicSlug } from "./slug.ts";

/** Site-relative paths, so the site also works when deployed under a sub-path. */
export function joinBase(base: string, path: string): string {
  const head = base.endsWith("/") ? base.slice(0, -1) : base;
  const tail = path.startsWith("/") ? path : `/${path}`;
  return `${head}${tail}`;
}

export function articlePath(base: string, id: string): string {
  return joinBase(base, `/articles/${id}/`);
}

/** An absolute URL on the configured site, for canonical links and printouts. */
export function absoluteUrl(site: string | URL, path: string): string {
  return new URL(path, site).href;
}

/** Topic pages: one per section and per tag, addressed by slug. */
export function sectionPath(base: string, section: string): string {
  return joinBase(base, `/sections/${topicSlug(section)}/`);
}

export function tagPath(base: string, tag: string): string {
  return joinBase(base, `/tags/${topicSlug(tag)}/`);
}

export function archivePath(base: string, year?: number | string): string {
  return joinBase(base, year === undefined ? "/archive/" : `/archive/${year}/`);
}

/** An author's page: bio, photo, links and their articles. */
export function authorPath(base: string, id: string): string {
  return joinBase(base, `/authors/${id}/`);
}

/** An author's own feed, beside their page. */
export function authorFeedPath(base: string, id: string): string {
  return joinBase(base, `/authors/${id}/rss.xml`);
}

/** A standing page (about us, corrections policy, …): /<id>/. */
export function standingPagePath(base: string, id: string): string {
  return joinBase(base, `/${id}/`);
}
