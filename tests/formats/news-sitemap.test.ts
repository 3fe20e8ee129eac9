import { XMLParser } from "fast-xml-parser";
import { SyntaxValidator } from "fast-xml-validator";
import { describe, expect, it } from "vitest";
import { newsSitemap, robotsTxt } from "../../src/formats/news-sitemap.ts";
import { pageLastModified } from "../../src/formats/page-dates.ts";

const now = new Date("2026-11-25T12:00:00Z");
const entry = (iso: string, title = "T") => ({
  url: `https://example.org/articles/${iso}/`,
  title,
  lang: "en-GB",
  published: iso.length === 10 ? ({ precision: "day", iso } as const) : ({ precision: "time", iso } as const),
});

describe("newsSitemap", () => {
  it("holds only articles of the last two days", () => {
    const xml = newsSitemap(
      [
        entry("2026-11-25T08:00:00Z", "Today & <now>"),
        entry("2026-11-23T12:00:00Z"),
        entry("2026-11-23T11:59:00Z"),
        entry("2016-02-10"),
      ],
      "Desk",
      now,
    );
    expect(SyntaxValidator.validate(xml)).toBe(true);
    const urls = [new XMLParser().parse(xml).urlset.url].flat();
    expect(urls.map((u: { loc: string }) => u.loc)).toEqual([
      "https://example.org/articles/2026-11-25T08:00:00Z/",
      "https://example.org/articles/2026-11-23T12:00:00Z/",
    ]);
    expect(urls[0]["news:news"]["news:title"]).toBe("Today & <now>");
    expect(urls[0]["news:news"]["news:publication"]["news:language"]).toBe("en");
  });

  it("is an empty, valid urlset when nothing is that recent", () => {
    const xml = newsSitemap([entry("2016-02-10")], "Desk", now);
    expect(SyntaxValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"`);
    expect(xml).not.toContain("<url>");
  });
});

describe("robotsTxt and page dates", () => {
  it("names every sitemap", () => {
    expect(robotsTxt(["https://e.org/a.xml", "https://e.org/b.xml"])).toContain("Sitemap: https://e.org/b.xml\n");
  });

  it("reads the last change from a page's own meta tags", () => {
    const published = `<meta property="article:published_time" content="2016-02-10">`;
    expect(pageLastModified(published)?.toISOString()).toBe("2016-02-10T00:00:00.000Z");
    const updated = `${published}<meta property="article:modified_time" content="2016-02-11T10:00:00+01:00">`;
    expect(pageLastModified(updated)?.toISOString()).toBe("2016-02-11T09:00:00.000Z");
    expect(pageLastModified("<p>no dates</p>")).toBeUndefined();
  });
});
