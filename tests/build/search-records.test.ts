/** The document the search index reads for an article (src/build/search-records.ts): its own words, nothing of the page. */
import { describe, expect, it } from "vitest";
import { searchDocument } from "../../src/build/search-records.ts";

const article = `---
headline: "Kerry <warns> on talks"
standfirst: "Peace talks in Geneva stall."
published: "2016-02-10"
section: "News"
tags: ["Syria", "Diplomacy"]
byline: "Jane Doe"
hero:
  caption: "Delegates arrive"
  credit: "Getty"
---

Lavrov said the talks would go on.

# What comes next

A second round is planned.
`;

describe("searchDocument", () => {
  const html = searchDocument(article, "content/articles/kerry.md", "ar");

  it("holds the headline as the title, escaped, and the standfirst, byline, caption, body and topics", () => {
    expect(html).toContain("<h1>Kerry &lt;warns&gt; on talks</h1>");
    for (const words of [
      "Peace talks in Geneva stall.",
      "Jane Doe",
      "Delegates arrive [Getty]",
      "Lavrov said the talks would go on.",
      "Syria, Diplomacy",
      "<p>News</p>",
    ])
      expect(html).toContain(words);
  });

  it("keeps the page's heading ids, so a result can point into the article", () => {
    expect(html).toMatch(/<h2 id="what-comes-next">What comes next<\/h2>/);
  });

  it("is in the site's language, the index the search page reads", () => {
    expect(html).toContain('<html lang="ar">');
  });

  it("names the file and line of a file it cannot read", () => {
    expect(() => searchDocument("no frontmatter", "content/articles/x.md", "en")).toThrow(
      /^content\/articles\/x\.md:1: /,
    );
  });
});
