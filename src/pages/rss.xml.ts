/** RSS 2.0 through @astrojs/rss, with each article in full in content:encoded. */
import type { APIRoute } from "astro";
import { feedChannel, feedItems } from "../views/feed-items.ts";
import { rssResponse } from "../views/rss-feed.ts";

export const GET: APIRoute = async () => {
  const channel = feedChannel();
  return rssResponse({ ...channel, selfUrl: channel.feedUrls.rss }, await feedItems());
};
