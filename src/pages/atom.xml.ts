/** Atom 1.0, full content. */
import type { APIRoute } from "astro";
import { atomFeed } from "../formats/feeds.ts";
import { feedChannel, feedItems } from "../views/feed-items.ts";

export const GET: APIRoute = async () =>
  new Response(atomFeed(feedChannel(), await feedItems()), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
