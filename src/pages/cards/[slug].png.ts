/** One social card per article, at /cards/<id>.png. */
import { strings } from "../../strings/index.ts";
import type { APIRoute, GetStaticPaths } from "astro";
import type { CollectionEntry } from "astro:content";
import { listedArticles } from "../../views/edition.ts";
import { formatPubDate } from "../../model/dates.ts";
import type { CardContent } from "../../views/card-drawing.ts";
import { SocialCards } from "../../views/social-card.ts";
import { projectCaches } from "../../build/cache.ts";
import { site } from "../../site.config.ts";

/** Astro renders pages in the project root, so that is the working directory. */
const cards = new SocialCards(projectCaches(process.cwd()));

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
    return { params: { slug: article.id }, props: { card }, cacheKey: cards.key(card) };
  });
  // The cards of this build are all known here, before any page renders: the drawn cards of
  // any other are dropped, and a build starts the new ones while other pages render
  // (`astro dev` draws a card when it is asked for, not the whole archive's).
  const build = paths.map(({ props, cacheKey }) => ({ card: props.card, key: cacheKey }));
  await cards.keepOnly(build, { drawAhead: !import.meta.env.DEV });
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: CardContent }> = async ({ props }) => {
  const png = await cards.png(props.card);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
