/**
 * Sections, tags, years and related articles: pure functions over a list of articles,
 * so the pages, feeds and tests agree on what belongs where.
 */
import { toInstant, type PubDate } from "./dates.ts";
import { topicSlug } from "./slug.ts";

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

/** Newest first, ties by id. Each date is turned into a time once, not once per comparison. */
export function newestFirst<T extends Classified>(articles: readonly T[]): T[] {
  const time = new Map(articles.map((a) => [a, toInstant(a.data.published).getTime()]));
  return [...articles].sort((a, b) => time.get(b)! - time.get(a)! || a.id.localeCompare(b.id));
}

function groupBy<T extends Classified>(articles: readonly T[], names: (a: T) => string[]): Group<T>[] {
  const groups = new Map<string, Group<T> & { members: Set<string> }>();
  for (const article of newestFirst(articles)) {
    for (const name of names(article)) {
      const slug = topicSlug(name);
      if (!slug) continue;
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = { slug, name, articles: [], members: new Set() }));
      // A Set, not articles.includes(): a tag can hold thousands of articles.
      if (group.members.has(article.id)) continue;
      group.members.add(article.id);
      group.articles.push(article);
    }
  }
  return [...groups.values()]
    .map(({ slug, name, articles: list }) => ({ slug, name, articles: list }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
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
 * For every article, up to `limit` others sharing the most tags with it; ties go to the
 * newer one. Articles sharing no tag are never "related". Built once for the whole
 * collection from a tag index, so it stays fast at tens of thousands of articles.
 */
export function relatedIndex<T extends Classified>(all: readonly T[], limit = 3): Map<string, T[]> {
  const ordered = newestFirst(all);
  const byTag = new Map<string, number[]>(); // tag → positions in `ordered`, newest first
  const tagsOf = ordered.map((article, position) => {
    const own = new Set(article.data.tags.map(topicSlug).filter(Boolean));
    for (const tag of own) {
      const list = byTag.get(tag);
      if (list) list.push(position);
      else byTag.set(tag, [position]);
    }
    return own;
  });
  const index = new Map<string, T[]>();
  ordered.forEach((article, position) => {
    const shared = new Map<number, number>();
    for (const tag of tagsOf[position]!) {
      for (const other of byTag.get(tag)!) if (other !== position) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    // The best `limit` in one pass (more shared tags first, then newer), not a full sort.
    const best: [number, number][] = [];
    for (const entry of shared) {
      const at = best.findIndex(([p, n]) => entry[1] > n || (entry[1] === n && entry[0] < p));
      if (at >= 0) best.splice(at, 0, entry);
      else if (best.length < limit) best.push(entry);
      if (best.length > limit) best.pop();
    }
    index.set(
      article.id,
      best.map(([p]) => ordered[p]!),
    );
  });
  return index;
}
