/**
 * Builds the site the way a publisher does (`astro build`), into a folder of the test's
 * choosing, optionally from a copy of the project with extra articles and images.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface BuildResult {
  outDir: string;
  output: string;
}

/**
 * The environment a publisher's shell would have. Vitest puts Vite's own variables
 * (BASE_URL, MODE, DEV, PROD, SSR) into process.env; passed on, BASE_URL overrides
 * Astro's `base` inside the build, so a sub-path build would link to the root.
 */
export function publisherEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["BASE_URL", "MODE", "DEV", "PROD", "SSR"]) delete env[name];
  return env;
}

/** Runs `astro build` in `root` into `outDir`; rejects with Astro's output on failure. */
export async function astroBuild(root: string, outDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const astro = join(projectRoot, "node_modules/astro/bin/astro.mjs");
  // process.execPath is the Node that runs the tests: Node 22 from the node@22 package.
  const child = spawn(process.execPath, [astro, "build", "--root", root, "--outDir", outDir], {
    cwd: root,
    env: { ...publisherEnv(), ...env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  if (code !== 0) throw new Error(`astro build failed (exit ${code}) in ${root}:\n${output}`);
  return { outDir, output };
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `newsroom-${prefix}-`));
}

/** Writes `files` (path below `dir` → contents) into `dir`, making folders as needed. */
export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
}

/**
 * A throwaway copy of the project (sources, public files, config; packages linked)
 * whose content/articles holds exactly `files` (path → contents), plus the seed when asked,
 * and whose other collections hold the project's entries plus `contentFiles`.
 */
export async function projectCopy(
  files: Record<string, string | Buffer>,
  { withSeed = true, contentFiles = {} }: { withSeed?: boolean; contentFiles?: Record<string, string | Buffer> } = {},
): Promise<string> {
  const root = await tempDir("site");
  try {
    for (const entry of ["src", "public", "astro.config.mjs", "tsconfig.json", "package.json"]) {
      await cp(join(projectRoot, entry), join(root, entry), { recursive: true });
    }
    await linkPackages(root);
    // The project's authors and standing pages: the settings file names them.
    for (const collection of ["content/authors", "content/pages"]) {
      await cp(join(projectRoot, collection), join(root, collection), { recursive: true });
    }
    const articles = join(root, "content/articles");
    if (withSeed) await cp(join(projectRoot, "content/articles"), articles, { recursive: true });
    await mkdir(articles, { recursive: true });
    await writeFiles(articles, files);
    // Other collections' fixtures (authors, pages), by path below content/.
    await writeFiles(join(root, "content"), contentFiles);
    return root;
  } catch (error) {
    // A half-made copy is of no use to anyone: leave nothing behind.
    await removeDir(root);
    throw error;
  }
}

/**
 * Links each of the project's packages into `root`, but not Astro's and Vite's caches:
 * the copy keeps its own, so its builds never overwrite the project's content store,
 * incremental cache or dependency cache.
 */
export async function linkPackages(root: string): Promise<void> {
  await mkdir(join(root, "node_modules"), { recursive: true });
  for (const name of await readdir(join(projectRoot, "node_modules"))) {
    if (name === ".astro" || name === ".vite" || name === ".cache") continue;
    await symlink(join(projectRoot, "node_modules", name), join(root, "node_modules", name));
  }
}

export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}
