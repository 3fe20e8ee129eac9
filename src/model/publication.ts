/**
 * Whether an article is published, as of the build's clock: a draft never is; an article
 * dated in the future is under embargo until that moment; a withdrawn one keeps only a
 * notice at its address. Pure: the clock is a parameter.
 */
import { toInstant, type PubDate } from "./dates.ts";

export type PublicationState = "draft" | "embargoed" | "published" | "withdrawn";

/** What the state depends on (frontmatter fields, already checked). */
export interface Publishable {
  draft?: boolean | undefined;
  published: PubDate;
  withdrawn?: unknown;
}

export function publicationState(article: Publishable, now: Date): PublicationState {
  if (article.draft) return "draft";
  if (toInstant(article.published).getTime() > now.getTime()) return "embargoed";
  if (article.withdrawn) return "withdrawn";
  return "published";
}

/**
 * Whether the article is in the build at all (a page at its address). A preview build
 * (and `astro dev`) includes drafts and embargoed articles, each marked as such.
 */
export function isBuilt(state: PublicationState, preview: boolean): boolean {
  return state === "published" || state === "withdrawn" || preview;
}

/** Whether its text, images and card are shown (a withdrawn article keeps only its notice). */
export function showsContent(state: PublicationState, preview: boolean): boolean {
  return state === "published" || (preview && state !== "withdrawn");
}

/**
 * The articles an edition builds (a page at their address) and those whose text it shows,
 * as of `now`. An article whose frontmatter could not be read has no schedule and counts
 * as published (a build never gets that far: the content check stops it first).
 */
export function editionOf<T extends { schedule?: Publishable | undefined }>(
  articles: readonly T[],
  now: Date,
  preview: boolean,
): { built: T[]; shown: T[] } {
  const state = (a: T) => (a.schedule ? publicationState(a.schedule, now) : "published");
  return {
    built: articles.filter((a) => isBuilt(state(a), preview)),
    shown: articles.filter((a) => showsContent(state(a), preview)),
  };
}
