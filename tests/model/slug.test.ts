import { describe, expect, it } from "vitest";
import {
  ENTRY_ID_SEGMENT_RE,
  IMPORT_SLUG_RE,
  entryId,
  headingSlug,
  importSlug,
  topicSlug,
} from "../../src/model/slug.ts";

describe("each slug rule", () => {
  it.each([
    // name, topic page, entry id, import file name, heading id
    ["Café Society", "café-society", "café-society", "cafe-society", "cafe-society"],
    ["C++ news", "c-plus-plus-news", "c-news", "c-news", "c-news"],
    ["سوريا اليوم", "سوريا-اليوم", "سوريا-اليوم", "", "سوريا-اليوم"],
    ["Kerry's talks", "kerrys-talks", "kerrys-talks", "kerrys-talks", "kerry-s-talks"],
    ["!!!", "", "", "", "section"],
  ])("%j: topic %j, entry %j, import %j, heading %j", (name, topic, entry, imported, heading) => {
    expect(topicSlug(name)).toBe(topic);
    expect(entryId(`${name}.md`)).toBe(entry);
    expect(importSlug(name)).toBe(imported);
    expect(headingSlug(name)).toBe(heading);
  });
});

describe("entryId", () => {
  it("names a folder's index file by its folder, and keeps inner folders", () => {
    expect(entryId("kerry/index.md")).toBe("kerry");
    expect(entryId("2016/Kerry Talks.md")).toBe("2016/kerry-talks");
  });
});

describe("the slug patterns", () => {
  it("accepts as a former address what entryId makes, and no path or upper case", () => {
    for (const ok of ["old-headline", "café-society", "سوريا-اليوم", "2016_x"])
      expect(ENTRY_ID_SEGMENT_RE.test(ok)).toBe(true);
    for (const bad of ["Old", "a/b", "a.b", "", "a b"]) expect(ENTRY_ID_SEGMENT_RE.test(bad)).toBe(false);
  });

  it("accepts as an import slug only ASCII words joined by single hyphens", () => {
    expect(IMPORT_SLUG_RE.test("kerry-talks-2016")).toBe(true);
    for (const bad of ["café", "a--b", "-a", "a-", "A", "a_b", ""]) expect(IMPORT_SLUG_RE.test(bad)).toBe(false);
  });

  it("accepts what importSlug makes", () => {
    expect(IMPORT_SLUG_RE.test(importSlug("Russian air raids, says Kerry — “peace” 2016!"))).toBe(true);
  });
});
