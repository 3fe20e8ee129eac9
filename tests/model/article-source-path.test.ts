import { describe, expect, it } from "vitest";
import { articleSourcePath } from "../../src/model/article-schema.ts";

describe("articleSourcePath", () => {
  it("is the file Astro's loader read, when it says", () => {
    expect(articleSourcePath({ id: "a", filePath: "content/articles/a/index.md" })).toBe("content/articles/a/index.md");
  });

  it("is the article folder's <id>.md otherwise", () => {
    expect(articleSourcePath({ id: "kerry-talks" })).toBe("content/articles/kerry-talks.md");
  });
});
