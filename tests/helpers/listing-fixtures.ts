/**
 * Articles for the feeds, structured data, topic and pagination tests: one whose
 * headline tries to break out of JSON-LD; enough briefs in one topic to fill more than
 * one page; two dated relative to the build (one inside the News sitemap's two days, one
 * outside); and old archive fillers, so the site has more articles than a feed may carry.
 * The briefs and fillers are older than the seed, so the seed stays on the home page and
 * in the feeds.
 */
import { PAGE_SIZE } from "../../src/views/pagination.ts";

export const HOSTILE_ID = "fixture-hostile-headline";
export const HOSTILE_HEADLINE = `Officials say </script><script>alert("x")</script> & <!-- "more" -->`;
export const BRIEF_TAG = "Pagination Briefs";
/** One more than fits on a page, so the topic and its year need a second page. */
export const BRIEF_COUNT = PAGE_SIZE + 1;

/** Published an hour before the build: the News sitemap must list it. */
export const RECENT_NEWS_ID = "fixture-recent-news";
export const RECENT_NEWS_HEADLINE = "Fixture: news from the last hour";
/** Published three days before the build: too old for the News sitemap. */
export const OLDER_NEWS_ID = "fixture-older-news";

/**
 * Articles older than every other fixture, enough that the site has more than a feed's
 * 50 items: the feeds must then drop exactly the oldest of these. No images or tags, so
 * they cost the build little.
 */
export const FILLER_COUNT = 20;
export const fillerId = (n: number) => `fixture-archive-filler-${String(n).padStart(2, "0")}`;

const HOUR_MS = 60 * 60 * 1000;

/** A build-relative time as the frontmatter states it, to the minute, in UTC. */
function publishedBefore(buildStart: Date, ms: number): string {
  return new Date(Math.floor((buildStart.getTime() - ms) / 60_000) * 60_000).toISOString().replace(".000Z", "Z");
}
export const recentNewsPublished = (buildStart: Date) => publishedBefore(buildStart, HOUR_MS);
const olderNewsPublished = (buildStart: Date) => publishedBefore(buildStart, 72 * HOUR_MS);

const yamlString = (text: string) => JSON.stringify(text); // JSON strings are valid YAML

export function reachFixtureFiles(buildStart: Date): Record<string, string> {
  const files: Record<string, string> = {
    [`${HOSTILE_ID}.md`]: `---
headline: ${yamlString(HOSTILE_HEADLINE)}
standfirst: ${yamlString(`A standfirst with </script> and <b>tags</b> in it.`)}
published: "2026-11-19T08:00:00Z"
section: "World"
tags: ["Syria", "Fixtures"]
---

A paragraph that closes </script> in the body, too.
`,
  };
  for (const [id, headline, published] of [
    [RECENT_NEWS_ID, RECENT_NEWS_HEADLINE, recentNewsPublished(buildStart)],
    [OLDER_NEWS_ID, "Fixture: news from three days ago", olderNewsPublished(buildStart)],
  ] as const) {
    files[`${id}.md`] = `---
headline: ${yamlString(headline)}
standfirst: "An article dated relative to the build, for the News sitemap."
published: "${published}"
section: "World"
---

A paragraph of news.
`;
  }
  for (let i = 1; i <= FILLER_COUNT; i++) {
    files[`${fillerId(i)}.md`] = `---
headline: "Archive filler number ${i}"
standfirst: "An old brief that makes the archive longer than a feed."
published: "2013-01-${String(i).padStart(2, "0")}"
section: "Briefs"
---

Filler ${i} has one paragraph.
`;
  }
  for (let i = 1; i <= BRIEF_COUNT; i++) {
    const day = String(i).padStart(2, "0");
    files[`fixture-brief-${day}.md`] = `---
headline: "Brief number ${i}"
standfirst: "A one-paragraph brief for the pagination tests."
published: "2015-01-${day}"
section: "Briefs"
tags: [${yamlString(BRIEF_TAG)}]
---

Brief ${i} has one paragraph.
`;
  }
  return files;
}
