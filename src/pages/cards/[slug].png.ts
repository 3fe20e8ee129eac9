/** One social card per article, at /cards/<id>.png. */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection, type CollectionEntry } from "astro:content";
import { formatPubDate } from "../../lib/dates.ts";
import { socialCard } from "../../render/social-card.ts";
import { site } from "../../site.config.ts";

export const getStaticPaths = (async () =>
  (await getCollection("articles")).map((article) => ({
    params: { slug: article.id },
    props: { article },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ article: CollectionEntry<"articles"> }> = async ({ props }) => {
  const { headline, published, section, lang } = props.article.data;
  const png = await socialCard({
    headline,
    siteName: site.name,
    date: formatPubDate(published, site.dateLocale),
    section,
    lang,
  });
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
