/**
 * Dependencies with known XSS or ReDoS fixes stay at or above the fixed versions
 * (astro 7.3.2, marked 18.0.2). Reads what is installed, so it works offline; CI also
 * has registry access for `npm audit --omit=dev` (see README).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

function installed(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
}

function atLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.+-]/).slice(0, 3).map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

describe("security minimums", () => {
  it.each([
    ["astro", "7.3.2"],
    ["marked", "18.0.2"],
  ])("%s is at least %s", (name, minimum) => {
    expect(atLeast(installed(name), minimum), `${name} ${installed(name)}`).toBe(true);
  });

  it("compares versions numerically", () => {
    expect(atLeast("7.10.0", "7.3.2")).toBe(true);
    expect(atLeast("7.3.1", "7.3.2")).toBe(false);
    expect(atLeast("18.0.2", "18.0.2")).toBe(true);
  });
});
