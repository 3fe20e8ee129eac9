/**
 * The content check (src/checks/content/): every problem in every file at once, with file,
 * line and field; strict dates; duplicate addresses; images decoded strictly; public/
 * files that would publish metadata or scripts. No build: each case is a folder of files.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { writeFiles } from "../../helpers/build.ts";
import { savedCacheKeys } from "../../helpers/caches.ts";
import { afterAll, describe, expect, it } from "vitest";
import { strictFrontmatterData } from "../../../src/checks/content/frontmatter.ts";
import { checkContent, formatProblem, MAX_ARTICLE_BYTES } from "../../../src/checks/content/index.ts";
import { entryId } from "../../../src/model/slug.ts";
import { projectCaches } from "../../../src/build/cache.ts";
import { fixtureJpeg } from "../../helpers/fixtures.ts";
import { gpsTaggedJpeg } from "../../helpers/hostile.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function project(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "newsroom-check-"));
  roots.push(root);
  await writeFiles(root, files);
  return root;
}

async function problems(files: Record<string, string | Buffer>): Promise<string[]> {
  const report = await checkContent(await project(files), { caches: false });
  return report.problems.map(formatProblem);
}

function article(fields: string, body = "A paragraph."): string {
  return `---\n${fields}\n---\n\n${body}\n`;
}

const GOOD = `headline: "A headline"
standfirst: "A standfirst."
published: "2026-02-10"
section: "News"`;

describe("the content check", () => {
  it("passes a good article", async () => {
    expect(await problems({ "content/articles/good.md": article(GOOD) })).toEqual([]);
  });

  it("checks drafts, withdrawals and the kind of each update, on their lines", async () => {
    const found = await problems({
      "content/articles/newsroom.md": article(`${GOOD}
draft: "yes"
updates:
  - date: "2026-02-11"
    kind: correction
    note: "Fixed a name."
  - date: "2026-02-11"
    kind: erratum
    note: "A note."
withdrawn:
  date: "2026-02-01"`),
      "content/articles/early.md": article(`${GOOD}
updates:
  - date: "2026-02-09"
    kind: correction
    note: "Fixed a name."`),
      "content/articles/draft-withdrawn.md": article(`${GOOD}
draft: true
withdrawn:
  date: "2026-03-01"
  reason: "Legal."`),
    });
    expect(found).toEqual([
      "content/articles/draft-withdrawn.md:7: withdrawn: a draft was never published, so it cannot be withdrawn: remove `draft: true` or `withdrawn`",
      "content/articles/early.md:7: updates[0].date: is a correction dated before the article was published (2026-02-10)",
      "content/articles/newsroom.md:6: draft: must be true or false",
      "content/articles/newsroom.md:12: updates[1].kind: must be one of correction, clarification, update",
      "content/articles/newsroom.md:14: withdrawn.reason: is required",
    ]);
  });

  it("judges links against what the build publishes: a held story is no page yet, a withdrawn one only a notice", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const root = await project({
      "content/articles/live.md": article(
        GOOD,
        "See [the plan](/articles/held/), [the notice](/articles/gone/), [its paragraph](/articles/gone/#p-1) and [the tag](/tags/secret/).",
      ),
      "content/articles/held.md": article(
        `${GOOD.replace("2026-02-10", "2026-03-02")}\ntags: ["Secret"]`,
        "Goes live with [the other](/articles/held-too/).",
      ),
      "content/articles/held-too.md": article(`${GOOD}\ndraft: true`),
      "content/articles/gone.md": article(`${GOOD}\nwithdrawn:\n  date: "2026-02-20"\n  reason: "Legal."`),
    });
    const found = (await checkContent(root, { caches: false, now })).problems.map(formatProblem);
    expect(found).toEqual([
      expect.stringMatching(/^content\/articles\/live\.md:\d+: link "\/articles\/held\/" goes to this site, but/),
      expect.stringMatching(/^content\/articles\/live\.md:\d+: link "\/articles\/gone\/#p-1" goes to this site, but/),
      expect.stringMatching(/^content\/articles\/live\.md:\d+: link "\/tags\/secret\/" goes to this site, but/),
    ]);
    // In an editors' preview the held stories have pages.
    const previewed = (await checkContent(root, { caches: false, now, preview: true })).problems.map(formatProblem);
    expect(previewed).toEqual([expect.stringMatching(/link "\/articles\/gone\/#p-1"/)]);
  });

  it("warns about an article dated more than a year after the build's clock", async () => {
    const root = await project({ "content/articles/typo.md": article(GOOD.replace("2026-02-10", "2036-02-10")) });
    const report = await checkContent(root, { caches: false, now: new Date("2026-02-01T00:00:00Z") });
    expect(report.problems).toEqual([]);
    expect(report.warnings.map(formatProblem)).toEqual([
      "content/articles/typo.md:4: warning: published: is more than a year ahead (2036-02-10): a typing slip? The article stays unpublished until then",
    ]);
  });

  it("reports every problem in every file at once, with file, line and field", async () => {
    const found = await problems({
      "content/articles/one.md": article(`headline: ""
standfirst: "S"
published: 2026-13-45
updates:
  - date: "2026-02-30"
    note: "A note"
section: "News"
colour: "red"`),
      "content/articles/two.md": article(`headline: "Two"
published: "2026-02-28"
section: "News"
hero:
  caption: "A caption"
  credit: "Agency"
  image: "./photo.jpg"`),
    });
    expect(found).toEqual([
      "content/articles/one.md:2: headline: must not be empty",
      'content/articles/one.md:4: published: "2026-13-45" is not a real calendar day',
      'content/articles/one.md:6: updates[0].date: "2026-02-30" is not a real calendar day',
      "content/articles/one.md:9: colour: is not a field articles have (a typo?)",
      "content/articles/two.md:1: standfirst: is required",
      "content/articles/two.md:5: hero.alt: alt text is required when a figure has an image",
      'content/articles/two.md:8: hero.image: image "./photo.jpg" was not found',
    ]);
  });

  it("reads dates as written: unquoted real dates pass, impossible ones do not roll over", async () => {
    expect(await problems({ "content/articles/a.md": article(GOOD.replace('"2026-02-10"', "2026-02-10")) })).toEqual(
      [],
    );
    const found = await problems({
      "content/articles/a.md": article(GOOD.replace('"2026-02-10"', "2026-02-30")),
      "content/articles/b.md": article(GOOD.replace('"2026-02-10"', "2026")),
      "content/articles/c.md": article(GOOD.replace('"2026-02-10"', '"10/02/2026"')),
    });
    expect(found).toEqual([
      'content/articles/a.md:4: published: "2026-02-30" is not a real calendar day',
      "content/articles/b.md:4: published: must be a date such as 2016-02-10, in quotes",
      expect.stringMatching(/^content\/articles\/c\.md:4: published: "10\/02\/2026" is not a date/),
    ]);
  });

  it("reports YAML errors on their lines, and files without frontmatter", async () => {
    const found = await problems({
      "content/articles/dup.md": article(`${GOOD}\nheadline: "Again"`),
      "content/articles/broken.md": article(`${GOOD}\ntags: [a, b`),
      "content/articles/none.md": "Just text.\n",
      "content/articles/toml.md": `+++\nheadline = "T"\n+++\nText\n`,
    });
    expect(found).toEqual([
      expect.stringMatching(/^content\/articles\/broken\.md:\d+: YAML: /),
      expect.stringMatching(/^content\/articles\/dup\.md:6: YAML: Map keys must be unique/),
      "content/articles/none.md:1: has no frontmatter: the file must start with the article's fields between two --- lines",
      "content/articles/toml.md:1: uses TOML frontmatter (+++): write the fields as YAML between --- lines",
    ]);
  });

  it("finds two files with one address (a.md beside a/index.md), and names both", async () => {
    const found = await problems({
      "content/articles/a.md": article(GOOD),
      "content/articles/a/index.md": article(GOOD),
      "content/articles/My Story.md": article(GOOD),
      "content/articles/my-story.md": article(GOOD),
    });
    expect(found).toEqual([
      "content/articles/My Story.md: has the same address /articles/my-story/ as content/articles/my-story.md: only one would be published; rename one",
      "content/articles/a.md: has the same address /articles/a/ as content/articles/a/index.md: only one would be published; rename one",
      "content/articles/a/index.md: has the same address /articles/a/ as content/articles/a.md: only one would be published; rename one",
      "content/articles/my-story.md: has the same address /articles/my-story/ as content/articles/My Story.md: only one would be published; rename one",
    ]);
  });

  it("derives ids as Astro's glob loader does", () => {
    expect(entryId("a.md")).toBe("a");
    expect(entryId("a/index.md")).toBe("a");
    expect(entryId("My Story.md")).toBe("my-story");
    expect(entryId("2016/kerry.md")).toBe("2016/kerry");
  });

  it("refuses nested articles, stray Markdown files and former addresses that collide", async () => {
    const found = await problems({
      "content/articles/2016/kerry.md": article(GOOD),
      "content/articles/notes.markdown": "x",
      "content/articles/new.md": article(`${GOOD}\nformerSlugs: ["old", "other", "new"]`),
      "content/articles/other.md": article(`${GOOD}\nformerSlugs: ["old"]`),
      "content/articles/bad.md": article(`${GOOD}\nformerSlugs: ["Has/Slash"]`),
      "content/articles/twice.md": article(`${GOOD}\nformerSlugs: ["once-more", "once-more"]`),
    });
    expect(found).toEqual([
      "content/articles/2016/kerry.md: would have the address /articles/2016/kerry/: an article is content/articles/<name>.md or content/articles/<name>/index.md",
      'content/articles/bad.md:6: formerSlugs[0]: must be an old address segment such as "old-headline" (lower case, no slashes)',
      'content/articles/new.md:6: formerSlugs[1]: "other" is the address of content/articles/other.md: a redirect there would hide that article',
      `content/articles/new.md:6: formerSlugs[2]: "new" is this article's own address`,
      'content/articles/new.md:6: formerSlugs[0]: "old" is also a former address of content/articles/other.md: it can redirect to only one article',
      "content/articles/notes.markdown: is not read: articles are .md files (rename it to notes.md)",
      'content/articles/other.md:6: formerSlugs[0]: "old" is also a former address of content/articles/new.md: it can redirect to only one article',
      'content/articles/twice.md:6: formerSlugs[1]: "once-more" is listed more than once',
    ]);
  });

  it("refuses a section or tag with no letter or digit to make its page address from", async () => {
    const found = await problems({
      "content/articles/a.md": article(
        `headline: "H"\nstandfirst: "S"\npublished: "2026-02-10"\nsection: "—"\ntags: ["Syria", "🇺🇸"]`,
      ),
    });
    expect(found).toEqual([
      "content/articles/a.md:5: section: must contain a letter or digit",
      "content/articles/a.md:6: tags[1]: must contain a letter or digit",
    ]);
  });

  it("refuses an article over 1 MiB", async () => {
    const big = article(GOOD, "word ".repeat(MAX_ARTICLE_BYTES / 5 + 10));
    expect(await problems({ "content/articles/big.md": big })).toEqual([
      "content/articles/big.md: is 1.0 MiB; an article may be at most 1 MiB (move images out of the text, split it)",
    ]);
  });

  it("reports every Markdown problem in a body, each on its own line, and images without alt text", async () => {
    const body = [
      "First paragraph.",
      '![](./a.jpg "Caption [Credit]")',
      "Second paragraph.",
      "![An image](./b.jpg)",
      "Text with ![inline](./c.jpg) inside.",
    ].join("\n\n");
    const found = await problems({
      "content/articles/a.md": article(GOOD, body),
      "content/articles/a.jpg": await fixtureJpeg(40, 30, 10),
      "content/articles/b.jpg": await fixtureJpeg(40, 30, 10),
    });
    expect(found).toEqual([
      'content/articles/a.md:10: the figure image "./a.jpg" needs alt text: ![what the photo shows](./a.jpg "…")',
      'content/articles/a.md:14: a figure needs a caption and a credit in its title, like ![alt](photo.jpg "What the photo shows [Agency]")',
      "content/articles/a.md:16: a figure image must stand alone in its paragraph, with blank lines around it",
    ]);
  });

  it("takes photo rights for a body figure by its image path, and refuses a path no figure uses, on its line", async () => {
    const fields = `${GOOD}
figures:
  "./a.jpg":
    creator: "Rana Saleh"
    copyright: "© 2026 Agency"
    license: "https://example.com/licence"
  "a.jpg":
    creator: "Someone"
  "./gone.jpg":
    acquireLicensePage: "not an address"`;
    const found = await problems({
      "content/articles/a.md": article(fields, '![A photo](./a.jpg "Caption [Agency]")'),
      "content/articles/a.jpg": await fixtureJpeg(40, 30, 10),
    });
    expect(found).toEqual([
      'content/articles/a.md:11: figures["a.jpg"]: names an image no figure in the body uses (the figures use "./a.jpg"); write the path exactly as the figure does',
      'content/articles/a.md:13: figures["./gone.jpg"]: names an image no figure in the body uses (the figures use "./a.jpg"); write the path exactly as the figure does',
      'content/articles/a.md:14: figures["./gone.jpg"].acquireLicensePage: Invalid URL',
    ]);
  });

  it("refuses hostile image sources before anything is built", async () => {
    const sources = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E",
      "vbscript:msgbox(1)",
      "https://tracker.example/pixel.png",
      "//tracker.example/pixel.png",
    ];
    const body = sources.map((src) => `![An image](${src} "Caption [Credit]")`).join("\n\n");
    const found = await problems({ "content/articles/a.md": article(GOOD, body) });
    expect(found).toHaveLength(sources.length);
    sources.forEach((src, i) => {
      expect(found[i]).toBe(
        `content/articles/a.md:${8 + 2 * i}: the figure image "${src}" must be a file beside the article, not a URL`,
      );
    });
  });

  it("decodes every image strictly: corrupt, truncated, mislabelled, oversized, SVG and missing images name the article", async () => {
    const good = await fixtureJpeg(64, 48, 30);
    const png = await sharp(good).png().toBuffer();
    // A header claiming 9000×9000 pixels (81 megapixels), over the 50-megapixel limit.
    const huge = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: "#888" } })
      .jpeg({ quality: 10 })
      .toBuffer();
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`;
    const figures = ["good.jpg", "truncated.jpg", "garbage.jpg", "png-named.jpg", "huge.jpg", "evil.svg", "gone.jpg"];
    const body = figures.map((name) => `![A photo](./${name} "Caption [Credit]")`).join("\n\n");
    const found = await problems({
      "content/articles/photos/index.md": article(GOOD, body),
      "content/articles/photos/good.jpg": good,
      "content/articles/photos/truncated.jpg": good.subarray(0, Math.floor(good.length * 0.6)),
      "content/articles/photos/garbage.jpg": Buffer.from("this is not an image at all"),
      "content/articles/photos/png-named.jpg": png,
      "content/articles/photos/huge.jpg": huge,
      "content/articles/photos/evil.svg": svg,
    });
    const at = (name: string) =>
      `content/articles/photos/index.md:${8 + 2 * figures.indexOf(name)}: image "./${name}" `;
    expect(found).toEqual([
      expect.stringMatching(new RegExp(`^${escape(at("truncated.jpg"))}is damaged or incomplete`)),
      expect.stringMatching(new RegExp(`^${escape(at("garbage.jpg"))}cannot be read as an image`)),
      `${at("png-named.jpg")}is named .jpg but its contents are PNG: rename it or convert it`,
      `${at("huge.jpg")}is 9000×9000 pixels (81 megapixels); the limit is 50 megapixels: scale it down`,
      `${at("evil.svg")}is an SVG: vector files can carry scripts and are not accepted as article images`,
      `${at("gone.jpg")}was not found`,
    ]);
  });

  it("refuses public/ files that would publish EXIF/GPS metadata or active SVG", async () => {
    const found = await problems({
      "content/articles/a.md": article(GOOD),
      "public/clean.jpg": await fixtureJpeg(32, 32, 0),
      "public/photos/gps.jpg": await gpsTaggedJpeg(32, 32, 0),
      "public/icon.svg": `<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="1"/>\n<a href="javascript:alert(1)"><text>x</text></a></svg>`,
      "public/favicon.svg": `<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>`,
    });
    expect(found).toEqual([
      "public/icon.svg:3: has the element <a>, which is not plain drawing: an SVG that is not plain drawing is not published",
      "public/photos/gps.jpg: carries EXIF with GPS location metadata, and public/ files are published as they are: strip it (for example `exiftool -all= photos/gps.jpg`) and commit the clean file",
    ]);
  });

  it("caches only images that passed, so a fixed image is checked again and a broken one every time", async () => {
    const root = await project({
      "content/articles/a/index.md": article(GOOD, `![A photo](./p.jpg "Caption [Credit]")`),
      "content/articles/a/p.jpg": Buffer.from("broken"),
    });
    // The project's own cache folder (node_modules/.cache/newsroom/ in the temporary root).
    expect((await checkContent(root)).problems).toHaveLength(1);
    expect((await checkContent(root)).problems).toHaveLength(1);
    await writeFile(join(root, "content/articles/a/p.jpg"), await fixtureJpeg(40, 30, 5));
    expect((await checkContent(root)).problems).toEqual([]);
    expect((await checkContent(root)).problems).toEqual([]);
  });
});

describe("the article cache", () => {
  it("reuses what an unchanged article said, checks an edited one again, and keeps only current articles", async () => {
    const root = await project({
      "content/articles/a.md": article(GOOD),
      "content/articles/b.md": article(GOOD.replace("2026-02-10", "2026-02-30")),
      "content/articles/c.md": article(GOOD),
    });
    const run = async () => (await checkContent(root)).problems.map(formatProblem);
    const first = await run();
    expect(first).toEqual(['content/articles/b.md:4: published: "2026-02-30" is not a real calendar day']);
    expect(await run()).toEqual(first); // from the cache, the same report

    // The cache names what it holds; an edit is seen at once, a fix too.
    await writeFile(join(root, "content/articles/a.md"), article(GOOD.replace("A headline", "")));
    await writeFile(join(root, "content/articles/b.md"), article(GOOD));
    await rm(join(root, "content/articles/c.md"));
    expect(await run()).toEqual(["content/articles/a.md:2: headline: must not be empty"]);
    const saved = await savedCacheKeys(join(projectCaches(root).folder, "checked-articles.json"));
    expect(saved.sort()).toEqual(["content/articles/a.md", "content/articles/b.md"]);
  });
});

describe("files unchanged since the last check", () => {
  it("are known by their identity once settled, and an edit of the same size, or a replaced image, is still seen", async () => {
    const root = await project({
      "content/articles/a.md": article(GOOD),
      "content/articles/b/index.md": article(GOOD, `![A photo](./p.jpg "Caption [Credit]")`),
      "content/articles/b/p.jpg": await fixtureJpeg(40, 30, 5),
    });
    // Files changed in the last two seconds are read every time (src/build/file-hashes.ts).
    await new Promise((done) => setTimeout(done, 2_100));
    const run = async () => (await checkContent(root)).problems.map(formatProblem);
    expect(await run()).toEqual([]);
    const remembered = await savedCacheKeys(join(projectCaches(root).folder, "file-hashes.json"));
    expect(remembered.sort()).toEqual(
      ["content/articles/a.md", "content/articles/b/index.md", "content/articles/b/p.jpg"].map((f) => join(root, f)),
    );
    expect(await run()).toEqual([]);

    // The same number of bytes, at the same path: only the file's change time tells.
    await writeFile(join(root, "content/articles/a.md"), article(GOOD.replace("2026-02-10", "2026-02-30")));
    await writeFile(join(root, "content/articles/b/p.jpg"), Buffer.from("broken"));
    expect(await run()).toEqual([
      'content/articles/a.md:4: published: "2026-02-30" is not a real calendar day',
      'content/articles/b/index.md:8: image "./p.jpg" cannot be read as an image (Input buffer contains unsupported image format)',
    ]);
  });
});

describe("strict frontmatter for Astro's content layer", () => {
  it("keeps dates as the text written, where js-yaml would roll them over", () => {
    const data = strictFrontmatterData(`---\npublished: 2026-13-45\nupdated: 2016-02-10\n---\nBody`, "x.md");
    expect(data).toEqual({ published: "2026-13-45", updated: "2016-02-10" });
  });

  it("throws with file and line on a YAML error", () => {
    expect(() => strictFrontmatterData(`---\na: 1\na: 2\n---\n`, "x.md")).toThrow(
      /^x\.md:3: YAML: Map keys must be unique/,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
