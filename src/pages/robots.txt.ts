/** robots.txt naming both sitemaps (in a preview: crawl nothing). */
import type { APIRoute } from "astro";
import { robotsTxt } from "../formats/news-sitemap.ts";
import { absoluteUrl, joinBase } from "../model/urls.ts";
import { site } from "../site.config.ts";
import { edition } from "../views/edition.ts";

export const GET: APIRoute = () => {
  // A preview is for the newsroom: nothing in it may be crawled.
  if (edition.preview)
    return new Response("User-agent: *\nDisallow: /\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const base = import.meta.env.BASE_URL;
  const sitemaps = ["/sitemap-index.xml", "/news-sitemap.xml"].map((p) => absoluteUrl(site.url, joinBase(base, p)));
  return new Response(robotsTxt(sitemaps), { headers: { "Content-Type": "text/plain; charset=utf-8" } });
};
