import { describe, expect, it } from "vitest";
import { inlineLinks, MarkdownError, renderInline, renderMarkdown, safeUrl } from "../../src/markdown/engine.ts";
import { findFigureImages, parseFigureTitle } from "../../src/markdown/figures.ts";

const html = (md: string) => renderMarkdown(md).html;

describe("paragraphs", () => {
  it("gives every paragraph a stable, ordinal id", () => {
    const out = html("One.\n\nTwo.\n\nThree.");
    expect(out).toBe('<p id="p-1">One.</p>\n<p id="p-2">Two.</p>\n<p id="p-3">Three.</p>\n');
    expect(html("One.\n\nTwo.\n\nThree.")).toBe(out);
  });

  it("does not count figures as paragraphs", () => {
    const out = html('One.\n\n![](<> "A caption [Getty]")\n\nTwo.');
    expect(out).toContain('<p id="p-1">One.</p>');
    expect(out).toContain('<p id="p-2">Two.</p>');
  });

  it("keeps headings below the page's h1 and gives them ids", () => {
    const { html: out, headings } = renderMarkdown("# Top\n\n## Sub\n\n## Sub");
    expect(out).toContain('<h2 id="top">Top</h2>');
    expect(out).toContain('<h2 id="sub-2">Sub</h2>');
    expect(headings.map((h) => h.slug)).toEqual(["top", "sub", "sub-2"]);
  });
});

describe("figures", () => {
  it("renders a figure without an image: caption and credit, no img, never inside a p", () => {
    const out = html('![](<> "Thousands have fled Aleppo becasue of Russian air raids [Getty]")');
    expect(out).toMatch(/^<figure class="figure figure--no-image" id="figure-1">/);
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<p");
    expect(out).toContain(
      '<span class="figure-caption">Thousands have fled Aleppo becasue of Russian air raids</span>',
    );
    expect(out).toContain('<span class="figure-credit"><span class="figure-credit-label">Credit:</span> Getty</span>');
    expect(out).toContain("(Photo not available)");
  });

  it("leaves a marker for an image figure, carrying its path and alt text", () => {
    const { html: out, figures } = renderMarkdown('![Smoke over a city](./smoke.jpg "Smoke over *Aleppo* [Reuters]")');
    expect(figures).toEqual([
      {
        caption: "Smoke over *Aleppo*",
        credit: "Reuters",
        image: { src: "./smoke.jpg", alt: "Smoke over a city" },
        captionHtml: "Smoke over <em>Aleppo</em>",
        captionText: "Smoke over Aleppo",
        creditText: "Reuters",
      },
    ]);
    expect(findFigureImages(out)).toEqual([{ src: "./smoke.jpg", alt: "Smoke over a city" }]);
    expect(out).toContain('<span class="figure-caption">Smoke over <em>Aleppo</em></span>');
    expect(out).not.toContain("figure--no-image");
  });

  it("refuses an image without alt text, naming the line", () => {
    expect(() => renderMarkdown('Text.\n\n![](./a.jpg "Cap [Getty]")')).toThrow(/line 3: .*needs alt text/);
  });

  it("refuses a figure without a credit", () => {
    expect(() => renderMarkdown('![Alt](./a.jpg "Just a caption")')).toThrow(MarkdownError);
  });

  it("refuses remote image URLs and images inside running text", () => {
    expect(() => renderMarkdown('![Alt](https://x.test/a.jpg "Cap [Getty]")')).toThrow(/not a URL/);
    expect(() => renderMarkdown('Look ![Alt](./a.jpg "Cap [Getty]") here')).toThrow(/stand alone/);
  });

  it("keeps brackets inside a caption as caption text", () => {
    expect(parseFigureTitle("a sign saying [Stop] in Idlib [Reuters]")).toEqual({
      caption: "a sign saying [Stop] in Idlib",
      credit: "Reuters",
    });
    expect(parseFigureTitle("no credit here")).toBeNull();
    expect(parseFigureTitle("[Getty]")).toBeNull();
  });
});

describe("raw HTML and unsafe URLs", () => {
  it("shows block HTML as visible text", () => {
    const out = html("<script>alert(1)</script>");
    expect(out).toBe('<p id="p-1">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it("shows inline HTML as visible text", () => {
    const out = html('Hello <img src=x onerror="alert(1)"> and <b>bold</b>');
    expect(out).not.toMatch(/<img|<b>/);
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
  ])("never emits the link %j", (url) => {
    expect(safeUrl(url)).toBeNull();
    const out = html(`[click](<${url}>)`);
    expect(out).not.toMatch(/href/);
    expect(out).toContain("click");
  });

  it("keeps ordinary links", () => {
    for (const url of ["https://example.org/a?b=1&c=2", "/articles/x/", "#p-2", "mailto:desk@example.org"]) {
      expect(safeUrl(url)).toBe(url);
    }
    expect(html("[BBC](https://www.bbc.co.uk/news)")).toContain('<a href="https://www.bbc.co.uk/news">BBC</a>');
  });

  it("applies the same rules to inline caption text", () => {
    expect(renderInline("Cap <script>x</script> [a](javascript:x)")).toBe("Cap &lt;script&gt;x&lt;/script&gt; a");
  });
});

describe("what the engine reports of a body", () => {
  it("reports every figure it wrote, in order, with plain caption, credit and image", () => {
    const source = [
      "First paragraph.",
      "",
      '![A dark square](./inline.jpg "An *inline* photo, captioned & <b>escaped</b> [Fixture & Co]")',
      "",
      "Second paragraph.",
      "",
      '![](<> "A sign saying [Stop] in Idlib [Reuters]")',
    ].join("\n");
    const { figures } = renderMarkdown(source);
    expect(
      figures.map(({ captionText, creditText, image }) => ({ caption: captionText, credit: creditText, image })),
    ).toEqual([
      {
        caption: "An inline photo, captioned & <b>escaped</b>",
        credit: "Fixture & Co",
        image: { src: "./inline.jpg", alt: "A dark square" },
      },
      { caption: "A sign saying [Stop] in Idlib", credit: "Reuters", image: undefined },
    ]);
    expect(figures.map((f) => f.credit)).toEqual(["Fixture & Co", "Reuters"]);
  });

  it("lists its paragraphs and figures in the order they stand, with each paragraph's id and text", () => {
    const { blocks } = renderMarkdown(
      'One *and* A&amp;B.\n\n![](<> "Cap [AP]")\n\n<div>raw</div>\n\n- item\n\n  in a list',
    );
    expect(blocks.map((b) => (b.kind === "paragraph" ? [b.id, b.text, b.html] : [b.kind, b.captionText]))).toEqual([
      ["p-1", "One and A&B.", "One <em>and</em> A&amp;B."],
      ["figure", "Cap"],
      ["p-2", "<div>raw</div>", "&lt;div&gt;raw&lt;/div&gt;"],
      ["p-3", "item", "item"],
      ["p-4", "in a list", "in a list"],
    ]);
  });

  it("reports every link target it wrote, captions' too, and none it refused", () => {
    const { links } = renderMarkdown(
      [
        "[a](https://example.org/?a=1&b=2) and [b](javascript:alert(1)).",
        "",
        "## A [heading](#p-1)",
        "",
        '![](<> "A [captioned](/articles/x/) photo [AP]")',
      ].join("\n"),
    );
    expect(links).toEqual(["https://example.org/?a=1&b=2", "#p-1", "/articles/x/"]);
    expect(inlineLinks("A [hero](../y/) caption, [bad](javascript:x)")).toEqual(["../y/"]);
  });

  it("reports every element id it wrote", () => {
    const { ids } = renderMarkdown('## Intro\n\nText.\n\n![](<> "Cap [AP]")\n\n## Intro');
    expect(ids.sort()).toEqual(["figure-1", "intro", "intro-2", "p-1"]);
  });
});
