import { XMLParser } from "fast-xml-parser";
import { SyntaxValidator } from "fast-xml-validator";
import { describe, expect, it } from "vitest";
import { atomFeed, feedItemId, jsonFeed, rfc3339, type FeedChannel, type FeedItem } from "../../src/formats/feeds.ts";
import { feedHtml } from "../../src/formats/feed-html.ts";

const channel: FeedChannel = {
  title: "Desk & Co <news>",
  description: "All the news",
  homeUrl: "https://example.org/",
  lang: "en",
  icon: "https://example.org/logo.png",
  feedUrls: {
    rss: "https://example.org/rss.xml",
    atom: "https://example.org/atom.xml",
    json: "https://example.org/feed.json",
  },
};
const item: FeedItem = {
  id: feedItemId("https://example.org", { precision: "day", iso: "2016-02-10" }, "a"),
  url: "https://example.org/articles/a/",
  title: `Kerry: "talks" <damaged> & ]]> more`,
  summary: "Standfirst",
  contentHtml: "<p>One &amp; two</p>",
  published: { precision: "day", iso: "2016-02-10" },
  updated: { precision: "time", iso: "2016-02-11T10:00:00+01:00" },
  categories: ["News", "Syria"],
  author: "Desk",
  lang: "en",
};

describe("feed ids and dates", () => {
  it("gives a tag: URI that depends on the host, first day and id only", () => {
    expect(item.id).toBe("tag:example.org,2016-02-10:/articles/a");
  });

  it("writes RFC 3339 times; a day counts from its start in UTC", () => {
    expect(rfc3339({ precision: "day", iso: "2016-02-10" })).toBe("2016-02-10T00:00:00Z");
    expect(rfc3339({ precision: "time", iso: "2016-02-11T10:00:00+01:00" })).toBe("2016-02-11T09:00:00Z");
  });
});

describe("atomFeed", () => {
  const xml = atomFeed(channel, [item]);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" }).parse(xml);

  it("is well-formed XML whatever the titles hold", () => {
    expect(SyntaxValidator.validate(xml)).toBe(true);
  });

  it("carries the entry's id, title, dates, link and full HTML content", () => {
    const entry = parsed.feed.entry;
    expect(parsed.feed.title).toBe(channel.title);
    expect(entry.id).toBe(item.id);
    expect(entry.title["#text"]).toBe(item.title);
    expect(entry.published).toBe("2016-02-10T00:00:00Z");
    expect(entry.updated).toBe("2016-02-11T09:00:00Z");
    expect(entry.link["@_href"]).toBe(item.url);
    expect(entry.content["@_type"]).toBe("html");
    expect(entry.content["#text"]).toBe(item.contentHtml);
    expect(parsed.feed.updated).toBe("2016-02-11T09:00:00Z");
  });
});

describe("jsonFeed", () => {
  it("is JSON Feed 1.1 with the full content", () => {
    const feed = JSON.parse(jsonFeed(channel, [item]));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items[0]).toMatchObject({
      id: item.id,
      title: item.title,
      content_html: item.contentHtml,
      date_published: "2016-02-10T00:00:00Z",
      date_modified: "2016-02-11T09:00:00Z",
      authors: [{ name: "Desk" }],
    });
  });
});

describe("feedHtml", () => {
  const base = "https://example.org/articles/a/";

  it("keeps text, figures, captions and credits; makes links and images absolute", () => {
    const html = feedHtml(
      `<figure class="figure" id="f"><picture><source srcset="/_astro/x.avif 360w"><img src="/_astro/x.jpg" alt="A" width="960" height="720" loading="lazy"></picture>` +
        `<figcaption><span class="figure-caption">Cap</span> <span class="figure-credit">Credit: Getty</span></figcaption></figure>` +
        `<p id="p-1">See <a href="../b/">this</a>.</p>`,
      base,
    );
    expect(html).toContain(`<img src="https://example.org/_astro/x.jpg" alt="A" width="960" height="720" />`);
    expect(html).not.toContain("<source");
    expect(html).not.toContain("loading=");
    expect(html).toContain(`<span class="figure-caption">Cap</span>`);
    expect(html).toContain(`<a href="https://example.org/articles/b/">this</a>`);
    expect(html).not.toContain(`id=`);
  });

  it("drops anything active", () => {
    const html = feedHtml(
      `<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src="data:image/svg+xml,<svg onload=alert(1)>"><iframe src="https://evil"></iframe></p>`,
      base,
    );
    expect(html).not.toMatch(/script|onclick|javascript:|data:|iframe|onload/i);
    expect(html).toContain("a");
  });
});
