/** One social card per article, at /cards/<id>.png. */
import { strings } from "../../strings/index.ts";
import type { APIRoute, GetStaticPaths } from "astro";
import type { CollectionEntry } from "astro:content";
import { listedArticles } from "../../views/edition.ts";
import { formatPubDate } from "../../model/dates.ts";
import { cardKey, keepOnlyCards, socialCard, type CardContent } from "../../views/social-card.ts";
import { site } from "../../site.config.ts";

function cardOf(article: CollectionEntry<"articles">): CardContent {
  const { headline, published, section, lang } = article.data;
  return {
    headline,
    siteName: site.name,
    date: formatPubDate(published, strings(lang).locale, site.timeZone),
    section,
    lang,
  };
}

export const getStaticPaths = (async () => {
  const paths = (await listedArticles()).map((article) => {
    const card = cardOf(article);
    // The card's own content key: an article edited below its headline keeps its card.
    return { params: { slug: article.id }, props: { card }, cacheKey: cardKey(card) };
  });
  // The cards of this build are all known here: the drawn cards of any other are dropped.
  await keepOnlyCards(paths.map((path) => path.cacheKey));
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: CardContent }> = async ({ props }) => {
  const png = await socialCard(props.card);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
