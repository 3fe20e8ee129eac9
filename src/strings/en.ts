/**
 * The words the site itself prints, in English. Every language file has exactly these keys
 * (`satisfies Strings`, checked by the compiler). Sentences that hold a link are split
 * around it (`…Before`, `…After`), so each language can order its own words.
 */
export const en = {
  /** The locale dates, numbers and lists are written in (Intl). */
  locale: "en-GB",

  // The page shell.
  skipLink: "Skip to content",
  siteNav: "Site",
  archive: "Archive",
  search: "Search",
  standards: "About us and our standards",
  printedFrom: "Printed from",
  followByFeed: "Follow by feed:",
  corrections: "Corrections",

  // An article's own words.
  by: "By",
  types: {
    news: "News",
    analysis: "Analysis",
    opinion: "Opinion",
    explainer: "Explainer",
    feature: "Feature",
    obituary: "Obituary",
    review: "Review",
  },
  published: "Published",
  updated: "Updated",
  corrected: "Corrected",
  clarified: "Clarified",
  withdrawn: "Withdrawn",
  embargoedUntil: "Embargoed until",
  readingTime: (minutes: number) => `${minutes} min read`,
  ageNotice: (years: number) => `This article is more than ${years} ${years === 1 ? "year" : "years"} old`,
  updatesHeading: "Updates",
  correctionsHeading: (count: number): string => (count === 1 ? "Correction" : "Corrections"),
  credit: "Credit:",
  photoNotAvailable: "(Photo not available)",
  originallyPublishedBy: "Originally published by",
  topics: "Topics:",
  archiveLinkBefore: "More from",
  archiveLinkAfter: "in the archive",
  share: "Share this article",
  email: "Email",
  shareByEmail: "Share by email",
  shareOn: (network: string) => `Share on ${network}`,
  related: "Related articles",
  draftBanner: "Draft",
  draftExplained: ": not published; only previews show it.",
  embargoExplained: ": not published before then; only previews show it.",
  withdrawnTitle: "Article withdrawn",
  withdrawnDescription: "This article has been withdrawn.",
  withdrawnSentence: "This article was withdrawn.",
  withdrawnReason: "Reason:",

  // Lists.
  noArticles: "No articles yet.",
  pages: "Pages",
  newer: "Newer",
  older: "Older",
  pageOf: (page: number, of: number) => `Page ${page} of ${of}`,
  pageSuffix: (page: number) => ` (page ${page})`,
  kinds: { section: "Section", topic: "Topic", archive: "Archive" },
  listDescription: (kind: string, name: string) => `${kind}: ${name}. Every article, newest first.`,
  latest: "Latest news",
  topStories: "Top stories",
  olderInArchive: "Older articles are in the archive",
  moreIn: (section: string) => `More in ${section}`,
  archiveDescription: "Every article, by year, section and topic.",
  byYear: "By year",
  bySection: "By section",
  byTopic: "By topic",
  authorFeed: (name: string) => `Follow ${name} by feed (RSS)`,
  articlesBy: (name: string) => `Articles by ${name}`,
  correctionsDescription: "Every correction we have published, newest first.",
  noCorrections: "No corrections have been published.",

  // Search and the missing page.
  searchDescription: "Search every article.",
  searchNeedsScriptBefore:
    "Search needs JavaScript, which is off or blocked in this browser. Every article is listed in the",
  searchNeedsScriptAfter: ", by year, section and topic.",
  notFoundTitle: "Page not found",
  notFoundDescription: "There is no page at this address.",
  notFoundText: "There is no page at this address. It may have moved, or the link may be mistyped.",
  notFoundLatest: "Go to the latest news",
  notFoundArchiveBefore: ", look through the",
  archiveWord: "archive",
  notFoundSearchBefore: ", or",
  searchWord: "search",
};

export type Strings = typeof en;
