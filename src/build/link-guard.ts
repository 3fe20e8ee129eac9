/**
 * Makes every write of this process replace a hard-linked file instead of writing into it
 * (docs/decisions/022-build-into-the-previous-output.md).
 *
 * `npm run build` starts Astro on a folder whose unchanged pages are hard links to the
 * published site's files, so Astro finds them and reuses them without copying. A page Astro
 * renders again must then become a new file: writing into the shared one would change the
 * published site while it is being served, and keep the change if the build then failed.
 * So before a write opens a file that has other links, the file is unlinked (the write then
 * creates a new one) or, when the write keeps what the file holds (appending, `r+`), copied
 * to a file of its own first. Files with one link are written as before.
 *
 * Installed in Astro's process before Astro loads (`node --import`, ./pipeline.ts), on the
 * `node:fs` functions Astro, Vite and the integrations write with.
 *
 * The same guard lets a folder's files be linked where they would be copied: Astro copies
 * every optimized image from its cache into the output on every build, though the cache's
 * files are never written again in place (under this guard, a write to one replaces it).
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

type FilePath = fs.PathLike | fs.promises.FileHandle | number;

/** How a write uses what is already in the file: replaced whole, or kept (appended to, patched). */
type WriteKind = "replaces" | "keeps";

/** What an open() with `flags` does to an existing file; undefined when it only reads. */
export function writeKindOfFlags(flags: fs.OpenMode | undefined): WriteKind | undefined {
  if (flags === undefined) return undefined;
  if (typeof flags === "number") {
    const { O_WRONLY, O_RDWR, O_TRUNC } = fs.constants;
    if ((flags & (O_WRONLY | O_RDWR)) === 0) return undefined;
    return flags & O_TRUNC ? "replaces" : "keeps";
  }
  if (flags.startsWith("w")) return "replaces";
  if (flags.startsWith("a") || flags.includes("+")) return "keeps";
  return undefined;
}

/** A path to check, or undefined for a file descriptor or handle (already open: nothing to do). */
function pathOf(file: FilePath): string | undefined {
  if (typeof file === "string") return file;
  if (file instanceof URL) return fileURLToPath(file);
  if (Buffer.isBuffer(file)) return file.toString();
  return undefined;
}

/** Gives the file at `path` an inode of its own, if it shares one, as a write of `kind` needs. */
function detachSync(file: FilePath, kind: WriteKind): void {
  const path = pathOf(file);
  if (path === undefined) return;
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(path);
  } catch {
    return; // no file yet: the write creates one
  }
  if (!stats.isFile() || stats.nlink < 2) return;
  if (kind === "replaces") {
    fs.unlinkSync(path);
    return;
  }
  const copy = join(dirname(path), `.link-guard-${process.pid}-${stats.ino}.tmp`);
  fs.copyFileSync(path, copy);
  fs.renameSync(copy, path);
}

async function detach(file: FilePath, kind: WriteKind): Promise<void> {
  const path = pathOf(file);
  if (path === undefined) return;
  const stats = await fs.promises.lstat(path).catch(() => undefined);
  if (!stats?.isFile() || stats.nlink < 2) return;
  if (kind === "replaces") {
    await fs.promises.unlink(path);
    return;
  }
  const copy = join(dirname(path), `.link-guard-${process.pid}-${stats.ino}.tmp`);
  await fs.promises.copyFile(path, copy);
  await fs.promises.rename(copy, path);
}

/**
 * Puts a hard link to `from` at `to` in place of a copy (whatever was at `to` goes); false
 * when the two are on different file systems, or links are refused, and a copy is needed.
 * The link is tried first: the destination is almost always new, and a failed unlink
 * before each of thousands of images cost more than the links.
 */
async function linkInsteadOfCopy(from: string, to: string): Promise<boolean> {
  const link = () =>
    fs.promises.link(from, to).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "EXDEV" || error.code === "EPERM" || error.code === "EMLINK") return false;
        throw error;
      },
    );
  try {
    return await link();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    await fs.promises.unlink(to);
    return link();
  }
}

type AnyFunction = (...args: never[]) => unknown;
type Target = Record<string, AnyFunction>;

/**
 * Wraps `target[name]` so that the file at argument `at` is detached first; `kindOf` reads
 * the call's arguments (open's flags) or is fixed. A callback-style function gets the
 * callback's error if detaching fails.
 */
function wrap(
  target: Target,
  name: string,
  style: "promise" | "callback" | "sync",
  at: number,
  kindOf: (args: unknown[]) => WriteKind | undefined,
  restore: (() => void)[],
): void {
  const original = target[name]!;
  const call = (args: unknown[]) => Reflect.apply(original, target, args) as unknown;
  const wrapped = {
    promise: async (...args: unknown[]) => {
      const kind = kindOf(args);
      if (kind) await detach(args[at] as FilePath, kind);
      return call(args);
    },
    callback: (...args: unknown[]) => {
      const kind = kindOf(args);
      if (!kind) return call(args);
      const callback = args.at(-1) as (error: unknown) => void;
      detach(args[at] as FilePath, kind).then(
        () => call(args),
        (error: unknown) => callback(error),
      );
      return undefined;
    },
    sync: (...args: unknown[]) => {
      const kind = kindOf(args);
      if (kind) detachSync(args[at] as FilePath, kind);
      return call(args);
    },
  }[style];
  target[name] = wrapped;
  restore.push(() => (target[name] = original));
}

const replaces = () => "replaces" as const;
const keeps = () => "keeps" as const;
/** open(path, flags): flags default to "r". */
const byFlags = (args: unknown[]) =>
  writeKindOfFlags(typeof args[1] === "function" ? undefined : (args[1] as fs.OpenMode | undefined));
/** writeFile(path, data, { flag }): the flag defaults to "w". */
const byFlagOption = (args: unknown[]) => {
  const options = args[2];
  const flag = options && typeof options === "object" && "flag" in options ? (options.flag as fs.OpenMode) : "w";
  return writeKindOfFlags(flag);
};

/**
 * Makes `fs.promises.copyFile` (Astro's way of taking an image from its cache) link a file
 * from below `folder` instead of copying it.
 */
function linkCopiesFrom(folder: string, restore: (() => void)[]): void {
  const promises = fs.promises as unknown as Target;
  const copy = promises.copyFile!;
  const inside = resolve(folder) + sep;
  const linking = async (...args: unknown[]) => {
    const from = pathOf(args[0] as FilePath);
    const to = pathOf(args[1] as FilePath);
    if (
      from !== undefined &&
      to !== undefined &&
      resolve(from).startsWith(inside) &&
      (await linkInsteadOfCopy(from, to))
    )
      return;
    return Reflect.apply(copy, promises, args) as unknown;
  };
  promises.copyFile = linking;
  restore.push(() => (promises.copyFile = copy));
}

export interface GuardOptions {
  /** A folder whose files are linked, not copied, by `fs.promises.copyFile` (Astro's image cache). */
  linkCopiesFrom?: string | undefined;
}

/**
 * Installs the guard on `node:fs` (and the ES module bindings of `node:fs` and
 * `node:fs/promises`); returns a function that takes it off again.
 */
export function guardHardLinks(options: GuardOptions = {}): () => void {
  const restore: (() => void)[] = [];
  const callbacks = fs as unknown as Target;
  const promises = fs.promises as unknown as Target;
  wrap(promises, "writeFile", "promise", 0, byFlagOption, restore);
  wrap(promises, "appendFile", "promise", 0, keeps, restore);
  wrap(promises, "copyFile", "promise", 1, replaces, restore);
  wrap(promises, "open", "promise", 0, byFlags, restore);
  wrap(callbacks, "writeFile", "callback", 0, byFlagOption, restore);
  wrap(callbacks, "appendFile", "callback", 0, keeps, restore);
  wrap(callbacks, "copyFile", "callback", 1, replaces, restore);
  // createWriteStream opens its file through fs.open.
  wrap(callbacks, "open", "callback", 0, byFlags, restore);
  wrap(callbacks, "writeFileSync", "sync", 0, byFlagOption, restore);
  wrap(callbacks, "appendFileSync", "sync", 0, keeps, restore);
  wrap(callbacks, "copyFileSync", "sync", 1, replaces, restore);
  wrap(callbacks, "openSync", "sync", 0, byFlags, restore);
  // Last, over the guarded copyFile: a copy it passes on is still guarded.
  if (options.linkCopiesFrom) linkCopiesFrom(options.linkCopiesFrom, restore);
  syncBuiltinESMExports();
  return () => {
    for (const undo of restore.reverse()) undo();
    syncBuiltinESMExports();
  };
}
