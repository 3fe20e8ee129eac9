/**
 * Builds the sites every site test reads, once: the project as it is (with the seed
 * article) plus the fixtures, at the root; the same under a sub-path with the site in
 * Arabic; and a small editors' preview. Side by side, once: on two shared cores a build is
 * the slowest step of the suite.
 */
import type { TestProject } from "vitest/node";
import { astroBuild, projectCopy, removeDir, tempDir } from "../helpers/build.ts";
import { fixtureArticleFiles } from "../helpers/fixtures.ts";
import { reachFixtureFiles } from "../helpers/listing-fixtures.ts";
import { importedFixtureFiles } from "../helpers/import-fixtures.ts";
import { hostileArticleFiles } from "../helpers/hostile.ts";
import { newsroomArticleFiles, newsroomContentFiles } from "../helpers/newsroom-fixtures.ts";
import { newsroomDayFiles } from "../helpers/newsroom-day-fixtures.ts";
import { CLOCK_ENV } from "../../src/model/clock.ts";
import { PREVIEW_ENV } from "../../src/integrations/edition.ts";

declare module "vitest" {
  export interface ProvidedContext {
    site: string;
    /**
     * The same project built for a sub-path (as a GitHub Pages project site is), with the
     * site's language set to Arabic (SITE_LANG): one build tests both.
     */
    siteBase: { dir: string; base: string; lang: string };
    /** When the fixtures were made, just before the build: build-relative dates count from it. */
    buildStart: string;
    /** `npm run preview:drafts`'s build of the newsroom-day fixtures alone (held articles included). */
    sitePreview: string;
  }
}

const SUB_PATH = "/newsroom/";
const SUB_PATH_LANG = "ar";

/**
 * Promise.all that waits for every task before rejecting: a folder is removed only once
 * nothing is still writing into it.
 */
async function allSettled<T>(tasks: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

export default async function setup(project: TestProject) {
  const buildStart = new Date();
  // Scraped-text fixtures go in through the importer (npm run import), as a publisher's would.
  // The hostile corpus (script in every field, GPS-tagged photos) and a renamed article
  // go through the same build: nothing in them may become active markup or metadata.
  const files = {
    ...(await fixtureArticleFiles()),
    ...reachFixtureFiles(buildStart),
    ...importedFixtureFiles(),
    ...(await hostileArticleFiles()),
    ...(await newsroomArticleFiles()),
    ...(await newsroomDayFiles(buildStart)),
  };
  const contentFiles = await newsroomContentFiles();
  // Every build runs on one clock, set here: embargoes and the News sitemap count from it.
  const clock = { [CLOCK_ENV]: buildStart.toISOString() };
  // Every folder made here, so a failed build removes them too (KEEP_TEST_SITES keeps them).
  const made: string[] = [];
  const removeMade = async () => {
    if (!process.env.KEEP_TEST_SITES) await Promise.all(made.map(removeDir));
  };
  const remember = async (folder: Promise<string>) => {
    const path = await folder;
    made.push(path);
    return path;
  };
  try {
    // Two copies, built side by side: each build writes caches inside its own root.
    // The preview is a third, small build: the newsroom-day fixtures and the seed (a News
    // story, as the header's sections setting asks for).
    const [root, baseRoot, previewRoot, outDir, baseOutDir, previewOutDir] = (await allSettled([
      remember(projectCopy(files, { contentFiles })),
      remember(projectCopy(files, { contentFiles })),
      remember(projectCopy(await newsroomDayFiles(buildStart))),
      remember(tempDir("dist")),
      remember(tempDir("dist-base")),
      remember(tempDir("dist-preview")),
    ])) as [string, string, string, string, string, string];
    await allSettled([
      // The search index split by year at the root, every five articles under the sub-path:
      // both ways, the search page must merge its shards.
      astroBuild(root, outDir, { ...clock, SEARCH_SHARDS: "year" }),
      astroBuild(baseRoot, baseOutDir, { ...clock, BASE_PATH: SUB_PATH, SITE_LANG: SUB_PATH_LANG, SEARCH_SHARDS: "5" }),
      astroBuild(previewRoot, previewOutDir, { ...clock, [PREVIEW_ENV]: "1" }),
    ]);
    project.provide("site", outDir);
    project.provide("sitePreview", previewOutDir);
    project.provide("siteBase", { dir: baseOutDir, base: SUB_PATH, lang: SUB_PATH_LANG });
    project.provide("buildStart", buildStart.toISOString());
  } catch (error) {
    await removeMade();
    throw error;
  }
  return removeMade;
}
