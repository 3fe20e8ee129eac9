/** Deleting a replaced site out of the next build's way (src/build/replaced-sites.ts). */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { rm, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  LINKING_MARKER,
  REMOVING_PREFIX,
  buildIsLinking,
  removeFolder,
  replacedSites,
} from "../../src/build/replaced-sites.ts";
import { tempDir, writeFiles } from "../helpers/build.ts";

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

async function tempRoot(): Promise<string> {
  const root = await tempDir("replaced");
  roots.push(root);
  return root;
}

/** A replaced site of `pages` article pages, with a link in it that leads outside. */
async function replacedSite(root: string, pages: number): Promise<string> {
  const site = join(root, `${REMOVING_PREFIX}1-2`);
  const files: Record<string, string> = { "index.html": "home" };
  for (let i = 0; i < pages; i++) files[`articles/a-${i}/index.html`] = `page ${i}`;
  await writeFiles(site, files);
  await writeFile(join(root, "outside.txt"), "kept");
  await symlink(join(root, "outside.txt"), join(site, "articles/link.txt"));
  return site;
}

describe("removeFolder", () => {
  it("deletes every file and folder, and a symbolic link without what it leads to", async () => {
    const root = await tempRoot();
    const site = await replacedSite(root, 600);
    await removeFolder(site, () => false);
    expect(existsSync(site)).toBe(false);
    expect(readdirSync(root)).toEqual(["outside.txt"]);
  });

  it("deletes nothing while it is paused, and goes on when the pause ends", async () => {
    const root = await tempRoot();
    const site = await replacedSite(root, 600);
    const counts: number[] = [];
    let looks = 0;
    const count = () => readdirSync(site, { recursive: true }).length;
    const removal = removeFolder(
      site,
      () => {
        looks++;
        return looks <= 3; // a build links for the first three looks
      },
      async () => {
        counts.push(count());
      },
    );
    await removal;
    // Nothing had gone during the three pauses; all was gone at the end.
    expect(counts).toHaveLength(3);
    expect(new Set(counts)).toEqual(new Set([600 * 2 + 3]));
    expect(existsSync(site)).toBe(false);
  });

  it("is not thrown off by another deletion of the same folder, nor by a folder already gone", async () => {
    const root = await tempRoot();
    const site = await replacedSite(root, 600);
    let first = true;
    // After the folder was listed, another remover deletes a part of it.
    const othersTurn = () => {
      if (first) rmSync(join(site, "articles"), { recursive: true });
      first = false;
      return false;
    };
    await removeFolder(site, othersTurn);
    expect(existsSync(site)).toBe(false);
    await removeFolder(site, () => false);
  });
});

describe("buildIsLinking", () => {
  it("is true while the marker is there and fresh; a marker left by a killed build stops counting", async () => {
    const root = await tempRoot();
    expect(buildIsLinking(root)).toBe(false);
    await writeFile(join(root, LINKING_MARKER), "");
    expect(buildIsLinking(root)).toBe(true);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(join(root, LINKING_MARKER), longAgo, longAgo);
    expect(buildIsLinking(root)).toBe(false);
  });
});

describe("replacedSites", () => {
  it("lists only the folders set aside for deletion", async () => {
    const root = await tempRoot();
    await writeFiles(root, {
      [`${REMOVING_PREFIX}10-1/index.html`]: "",
      [`${REMOVING_PREFIX}11-2/index.html`]: "",
      "dist/index.html": "",
      ".dist-old-12/index.html": "",
    });
    expect(replacedSites(root).sort()).toEqual(
      [`${REMOVING_PREFIX}10-1`, `${REMOVING_PREFIX}11-2`].map((name) => join(root, name)),
    );
  });
});
