import { describe, expect, it } from "vitest";
import { frontPage } from "../../src/views/front-page.ts";

const story = (id: string, day: number, section = "News", featured = false) => ({
  id,
  data: {
    section,
    tags: [],
    published: { precision: "day" as const, iso: `2026-01-${String(day).padStart(2, "0")}` },
    featured,
  },
});
const ids = (list: Array<{ id: string }>) => list.map((a) => a.id);
const sizes = { secondary: 2, latest: 2, perSection: 2 };

describe("frontPage", () => {
  it("leads with the newest story when none is featured", () => {
    const page = frontPage([story("a", 1), story("b", 3), story("c", 2)], [], sizes);
    expect(page.lead?.id).toBe("b");
    expect(ids(page.secondary)).toEqual(["c", "a"]);
  });

  it("leads with the newest featured story, other featured ones next, older or not", () => {
    const page = frontPage(
      [story("new", 9), story("old-feature", 1, "News", true), story("feature", 5, "News", true), story("mid", 7)],
      [],
      sizes,
    );
    expect(page.lead?.id).toBe("feature");
    expect(ids(page.secondary)).toEqual(["old-feature", "new"]);
    expect(ids(page.latest)).toEqual(["mid"]);
  });

  it("shows no story twice, and a block per named section with stories left, in the order named", () => {
    const all = [
      story("n1", 9),
      story("n2", 8),
      story("n3", 7),
      story("n4", 6),
      story("w1", 5, "World"),
      story("w2", 4, "World"),
      story("w3", 3, "World"),
      story("n5", 2),
    ];
    const page = frontPage(all, ["World", "News", "Sport"], sizes);
    expect(page.lead?.id).toBe("n1");
    expect(ids(page.latest)).toEqual(["n4", "w1"]);
    expect(page.sections.map((s) => [s.name, s.slug, ids(s.articles)])).toEqual([
      ["World", "world", ["w2", "w3"]],
      ["News", "news", ["n5"]],
    ]);
  });

  it("has no lead on an empty site", () => {
    expect(frontPage([], ["News"], sizes)).toEqual({ lead: undefined, secondary: [], latest: [], sections: [] });
  });
});
