/** `npm run import`: the command as a publisher runs it, in a throwaway output folder. */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build.ts";
import { SEED_IMPORT_ARGS } from "../helpers/import-fixtures.ts";
import { SEED_ID, seedPath } from "../helpers/seed.ts";

const cli = join(projectRoot, "src/cli/import.ts");
const fx = (name: string) => `tests/fixtures/import/${name}`;
const seedArg = relative(projectRoot, seedPath); // tests/fixtures/seed/article.txt, as the README runs it

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with the Node that runs the tests (Node 22), from the project root, as npm would. */
function run(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: projectRoot, env: { ...process.env, INIT_CWD: projectRoot, NO_COLOR: "1" } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "newsroom-import-"));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const files = async () => (await readdir(out, { recursive: true })).sort();

describe("npm run import", () => {
  it("regenerates the seed's entry byte for byte and prints the path it wrote", async () => {
    const result = await run(seedArg, "--out", out, ...SEED_IMPORT_ARGS);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const written = join(out, `${SEED_ID}.md`);
    expect(result.stdout).toBe(`${relative(projectRoot, written)}\n`);
    expect(await readFile(written)).toEqual(await readFile(join(projectRoot, "content/articles", `${SEED_ID}.md`)));
    expect(await files()).toEqual([`${SEED_ID}.md`]); // no temporary file left behind
  });

  it.each([
    ["errors/no-date.txt", 6, "has no date line"],
    ["errors/bad-date.txt", 3, "has a date that does not parse"],
    ["errors/no-body.txt", 7, "has no body"],
  ])("refuses %s naming the file and line %i, exits 1 and writes nothing", async (file, line, message) => {
    const result = await run(fx(file), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${fx(file)}:${line}: ${message}`);
    expect(result.stdout).toBe("");
    expect(await files()).toEqual([]);
  });

  it("writes nothing at all when any one input is bad", async () => {
    const result = await run(fx("brief.txt"), fx("arabic.txt"), fx("errors/bad-date.txt"), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad-date\.txt:3: /);
    expect(result.stderr).toContain("nothing written");
    expect(await files()).toEqual([]);
  });

  it("imports several files at once, one entry each", async () => {
    const result = await run(fx("brief.txt"), fx("arabic.txt"), fx("crlf-bom-tabs.txt"), "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(3);
    expect(await files()).toEqual([
      "arabic.md",
      "quake-shakes-turkish-syrian-border-region.md",
      "tabs-no-break-spaces-and-windows-line-ends.md",
    ]);
    expect(await readFile(join(out, "arabic.md"), "utf8")).toContain('\nlang: "ar"\n');
  });

  it("refuses an entry that already exists unless --force, and --force replaces it", async () => {
    const target = join(out, "quake-shakes-turkish-syrian-border-region.md");
    expect((await run(fx("brief.txt"), "--out", out)).code).toBe(0);
    const original = await readFile(target, "utf8");
    await writeFile(target, "edited by hand\n");
    const again = await run(fx("brief.txt"), "--out", out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${fx("brief.txt")}:1: the entry ${relative(projectRoot, target)} already exists`);
    expect(await readFile(target, "utf8")).toBe("edited by hand\n");
    const forced = await run(fx("brief.txt"), "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(await readFile(target, "utf8")).toBe(original);
    expect(await files()).toEqual(["quake-shakes-turkish-syrian-border-region.md"]);
  });

  it("refuses, even with --force, an address already taken by a folder entry", async () => {
    await mkdir(join(out, "quake-shakes-turkish-syrian-border-region"));
    await writeFile(join(out, "quake-shakes-turkish-syrian-border-region/index.md"), "x");
    const result = await run(fx("brief.txt"), "--out", out, "--force");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already exists as .*index\.md/);
  });

  it("refuses two inputs that would make the same entry", async () => {
    const result = await run(fx("brief.txt"), fx("brief.txt"), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("makes the same entry");
    expect(await files()).toEqual([]);
  });

  it("warns, naming the line, when the stated reading time is more than a minute off", async () => {
    const result = await run(fx("hostile.txt"), "--out", out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `${fx("hostile.txt")}:5: warning: says 12 min read, but the page will say 1 min read`,
    );
  });

  it("takes section, tags, language and slug from options", async () => {
    const result = await run(
      fx("brief.txt"),
      "--out",
      out,
      "--section",
      "World",
      "--tag",
      "Turkey",
      "--tag",
      'Quakes "and" tremors',
      "--lang",
      "en-GB",
      "--slug",
      "turkey-quake",
    );
    expect(result.code).toBe(0);
    const entry = await readFile(join(out, "turkey-quake.md"), "utf8");
    expect(entry).toContain('\nsection: "World"\ntags: ["Turkey", "Quakes \\"and\\" tremors"]\nlang: "en-GB"\n');
  });

  it.each([
    [[], /give at least one/],
    [["x.txt", "--source-url", "https://example.org/a"], /go together/],
    [["x.txt", "--source-publisher", "P", "--source-url", "javascript:alert(1)"], /not an http/],
    [["x.txt", "y.txt", "--slug", "one"], /one entry/],
    [["x.txt", "--slug", "Not A Slug"], /lower-case/],
    [["x.txt", "--lang", "english!"], /language tag/],
    [["x.txt", "--bogus"], /bogus/],
  ])("refuses bad usage %j with exit 2", async (args, message) => {
    const result = await run(...args, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await files()).toEqual([]);
  });

  it("names a missing file", async () => {
    const result = await run("no-such-file.txt", "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no-such-file.txt: no such file");
  });
});
