/** The latest articles as feed items, shared by the RSS, Atom and JSON feeds. */
import { listedArticles } from "./edition.ts";
import { feedHtml } from "../formats/feed-html.ts";
import { FEED_LIMIT, feedItemId, type FeedChannel, type FeedItem } from "../formats/feeds.ts";
import { newestFirst } from "../model/taxonomy.ts";
import { absoluteUrl, joinBase } from "../model/urls.ts";
import { site } from "../site.config.ts";
import { articleView, feedBodyHtml } from "./article-view.ts";
import { feedPaths } from "./feed-paths.ts";

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

let items: Promise<FeedItem[]> | undefined;

/** The latest articles as feed items: made once per build, shared by the three feeds. */
export function feedItems(): Promise<FeedItem[]> {
  items ??= makeFeedItems();
  return items;
}

async function makeFeedItems(): Promise<FeedItem[]> {
  const latest = newestFirst(await listedArticles()).slice(0, FEED_LIMIT);
  return Promise.all(
    latest.map(async (article) => {
      const view = await articleView(article);
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
        author: byline ?? site.publisher.name,
        lang,
        image: view.card.url,
      };
    }),
  );
}
