import { describe, expect, it } from "vitest";
import { lineAt } from "../../src/model/lines.ts";

describe("lineAt", () => {
  it("counts the line an offset is on from 1, the newline belonging to its own line", () => {
    const text = "one\ntwo\n\nfour";
    expect(lineAt(text, 0)).toBe(1);
    expect(lineAt(text, 3)).toBe(1);
    expect(lineAt(text, 4)).toBe(2);
    expect(lineAt(text, text.indexOf("four"))).toBe(4);
  });

  it("stops at the end of the text", () => {
    expect(lineAt("a\nb", 99)).toBe(2);
  });
});
