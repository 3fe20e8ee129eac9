/**
 * Google News sitemap: only articles published in the last two days, as Google's
 * spec asks (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 * With nothing that recent it is an empty, still valid <urlset>.
 */
import XMLBuilder from "fast-xml-builder";
import { toInstant, type PubDate } from "../model/dates.ts";

const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

export interface NewsEntry {
  url: string;
  title: string;
  lang: string;
  published: PubDate;
}

/** Google wants ISO 639 codes; "zh-cn"/"zh-tw" are its two exceptions. */
function newsLanguage(lang: string): string {
  const lower = lang.toLowerCase();
  if (lower === "zh-cn" || lower === "zh-tw") return lower;
  return lower.split("-")[0]!;
}

function isRecentNews(published: PubDate, now: Date): boolean {
  const age = now.getTime() - toInstant(published).getTime();
  return age >= 0 && age <= NEWS_WINDOW_MS;
}

export function newsSitemap(entries: NewsEntry[], publication: string, now: Date): string {
  const recent = entries.filter((e) => isRecentNews(e.published, now));
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true });
  return builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    urlset: {
      "@_xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "@_xmlns:news": "http://www.google.com/schemas/sitemap-news/0.9",
      url: recent.map((e) => ({
        loc: e.url,
        "news:news": {
          "news:publication": { "news:name": publication, "news:language": newsLanguage(e.lang) },
          "news:publication_date": e.published.iso,
          "news:title": e.title,
        },
      })),
    },
  });
}

export function robotsTxt(sitemaps: string[]): string {
  return ["User-agent: *", "Allow: /", "", ...sitemaps.map((url) => `Sitemap: ${url}`), ""].join("\n");
}
