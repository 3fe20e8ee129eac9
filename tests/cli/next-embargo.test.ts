/** `npm run next-embargo`: what a scheduled rebuild asks before it builds. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "newsroom-embargo-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(...args: string[]): Promise<{ code: number; stdout: string; ms: number }> {
  const began = performance.now();
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(projectRoot, "src/cli/next-embargo.ts"), "--articles", dir, ...args],
      (error, stdout) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, ms: performance.now() - began }),
    );
  });
}

const article = (headline: string, published: string) =>
  `---\nheadline: "${headline}"\nstandfirst: "S."\npublished: "${published}"\nsection: "News"\n---\n\nBody.\n`;

describe("npm run next-embargo", () => {
  it("prints the next embargo, in UTC, with its file and headline; nothing when none is ahead", async () => {
    await writeFile(join(dir, "old.md"), article("Old", "2016-02-10"));
    expect((await run()).stdout).toBe("");
    await writeFile(join(dir, "later.md"), article("Later", "2999-01-02T09:00+01:00"));
    await writeFile(join(dir, "sooner.md"), article("Sooner", "2999-01-01T09:00+01:00"));
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2999-01-01T08:00:00\.000Z\t.*sooner\.md\tSooner\n$/);
  });

  it("--wait waits until an embargo within the window lifts, and not for one beyond it", async () => {
    const soon = new Date(Date.now() + 3000).toISOString().replace(/\.\d+Z$/, "Z");
    await writeFile(join(dir, "soon.md"), article("Soon", soon));
    const waited = await run("--wait", "15");
    expect(waited.stdout).toContain("Waiting");
    expect(waited.ms).toBeGreaterThan(1000);
    await writeFile(join(dir, "soon.md"), article("Soon", "2999-01-01T09:00Z"));
    const notWaited = await run("--wait", "15");
    expect(notWaited.stdout).toBe("");
  });

  it("refuses a window that is not a number of minutes", async () => {
    expect((await run("--wait", "soon")).code).toBe(2);
  });
});
