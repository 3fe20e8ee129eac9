/** Atom 1.0, full content. */
import type { APIRoute } from "astro";
import { atomFeed } from "../lib/feeds.ts";
import { feedChannel, feedItems } from "../render/feed-items.ts";

export const GET: APIRoute = async () =>
  new Response(atomFeed(feedChannel(), await feedItems()), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
