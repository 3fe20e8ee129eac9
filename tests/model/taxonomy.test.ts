import { describe, expect, it } from "vitest";
import type { PubDate } from "../../src/model/dates.ts";
import { topicSlug } from "../../src/model/slug.ts";
import { relatedIndex, sections, tags, years, type Classified } from "../../src/model/taxonomy.ts";

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

describe("topicSlug", () => {
  it.each([
    ["United States", "united-states"],
    ["  Syria's war ", "syrias-war"],
    ["سوريا", "سوريا"],
    ["Côte d’Ivoire", "côte-divoire"],
    // Symbols that tell topics apart are spelled out: "C", "C++" and "C#" are three pages.
    ["C++ / Rust", "c-plus-plus-rust"],
    ["C++", "c-plus-plus"],
    ["C#", "c-sharp"],
    ["c#", "c-sharp"],
    ["C", "c"],
    ["Disney+", "disney-plus"],
    ["#MeToo", "metoo"],
  ])("%j → %j", (name, slug) => expect(topicSlug(name)).toBe(slug));
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

describe("relatedIndex", () => {
  const ids = (index: Map<string, Classified[]>, id: string) => index.get(id)!.map((x) => x.id);

  it("ranks by shared tags, then newest; never the article itself or unrelated ones", () => {
    const index = relatedIndex(articles);
    expect(ids(index, "old")).toEqual(["new", "mid"]);
    expect(ids(index, "new")).toEqual(["old", "mid"]);
    expect(ids(index, "other")).toEqual([]);
    expect(ids(relatedIndex(articles, 1), "mid")).toEqual(["new"]);
  });

  it("keeps only the best few when many share a tag", () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      a(
        `a${String(i).padStart(2, "0")}`,
        `2020-01-${String((i % 28) + 1).padStart(2, "0")}`,
        "News",
        i % 2 ? ["x", "y"] : ["x"],
      ),
    );
    const best = ids(relatedIndex(many, 3), "a01");
    // a01 has x and y: the three newest others with both tags come first.
    expect(best).toHaveLength(3);
    for (const id of best) expect(many.find((m) => m.id === id)!.data.tags).toEqual(["x", "y"]);
    const newestBoth = many
      .filter((m) => m.id !== "a01" && m.data.tags.length === 2)
      .sort((p, q) => q.data.published.iso.localeCompare(p.data.published.iso) || p.id.localeCompare(q.id))
      .slice(0, 3)
      .map((m) => m.id);
    expect(best).toEqual(newestBoth);
  });
});
