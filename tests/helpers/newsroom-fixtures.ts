/**
 * Fixtures for the newsroom's pages (issue 14): two authors (one with a photo), a featured
 * lead story with a photo by both, an opinion piece, an analysis without a photo. Dated
 * after every other dated fixture but before the build-relative ones, in sections of their own.
 */
import { fixtureJpeg } from "./fixtures.ts";

export const LEAD_ID = "fixture-featured-lead";
export const LEAD_HEADLINE = "Fixture: the featured lead story";
export const OPINION_ID = "fixture-opinion-piece";
export const ANALYSIS_ID = "fixture-analysis-piece";
/** The lead story's body figure and the rights its frontmatter states for it (markup characters on purpose). */
export const INLINE_RIGHTS = {
  credit: "Agence <Fixture> & Partners",
  creator: 'Karim "K" Nassar',
  copyright: "© 2026 Agence <Fixture> & Partners",
  license: "https://photos.example.com/licences/editorial",
  acquireLicensePage: "https://photos.example.com/buy?photo=talks&size=large",
};
export const AUTHOR_WITH_PHOTO = { id: "amal-haddad", name: "Amal Haddad", role: "Diplomatic correspondent" };
export const AUTHOR_WITHOUT_PHOTO = { id: "tom-reyes", name: "Tom Reyes", role: "Comment editor" };

/** Files below content/articles. */
export async function newsroomArticleFiles(): Promise<Record<string, string | Buffer>> {
  return {
    [`${LEAD_ID}/index.md`]: `---
headline: ${JSON.stringify(LEAD_HEADLINE)}
standfirst: "A featured story with a photo and two writers leads the front page, whatever its date."
published: "2026-11-10T07:00:00Z"
section: "World"
featured: true
authors: [${AUTHOR_WITH_PHOTO.id}, ${AUTHOR_WITHOUT_PHOTO.id}]
hero:
  caption: "Delegates arrive for the talks"
  credit: "Fixture Photos"
  image: "./lead.jpg"
  alt: "A gradient with a circle and a dark square"
  creator: "Rana Saleh"
  copyright: "© 2026 Fixture Photos"
  license: "https://creativecommons.org/licenses/by/4.0/"
  acquireLicensePage: "https://photos.example.com/licensing"
figures:
  "./talks.jpg":
    creator: ${JSON.stringify(INLINE_RIGHTS.creator)}
    copyright: ${JSON.stringify(INLINE_RIGHTS.copyright)}
    license: ${JSON.stringify(INLINE_RIGHTS.license)}
    acquireLicensePage: ${JSON.stringify(INLINE_RIGHTS.acquireLicensePage)}
---

The lead story's first paragraph.

![Two flags on a table](./talks.jpg "The table before the talks [${INLINE_RIGHTS.credit}]")
`,
    [`${LEAD_ID}/lead.jpg`]: await fixtureJpeg(1200, 800, 120),
    [`${LEAD_ID}/talks.jpg`]: await fixtureJpeg(800, 600, 200),
    [`${OPINION_ID}.md`]: `---
headline: "Fixture: talks without a ceasefire are theatre"
standfirst: "An opinion piece: the writer's view, set apart from the news."
published: "2026-11-09T12:00:00Z"
section: "Comment"
type: opinion
authors: [${AUTHOR_WITHOUT_PHOTO.id}]
---

In my view, this is an opinion.
`,
    [`${ANALYSIS_ID}.md`]: `---
headline: "Fixture: what the talks can and cannot do"
standfirst: "An analysis without a photo."
published: "2026-11-08T12:00:00Z"
section: "World"
type: analysis
authors: [${AUTHOR_WITH_PHOTO.id}]
---

An analysis of the talks.
`,
  };
}

/** Files below content/ (other collections). */
export async function newsroomContentFiles(): Promise<Record<string, string | Buffer>> {
  return {
    [`authors/${AUTHOR_WITH_PHOTO.id}.md`]: `---
name: ${JSON.stringify(AUTHOR_WITH_PHOTO.name)}
role: ${JSON.stringify(AUTHOR_WITH_PHOTO.role)}
photo:
  image: "./${AUTHOR_WITH_PHOTO.id}.jpg"
  alt: "Amal Haddad, in a portrait"
links:
  - label: "Her own site"
    url: "https://amal.example.com/"
---

Amal covers *diplomacy* and the Middle East.
`,
    [`authors/${AUTHOR_WITH_PHOTO.id}.jpg`]: await fixtureJpeg(400, 400, 300),
    [`authors/${AUTHOR_WITHOUT_PHOTO.id}.md`]: `---
name: ${JSON.stringify(AUTHOR_WITHOUT_PHOTO.name)}
role: ${JSON.stringify(AUTHOR_WITHOUT_PHOTO.role)}
---

Tom edits the comment pages.
`,
  };
}
