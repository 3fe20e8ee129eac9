/** An author's own RSS feed: their latest articles, in full, as the site's feed has them. */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { absoluteUrl, authorFeedPath, authorPath } from "../../../model/urls.ts";
import { feedItems } from "../../../views/feed-items.ts";
import { rssResponse } from "../../../views/rss-feed.ts";
import { site } from "../../../site.config.ts";

export const getStaticPaths = (async () =>
  (await getCollection("authors")).map((author) => ({
    params: { id: author.id },
    props: { name: author.data.name },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, props }) => {
  const id = params.id!;
  const { name } = props as { name: string };
  const base = import.meta.env.BASE_URL;
  return rssResponse(
    {
      title: `${name} | ${site.name}`,
      description: `The latest articles by ${name} on ${site.name}.`,
      homeUrl: absoluteUrl(site.url, authorPath(base, id)),
      lang: site.lang,
      selfUrl: absoluteUrl(site.url, authorFeedPath(base, id)),
    },
    await feedItems({ authorId: id }),
  );
};
