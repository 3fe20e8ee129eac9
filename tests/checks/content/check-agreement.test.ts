/**
 * `npm run check` reports, with file and line, every source problem that `npm run build`
 * refuses (the corpus in tests/helpers/bad-articles.ts; tests/site/check-agreement.test.ts
 * builds it). Also: unused images are warnings, not errors; limits and rules of issue 11.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, formatProblem, formatReport } from "../../../src/checks/content/index.ts";
import { imageProblem } from "../../../src/checks/images.ts";
import { parsePubDate } from "../../../src/model/dates.ts";
import { renderMarkdown, safeUrl } from "../../../src/markdown/engine.ts";
import { articleImagesModule } from "../../../src/integrations/article-images.ts";
import { withSource } from "../../../src/checks/output/index.ts";
import { animatedGif, badArticles } from "../../helpers/bad-articles.ts";
import { writeFiles } from "../../helpers/build.ts";
import { fixtureJpeg } from "../../helpers/fixtures.ts";
import { gpsTaggedJpeg } from "../../helpers/hostile.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function check(files: Record<string, string | Buffer>, site = { url: "https://example.org", base: "/" }) {
  const root = await mkdtemp(join(tmpdir(), "newsroom-agree-"));
  roots.push(root);
  await writeFiles(join(root, "content/articles"), files);
  return checkContent(root, { caches: false, site });
}

const GOOD = `---\nheadline: "A headline"\nstandfirst: "A standfirst."\npublished: "2016-02-10"\nsection: "News"\n---\n\n`;

describe("the bad-article corpus", async () => {
  const corpus = await badArticles();
  const report = await check(Object.assign({}, ...corpus.map((c) => c.files)));
  const printed = report.problems.map(formatProblem);

  it.each(corpus.map((c) => [c.name, c] as const))("%s: reported with file and line", (_, bad) => {
    for (const line of bad.expected) expect(printed).toContainEqual(line);
  });

  it("reports nothing else: each problem once, and no warning", () => {
    expect(printed.sort()).toEqual(corpus.flatMap((c) => c.expected).sort());
    expect(report.warnings).toEqual([]);
  });
});

describe("images no article uses", () => {
  it("are a warning naming the file, never an error, and are not listed for publishing", async () => {
    const report = await check({
      "story/index.md": `${GOOD}![A photo](./used.jpg "Caption [Agency]")\n`,
      "story/used.jpg": await fixtureJpeg(40, 30, 10),
      "story/gps.jpg": await gpsTaggedJpeg(40, 30, 10),
      "story/not-an-image.jpg": "text, not a photo",
      "story/spare.png": await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
        .png()
        .toBuffer(),
    });
    expect(report.problems).toEqual([]);
    expect(report.warnings.map(formatProblem)).toEqual([
      "content/articles/story/gps.jpg: warning: is used by no article and is not published",
      "content/articles/story/not-an-image.jpg: warning: is used by no article and is not published",
      "content/articles/story/spare.png: warning: is used by no article and is not published",
    ]);
    expect(report.articles.map((a) => a.images)).toEqual([["content/articles/story/used.jpg"]]);
    expect(formatReport(report)).toMatch(/0 problems in 0 files, 3 warnings\.$/);
  });

  it("are left out of the module pages load images from", () => {
    const code = articleImagesModule(["content/articles/story/used.jpg"]);
    expect(code).toContain('"/content/articles/story/used.jpg": () => import("/content/articles/story/used.jpg")');
    expect(code).not.toContain("import.meta.glob");
  });
});

describe("links to the site's own pages", () => {
  it("pass when the page will exist: articles, former addresses, topics, years, feeds, fragments", async () => {
    const report = await check({
      "a.md": `${GOOD.replace('section: "News"', 'section: "News"\ntags: ["Syria"]\nformerSlugs: ["old-a"]')}Text.\n\n# A heading\n`,
      "b.md": `${GOOD}${[
        "[1](/articles/a/)",
        "[2](https://example.org/articles/a/#p-1)",
        "[3](../a/#a-heading)",
        "[4](/articles/old-a/)",
        "[5](/tags/syria/)",
        "[6](/sections/news/)",
        "[7](/archive/2016/)",
        "[8](/rss.xml)",
        "[9](/)",
        "[10](#p-1)",
        "[11](https://elsewhere.example/articles/x/)",
        "[12](mailto:desk@example.org)",
      ].join("\n\n")}\n`,
    });
    expect(report.problems.map(formatProblem)).toEqual([]);
  });

  it("follow the base path of a sub-path build", async () => {
    const site = { url: "https://user.github.io", base: "/repo/" };
    const report = await check({ "a.md": `${GOOD}[ok](/repo/articles/a/) [out](/articles/a/)\n` }, site);
    expect(report.problems.map(formatProblem)).toEqual([
      `content/articles/a.md:8: link "/articles/a/" goes to this site, but it is outside the site's base path /repo/`,
    ]);
  });

  it("without a trailing slash, or to a tag page that does not exist, are refused", async () => {
    const report = await check({ "a.md": `${GOOD}[x](/articles/a) [y](/tags/nothing/)\n` });
    expect(report.problems.map(formatProblem)).toEqual([
      `content/articles/a.md:8: link "/articles/a" goes to this site, but it names a page without its trailing slash`,
      `content/articles/a.md:8: link "/tags/nothing/" goes to this site, but there is no tag "nothing"`,
    ]);
  });
});

describe("the Markdown engine", () => {
  it("drops percent-encoded javascript: links, keeping their words", () => {
    for (const href of ["javascript%3Aalert(1)", "%6Aavascript:alert(1)", "%256Aavascript%253Aalert(1)"]) {
      expect(safeUrl(href), href).toBeNull();
      expect(renderMarkdown(`A [word](${href}) here.`).html).toBe('<p id="p-1">A word here.</p>\n');
    }
    expect(safeUrl("/articles/caf%C3%A9/")).toBe("/articles/caf%C3%A9/");
  });
});

describe("rules for fields", () => {
  it("dates: 1800 onwards, offsets within ±14:00", () => {
    expect(() => parsePubDate("1799-12-31")).toThrow(/before 1800/);
    expect(parsePubDate("1800-01-01")).toEqual({ precision: "day", iso: "1800-01-01" });
    expect(parsePubDate("2016-02-10T10:00+14:00").iso).toBe("2016-02-10T10:00+14:00");
    expect(parsePubDate("2016-02-10T10:00-12:00").iso).toBe("2016-02-10T10:00-12:00");
    expect(() => parsePubDate("2016-02-10T10:00+14:01")).toThrow(/beyond ±14:00/);
    expect(() => parsePubDate("2016-02-10T10:00-23:59")).toThrow(/beyond ±14:00/);
    expect(() => parsePubDate(new Date("0001-01-01T00:00:00Z"))).toThrow(/before 1800/);
  });

  it("an update on the day of publication is not before it", async () => {
    const fm = GOOD.replace(
      'published: "2016-02-10"',
      'published: "2016-02-10T14:30+01:00"\nupdates:\n  - date: "2016-02-10"\n    note: "Same day."',
    );
    expect((await check({ "a.md": `${fm}Text.\n` })).problems).toEqual([]);
  });

  it("language tags are BCP 47, checked against the registry", async () => {
    const ok = await check({
      "a.md": `${GOOD.replace('section: "News"', 'section: "News"\nlang: "pt-BR"')}Text.\n`,
      "b.md": `${GOOD.replace('section: "News"', 'section: "News"\nlang: "zh-Hant-TW"')}Text.\n`,
    });
    expect(ok.problems).toEqual([]);
  });

  it("C, C++ and C# are three topics with three pages; Middle East and middle-east are one", async () => {
    const tags = (list: string) => GOOD.replace('section: "News"', `section: "News"\ntags: ${list}`);
    const report = await check({
      "a.md": `${tags('["C++", "C#", "Middle East"]')}Text.\n`,
      "b.md": `${tags('["c", "c#", "middle-east"]')}Text.\n`,
    });
    expect(report.problems).toEqual([]);
  });

  it("long text: warnings past the reading limits, errors past the hard ones", async () => {
    const fm = GOOD.replace('"A headline"', `"${"h".repeat(111)}"`).replace(
      'section: "News"',
      `section: "News"\nhero:\n  caption: "Caption"\n  credit: "Agency"\n  alt: "${"a".repeat(151)}"`,
    );
    const report = await check({
      "a.md": `${fm}![${"b".repeat(1001)}](./p.jpg "${"c".repeat(301)} [Agency]")\n`,
      "p.jpg": await fixtureJpeg(40, 30, 10),
    });
    expect(report.problems.map(formatProblem)).toEqual([
      "content/articles/a.md:12: the figure's alt text is 1001 characters long; the limit is 1000",
    ]);
    expect(report.warnings.map(formatProblem)).toEqual([
      "content/articles/a.md:2: warning: headline: is 111 characters long; more than 110 is hard to read (the limit is 200)",
      "content/articles/a.md:9: warning: hero.alt: is 151 characters long; more than 150 is hard to read (the limit is 1000)",
      "content/articles/a.md:12: warning: the figure's caption is 301 characters long; more than 300 is hard to read (the limit is 1000)",
    ]);
  });

  it("animated images are refused before the build, as the image service would", async () => {
    expect(await imageProblem(await animatedGif(), "flash.gif")).toMatch(/^has 2 frames/);
  });
});

describe("the output checks", () => {
  it("name the article file a page was made from", () => {
    const articles = [{ id: "kerry", file: "content/articles/kerry.md" }];
    expect(withSource("articles/kerry/index.html", articles)).toBe(
      "articles/kerry/index.html (from content/articles/kerry.md)",
    );
    expect(withSource("cards/kerry.png", articles)).toBe("cards/kerry.png (from content/articles/kerry.md)");
    expect(withSource("tags/x/index.html", articles)).toBe("tags/x/index.html");
  });
});
