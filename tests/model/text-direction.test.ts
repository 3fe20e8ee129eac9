import { describe, expect, it } from "vitest";
import { textDirection } from "../../src/model/text-direction.ts";

describe("textDirection", () => {
  it.each([
    ["ar", "rtl"],
    ["ar-EG", "rtl"],
    ["fa", "rtl"],
    ["he", "rtl"],
    ["ur-PK", "rtl"],
    ["en", "ltr"],
    ["en-GB", "ltr"],
    ["fr", "ltr"],
    ["az-Arab", "rtl"],
    ["ku-Latn", "ltr"],
    ["pa-Arab-PK", "rtl"],
  ])("%s reads %s", (lang, dir) => {
    expect(textDirection(lang)).toBe(dir);
  });
});
