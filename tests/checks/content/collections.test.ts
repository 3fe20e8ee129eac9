/**
 * The content check beyond articles: authors an article names must exist, author and
 * standing-page files follow their schemas, standing pages keep off the site's own
 * addresses, and the settings name pages and sections that exist.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, formatProblem } from "../../../src/checks/content/index.ts";
import { writeFiles } from "../../helpers/build.ts";
import { fixtureJpeg } from "../../helpers/fixtures.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function problems(
  files: Record<string, string | Buffer>,
  settings?: { standards: Record<string, string>; sections: string[] },
): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-check-"));
  roots.push(root);
  await writeFiles(root, files);
  const report = await checkContent(root, { caches: false, settings });
  return report.problems.map(formatProblem);
}

const article = (extra: string) => `---
headline: "A headline"
standfirst: "A standfirst."
published: "2026-02-10"
section: "News"
${extra}
---

A paragraph.
`;

const author = (extra = "") => `---
name: "Amal Haddad"
role: "Correspondent"
${extra}
---

A bio.
`;

describe("authors", () => {
  it("passes an article whose authors all have files, one with a photo", async () => {
    expect(
      await problems({
        "content/articles/a.md": article("authors: [amal, tom]"),
        "content/authors/amal.md": author('photo:\n  image: "./amal.jpg"\n  alt: "Amal"'),
        "content/authors/amal.jpg": await fixtureJpeg(200, 200, 10),
        "content/authors/tom.md": author(),
      }),
    ).toEqual([]);
  });

  it("names the article's file and line for an author with no file", async () => {
    expect(
      await problems({
        "content/articles/a.md": article("authors:\n  - amal\n  - nobody"),
        "content/authors/amal.md": author(),
      }),
    ).toEqual([
      'content/articles/a.md:8: authors[1]: names the author "nobody", who has no file content/authors/nobody.md',
    ]);
  });

  it("refuses authors and a byline together, and an author file with an unknown field or a missing photo", async () => {
    expect(
      await problems({
        "content/articles/a.md": article('authors: [amal]\nbyline: "Someone"'),
        "content/authors/amal.md": author('twitter: "@amal"\nphoto:\n  image: "./gone.jpg"\n  alt: "Amal"'),
      }),
    ).toEqual([
      "content/articles/a.md:7: byline: is for a writer without an author page: name authors or a byline, not both",
      "content/authors/amal.md:4: twitter: is not a field authors have (a typo?)",
      'content/authors/amal.md:6: photo.image: image "./gone.jpg" was not found',
    ]);
  });
});

describe("standing pages and settings", () => {
  const page = (title: string) => `---\ntitle: "${title}"\ndescription: "What it says."\n---\n\nText.\n`;

  it("refuses a page at an address the site uses for its own pages", async () => {
    expect(
      await problems({ "content/articles/a.md": article(""), "content/pages/search.md": page("Search") }),
    ).toEqual([
      "content/pages/search.md: would be published at /search/, an address the site uses for its own pages: rename the file",
    ]);
  });

  it("refuses settings that name a page or a section that does not exist", async () => {
    expect(
      await problems(
        { "content/articles/a.md": article(""), "content/pages/about.md": page("About us") },
        { standards: { masthead: "about", correctionsPolicy: "corrections" }, sections: ["News", "Sport"] },
      ),
    ).toEqual([
      'src/site.config.ts: standards.correctionsPolicy: names the page "corrections", which has no file content/pages/corrections.md',
      'src/site.config.ts: sections[1]: "Sport" is the section of no article: its link would lead nowhere',
    ]);
  });
});
