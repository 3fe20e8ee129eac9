/**
 * Builds the site every site test reads, once: the project as it is (with the seed
 * article), plus a fixture article whose figures have real images made here with sharp.
 * One build, not two: on two shared cores a build is the slowest step of the suite.
 */
import type { TestProject } from "vitest/node";
import { astroBuild, projectCopy, removeDir, tempDir } from "../helpers/build.ts";
import { fixtureArticleFiles } from "../helpers/fixtures.ts";
import { reachFixtureFiles } from "../helpers/reach-fixtures.ts";
import { importedFixtureFiles } from "../helpers/import-fixtures.ts";
import { hostileArticleFiles } from "../helpers/hostile.ts";

declare module "vitest" {
  export interface ProvidedContext {
    site: string;
    /** The same project built for a sub-path (as a GitHub Pages project site is). */
    siteBase: { dir: string; base: string };
  }
}

const SUB_PATH = "/newsroom/";

export default async function setup(project: TestProject) {
  // Scraped-text fixtures go in through the importer (npm run import), as a publisher's would.
  // The hostile corpus (script in every field, GPS-tagged photos) and a renamed article
  // go through the same build: nothing in them may become active markup or metadata.
  const files = {
    ...(await fixtureArticleFiles()),
    ...reachFixtureFiles(),
    ...importedFixtureFiles(),
    ...(await hostileArticleFiles()),
  };
  // Two copies, built side by side: each build writes caches inside its own root.
  const [root, baseRoot] = await Promise.all([projectCopy(files), projectCopy(files)]);
  const [outDir, baseOutDir] = await Promise.all([tempDir("dist"), tempDir("dist-base")]);
  await Promise.all([astroBuild(root, outDir), astroBuild(baseRoot, baseOutDir, { BASE_PATH: SUB_PATH })]);
  project.provide("site", outDir);
  project.provide("siteBase", { dir: baseOutDir, base: SUB_PATH });
  return async () => {
    if (process.env.KEEP_TEST_SITES) return;
    await Promise.all([root, baseRoot, outDir, baseOutDir].map(removeDir));
  };
}
