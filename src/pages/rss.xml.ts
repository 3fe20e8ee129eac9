/** RSS 2.0 through @astrojs/rss, with each article in full in content:encoded. */
import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { toInstant } from "../model/dates.ts";
import { escapeHtml } from "../model/html.ts";
import { feedChannel, feedItems } from "../views/feed-items.ts";

export const GET: APIRoute = async () => {
  const channel = feedChannel();
  const items = await feedItems();
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.homeUrl,
    xmlns: { atom: "http://www.w3.org/2005/Atom", dc: "http://purl.org/dc/elements/1.1/" },
    customData:
      `<language>${escapeHtml(channel.lang)}</language>` +
      `<atom:link href="${escapeHtml(channel.feedUrls.rss)}" rel="self" type="application/rss+xml"/>`,
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
};
