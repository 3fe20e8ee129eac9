/** The importer's pure parts: reading scraped text, escaping for Markdown and YAML, languages, dates. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFrontmatter } from "@astrojs/internal-helpers/frontmatter"; // Astro's own frontmatter parser
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { importScraped, verifyEntry } from "../../src/import/import-article.ts";
import { importSlug } from "../../src/model/slug.ts";
import { detectLanguage } from "../../src/import/language.ts";
import {
  decodeScraped,
  parseMinutesLine,
  parseScraped,
  ScrapedTextError,
  type BodyBlock,
} from "../../src/import/parse-scraped.ts";
import { parseDateLine } from "../../src/import/scraped-date.ts";
import { escapeParagraph, figureMarkdown, yamlString } from "../../src/import/to-markdown.ts";
import { renderMarkdown } from "../../src/markdown/engine.ts";
import { htmlToText } from "../../src/model/html.ts";
import { importFixtureDir, importFixtures, SEED_IMPORT_OPTIONS } from "../helpers/import-fixtures.ts";
import { projectRoot } from "../helpers/build.ts";
import { SEED_ID, seedPath } from "../helpers/seed.ts";

const seedText = readFileSync(seedPath, "utf8");
const fixture = (name: string) => decodeScraped(readFileSync(join(importFixtureDir, name)));
const options = { wordsPerMinute: 230 };

/** A minimal scraped article around some body lines. */
const article = (...body: string[]) => ["Headline", "Standfirst.", "10 February, 2016", ...body].join("\n");

function errorOf(fn: () => unknown): ScrapedTextError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScrapedTextError) return error;
    throw error;
  }
  throw new Error("expected a ScrapedTextError");
}

describe("the seed", () => {
  it("imports to the committed entry, byte for byte", () => {
    const committed = readFileSync(join(projectRoot, "content/articles", `${SEED_ID}.md`), "utf8");
    const result = importScraped(seedText, SEED_IMPORT_OPTIONS);
    expect(result.slug).toBe(SEED_ID);
    expect(result.markdown).toBe(committed);
    expect(result.warnings).toEqual([]);
    expect(result.minutes).toBe(3);
  });

  it("is read as its layout says: headline (repeated), standfirst, reading time, date, hero, body", () => {
    const a = parseScraped(seedText);
    expect(a.headline).toBe("Russian air raids damaging Syria peace talks, says Kerry");
    expect(a.standfirst).toMatch(/^Russian military intervention in Syria .* said Tuesday\.$/);
    expect(a.statedMinutes).toEqual({ minutes: 3, line: 5 });
    expect([a.published, a.dateLine]).toEqual(["2016-02-10", 6]);
    expect(a.hero).toEqual({
      caption: "US frustration with Russia's bombing in support of Bashar al-Assad's regime is growing",
      credit: "Getty",
      line: 7,
    });
    expect(a.body.map((b) => b.kind)).toEqual([
      ...Array(6).fill("paragraph"),
      "figure",
      ...Array(10).fill("paragraph"),
    ]);
    expect(a.body[6]).toEqual({
      kind: "figure",
      caption: "Thousands have fled Aleppo becasue of Russian air raids",
      credit: "Getty",
      line: 20,
    });
    // Brackets inside a paragraph are text.
    expect(a.body.at(-2)).toMatchObject({ kind: "paragraph", text: expect.stringContaining("group [IS] inside") });
  });
});

describe("the layout", () => {
  it("reads an inline figure with no blank line after it, indented with spaces, tabs or no-break spaces", () => {
    for (const indent of ["   ", "\t", "\u00a0\u00a0", " \u00a0\t"]) {
      const a = parseScraped(article("One.", `${indent}A caption [AP]`, "Two.", "", "Three."));
      expect(a.body).toEqual<BodyBlock[]>([
        { kind: "paragraph", text: "One.", line: 4 },
        { kind: "figure", caption: "A caption", credit: "AP", line: 5 },
        { kind: "paragraph", text: "Two.", line: 6 },
        { kind: "paragraph", text: "Three.", line: 8 },
      ]);
    }
  });

  it("keeps brackets that are not a figure's credit as text", () => {
    const a = parseScraped(
      article("The Islamic State group [IS] said [sic].", "", "Ends in brackets [IS]", "", "Last."),
    );
    expect(a.body.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph"]);
    const fig = parseScraped(article("Lead.", "  a sign saying [Stop] in Idlib [Reuters]", "Next."));
    expect(fig.body[1]).toMatchObject({ caption: "a sign saying [Stop] in Idlib", credit: "Reuters" });
  });

  it("reads the line after the date as the hero caption when it ends in brackets, so a caption alone is no body", () => {
    const a = parseScraped(article("A caption [AFP]", "The only paragraph [IS] ends with a period."));
    expect(a.hero).toEqual({ caption: "A caption", credit: "AFP", line: 4 });
    expect(a.body).toHaveLength(1);
    expect(errorOf(() => parseScraped(article("Only a caption [AFAD]")))).toMatchObject({
      line: 4,
      message: expect.stringMatching(/has no body: no paragraph follows the hero caption/),
    });
  });

  it("joins lines with no blank line between them into one paragraph", () => {
    expect(parseScraped(article("First line", "second line.")).body).toEqual([
      { kind: "paragraph", text: "First line second line.", line: 4 },
    ]);
  });

  it("handles CRLF, a byte-order mark, tabs and no-break spaces", () => {
    const bytes = readFileSync(join(importFixtureDir, "crlf-bom-tabs.txt"));
    const raw = bytes.toString("utf8");
    // The fixture really has what it claims.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw).toContain("\r\n");
    expect(raw).toContain("\t");
    expect(raw).toContain("\u00a0");
    const a = parseScraped(decodeScraped(bytes));
    expect(a.headline).toBe("Tabs, no-break\u00a0spaces and Windows line ends");
    expect(a.standfirst).toBe("A standfirst with a tab and a no-break\u00a0space.");
    expect(a.published).toBe("2016-02-09");
    expect(a.hero).toMatchObject({ caption: "A hero caption indented with no-break spaces and a tab", credit: "AP" });
    expect(a.body).toEqual([
      { kind: "paragraph", text: "First paragraph with\u00a0a no-break space, and two tabs.", line: 8 },
      { kind: "paragraph", text: "Second paragraph, indented with a tab.", line: 10 },
      { kind: "figure", caption: "An inline figure indented with no-break spaces", credit: "Getty", line: 12 },
      { kind: "paragraph", text: "Third paragraph, right after the figure, wrapped onto a second line.", line: 13 },
    ]);
  });

  it("accepts the reading time after the date, and no reading time at all", () => {
    const after = parseScraped(["H", "S.", "2016-02-10", "4 min read", "Body."].join("\n"));
    expect(after.statedMinutes).toEqual({ minutes: 4, line: 4 });
    expect(parseScraped(article("Body.")).statedMinutes).toBeUndefined();
  });

  it("reads reading-time lines", () => {
    expect(parseMinutesLine("3 min read")).toBe(3);
    expect(parseMinutesLine("12 mins read")).toBe(12);
    expect(parseMinutesLine("5-minute read")).toBe(5);
    expect(parseMinutesLine("٣ دقائق قراءة")).toBe(3);
    expect(parseMinutesLine("3 minutes of reading")).toBeUndefined();
  });

  it("stores text in Unicode NFC: the same characters, in the form the web expects", () => {
    const a = parseScraped(article("cafe\u0301 and caf\u00e9"));
    expect(a.body[0]).toMatchObject({ text: "caf\u00e9 and caf\u00e9" });
  });

  it("decodes UTF-16 with a byte-order mark", () => {
    const text = article("Body.");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(parseScraped(decodeScraped(le)).body).toHaveLength(1);
  });
});

describe("dates", () => {
  it.each([
    ["10 February, 2016", "2016-02-10"],
    ["10 February 2016", "2016-02-10"],
    ["February 10, 2016", "2016-02-10"],
    ["Feb. 10, 2016", "2016-02-10"],
    ["2016-02-10", "2016-02-10"],
    ["Wednesday, 10 February, 2016", "2016-02-10"],
    ["١٠ فبراير، ٢٠١٦", "2016-02-10"],
    ["10 شباط 2016", "2016-02-10"],
    ["1 كانون الثاني 2016", "2016-01-01"],
  ])("reads %j as %s", (line, iso) => {
    expect(parseDateLine(line)).toEqual({ kind: "date", iso });
  });

  it.each([
    ["31 February, 2016", /does not exist/],
    ["2016-13-45", /does not exist/],
    ["Febtember 10, 2016", /"Febtember" is not a month/],
    ["Tuesday, 10 February, 2016", /was a wednesday, not a tuesday/],
    ["10/02/2016", /not a date we can read/],
  ])("refuses %j", (line, message) => {
    const result = parseDateLine(line);
    expect(result.kind).toBe("bad-date");
    expect(result.kind === "bad-date" && result.message).toMatch(message);
  });

  it("does not take ordinary text for a date", () => {
    expect(parseDateLine("The first paragraph, about 2016.").kind).toBe("not-a-date");
    expect(parseDateLine("3 min read").kind).toBe("not-a-date");
  });
});

describe("errors name the line", () => {
  it.each([
    [
      "errors/no-date.txt",
      6,
      /has no date line: a date such as "10 February, 2016" must follow the standfirst \(line 4\)/,
    ],
    ["errors/bad-date.txt", 3, /has a date that does not parse: "31 February, 2016" is not a date/],
    ["errors/no-body.txt", 7, /has no body: no paragraph follows the hero caption/],
  ])("%s → line %i", (file, line, message) => {
    const error = errorOf(() => parseScraped(fixture(file)));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it("refuses an empty file, a missing standfirst, control characters and invalid UTF-8", () => {
    expect(errorOf(() => parseScraped("\n\n"))).toMatchObject({ line: 1, message: expect.stringMatching(/empty/) });
    expect(errorOf(() => parseScraped("Headline\n10 February, 2016\nBody."))).toMatchObject({
      line: 2,
      message: expect.stringMatching(/no standfirst/),
    });
    expect(errorOf(() => parseScraped(article("Body.", "", "Bad \u0007 bell")))).toMatchObject({
      line: 6,
      message: expect.stringMatching(/U\+0007/),
    });
    expect(errorOf(() => parseScraped(article("It\u0092s cp1252")))).toMatchObject({
      line: 4,
      message: expect.stringMatching(/U\+0092.*Windows-1252/),
    });
    const bytes = Buffer.concat([Buffer.from("H\nS.\n2016-02-10\nGood.\n\nBad "), Buffer.from([0xc3, 0x28])]);
    expect(errorOf(() => decodeScraped(bytes))).toMatchObject({ line: 6, message: expect.stringMatching(/UTF-8/) });
  });

  it("refuses options the site's schema would refuse, before writing anything", () => {
    expect(() => importScraped(article("Body."), { ...options, section: "!!!" })).toThrow(
      /section: must contain a letter or digit/,
    );
  });

  it("says which language it cannot guess", () => {
    const error = errorOf(() => importScraped(article("Привет, как дела? Всё хорошо."), options));
    expect(error.message).toMatch(/is written in Cyrillic script.*--lang/);
    expect(importScraped(article("Привет, как дела?"), { ...options, lang: "ru" }).lang).toBe("ru");
  });
});

describe("escaping for Markdown", () => {
  const rendered = (text: string) => renderMarkdown(escapeParagraph(text)).html;

  it.each([
    "# Not a heading",
    "###### Not a heading",
    "1. Not a list",
    "2016. Not a list",
    "3) Not a list",
    "- not a bullet",
    "+ not a bullet",
    "* not a bullet",
    "> not a quote",
    "---",
    "***",
    "___",
    "===",
    "```",
    "~~~",
    "_underscores_ and *stars* and **strong** and __strong__ and ~~strike~~ and ~one~",
    "`backticks` and ``double``",
    "a | b | c",
    "<b>tag</b> <script>alert(1)</script> <!-- comment <div>",
    "&amp; &lt; &#39; &#x27; &copy; AT&T & &copy",
    "[text](https://example.com) ![alt](a.jpg) [ref] [ref]: /url <https://example.com>",
    "{{ braces }} {% tag %} ${x}",
    "https://example.com www.example.com desk@example.org ftp://x.org",
    "back\\slash\\ and \\* and trailing\\",
    "quotes \"double\" and 'single' and “curly”",
    "Emoji 👩🏽‍💻, cafe\u0301, 中文, \u200f, \u00a0no-break",
  ])("renders %j as that text, in one plain paragraph", (text) => {
    const html = rendered(text);
    const inner = /^<p id="p-1">([\s\S]*)<\/p>\n$/.exec(html)?.[1];
    expect(inner, html).toBeDefined();
    expect(inner, html).not.toContain("<");
    expect(htmlToText(html)).toBe(text.replace(/\s+/g, " ").trim());
  });

  it("writes figures whose captions keep their brackets and quotes", () => {
    for (const [caption, credit] of [
      ["a sign saying [Stop] in Idlib", "Reuters"],
      ['He said "no" & <left> \\ *now*', "A&amp;P"],
      ["ends with a backslash \\", "AP"],
    ] as const) {
      const { html, figures } = renderMarkdown(figureMarkdown(caption, credit));
      expect(figures).toHaveLength(1);
      expect(figures[0]!.credit).toBe(credit);
      const inner = /<span class="figure-caption">([\s\S]*?)<\/span>/.exec(html)![1]!;
      expect(inner).not.toContain("<");
      expect(htmlToText(inner)).toBe(caption);
    }
  });
});

describe("escaping for YAML", () => {
  it.each([
    `"Breaking": Kerry says: 'No deal'`,
    "# a comment? - [a, list] {a: map} & *alias !tag | > % @ `",
    "---",
    "yes",
    "2016-02-10",
    "null",
    "line\u2028separator, next\u0085line, bom\ufeff, tab\t",
    "كيري: الغارات الروسية",
  ])("keeps %j exactly, for Astro's parser and for yaml", (value) => {
    const doc = `---\nheadline: ${yamlString(value)}\n---\n\nBody.\n`;
    expect(parseFrontmatter(doc).frontmatter["headline"]).toBe(value);
    expect(parseYaml(`headline: ${yamlString(value)}`).headline).toBe(value);
  });
});

describe("language", () => {
  it("tells Arabic from Latin script", () => {
    expect(detectLanguage("كيري: الغارات الروسية تعرقل محادثات السلام (IS) 2016")).toEqual({ lang: "ar" });
    expect(detectLanguage("Kerry says Russian raids hurt talks, quoting al-Jubeir (الجبير)")).toEqual({ lang: "en" });
  });

  it("gives an Arabic article lang ar", () => {
    const ar = importFixtures().find((f) => f.name === "arabic")!;
    expect(ar.result.lang).toBe("ar");
    expect(ar.result.markdown).toContain('\nlang: "ar"\n');
  });
});

describe("the entry", () => {
  it("makes a slug from the headline, or from the file name when the headline has no Latin letters", () => {
    expect(importSlug("Russian air raids damaging Syria peace talks, says Kerry")).toBe(SEED_ID);
    expect(importSlug("Kerry's “peace” talks: Ça va?")).toBe("kerrys-peace-talks-ca-va");
    expect(importSlug("a".repeat(50) + " " + "b".repeat(50))).toBe("a".repeat(50));
    const ar = importScraped(fixture("arabic.txt"), { ...options, fallbackSlug: "Arabic Kerry" });
    expect(ar.slug).toBe("arabic-kerry");
  });

  it("writes dates quoted, as a day", () => {
    const { markdown } = importScraped(article("Body."), options);
    expect(markdown).toContain('\npublished: "2016-02-10"\n');
    expect(parseFrontmatter(markdown).frontmatter["published"]).toBe("2016-02-10");
  });

  it("warns when the stated reading time is more than a minute off", () => {
    const body = Array.from({ length: 3 }, (_, i) => `Paragraph ${i + 1} has a few words.`).join("\n\n");
    const text = (minutes: number) => ["H", "S.", `${minutes} min read`, "2016-02-10", body].join("\n");
    expect(importScraped(text(2), options).warnings).toEqual([]);
    expect(importScraped(text(3), options).warnings).toEqual([
      { line: 3, message: "says 3 min read, but the page will say 1 min read (230 words a minute)" },
    ]);
  });

  it("checks its own output: a changed word is caught", () => {
    const result = importScraped(seedText, SEED_IMPORT_OPTIONS);
    expect(verifyEntry(result.markdown, result.article, "en")).toEqual([]);
    const altered = result.markdown.replace("brutal civil war", "brutal war");
    expect(verifyEntry(altered, result.article, "en").join("\n")).toMatch(/^line 8: expected/);
  });

  it("imports every fixture to Markdown whose rendering has the source's words", () => {
    for (const f of importFixtures()) {
      const { frontmatter, content } = parseFrontmatter(f.result.markdown);
      expect(frontmatter["headline"], f.name).toBe(f.result.article.headline);
      expect(frontmatter["standfirst"], f.name).toBe(f.result.article.standfirst);
      const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];
      const source = f.text
        .split(/\r?\n/)
        .slice(f.result.article.dateLine + (f.result.article.hero ? 1 : 0))
        .join(" ")
        .normalize("NFC");
      const page = htmlToText(renderMarkdown(content).html).replace(/Credit: | \(Photo not available\)/g, " ");
      expect(words(page), f.name).toEqual(words(source));
    }
  });
});
