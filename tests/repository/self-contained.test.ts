/**
 * A fresh clone has nothing beside it: no file the build or the tests run may point out of
 * the repository (a sibling folder, a home folder, one machine's absolute path).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/build.ts";
import { pathsLeavingRepository } from "../helpers/outside-paths.ts";

// Everything the build and the tests run, and the files that configure them.
const SCANNED = ["src", "tests", ".ci", "package.json", "astro.config.mjs", "vitest.config.ts", "tsconfig.json"];

/** The files at `path` (a folder, read whole, or one file), relative to the root. */
function filesAt(path: string): string[] {
  const full = join(projectRoot, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(projectRoot, join(e.parentPath, e.name)));
}

/** Written in pieces so this file does not hold the paths it looks for. */
const sibling = ["..", "shared", "seed", "article.txt"].join("/");
const machine = ["", "work", "shared", "seed", "article.txt"].join("/");
const home = ["~", "notes.md"].join("/");

describe("the repository is self-contained", () => {
  it("no file under src/, tests/, .ci/, nor package.json or a config file, names a path outside the repository", () => {
    const files = SCANNED.flatMap(filesAt);
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain("tests/fixtures/seed/article.txt");
    const found = files.flatMap((file) =>
      pathsLeavingRepository(file, readFileSync(join(projectRoot, file), "utf8")).map(
        (p) => `${p.file}:${p.line}: ${p.path}: ${p.reason}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it("names the file and line of a sibling folder, a machine's absolute path or a home folder", () => {
    const text = [
      `import { x } from "../unit/x.ts";`,
      `const seed = join(projectRoot, "${sibling}");`,
      `// see ${machine}`,
      `const notes = "${home}";`,
    ].join("\n");
    expect(pathsLeavingRepository("tests/helpers/seed.ts", text).map((p) => [p.file, p.line, p.path])).toEqual([
      ["tests/helpers/seed.ts", 2, sibling],
      ["tests/helpers/seed.ts", 3, machine],
      ["tests/helpers/seed.ts", 4, home],
    ]);
  });

  it("follows relative paths from their own file's folder, and from the project root when joined to it", () => {
    const up = (n: number, rest: string) => `"${"../".repeat(n)}${rest}"`;
    const text = [
      `import { a } from ${up(2, "src/lib/a.ts")};`, // tests/unit → the root: inside
      `const b = ${up(3, "elsewhere/b.txt")};`, // above the root
      `const c = resolve(process.cwd(), ${up(1, "c")});`,
    ].join("\n");
    expect(pathsLeavingRepository("tests/unit/x.test.ts", text).map((p) => p.line)).toEqual([2, 3]);
    expect(pathsLeavingRepository("tests/unit/x.test.ts", `import { a } from ${up(2, "src/a.ts")};`)).toEqual([]);
  });
});
