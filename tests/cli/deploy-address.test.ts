/**
 * The placeholder site address as a publisher meets it: `npm run check` and
 * `npm run nginx-config` warn; with --deploy or NEWSROOM_DEPLOY=1 they, and `npm run build`,
 * refuse it before doing anything. (A plain `npm run build` only warns: the site tests
 * build with the placeholder.)
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cli: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  // The test's own settings only: a SITE_URL or NEWSROOM_DEPLOY in the caller's shell would change the verdict.
  const inherited = { ...process.env };
  delete inherited.SITE_URL;
  delete inherited.NEWSROOM_DEPLOY;
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(projectRoot, "src/cli", cli), ...args],
      { cwd: projectRoot, env: { ...inherited, ...env, NO_COLOR: "1" } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const PLACEHOLDER =
  /src\/site\.config\.ts:\d+: (warning: )?site\.url: "https:\/\/example\.org" is a placeholder address/;

describe("the placeholder site address", () => {
  it("npm run check warns about it, naming src/site.config.ts and SITE_URL, and passes", async () => {
    const result = await run("check.ts", [], {});
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(PLACEHOLDER);
    expect(result.stderr).toMatch(/src\/site\.config\.ts:\d+: warning: /);
    expect(result.stderr).toContain("SITE_URL");
  });

  it("npm run check fails on it with NEWSROOM_DEPLOY=1, and passes a real address", async () => {
    const refused = await run("check.ts", [], { NEWSROOM_DEPLOY: "1" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(PLACEHOLDER);
    const real = await run("check.ts", ["--deploy"], { SITE_URL: "https://news.wiredesk.net" });
    expect(real.stderr).not.toContain("placeholder");
    expect(real.code).toBe(0);
  });

  it("npm run build -- --deploy refuses it before building anything", async () => {
    const result = await run("build.ts", ["--deploy"], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(PLACEHOLDER);
    expect(result.stderr).toContain("Nothing was built.");
    expect(result.stdout).not.toContain("astro");
  });

  it("npm run build refuses a misspelt NEWSROOM_DEPLOY rather than building without the check", async () => {
    const result = await run("build.ts", [], { NEWSROOM_DEPLOY: "ture" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NEWSROOM_DEPLOY: "ture" is not a setting');
  });

  it("npm run nginx-config refuses the placeholder server_name with --deploy", async () => {
    const result = await run("nginx-config.ts", ["--deploy"], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^server_name: "example\.org" is a placeholder host/m);
    expect(result.stdout).toBe("");
  });
});
