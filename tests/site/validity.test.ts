/** Every built page through the W3C Nu HTML checker (vnu-jar on Java): 0 errors, 0 warnings. */
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const vnuJar = createRequire(import.meta.url)("vnu-jar") as string;

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/**
 * vnu's Content-Security-Policy check is not a browser's, and is wrong for these pages in
 * three ways: it trims an inline <style>'s text before hashing it (browsers and the spec hash
 * the exact text, and Astro's CSS ends with a newline); it checks JSON-LD data blocks as if
 * they were scripts (browsers never run them); and checking files, it cannot match 'self'.
 * CSP is checked by a browser instead: tests/site/csp.test.ts loads every page in Chromium,
 * behind the site's headers, and fails on any violation.
 */
function isCspMessage(m: VnuMessage): boolean {
  return m.message.includes("violates Content Security Policy");
}

describe("HTML validity", () => {
  it("every built page has 0 errors and 0 warnings", async () => {
    const dist = inject("site");
    const pages = (await readdir(dist, { recursive: true }))
      .filter((f) => f.endsWith(".html"))
      .map((f) => join(dist, f));
    // Home, 404 and both articles at least: a checker given nothing would also report nothing.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // vnu exits non-zero when it finds errors; its JSON report (on stderr) is what we read.
    const result = await run("java", ["-jar", vnuJar, "--format", "json", ...pages], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(result.stderr || result.stdout) as { messages: VnuMessage[] };
    const problems = report.messages
      .filter((m) => m.type !== "info" || m.subType === "warning")
      .filter((m) => !isCspMessage(m))
      .map((m) => `${m.url?.replace(`file:${dist}`, "")}:${m.lastLine} ${m.type}: ${m.message}`);
    expect(problems).toEqual([]);
  });
});
