/** Google News sitemap: articles of the last two days only (often none, and still valid). */
import type { APIRoute } from "astro";
import { edition, listedArticles } from "../views/edition.ts";
import { newsSitemap } from "../formats/news-sitemap.ts";
import { absoluteUrl, articlePath } from "../model/urls.ts";
import { site } from "../site.config.ts";

export const GET: APIRoute = async () => {
  const entries = (await listedArticles()).map((a) => ({
    url: absoluteUrl(site.url, articlePath(import.meta.env.BASE_URL, a.id)),
    title: a.data.headline,
    lang: a.data.lang,
    published: a.data.published,
  }));
  // "Now" is the build's clock: the publisher rebuilds to publish, so it stays true.
  return new Response(newsSitemap(entries, site.name, edition.now), {
    headers: { "Content-Type": "application/xml; charset=utf-8" },
  });
};
