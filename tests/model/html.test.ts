import { describe, expect, it } from "vitest";
import { decodeEntities, escapeHtml, htmlToText } from "../../src/model/html.ts";

describe("escapeHtml", () => {
  it("escapes the five characters markup reads, and nothing else", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> — café`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; — café",
    );
  });

  it("is undone by decodeEntities", () => {
    const text = `&amp; <"'> &#39; AT&T`;
    expect(decodeEntities(escapeHtml(text))).toBe(text);
  });
});

describe("decodeEntities", () => {
  it("decodes named, decimal and hex references", () => {
    expect(decodeEntities("&amp;&lt;&gt;&quot;&apos;&#39;&#x41;&#66;&colon;&nbsp;&mdash;")).toBe("&<>\"''AB:\u00a0—");
  });

  it.each([
    ["zero", "&#0;"],
    ["a surrogate", "&#xD800;"],
    ["a low surrogate in decimal", "&#57343;"],
    ["past U+10FFFF", "&#x110000;"],
    ["far past U+10FFFF", "&#99999999999;"],
  ])("gives U+FFFD for a numeric reference to %s, as the HTML standard says", (_, ref) => {
    expect(decodeEntities(`a${ref}b`)).toBe("a\ufffdb");
  });

  it("maps the C1 range to windows-1252, as browsers do", () => {
    expect(decodeEntities("&#128;&#x99;")).toBe("€™");
  });

  it("keeps names it does not know, and names in the wrong case, as text", () => {
    expect(decodeEntities("&bogus; &COLON; &Amp;")).toBe("&bogus; &COLON; &Amp;");
  });

  it("leaves a reference without its ; before a letter alone in an attribute, not in text", () => {
    expect(decodeEntities("?a=1&copy=2")).toBe("?a=1©=2");
    expect(decodeEntities("?a=1&copy=2", { inAttribute: true })).toBe("?a=1&copy=2");
    expect(decodeEntities("&amp;x", { inAttribute: true })).toBe("&x");
  });
});

describe("htmlToText", () => {
  it("drops tags and comments, decodes references and folds whitespace", () => {
    expect(htmlToText("<p>One <em>two</em><!-- no -->\n three &amp; four&#0;</p>")).toBe("One two three & four\ufffd");
  });
});
