/** JSON Feed 1.1, full content. */
import type { APIRoute } from "astro";
import { jsonFeed } from "../formats/feeds.ts";
import { feedChannel, feedItems } from "../views/feed-items.ts";

export const GET: APIRoute = async () =>
  new Response(jsonFeed(feedChannel(), await feedItems()), {
    headers: { "Content-Type": "application/feed+json; charset=utf-8" },
  });
