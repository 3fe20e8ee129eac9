import { describe, expect, it } from "vitest";
import { isLanguageTag } from "../../src/model/language-tag.ts";

describe("isLanguageTag", () => {
  it.each(["en", "ar", "pt-BR", "en-GB", "az-Arab", "zh-Hant-TW"])("accepts %j", (tag) => {
    expect(isLanguageTag(tag)).toBe(true);
  });

  it.each(["english!", "", "xx-", "e", "en_GB", "qq-zz-zz"])("refuses %j", (tag) => {
    expect(isLanguageTag(tag)).toBe(false);
  });
});
