/**
 * A newsroom's day, as fixture articles: a draft, an article embargoed until 2999, one
 * whose embargo lifted the day before the build's clock, a withdrawn one and one
 * corrected twice. The held and withdrawn ones carry photos, so a test can look for
 * their image files; each has words found nowhere else, to search the built site for.
 */
import { fixtureJpeg } from "./fixtures.ts";

export const DAY_IDS = {
  draft: "held-draft-story",
  embargoed: "held-embargo-story",
  lifted: "embargo-lifted-story",
  withdrawn: "withdrawn-story",
  corrected: "twice-corrected-story",
} as const;

/** Words of each article that appear in it alone. */
export const DAY_TEXT = {
  draft: { headline: "Harbour tunnel plan held back in draft", body: "The quartermaster counted nineteen cormorants." },
  embargoed: {
    headline: "Budget figures under embargo until the next millennium",
    body: "Zebrafish quietly annotated the ledger.",
  },
  lifted: {
    headline: "Embargo lifted on the lighthouse report",
    body: "The lighthouse keeper logged every passing ferry.",
  },
  withdrawn: {
    headline: "Story withdrawn after a court order",
    body: "A claim about the marmalade syndicate that was not true.",
    reason: "A court found the central claim about a named person to be untrue.",
  },
  corrected: { headline: "Council vote on the ring road, corrected twice" },
} as const;

function article(fields: string, body: string): string {
  return `---\n${fields.trim()}\nsection: "Newsroom Day"\ntags: ["Newsroom Day"]\n---\n\n${body}\n`;
}

/** `buildClock` is the build's clock: the lifted embargo is dated one day before it. */
export async function newsroomDayFiles(buildClock: Date): Promise<Record<string, string | Buffer>> {
  const yesterday = new Date(buildClock.getTime() - 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  return {
    [`${DAY_IDS.draft}/index.md`]: article(
      `
headline: "${DAY_TEXT.draft.headline}"
standfirst: "Not for publication yet."
published: "2026-11-25T10:00:00Z"
draft: true
hero:
  caption: "A photo of the draft"
  credit: "Test Agency"
  image: "./draft-only-hero.jpg"
  alt: "Shapes on a gradient"`,
      `${DAY_TEXT.draft.body}\n\nSecond paragraph of the draft.`,
    ),
    [`${DAY_IDS.draft}/draft-only-hero.jpg`]: await fixtureJpeg(640, 400, 300),
    [`${DAY_IDS.embargoed}/index.md`]: article(
      `
headline: "${DAY_TEXT.embargoed.headline}"
standfirst: "Held until the moment it may be published."
published: "2999-01-01T09:00:00+01:00"`,
      `${DAY_TEXT.embargoed.body}\n\n![A dark square](./embargo-only-photo.jpg "A figure in the embargoed story [Test Agency]")\n\nLast paragraph.`,
    ),
    [`${DAY_IDS.embargoed}/embargo-only-photo.jpg`]: await fixtureJpeg(480, 360, 120),
    [`${DAY_IDS.lifted}.md`]: article(
      `
headline: "${DAY_TEXT.lifted.headline}"
standfirst: "Its embargo ended a day before the build."
published: "${yesterday}"`,
      DAY_TEXT.lifted.body,
    ),
    [`${DAY_IDS.withdrawn}/index.md`]: `---
headline: "${DAY_TEXT.withdrawn.headline}"
standfirst: "A story taken down."
published: "2026-10-01"
withdrawn:
  date: "2026-10-05"
  reason: "${DAY_TEXT.withdrawn.reason}"
section: "Newsroom Day"
tags: ["Newsroom Day", "Only in the withdrawn story"]
hero:
  caption: "A photo of the withdrawn story"
  credit: "Test Agency"
  image: "./withdrawn-only-hero.jpg"
  alt: "Shapes on a gradient"
---

${DAY_TEXT.withdrawn.body}
`,
    [`${DAY_IDS.withdrawn}/withdrawn-only-hero.jpg`]: await fixtureJpeg(640, 400, 60),
    [`${DAY_IDS.corrected}.md`]: article(
      `
headline: "${DAY_TEXT.corrected.headline}"
standfirst: "A story with two corrections and a clarification."
published: "2026-11-10T08:00:00Z"
updates:
  - date: "2026-11-11T09:15:00Z"
    kind: correction
    note: "The vote was 7 to 4, not 4 to 7."
  - date: "2026-11-12"
    kind: clarification
    note: "Added the council's statement."
  - date: "2026-11-13T16:45:00Z"
    kind: correction
    note: "The councillor's name is Ada Ng, not Ada Eng."`,
      "The council voted on the ring road.",
    ),
  };
}
