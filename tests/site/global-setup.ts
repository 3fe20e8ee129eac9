/**
 * Builds the sites every site test reads, once: the project as it is (the seed), and a
 * copy with a fixture article whose figures have real images made here with sharp.
 */
import type { TestProject } from "vitest/node";
import { astroBuild, projectCopy, projectRoot, removeDir, tempDir } from "../helpers/build.ts";
import { fixtureArticleFiles } from "../helpers/fixtures.ts";

declare module "vitest" {
  export interface ProvidedContext {
    seedSite: string;
    imageSite: string;
  }
}

export default async function setup(project: TestProject) {
  const seedOut = await tempDir("seed-dist");
  const imageRoot = await projectCopy(await fixtureArticleFiles());
  const imageOut = await tempDir("image-dist");
  // One build at a time: these machines have two cores.
  await astroBuild(projectRoot, seedOut);
  await astroBuild(imageRoot, imageOut);
  project.provide("seedSite", seedOut);
  project.provide("imageSite", imageOut);
  return async () => {
    if (process.env.KEEP_TEST_SITES) return;
    await Promise.all([removeDir(seedOut), removeDir(imageRoot), removeDir(imageOut)]);
  };
}
