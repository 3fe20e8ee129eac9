import { describe, expect, it } from "vitest";
import type { PubDate } from "../../src/lib/dates.ts";
import { slugify } from "../../src/lib/slug.ts";
import { related, sections, tags, years, type Classified } from "../../src/lib/taxonomy.ts";

const day = (iso: string): PubDate => ({ precision: "day", iso });
const a = (id: string, iso: string, section: string, tagList: string[]): Classified => ({
  id,
  data: { section, tags: tagList, published: day(iso) },
});

const articles = [
  a("old", "2015-05-01", "News", ["Syria", "Russia"]),
  a("new", "2016-02-10", "News", ["Syria", "Russia", "United States"]),
  a("other", "2016-03-01", "Sport", ["Football"]),
  a("mid", "2016-01-01", "news", ["syria"]),
];

describe("slugify", () => {
  it.each([
    ["United States", "united-states"],
    ["  Syria's war ", "syrias-war"],
    ["سوريا", "سوريا"],
    ["Côte d’Ivoire", "côte-divoire"],
    ["C++ / Rust", "c-rust"],
  ])("%j → %j", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe("groups", () => {
  it("merges names that share a slug, newest first within each group", () => {
    const news = sections(articles).find((g) => g.slug === "news")!;
    expect(news.articles.map((x) => x.id)).toEqual(["new", "mid", "old"]);
    expect(tags(articles).find((g) => g.slug === "syria")!.articles).toHaveLength(3);
  });

  it("lists years newest first", () => {
    expect(years(articles).map((g) => [g.slug, g.articles.length])).toEqual([
      ["2016", 3],
      ["2015", 1],
    ]);
  });
});

describe("related", () => {
  it("ranks by shared tags, then newest; never the article itself or unrelated ones", () => {
    const [old, recent, , mid] = articles;
    expect(related(old!, articles).map((x) => x.id)).toEqual(["new", "mid"]);
    expect(related(recent!, articles).map((x) => x.id)).toEqual(["old", "mid"]);
    expect(related(mid!, articles, 1).map((x) => x.id)).toEqual(["new"]);
    expect(related(articles[2]!, articles)).toEqual([]);
  });
});
