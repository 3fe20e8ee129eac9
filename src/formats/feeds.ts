/**
 * Feed items and the two feed formats we write ourselves: Atom 1.0 (through
 * fast-xml-builder, the XML writer behind @astrojs/rss) and JSON Feed 1.1.
 * RSS 2.0 comes from @astrojs/rss in src/pages/rss.xml.ts.
 */
import XMLBuilder from "fast-xml-builder";
import { toInstant, type PubDate } from "../model/dates.ts";

/** The most items a feed carries: readers want what is new, not the archive. */
export const FEED_LIMIT = 50;

export interface FeedItem {
  /** Never changes once published, whatever is edited: a tag: URI from the first address and day. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Full article HTML, sanitized, with absolute URLs. */
  contentHtml: string;
  published: PubDate;
  updated: PubDate;
  categories: string[];
  author: string;
  lang: string;
  image?: string | undefined;
}

export interface FeedChannel {
  title: string;
  description: string;
  homeUrl: string;
  lang: string;
  icon: string;
  feedUrls: { rss: string; atom: string; json: string };
}

/** RFC 3339, as Atom and JSON Feed want it; a day-only date counts from its start, in UTC. */
export function rfc3339(date: PubDate): string {
  return toInstant(date).toISOString().replace(".000Z", "Z");
}

/**
 * A stable id (RFC 4151 tag URI): the site's host, the day first published, and the
 * article's path. Edits never change it; it is not a link, so a move keeps it too.
 */
export function feedItemId(siteUrl: string, published: PubDate, articleId: string): string {
  return `tag:${new URL(siteUrl).hostname},${published.iso.slice(0, 10)}:/articles/${articleId}`;
}

function newestUpdate(items: FeedItem[]): string {
  const times = items.map((i) => toInstant(i.updated).getTime());
  return times.length ? new Date(Math.max(...times)).toISOString().replace(".000Z", "Z") : "1970-01-01T00:00:00Z";
}

export function atomFeed(channel: FeedChannel, items: FeedItem[]): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    suppressEmptyNode: true,
  });
  const feed = {
    "?xml": { "@_version": "1.0", "@_encoding": "utf-8" },
    feed: {
      "@_xmlns": "http://www.w3.org/2005/Atom",
      "@_xml:lang": channel.lang,
      id: channel.homeUrl,
      title: channel.title,
      subtitle: channel.description,
      updated: newestUpdate(items),
      link: [
        { "@_rel": "self", "@_type": "application/atom+xml", "@_href": channel.feedUrls.atom },
        { "@_rel": "alternate", "@_type": "text/html", "@_href": channel.homeUrl },
      ],
      icon: channel.icon,
      entry: items.map((item) => ({
        "@_xml:lang": item.lang,
        id: item.id,
        title: { "@_type": "text", "#text": item.title },
        link: { "@_rel": "alternate", "@_type": "text/html", "@_href": item.url },
        published: rfc3339(item.published),
        updated: rfc3339(item.updated),
        author: { name: item.author },
        category: item.categories.map((term) => ({ "@_term": term })),
        summary: { "@_type": "text", "#text": item.summary },
        content: { "@_type": "html", "#text": item.contentHtml },
      })),
    },
  };
  return builder.build(feed);
}

export function jsonFeed(channel: FeedChannel, items: FeedItem[]): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description,
    icon: channel.icon,
    favicon: channel.icon,
    language: channel.lang,
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      summary: item.summary,
      content_html: item.contentHtml,
      ...(item.image ? { image: item.image } : {}),
      date_published: rfc3339(item.published),
      date_modified: rfc3339(item.updated),
      authors: [{ name: item.author }],
      tags: item.categories,
      language: item.lang,
    })),
  };
  return JSON.stringify(feed, null, 2);
}
