/**
 * schema.org NewsArticle (or the subtype its kind calls for) as JSON-LD, and the one safe way to put JSON inside a
 * <script> element: whatever a headline holds, the JSON stays data.
 */
import type { PubDate } from "../model/dates.ts";
import type { ArticleType } from "../model/article-schema.ts";

/** The schema.org type for each kind of piece; NewsArticle where no subtype fits. */
const SCHEMA_TYPES: Record<ArticleType, string> = {
  news: "ReportageNewsArticle",
  analysis: "AnalysisNewsArticle",
  opinion: "OpinionNewsArticle",
  explainer: "BackgroundNewsArticle",
  review: "ReviewNewsArticle",
  feature: "NewsArticle",
  obituary: "NewsArticle",
};

/** The publisher's standards, as schema.org names them: each an absolute URL of a page. */
type PolicyProperty = "publishingPrinciples" | "correctionsPolicy" | "ethicsPolicy" | "noBylinesPolicy" | "masthead";

interface ImageFacts {
  url: string;
  width: number;
  height: number;
  caption?: string | undefined;
  credit?: string | undefined;
  /** Photo rights: who made it, its copyright notice, its licence and where to get one. */
  creator?: string | undefined;
  copyright?: string | undefined;
  license?: string | undefined;
  acquireLicensePage?: string | undefined;
}

export interface PublisherFacts {
  name: string;
  url: string;
  logo: { url: string; width: number; height: number };
  /** Addresses of the pages that set out its standards. */
  policies?: Partial<Record<PolicyProperty, string>> | undefined;
}

export interface ArticleFacts {
  url: string;
  headline: string;
  description: string;
  published: PubDate;
  /** The latest update, when there is one. */
  modified?: PubDate | undefined;
  lang: string;
  section: string;
  tags: string[];
  wordCount: number;
  minutes: number;
  type: ArticleType;
  /** Writers with a page on the site. */
  authors: Array<{ name: string; url: string }>;
  /** A writer without a page. */
  byline?: string | undefined;
  source?: { publisher: string; url: string } | undefined;
  /** The social card first, then figure photographs. */
  images: ImageFacts[];
  /** Corrections published with the article, oldest first. */
  corrections?: Array<{ date: PubDate; note: string }> | undefined;
}

function imageObject(image: ImageFacts): Record<string, unknown> {
  return {
    "@type": "ImageObject",
    url: image.url,
    contentUrl: image.url,
    width: image.width,
    height: image.height,
    ...(image.caption ? { caption: image.caption } : {}),
    ...(image.credit ? { creditText: image.credit } : {}),
    ...(image.creator ? { creator: { "@type": "Person", name: image.creator } } : {}),
    ...(image.copyright ? { copyrightNotice: image.copyright } : {}),
    ...(image.license ? { license: image.license } : {}),
    ...(image.acquireLicensePage ? { acquireLicensePage: image.acquireLicensePage } : {}),
  };
}

export function newsArticleJsonLd(article: ArticleFacts, publisher: PublisherFacts): Record<string, unknown> {
  const organization = {
    "@type": "NewsMediaOrganization",
    name: publisher.name,
    url: publisher.url,
    logo: imageObject(publisher.logo),
    ...publisher.policies,
  };
  const people = article.authors.length
    ? article.authors.map((a) => ({ "@type": "Person", name: a.name, url: a.url }))
    : article.byline
      ? [{ "@type": "Person", name: article.byline }]
      : [];
  return {
    "@context": "https://schema.org",
    "@type": SCHEMA_TYPES[article.type],
    mainEntityOfPage: { "@type": "WebPage", "@id": article.url },
    url: article.url,
    headline: article.headline,
    description: article.description,
    datePublished: article.published.iso,
    dateModified: (article.modified ?? article.published).iso,
    inLanguage: article.lang,
    articleSection: article.section,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(", ") } : {}),
    wordCount: article.wordCount,
    timeRequired: `PT${article.minutes}M`,
    isAccessibleForFree: true,
    publisher: organization,
    // Wire copy without a named writer is credited to the organization, not to nobody.
    author: people.length > 0 ? people : organization,
    image: article.images.map(imageObject),
    ...(article.corrections?.length
      ? {
          correction: article.corrections.map((c) => ({
            "@type": "CorrectionComment",
            text: c.note,
            datePublished: c.date.iso,
          })),
        }
      : {}),
    ...(article.source
      ? {
          isBasedOn: article.source.url,
          sourceOrganization: { "@type": "NewsMediaOrganization", name: article.source.publisher },
        }
      : {}),
  };
}

/**
 * JSON for a <script type="application/ld+json"> element. `<`, `>` and `&` become
 * \u escapes, so no text can close the element or open a comment; U+2028/2029 too,
 * for old JavaScript parsers. JSON.parse reads the result back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
