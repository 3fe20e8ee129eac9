/** The latest articles as feed items, shared by the RSS, Atom and JSON feeds. */
import { strings } from "../strings/index.ts";
import { listedArticles } from "./edition.ts";
import { feedHtml } from "../formats/feed-html.ts";
import { FEED_LIMIT, feedItemId, type FeedChannel, type FeedItem } from "../formats/feeds.ts";
import { newestFirst } from "../model/taxonomy.ts";
import { absoluteUrl, joinBase } from "../model/urls.ts";
import { site } from "../site.config.ts";
import { articleView, feedBodyHtml } from "./article-view.ts";
import { feedPaths } from "./feed-paths.ts";
import { articleWriters } from "./authors.ts";

const BASE = import.meta.env.BASE_URL;

export function feedChannel(): FeedChannel {
  return {
    title: site.name,
    description: site.description,
    homeUrl: absoluteUrl(site.url, joinBase(BASE, "/")),
    lang: site.lang,
    icon: absoluteUrl(site.url, joinBase(BASE, site.logo.path)),
    feedUrls: {
      rss: absoluteUrl(site.url, feedPaths.rss),
      atom: absoluteUrl(site.url, feedPaths.atom),
      json: absoluteUrl(site.url, feedPaths.json),
    },
  };
}

const made = new Map<string, Promise<FeedItem[]>>();

/**
 * The latest articles as feed items, or one author's: made once per build, the site's
 * shared by the three feeds.
 */
export function feedItems({ authorId }: { authorId?: string } = {}): Promise<FeedItem[]> {
  const key = authorId ?? "";
  let items = made.get(key);
  if (!items) made.set(key, (items = makeFeedItems(authorId)));
  return items;
}

async function makeFeedItems(authorId: string | undefined): Promise<FeedItem[]> {
  const all = await listedArticles();
  const chosen = authorId === undefined ? all : all.filter((a) => a.data.authors.some((ref) => ref.id === authorId));
  const latest = newestFirst(chosen).slice(0, FEED_LIMIT);
  return Promise.all(
    latest.map(async (article) => {
      const view = await articleView(article);
      const writers = await articleWriters(article);
      const { headline, standfirst, published, tags, section, lang, byline } = article.data;
      return {
        id: feedItemId(site.url, published, article.id),
        url: view.url,
        title: headline,
        summary: standfirst,
        contentHtml: feedHtml(feedBodyHtml(view), view.url),
        published,
        updated: view.modified ?? published,
        categories: [section, ...tags],
        author: writers.length
          ? new Intl.ListFormat(strings(lang).locale, { type: "conjunction" }).format(writers.map((w) => w.name))
          : (byline ?? site.publisher.name),
        lang,
        image: view.card.url,
      };
    }),
  );
}
