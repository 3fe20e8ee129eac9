/**
 * The articles of this edition, as pages see them. The collection holds only articles
 * with a page (src/content.config.ts leaves held ones out); a withdrawn article keeps
 * its page, a notice, and is on no list, feed, sitemap, search index or related list.
 */
import { getCollection, type CollectionEntry } from "astro:content";
import { now, preview } from "virtual:newsroom/edition";
import { publicationState, type PublicationState } from "../model/publication.ts";

/** The build's clock and whether this is a preview (src/integrations/edition.ts). */
export const edition = { now, preview };

export function stateOf(article: CollectionEntry<"articles">): PublicationState {
  return publicationState(article.data, now);
}

/** The articles lists, feeds, sitemaps and related lists show. */
export async function listedArticles(): Promise<CollectionEntry<"articles">[]> {
  return (await getCollection("articles")).filter((article) => stateOf(article) !== "withdrawn");
}
