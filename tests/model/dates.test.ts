import { describe, expect, it } from "vitest";
import { ageNotice, compareNewestFirst, formatPubDate, parsePubDate, wholeYearsSince } from "../../src/model/dates.ts";

describe("parsePubDate", () => {
  it("keeps a day as a day: no invented time", () => {
    expect(parsePubDate("2016-02-10")).toEqual({ precision: "day", iso: "2016-02-10" });
    expect(parsePubDate(new Date("2016-02-10"))).toEqual({ precision: "day", iso: "2016-02-10" });
  });

  it("keeps a time with its zone", () => {
    expect(parsePubDate("2016-02-10T14:30+01:00")).toEqual({ precision: "time", iso: "2016-02-10T14:30+01:00" });
    expect(parsePubDate(new Date("2016-02-10T14:30:00Z"))).toEqual({ precision: "time", iso: "2016-02-10T14:30:00Z" });
  });

  it.each([
    "2026-02-30",
    "2026-13-45",
    "2026-00-10",
    "2025-02-29",
    "10 February, 2016",
    "2016-02-10T14:30",
    "",
    "2016-2-1",
  ])("refuses %j", (value) => {
    expect(() => parsePubDate(value)).toThrow();
  });

  it("accepts 29 February in a leap year", () => {
    expect(parsePubDate("2024-02-29").iso).toBe("2024-02-29");
  });

  it("refuses what is not a date", () => {
    expect(() => parsePubDate(20160210)).toThrow(/must be a date/);
    expect(() => parsePubDate(new Date("nope"))).toThrow();
  });
});

describe("formatPubDate", () => {
  it("shows the day as the reader expects", () => {
    expect(formatPubDate(parsePubDate("2016-02-10"), "en-GB", "UTC")).toBe("10 February 2016");
  });

  it("shows a known time in UTC", () => {
    expect(formatPubDate(parsePubDate("2016-02-10T14:30+01:00"), "en-GB", "UTC")).toBe("10 February 2016 at 13:30 UTC");
  });

  it("shows a known time in the site's time zone, naming it", () => {
    const date = parsePubDate("2016-02-10T14:30+01:00");
    expect(formatPubDate(date, "en-GB", "Europe/Paris")).toBe("10 February 2016 at 14:30 CET");
    expect(formatPubDate(date, "en-GB", "Asia/Tokyo")).toBe("10 February 2016 at 22:30 GMT+9");
  });

  it("keeps a day the day the source gave, whatever the time zone", () => {
    expect(formatPubDate(parsePubDate("2016-02-10"), "en-GB", "Pacific/Kiritimati")).toBe("10 February 2016");
  });
});

describe("age", () => {
  const seed = parsePubDate("2016-02-10");

  it("counts whole years like a birthday", () => {
    expect(wholeYearsSince(seed, new Date("2026-02-09T23:59:59Z"))).toBe(9);
    expect(wholeYearsSince(seed, new Date("2026-02-10T00:00:00Z"))).toBe(10);
    expect(wholeYearsSince(seed, new Date("2026-11-25T00:00:00Z"))).toBe(10);
  });

  it("says the seed is more than 10 years old in late 2026", () => {
    expect(ageNotice(seed, new Date("2026-11-25T00:00:00Z"), 1)).toBe("This article is more than 10 years old");
  });

  it("says nothing for a young article, and uses the singular for one year", () => {
    expect(ageNotice(parsePubDate("2026-06-01"), new Date("2026-11-25T00:00:00Z"), 1)).toBeNull();
    expect(ageNotice(parsePubDate("2025-06-01"), new Date("2026-11-25T00:00:00Z"), 1)).toBe(
      "This article is more than 1 year old",
    );
  });

  it("says it in the article's language, with Arabic's counted forms", () => {
    const now = new Date("2026-11-25T00:00:00Z");
    expect(ageNotice(seed, now, 1, "ar")).toBe("مضى على نشر هذا المقال أكثر من 10 سنوات");
    expect(ageNotice(parsePubDate("2025-06-01"), now, 1, "ar")).toBe("مضى على نشر هذا المقال أكثر من سنة");
    expect(ageNotice(parsePubDate("2024-06-01"), now, 1, "ar")).toBe("مضى على نشر هذا المقال أكثر من سنتين");
    expect(ageNotice(parsePubDate("2014-06-01"), now, 1, "ar")).toBe("مضى على نشر هذا المقال أكثر من 12 سنة");
  });
});

describe("compareNewestFirst", () => {
  it("orders newest first and breaks ties by key", () => {
    const items = [
      { id: "b", d: parsePubDate("2016-02-10") },
      { id: "c", d: parsePubDate("2020-01-01") },
      { id: "a", d: parsePubDate("2016-02-10") },
    ];
    items.sort((x, y) =>
      compareNewestFirst(
        x,
        y,
        (i) => i.d,
        (i) => i.id,
      ),
    );
    expect(items.map((i) => i.id)).toEqual(["c", "a", "b"]);
  });
});
