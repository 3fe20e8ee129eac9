/**
 * Sections, tags, years and related articles: pure functions over a list of articles,
 * so the pages, feeds and tests agree on what belongs where.
 */
import { compareNewestFirst, toInstant, type PubDate } from "./dates.ts";
import { slugify } from "./slug.ts";

/** What grouping needs to know of an article. */
export interface Classified {
  id: string;
  data: { section: string; tags: string[]; published: PubDate };
}

export interface Group<T> {
  slug: string;
  /** The name as first written (newest article wins), for headings. */
  name: string;
  /** Newest first. */
  articles: T[];
}

export function newestFirst<T extends Classified>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) =>
    compareNewestFirst(
      a,
      b,
      (x) => x.data.published,
      (x) => x.id,
    ),
  );
}

function groupBy<T extends Classified>(articles: readonly T[], names: (a: T) => string[]): Group<T>[] {
  const groups = new Map<string, Group<T>>();
  for (const article of newestFirst(articles)) {
    for (const name of new Set(names(article))) {
      const slug = slugify(name);
      if (!slug) continue;
      const group = groups.get(slug) ?? { slug, name, articles: [] };
      if (!group.articles.includes(article)) group.articles.push(article);
      groups.set(slug, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.slug.localeCompare(b.slug));
}

export function sections<T extends Classified>(articles: readonly T[]): Group<T>[] {
  return groupBy(articles, (a) => [a.data.section]);
}

export function tags<T extends Classified>(articles: readonly T[]): Group<T>[] {
  return groupBy(articles, (a) => a.data.tags);
}

/** Years, newest first, each with its articles newest first. Years count in UTC. */
export function years<T extends Classified>(articles: readonly T[]): Group<T>[] {
  const grouped = groupBy(articles, (a) => [String(toInstant(a.data.published).getUTCFullYear())]);
  return grouped.sort((a, b) => Number(b.slug) - Number(a.slug));
}

/**
 * Up to `limit` other articles sharing the most tags with `article`; ties go to the
 * newer one. Articles sharing no tag are never "related".
 */
export function related<T extends Classified>(article: T, all: readonly T[], limit = 3): T[] {
  const own = new Set(article.data.tags.map(slugify));
  if (own.size === 0) return [];
  return newestFirst(all)
    .filter((other) => other.id !== article.id)
    .map((other) => ({ other, shared: new Set(other.data.tags.map(slugify).filter((t) => own.has(t))).size }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared) // stable: equal scores keep newest-first order
    .slice(0, limit)
    .map(({ other }) => other);
}
