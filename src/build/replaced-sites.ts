/**
 * Deleting the site a build replaced, out of the next build's way
 * (docs/decisions/031-the-replaced-site-waits-while-a-build-links.md).
 *
 * A swap leaves the old site in `.dist-removing-<pid>`, deleted by a detached process so
 * the new site is ready sooner. Tens of thousands of unlinks on the file system slow every
 * other change to it several times over, and the build most hurt is the very next one,
 * which starts by hard-linking every published page into its new folder. So while that
 * build links (its marker file exists), the deletion waits.
 */
import { readdirSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";

/** The folder a swapped-out site is deleted from; any number of them may wait. */
export const REMOVING_PREFIX = ".dist-removing-";
/** Present, in the project root, while a build links the published pages into its folder. */
export const LINKING_MARKER = ".dist-linking";
/** A marker older than this was left by a build that was killed: the deletion goes on. */
const STALE_MARKER_MS = 120_000;
/** Files deleted between two looks at the marker. */
const FILES_AT_A_TIME = 256;
const PAUSE_MS = 100;

/** Whether a build is linking right now, by the marker in `root`. */
export function buildIsLinking(root: string, nowMs = Date.now()): boolean {
  try {
    return nowMs - statSync(join(root, LINKING_MARKER)).mtimeMs < STALE_MARKER_MS;
  } catch {
    return false;
  }
}

/** Ignores a file or folder that is already gone: another deletion of the same folder got there first. */
function unlessGone(remove: () => void): void {
  try {
    remove();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * Deletes `folder` and everything in it, a few hundred files at a time, waiting (`pause`)
 * whenever `paused()` says so. Another deletion of the same folder may run alongside.
 */
export async function removeFolder(
  folder: string,
  paused: () => boolean,
  pause: () => Promise<void> = () => new Promise((done) => setTimeout(done, PAUSE_MS)),
): Promise<void> {
  let entries;
  try {
    entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const files = entries.filter((entry) => !entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name));
  // Deepest first, so that each folder is empty when its turn comes.
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => b.length - a.length);
  for (let i = 0; i < files.length; i += FILES_AT_A_TIME) {
    while (paused()) await pause();
    for (const file of files.slice(i, i + FILES_AT_A_TIME)) unlessGone(() => unlinkSync(file));
  }
  for (const inner of folders) unlessGone(() => rmdirSync(inner));
  unlessGone(() => rmdirSync(folder));
}

/** The folders of replaced sites waiting in `root` to be deleted. */
export function replacedSites(root: string): string[] {
  return readdirSync(root)
    .filter((name) => name.startsWith(REMOVING_PREFIX))
    .map((name) => join(root, name));
}
