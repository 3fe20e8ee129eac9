import { describe, expect, it } from "vitest";
import { buildClock, CLOCK_ENV } from "../../src/model/clock.ts";
import { parsePubDate } from "../../src/model/dates.ts";
import { isBuilt, publicationState, showsContent } from "../../src/model/publication.ts";

const now = new Date("2026-12-01T09:00:00Z");

describe("publicationState", () => {
  it("holds a draft whatever its date", () => {
    expect(publicationState({ draft: true, published: parsePubDate("2016-02-10") }, now)).toBe("draft");
  });

  it("holds an article dated after the build's clock, and publishes it once the clock passes", () => {
    const article = { published: parsePubDate("2026-12-01T09:30+00:00") };
    expect(publicationState(article, now)).toBe("embargoed");
    expect(publicationState(article, new Date("2026-12-01T09:30:00Z"))).toBe("published");
  });

  it("reads a zone offset: 10:30+01:00 is 09:30 UTC", () => {
    expect(publicationState({ published: parsePubDate("2026-12-01T10:00+01:00") }, now)).toBe("published");
    expect(publicationState({ published: parsePubDate("2026-12-01T10:01+01:00") }, now)).toBe("embargoed");
  });

  it("marks a withdrawn article", () => {
    const withdrawn = { date: parsePubDate("2026-11-02"), reason: "Legal" };
    expect(publicationState({ published: parsePubDate("2026-11-01"), withdrawn }, now)).toBe("withdrawn");
  });
});

describe("what a build includes", () => {
  it("builds held articles only in a preview, and never shows a withdrawn article's text", () => {
    expect(isBuilt("draft", false)).toBe(false);
    expect(isBuilt("embargoed", false)).toBe(false);
    expect(isBuilt("draft", true)).toBe(true);
    expect(isBuilt("withdrawn", false)).toBe(true);
    expect(showsContent("withdrawn", true)).toBe(false);
    expect(showsContent("embargoed", true)).toBe(true);
    expect(showsContent("published", false)).toBe(true);
  });
});

describe("buildClock", () => {
  it("is the given time, or the fallback when unset", () => {
    expect(buildClock("2999-01-01T00:00Z", now).toISOString()).toBe("2999-01-01T00:00:00.000Z");
    expect(buildClock(undefined, now)).toBe(now);
    expect(buildClock("", now)).toBe(now);
  });

  it("refuses a value that is not a time, naming the variable", () => {
    expect(() => buildClock("tomorrow", now)).toThrow(new RegExp(`^${CLOCK_ENV}: "tomorrow" is not a date`));
    expect(() => buildClock("2026-02-30", now)).toThrow(/not a real calendar day/);
  });
});
