/**
 * A corpus of bad articles: each is a source problem that `npm run build` refuses, and
 * that `npm run check` must report first, with file and line. Used by the unit tests of
 * the check (tests/checks/content/check-agreement.test.ts) and by one build that must refuse them
 * all, naming each (tests/site/check-agreement.test.ts).
 */
import sharp from "sharp";

export interface BadArticle {
  /** What is wrong, for test names. */
  name: string;
  /** Files below content/articles/. */
  files: Record<string, string | Buffer>;
  /** Lines the check (and so the build) must print, exactly: `file:line: field: message`. */
  expected: Array<string | RegExp>;
}

const DIR = "content/articles";

function article(fields: Record<string, string>, body = "A paragraph."): string {
  const all: Record<string, string> = {
    headline: '"A headline"',
    standfirst: '"A standfirst."',
    published: '"2016-02-10"',
    section: '"News"',
    ...fields,
  };
  const lines = Object.entries(all)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n${body === "" ? "" : `\n${body}\n`}`;
}

/** A two-frame GIF, as sharp writes an animation. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (hue: number) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: `hsl(${hue}, 60%, 50%)` } })
      .raw()
      .toBuffer();
  const frames = Buffer.concat([await frame(0), await frame(180)]);
  return sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

export async function badArticles(site = "https://example.org"): Promise<BadArticle[]> {
  return [
    {
      name: "a link to the site's own address that is no page of it",
      files: { "bad-own-link.md": article({}, `See [this](${site}/articles/nowhere-at-all/).`) },
      expected: [
        `${DIR}/bad-own-link.md:8: link "${site}/articles/nowhere-at-all/" goes to this site, but there is no article "nowhere-at-all"`,
      ],
    },
    {
      name: "a root-relative link to an article that does not exist",
      files: { "bad-no-story.md": article({}, "See [x](/articles/no-such-story/).") },
      expected: [
        `${DIR}/bad-no-story.md:8: link "/articles/no-such-story/" goes to this site, but there is no article "no-such-story"`,
      ],
    },
    {
      name: "a relative link to a page that does not exist, and a fragment that is not there",
      files: {
        "bad-relative.md": article({}, "See [x](../elsewhere/).\n\nAnd [y](#p-9)."),
      },
      expected: [
        `${DIR}/bad-relative.md:8: link "../elsewhere/" goes to this site, but there is no article "elsewhere"`,
        `${DIR}/bad-relative.md:10: link "#p-9" goes to this site, but it points to #p-9, which that page does not have`,
      ],
    },
    {
      name: "an animated GIF",
      files: {
        "bad-animated/index.md": article({}, `![A flashing square](./flash.gif "It flashes [Agency]")`),
        "bad-animated/flash.gif": await animatedGif(),
      },
      expected: [
        `${DIR}/bad-animated/index.md:8: image "./flash.gif" has 2 frames (an animation or a multi-page file); articles publish still images: save the one frame you want as a JPEG or PNG`,
      ],
    },
    {
      name: "two files whose names differ only in Unicode normalisation (NFC and NFD)",
      files: { "Caf\u00e9.md": article({}), "Cafe\u0301.md": article({}) },
      expected: [
        `${DIR}/Caf\u00e9.md: has the same address /articles/caf\u00e9/ as ${DIR}/Cafe\u0301.md (the same letters, written with different Unicode characters): only one would be published; rename one`,
        `${DIR}/Cafe\u0301.md: has the same address /articles/caf\u00e9/ as ${DIR}/Caf\u00e9.md (the same letters, written with different Unicode characters): only one would be published; rename one`,
      ],
    },
    {
      name: "year 0000 and a time zone offset no place uses",
      files: {
        "bad-dates.md": article({
          published: '"0000-01-01"',
          updates: '\n  - date: "2016-02-11T10:00+23:59"\n    note: "A note."',
        }),
      },
      expected: [
        `${DIR}/bad-dates.md:4: published: "0000-01-01" is before 1800: a news date must be 1800 or later`,
        `${DIR}/bad-dates.md:7: updates[0].date: "2016-02-11T10:00+23:59" has a time zone offset beyond ±14:00, which no place on Earth uses`,
      ],
    },
    {
      name: "an update dated before publication",
      files: {
        "bad-update.md": article({ updates: '\n  - date: "2016-02-09"\n    note: "A note."' }),
      },
      expected: [`${DIR}/bad-update.md:7: updates[0].date: is before the article was published (2016-02-10)`],
    },
    {
      name: "an invalid language tag",
      files: { "bad-lang.md": article({ lang: '"xx-invalid"' }) },
      expected: [
        `${DIR}/bad-lang.md:6: lang: "xx-invalid" is not a valid BCP 47 language tag: use one such as "en", "ar" or "pt-BR"`,
      ],
    },
    {
      name: "two different tags that would share one page",
      files: {
        "bad-tag-one.md": article({ tags: '["R&D"]' }),
        "bad-tag-two.md": article({ tags: '["R D"]' }),
      },
      expected: [
        `${DIR}/bad-tag-one.md:6: tags[0]: "R&D" would share the tag page /tags/r-d/ with "R D" (${DIR}/bad-tag-two.md:6), a different name: use one spelling for one topic, or names that differ in letters or digits`,
        `${DIR}/bad-tag-two.md:6: tags[0]: "R D" would share the tag page /tags/r-d/ with "R&D" (${DIR}/bad-tag-one.md:6), a different name: use one spelling for one topic, or names that differ in letters or digits`,
      ],
    },
    {
      name: "an empty body, and one of blank lines only",
      files: { "bad-empty.md": article({}, ""), "bad-blank.md": article({}, "  \n\t\n") },
      expected: [
        `${DIR}/bad-blank.md:6: body: is empty: write the article's text below the frontmatter`,
        `${DIR}/bad-empty.md:6: body: is empty: write the article's text below the frontmatter`,
      ],
    },
    {
      name: "a headline of 5,000 characters",
      files: { "bad-headline.md": article({ headline: `"${"x".repeat(5000)}"` }) },
      expected: [`${DIR}/bad-headline.md:2: headline: is 5000 characters long; the limit is 200`],
    },
    {
      name: "former addresses: one invalid, one taken by another article",
      files: {
        "bad-former.md": article({ formerSlugs: '\n  - "Not/A/Slug"\n  - "bad-lang"' }),
      },
      expected: [
        `${DIR}/bad-former.md:7: formerSlugs[0]: must be an old address segment such as "old-headline" (lower case, no slashes)`,
        `${DIR}/bad-former.md:8: formerSlugs[1]: "bad-lang" is the address of ${DIR}/bad-lang.md: a redirect there would hide that article`,
      ],
    },
  ];
}
