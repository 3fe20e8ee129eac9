import { describe, expect, it } from "vitest";
import { formatSummary, median, pairedRatios, summarize } from "./stats.ts";

describe("median", () => {
  it("is the middle value of an odd count, whatever the order", () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([5])).toBe(5);
  });

  it("is the mean of the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses no values rather than making one up", () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("gives the median, the spread and how many runs", () => {
    expect(summarize([12, 9, 30])).toEqual({ median: 12, min: 9, max: 30, runs: 3 });
  });
});

describe("pairedRatios", () => {
  it("divides each run by the baseline run of its own pair", () => {
    // The machine ran at half speed in the second pair: the ratio stays 2.
    expect(pairedRatios([20, 40, 22], [10, 20, 11])).toEqual([2, 2, 2]);
  });

  it("skips a pair with a failed side instead of pairing runs from different pairs", () => {
    expect(pairedRatios([20, undefined, 30], [10, 20, undefined])).toEqual([2]);
  });

  it("refuses sides of different lengths", () => {
    expect(() => pairedRatios([1, 2], [1])).toThrow(RangeError);
  });
});

describe("formatSummary", () => {
  it("writes the median and then the spread", () => {
    expect(formatSummary(summarize([1.234, 1.5, 2]), { digits: 2, unit: "×" })).toBe("1.50× (1.23–2.00)");
  });

  it("writes one run without a spread, and thousands with separators", () => {
    expect(formatSummary(summarize([1234.4]), { digits: 0, unit: " MiB" })).toBe("1,234 MiB");
  });

  it("says failed when no run succeeded", () => {
    expect(formatSummary(undefined, { digits: 1, unit: " s" })).toBe("failed");
    expect(formatSummary(undefined, { digits: 1, unit: " s", missing: "not run" })).toBe("not run");
  });
});
