import { describe, expect, it } from "vitest";
import { astroHeapOptions } from "../../src/build/heap-limit.ts";

const GiB = 2 ** 30;

describe("astroHeapOptions", () => {
  it("gives Astro three quarters of an 8 GB machine, above V8's 4 GiB default", () => {
    expect(astroHeapOptions(8 * GiB, 4 * GiB)).toEqual(["--max-old-space-size=6144"]);
  });

  it("stops at 6 GiB on a larger machine", () => {
    expect(astroHeapOptions(24 * GiB, 4 * GiB)).toEqual(["--max-old-space-size=6144"]);
  });

  it("keeps V8's default on a machine where three quarters would be less", () => {
    expect(astroHeapOptions(4 * GiB, 4 * GiB)).toEqual([]);
  });

  it("keeps the publisher's own limit from NODE_OPTIONS", () => {
    expect(astroHeapOptions(32 * GiB, 4 * GiB, "--enable-source-maps --max-old-space-size=3000")).toEqual([]);
    expect(astroHeapOptions(32 * GiB, 4 * GiB, "--max-old-space-size 3000")).toEqual([]);
  });

  it("does not mistake another option for a heap limit", () => {
    expect(astroHeapOptions(32 * GiB, 4 * GiB, "--max-semi-space-size=64")).toEqual(["--max-old-space-size=6144"]);
  });
});
