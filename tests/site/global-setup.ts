/**
 * Builds the site every site test reads, once: the project as it is (with the seed
 * article), plus a fixture article whose figures have real images made here with sharp.
 * One build, not two: on two shared cores a build is the slowest step of the suite.
 */
import type { TestProject } from "vitest/node";
import { astroBuild, projectCopy, removeDir, tempDir } from "../helpers/build.ts";
import { fixtureArticleFiles } from "../helpers/fixtures.ts";

declare module "vitest" {
  export interface ProvidedContext {
    site: string;
  }
}

export default async function setup(project: TestProject) {
  const root = await projectCopy(await fixtureArticleFiles());
  const outDir = await tempDir("dist");
  await astroBuild(root, outDir);
  project.provide("site", outDir);
  return async () => {
    if (process.env.KEEP_TEST_SITES) return;
    await Promise.all([removeDir(root), removeDir(outDir)]);
  };
}
