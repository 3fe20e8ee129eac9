/** The words the site itself prints, in English. Every language file has the same keys. */
export const en = {
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
  share: "Share this article",
  shareOn: (network: string) => (network === "Email" ? "Share by email" : `Share on ${network}`),
  authorFeed: (name: string) => `Follow ${name} by feed (RSS)`,
  articlesBy: (name: string) => `Articles by ${name}`,
  standards: "About us and our standards",
  latest: "Latest news",
  topStories: "Top stories",
  noArticles: "No articles yet.",
  olderInArchive: "Older articles are in the archive",
  moreIn: (section: string) => `More in ${section}`,
};

export type Strings = typeof en;
