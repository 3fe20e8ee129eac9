/** An RSS 2.0 response through @astrojs/rss, each article in full in content:encoded: the site's feed and each author's. */
import rss from "@astrojs/rss";
import type { FeedItem } from "../formats/feeds.ts";
import { toInstant } from "../model/dates.ts";
import { escapeHtml } from "../model/html.ts";

export interface RssChannel {
  title: string;
  description: string;
  homeUrl: string;
  lang: string;
  /** The feed's own address. */
  selfUrl: string;
}

export function rssResponse(channel: RssChannel, items: FeedItem[]): Promise<Response> {
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.homeUrl,
    xmlns: { atom: "http://www.w3.org/2005/Atom", dc: "http://purl.org/dc/elements/1.1/" },
    customData:
      `<language>${escapeHtml(channel.lang)}</language>` +
      `<atom:link href="${escapeHtml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    items: items.map((item) => ({
      title: item.title,
      link: item.url,
      pubDate: toInstant(item.published),
      description: item.summary,
      content: item.contentHtml,
      categories: item.categories,
      // The guid is the stable tag: URI, not the link, so a moved article stays one item.
      customData: `<guid isPermaLink="false">${escapeHtml(item.id)}</guid><dc:creator>${escapeHtml(item.author)}</dc:creator>`,
    })),
  });
}
