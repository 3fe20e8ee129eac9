/** robots.txt naming both sitemaps. */
import type { APIRoute } from "astro";
import { robotsTxt } from "../formats/news-sitemap.ts";
import { absoluteUrl, joinBase } from "../model/urls.ts";
import { site } from "../site.config.ts";

export const GET: APIRoute = () => {
  const base = import.meta.env.BASE_URL;
  const sitemaps = ["/sitemap-index.xml", "/news-sitemap.xml"].map((p) => absoluteUrl(site.url, joinBase(base, p)));
  return new Response(robotsTxt(sitemaps), { headers: { "Content-Type": "text/plain; charset=utf-8" } });
};
