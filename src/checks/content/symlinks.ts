/**
 * Symbolic links in the folders that are published (content/, public/). Astro and Vite
 * follow links, so a link would publish whatever it points to: `/etc/passwd`, a home
 * folder, or (a link to its own folder) the same files again and again until the build
 * runs out of memory. This walks those folders without following any link blindly, and
 * reports every link that points outside the project, loops, or points nowhere.
 *
 * A link to a file or folder inside the project is allowed; a linked folder is walked in
 * turn (by its real path), so a link inside it is held to the same rule.
 */
import type { Dirent } from "node:fs";
import { readdir, readlink, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

export interface LinkProblem {
  /** The link, relative to the project root, with forward slashes. */
  file: string;
  message: string;
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** True when `path` is `dir` or below it (both real, absolute paths). */
function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Every link under `dirs` (relative to `root`) that points outside the project, loops,
 * or points to nothing, named with its target. The folders themselves may be links too.
 */
export async function symlinkProblems(root: string, dirs: readonly string[]): Promise<LinkProblem[]> {
  const problems: LinkProblem[] = [];
  const realRoot = await realpath(root);

  /**
   * Checks the link at `shown` (the path as walked) in the real folder `realParent`;
   * returns its real target when that is a folder to walk.
   */
  const follow = async (
    shown: string,
    realParent: string,
    ancestors: ReadonlySet<string>,
  ): Promise<string | undefined> => {
    const file = toPosix(relative(root, shown));
    const target = await readlink(shown).catch(() => "?");
    const resolved = resolve(realParent, target);
    const named = target === resolved ? target : `${target} (${resolved})`;
    let real: string;
    try {
      real = await realpath(shown);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        file,
        message:
          code === "ELOOP"
            ? `is a symbolic link to ${named}, which loops back to itself: remove it`
            : `is a symbolic link to ${named}, which does not exist: remove it or copy the file in`,
      });
      return undefined;
    }
    if (!isWithin(realRoot, real)) {
      problems.push({
        file,
        message: `is a symbolic link to ${named}, outside the project: nothing outside the project is published; copy the file into the project instead`,
      });
      return undefined;
    }
    const isDirectory = (await stat(real)).isDirectory();
    if (isDirectory && [...ancestors].some((dir) => isWithin(real, dir))) {
      problems.push({
        file,
        message: `is a symbolic link to ${named}, a folder that contains the link itself: it loops (its files would be copied without end); remove it`,
      });
      return undefined;
    }
    return isDirectory ? real : undefined;
  };

  /** Walks the folder whose real path is `real`, shown under the path `shown`. */
  const walk = async (shown: string, real: string, ancestors: ReadonlySet<string>): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch {
      return; // unreadable folders are reported by the checks that read them
    }
    const inside = new Set([...ancestors, real]);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(shown, entry.name);
      if (entry.isSymbolicLink()) {
        const folder = await follow(path, real, inside);
        if (folder) await walk(path, folder, inside);
      } else if (entry.isDirectory()) {
        await walk(path, join(real, entry.name), inside);
      }
    }
  };

  for (const dir of dirs) {
    const shown = resolve(root, dir);
    const top = await stat(shown).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== "ENOENT",
    );
    const isLink = await readlink(shown).then(
      () => true,
      () => false,
    );
    if (isLink) {
      const folder = await follow(shown, await realpath(dirname(shown)), new Set([realRoot]));
      if (folder) await walk(shown, folder, new Set([realRoot]));
    } else if (top) {
      await walk(shown, await realpath(shown), new Set());
    }
  }
  return problems;
}
