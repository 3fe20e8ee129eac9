import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countWords, readingMinutes } from "../../src/model/reading-time.ts";
import { bodyReadingMinutes } from "../../src/views/article-text.ts";
import { renderMarkdown } from "../../src/markdown/engine.ts";
import { site } from "../../src/site.config.ts";

describe("reading time", () => {
  it("counts words, keeping contractions and hyphenated words whole", () => {
    expect(countWords('Russia\'s 17-nation group, re-started - but "terrorists".')).toBe(6);
    expect(countWords("  ")).toBe(0);
    expect(countWords("قال كيري يوم الثلاثاء")).toBe(4);
  });

  it("rounds up and never says zero", () => {
    expect(readingMinutes("", 230)).toBe(1);
    expect(readingMinutes("word ".repeat(230), 230)).toBe(1);
    expect(readingMinutes("word ".repeat(231), 230)).toBe(2);
    expect(() => readingMinutes("x", 0)).toThrow();
  });

  it("gives the seed article 3 minutes, as its source says", () => {
    const file = readFileSync(
      new URL("../../content/articles/russian-air-raids-damaging-syria-peace-talks-says-kerry.md", import.meta.url),
      "utf8",
    );
    const body = file.replace(/^---\n[\s\S]*?\n---\n/, "");
    expect(bodyReadingMinutes(renderMarkdown(body).html, site.wordsPerMinute)).toBe(3);
  });
});
