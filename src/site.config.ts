import { parseShardScheme, type ShardScheme } from "./build/search-shards.ts";

/**
 * Site settings: the one place for the site's name, address, language and publisher.
 * Read by astro.config.mjs, the pages and (later) feeds and structured data.
 */
import { readSwitch } from "./model/switch.ts";

export interface SiteConfig {
  /** Shown in the header, the <title> and feeds. */
  name: string;
  /** One sentence on what the site is; the home page's meta description. */
  description: string;
  /** Absolute origin the site is deployed to; canonical URLs are built from it. */
  url: string;
  /**
   * The path the site lives under on that origin: "/" at the root, or e.g. "/newsroom/"
   * for a GitHub Pages project site. Every link, asset, feed and sitemap follows it.
   */
  base: string;
  /**
   * The language of the site's own interface (BCP 47): its words come from src/strings
   * (English and Arabic so far), and a right-to-left language turns the whole site right to
   * left. Articles in other languages print their own words in theirs.
   */
  lang: string;
  /**
   * The time zone every time shown on the site is given in (an IANA name such as
   * "Europe/London", or "UTC"); the zone's abbreviation is shown with the time.
   */
  timeZone: string;
  /** The organisation that publishes this site (its address is the site's home page). */
  publisher: { name: string };
  /** The square PNG logo drawn from public/favicon.svg at /logo.png (structured data, feeds). */
  logo: { path: string; size: number };
  /** Words per minute used for the "N min read" estimate. */
  wordsPerMinute: number;
  /** Articles at least this many years old carry an age notice. */
  ageNoticeYears: number;
  /** The sections the header links to, in this order (names as articles write them). */
  sections: string[];
  /**
   * Which standing page (content/pages/<id>.md) sets out each of the publisher's
   * standards; the publisher's structured data points to them. Leave one out if no page says it.
   */
  standards: {
    publishingPrinciples?: string;
    correctionsPolicy?: string;
    ethicsPolicy?: string;
    /** Why some stories (wire copy) carry no byline. */
    noBylinesPolicy?: string;
    /** Who runs the site. */
    masthead?: string;
  };
  /**
   * The browser editor at /admin/ (Decap CMS, decision 017), on by default; false leaves it
   * out of the build, for sites edited only in Git. SITE_ADMIN=0 (or 1) at build time
   * overrides this. An editors' preview (npm run preview:drafts) never has it.
   */
  admin: boolean;
  /**
   * How the search index is split into shards, each rebuilt only when one of its articles
   * changed (decision 019): `{ by: "year" }`, or `{ by: "count", articles: N }` in order of
   * publication. `SEARCH_SHARDS` (`year` or a number) overrides it.
   */
  searchShards: ShardScheme;
  /** Where /admin/ saves: the GitHub repository and branch, and the OAuth service that signs editors in. */
  cms: { repo: string; branch: string; authBaseUrl?: string };
}

export const site: SiteConfig = {
  name: "The Wire Desk",
  description: "News articles, published in full and fast to read.",
  url: process.env.SITE_URL ?? "https://example.org",
  base: process.env.BASE_PATH ?? "/",
  lang: process.env.SITE_LANG ?? "en",
  timeZone: "UTC",
  publisher: { name: "The Wire Desk" },
  logo: { path: "/logo.png", size: 512 },
  wordsPerMinute: 230,
  ageNoticeYears: 1,
  sections: ["News"],
  standards: {
    publishingPrinciples: "ethics",
    correctionsPolicy: "corrections-policy",
    ethicsPolicy: "ethics",
    noBylinesPolicy: "ethics",
    masthead: "about",
  },
  admin: readSwitch("SITE_ADMIN", process.env.SITE_ADMIN, true, "build /admin/"),
  searchShards: process.env.SEARCH_SHARDS
    ? parseShardScheme(process.env.SEARCH_SHARDS)
    : { by: "count", articles: 2500 },
  cms: {
    repo: process.env.CMS_REPO ?? "OWNER/REPOSITORY",
    branch: "main",
    ...(process.env.CMS_AUTH_URL ? { authBaseUrl: process.env.CMS_AUTH_URL } : {}),
  },
};
