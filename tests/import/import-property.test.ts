/**
 * Property: scraped text full of characters that mean something to Markdown, HTML or YAML
 * imports to an entry whose rendering shows exactly that text. The rendered HTML is read
 * with a real DOM parser (linkedom), independently of the importer's own self-check.
 */
import { parseFrontmatter } from "@astrojs/internal-helpers/frontmatter"; // Astro's own frontmatter parser
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importScraped } from "../../src/import/import-article.ts";
import { renderInline, renderMarkdown } from "../../src/markdown/engine.ts";
import { foldSpace, parseDocument, textOf } from "../helpers/html.ts";

const HOSTILE = [
  "#",
  "##",
  "1.",
  "2016.",
  "3)",
  "-",
  "+",
  "*",
  "**",
  "_",
  "__",
  ">",
  "---",
  "***",
  "===",
  "`",
  "```",
  "~",
  "~~~",
  "|",
  "|---|",
  "<",
  "<b>",
  "</b>",
  "<script>",
  "<!--",
  "-->",
  "<div>",
  "&",
  "&amp;",
  "&lt;",
  "&#39;",
  "&#x27;",
  "&copy;",
  "&nbsp",
  "[",
  "]",
  "(",
  ")",
  "![",
  "](",
  "[text](https://x.org)",
  "[ref]:",
  "{{",
  "}}",
  "{%",
  "${",
  "\\",
  '"',
  "'",
  ":",
  ": ",
  "@",
  "a@b.org",
  "http://",
  "https://example.org/a_b",
  "www.",
  "www.example.org",
  "!",
  "^",
  "=",
  "%",
  "\t",
  "\u00a0",
  "é",
  "e\u0301",
  "中文",
  "عربي",
  "👩🏽‍💻",
  "\u200f",
  "\u200d",
  "“",
  "’",
];

const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 2, arbitrary: word });
const gap = fc.constantFrom("", "", " ", "  ");
/**
 * What the page shows for source text: the same characters, ordinary white space folded (a
 * no-break space is kept, as the README promises), in Unicode NFC.
 */
const shown = (text: string) => foldSpace(text).normalize("NFC");

/** One line of hostile text with at least one letter or digit, as a publisher could send it. */
const line = fc
  .array(fc.tuple(piece, gap), { minLength: 1, maxLength: 20 })
  // A line's ends are layout (an indented line is a figure), so no-break spaces sit inside it.
  .map((parts) => foldSpace(parts.map(([p, g]) => p + g).join("")).trim())
  .filter((text) => /[\p{L}\p{N}]/u.test(text));

/** A credit: what sits between the final brackets of a caption line. */
const credit = fc
  .array(fc.oneof(word, fc.constantFrom("&", "&amp;", "*", "_", "\\", '"', "<b>", "'", "-")), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.join(" "));

type Block = { kind: "p"; text: string } | { kind: "figure"; caption: string; credit: string };
const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 5, arbitrary: line.map((text) => ({ kind: "p" as const, text })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("figure" as const), caption: line, credit }) },
);

/** Scraped text in the publishers' layout, around the generated parts. */
function scraped(headline: string, standfirst: string, hero: { caption: string; credit: string }, body: Block[]) {
  const lines = [headline, "", headline, standfirst, "10 February, 2016", `${hero.caption} [${hero.credit}]`];
  // A plain first paragraph, so the body never starts with a figure line.
  lines.push("Lead.");
  for (const b of body) {
    if (b.kind === "p") lines.push("", b.text);
    else lines.push(`\u00a0 \t${b.caption} [${b.credit}]`); // inline figure: indented, no blank line after
  }
  return lines.join("\n");
}

const NO_MARKUP =
  "a, em, strong, code, pre, del, s, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr, table, img, br, script, b, div";

describe("importing hostile text (fast-check)", () => {
  it("renders every paragraph and figure back to the source's text, with no markup", () => {
    fc.assert(
      fc.property(
        line,
        line,
        fc.record({ caption: line, credit }),
        fc.array(block, { minLength: 1, maxLength: 12 }),
        (headline, standfirst, hero, body) => {
          // Our layout: a standfirst that is a date or a reading time would be read as one.
          fc.pre(!/^\d|min read/i.test(standfirst) && foldSpace(standfirst) !== foldSpace(headline));
          const result = importScraped(scraped(headline, standfirst, hero, body), {
            lang: "en",
            slug: "property",
            wordsPerMinute: 230,
          });

          const { frontmatter, content } = parseFrontmatter(result.markdown);
          expect(foldSpace(frontmatter["headline"])).toBe(shown(headline));
          expect(foldSpace(frontmatter["standfirst"])).toBe(shown(standfirst));
          expect(frontmatter["published"]).toBe("2016-02-10");
          const heroHtml = parseDocument(`<p>${renderInline(frontmatter["hero"].caption)}</p>`);
          expect(textOf(heroHtml.querySelector("p"))).toBe(shown(hero.caption));
          expect(heroHtml.querySelectorAll(NO_MARKUP)).toHaveLength(0);
          expect(foldSpace(frontmatter["hero"].credit)).toBe(shown(hero.credit));

          const doc = parseDocument(`<main>${renderMarkdown(content).html}</main>`);
          const rendered = [...doc.querySelectorAll("main > p, main > figure")].map((el) =>
            el.tagName === "P"
              ? { kind: "p", text: textOf(el) }
              : {
                  kind: "figure",
                  caption: textOf(el.querySelector(".figure-caption")),
                  credit: textOf(el.querySelector(".figure-credit")).replace(/^Credit: /, ""),
                },
          );
          const expected = [
            { kind: "p", text: "Lead." },
            ...body.map((b) =>
              b.kind === "p"
                ? { kind: "p", text: shown(b.text) }
                : { kind: "figure", caption: shown(b.caption), credit: shown(b.credit) },
            ),
          ];
          expect(rendered).toEqual(expected);
          expect(doc.querySelectorAll(NO_MARKUP)).toHaveLength(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
