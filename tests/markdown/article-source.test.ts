import { describe, expect, it } from "vitest";
import { articleBodySource, figureImages, renderArticleSource } from "../../src/markdown/article-source.ts";
import { MarkdownError, renderMarkdown } from "../../src/markdown/engine.ts";

const FILE = "content/articles/a.md";
const article = (body: string) => `---\nheadline: "A"\npublished: "2016-02-10"\n---\n${body}`;

describe("an article's body, read from its file", () => {
  it("is what follows the frontmatter, trimmed, as Astro's loader hands it to a processor", () => {
    expect(articleBodySource(article("\n\nFirst paragraph.\n\nSecond.\n\n"))).toBe("First paragraph.\n\nSecond.");
  });

  it("is the whole file, trimmed, when there is no frontmatter", () => {
    expect(articleBodySource("\nJust text.\n")).toBe("Just text.");
  });

  it("renders as the engine renders the body alone, in the article's language", () => {
    const body = 'Words.\n\n![Smoke](./smoke.jpg "Smoke rises [Getty]")\n\nMore.';
    expect(renderArticleSource(article(`\n${body}\n`), FILE, "ar").html).toBe(
      renderMarkdown(body, { lang: "ar" }).html,
    );
    expect(renderArticleSource(article(body), FILE, "ar").html).not.toBe(renderMarkdown(body, { lang: "en" }).html);
  });

  it("names the file and the line in the file of a Markdown error", () => {
    // Four lines of frontmatter, a blank line, a paragraph, a blank line: the figure is on line 8.
    const source = article('\nFirst.\n\n![](./x.jpg "Caption [Getty]")\n');
    expect(() => renderArticleSource(source, FILE, "en")).toThrow(MarkdownError);
    expect(() => renderArticleSource(source, FILE, "en")).toThrow(
      /^content\/articles\/a\.md:8: the figure image "\.\/x\.jpg" needs alt text/,
    );
  });
});

describe("the images a body's figures show", () => {
  it("lists each figure's image in order, leaving out figures without a photo", () => {
    const rendered = renderMarkdown(
      '![One](./one.jpg "First [AP]")\n\n![](<> "No photo [Getty]")\n\n![Two](two/b.png "Second [AFP]")',
    );
    expect(figureImages(rendered)).toEqual([
      { src: "./one.jpg", alt: "One" },
      { src: "two/b.png", alt: "Two" },
    ]);
  });
});
