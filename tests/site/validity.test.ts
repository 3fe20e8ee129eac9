/** Every built page through the W3C Nu HTML checker (vnu-jar on Java): 0 errors. */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
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

describe("HTML validity", () => {
  it("every built page has 0 errors and 0 warnings", async () => {
    const dist = inject("site");
    // vnu exits non-zero when it finds errors; its JSON report is what we read.
    const result = await run(
      "java",
      ["-jar", vnuJar, "--format", "json", "--skip-non-html", "--also-check-svg", dist],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(result.stderr || result.stdout) as { messages: VnuMessage[] };
    const problems = report.messages
      .filter((m) => m.type === "error" || (m.type === "info" && m.subType === "warning"))
      .map(
        (m) =>
          `${m.url?.replace(`file:${dist}`, "")}:${m.lastLine} ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}`,
      );
    expect(problems).toEqual([]);
    // It really read the pages: a checker that saw nothing would also report nothing.
    expect(report.messages.length === 0 || report.messages.every((m) => m.url)).toBe(true);
  });
});
