import { describe, expect, it } from "vitest";
import { readSwitch } from "../../src/model/switch.ts";

describe("an on/off setting from the environment", () => {
  it("is the default when unset or empty", () => {
    expect(readSwitch("SITE_ADMIN", undefined, true, "build /admin/")).toBe(true);
    expect(readSwitch("SITE_ADMIN", " ", true, "build /admin/")).toBe(true);
    expect(readSwitch("NEWSROOM_DEPLOY", "", false, "a build for deployment")).toBe(false);
  });
  it.each([
    ["1", true],
    ["TRUE", true],
    ["0", false],
    ["false", false],
  ])("reads %s as %s", (value, on) => {
    expect(readSwitch("SITE_ADMIN", value, !on, "build /admin/")).toBe(on);
  });
  it("refuses a value it would have to guess at, naming the variable", () => {
    expect(() => readSwitch("SITE_ADMIN", "no", true, "build /admin/")).toThrow(
      'SITE_ADMIN: "no" is not a setting: use 1 (build /admin/) or 0',
    );
  });
});
