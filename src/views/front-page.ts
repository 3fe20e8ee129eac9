/**
 * What the front page shows, chosen from the article list (pure): the lead story, a few
 * secondary stories, the latest after them, and a block per section. Featured stories
 * (`featured: true`) go first, newest first; with none the newest story leads. No story
 * appears twice.
 */
import { newestFirst, type Classified } from "../model/taxonomy.ts";
import { topicSlug } from "../model/slug.ts";

interface Listed extends Classified {
  data: Classified["data"] & { featured: boolean };
}

export interface FrontPage<T> {
  lead: T | undefined;
  /** Up to `secondary` stories under the lead: other featured ones first, then the newest. */
  secondary: T[];
  latest: T[];
  /** One block per named section that has stories left to show, in the order named. */
  sections: Array<{ name: string; slug: string; articles: T[] }>;
}

export interface FrontPageSizes {
  secondary: number;
  latest: number;
  perSection: number;
}

export const FRONT_PAGE_SIZES: FrontPageSizes = { secondary: 4, latest: 8, perSection: 3 };

export function frontPage<T extends Listed>(
  articles: readonly T[],
  sectionNames: readonly string[],
  sizes: FrontPageSizes = FRONT_PAGE_SIZES,
): FrontPage<T> {
  const newest = newestFirst(articles);
  const featuredFirst = [...newest.filter((a) => a.data.featured), ...newest.filter((a) => !a.data.featured)];
  const [lead, ...rest] = featuredFirst;
  const secondary = rest.slice(0, sizes.secondary);
  const shown = new Set([lead, ...secondary].filter((a) => a !== undefined).map((a) => a.id));
  const latest = newest.filter((a) => !shown.has(a.id)).slice(0, sizes.latest);
  for (const a of latest) shown.add(a.id);
  const sections = sectionNames.flatMap((name) => {
    const slug = topicSlug(name);
    const inSection = newest.filter((a) => !shown.has(a.id) && topicSlug(a.data.section) === slug);
    return inSection.length > 0 ? [{ name, slug, articles: inSection.slice(0, sizes.perSection) }] : [];
  });
  return { lead, secondary, latest, sections };
}
