/**
 * `npm run check` and the build agree: a build of the bad-article corpus
 * (tests/helpers/bad-articles.ts) is refused, and every source problem in it is named
 * with its file and line, as the check names it (tests/checks/content/check-agreement.test.ts).
 * One build for the whole corpus: each case is asserted in its output.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { astroBuild, projectCopy, removeDir, tempDir } from "../helpers/build.ts";
import { badArticles, type BadArticle } from "../helpers/bad-articles.ts";

let corpus: BadArticle[];
let output = "";
const made: string[] = [];

beforeAll(async () => {
  corpus = await badArticles();
  const root = await projectCopy(Object.assign({}, ...corpus.map((c) => c.files)));
  const outDir = await tempDir("dist-bad");
  made.push(root, outDir);
  output = await astroBuild(root, outDir).then(
    () => "the build passed",
    (error: Error) => error.message,
  );
});
afterAll(async () => {
  if (!process.env.KEEP_TEST_SITES) await Promise.all(made.map(removeDir));
});

describe("a build of the bad-article corpus", () => {
  it("is refused before anything is built", () => {
    expect(output).toMatch(/astro build failed/);
    expect(output).toMatch(
      /The content check found \d+ problem\(s\), listed above with file and line; nothing was built/,
    );
  });

  it("names every bad article with file and line, as the check does", () => {
    for (const bad of corpus) for (const line of bad.expected) expect(output, bad.name).toContain(line);
  });
});
