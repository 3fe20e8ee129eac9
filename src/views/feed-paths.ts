/**
 * Where the feeds live. Kept apart from the feed items so that every page's head can
 * link them without importing the feed machinery (and Astro's incremental build does
 * not count it as every page's dependency).
 */
import { joinBase } from "../model/urls.ts";

const BASE = import.meta.env.BASE_URL;

export const feedPaths = {
  rss: joinBase(BASE, "/rss.xml"),
  atom: joinBase(BASE, "/atom.xml"),
  json: joinBase(BASE, "/feed.json"),
};
