import { describe, expect, it } from "vitest";
import { formatEmbargo, nextEmbargo, waitForEmbargo } from "../../src/build/next-embargo.ts";

const now = new Date("2030-01-01T08:50:00Z");
const article = (file: string, published: unknown, extra: Record<string, unknown> = {}) => ({
  file,
  data: { headline: `Headline of ${file}`, published, ...extra },
});

describe("nextEmbargo", () => {
  it("is the earliest publication time still ahead of the clock", () => {
    const next = nextEmbargo(
      [
        article("past.md", "2016-02-10"),
        article("later.md", "2030-01-02T09:00+00:00"),
        article("soon.md", "2030-01-01T10:00+01:00"),
        article("lifted.md", "2030-01-01T08:50Z"),
      ],
      now,
    );
    expect(next).toEqual({ file: "soon.md", headline: "Headline of soon.md", at: new Date("2030-01-01T09:00:00Z") });
  });

  it("counts a day from its start, in UTC", () => {
    expect(nextEmbargo([article("day.md", "2030-01-02")], now)?.at).toEqual(new Date("2030-01-02T00:00:00Z"));
  });

  it("passes over drafts and dates that do not parse (the content check reports those)", () => {
    const articles = [
      article("draft.md", "2030-01-01T09:00Z", { draft: true }),
      article("typo.md", "2030-13-45"),
      { file: "empty.md", data: undefined },
    ];
    expect(nextEmbargo(articles, now)).toBeUndefined();
  });
});

describe("waitForEmbargo", () => {
  const next = { file: "soon.md", headline: "Soon", at: new Date("2030-01-01T09:00:00Z") };

  it("waits until the embargo when it lifts before the schedule's next run", () => {
    expect(waitForEmbargo(next, now, 15)).toBe(10 * 60_000);
  });
  it("does not wait for an embargo the next run will see", () => {
    expect(waitForEmbargo(next, now, 5)).toBe(0);
    expect(waitForEmbargo(undefined, now, 15)).toBe(0);
  });
});

it("formats an embargo as one tab-separated line, in UTC", () => {
  expect(formatEmbargo({ file: "a.md", headline: "A", at: new Date("2030-01-01T09:00+01:00") })).toBe(
    "2030-01-01T08:00:00.000Z\ta.md\tA",
  );
});
