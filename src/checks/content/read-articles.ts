/**
 * The files of the article folder, read ahead in parallel and decoded: each is an article
 * (its UTF-8 text, or only its hash when it is unchanged and known), a file that cannot
 * be one (a problem), or another file (an image, say).
 */
import type { BigIntStats, Dirent } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import type { Problem } from "./report.ts";

/** An article above this size is refused: it is either a mistake or a page no reader can load. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MARKDOWN_LIKE = new Set([".markdown", ".mdown", ".mkd", ".mdx", ".txt"]);

export function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** Every file below `dir` (paths relative to it), skipping dot files and folders as Astro's glob does. */
async function listFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const visible = entries
    .map((entry) => ({ entry, rel: relative(dir, join(entry.parentPath, entry.name)) }))
    .filter(({ rel }) => !toPosix(rel).split("/").some((part) => part.startsWith(".")))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  // A link is what it leads to (the symbolic link check has kept them inside the project).
  // Many stats at once: one after another, waiting on each, took seconds at 10,000 files.
  const isFile = await Promise.all(
    visible.map(async ({ entry, rel }) =>
      entry.isSymbolicLink() ? (await stat(join(dir, rel)).catch(() => undefined))?.isFile() === true : entry.isFile(),
    ),
  );
  return visible.filter((_, i) => isFile[i]).map(({ rel }) => rel);
}

/** How many article files are read at once (reading them one by one is mostly waiting). */
const READ_AHEAD = 64;

/**
 * An article file as found: its size and identity, and either its bytes, or the hash it
 * had last time when it is unchanged and what it says is known (so it was not read).
 */
type Loaded =
  | { stats: BigIntStats; bytes?: Buffer; hash?: undefined; error?: undefined }
  | { stats: BigIntStats; hash: string; bytes?: undefined; error?: undefined }
  | { error: string; stats?: undefined; bytes?: undefined; hash?: undefined };

/**
 * The hash an unchanged article file had, when what it says is known; undefined when it
 * must be read.
 */
export type KnownArticle = (path: string, file: string, stats: BigIntStats) => string | undefined;

/** The file's size, and its bytes unless it is too big or known; never rejects (read-ahead). */
async function loadArticle(path: string, file: string, known: KnownArticle): Promise<Loaded> {
  try {
    // Taken before the bytes are read: a write after this shows in the next run's identity.
    const stats = await stat(path, { bigint: true });
    if (stats.size > MAX_ARTICLE_BYTES) return { stats };
    const hash = known(path, file, stats);
    return hash ? { stats, hash } : { stats, bytes: await readFile(path) };
  } catch (error) {
    return { error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

export type ArticleFile =
  | {
      kind: "article";
      file: string;
      rel: string;
      path: string;
      stats: BigIntStats;
      /** What was read, or the hash of the unchanged file. */
      content: { bytes: Buffer; source: string } | { hash: string };
    }
  | { kind: "problem"; problem: Problem }
  | { kind: "other"; file: string };

/** What `bytes` (or the reading of them) make of the article file `file`. */
function decodeArticle(file: string, rel: string, path: string, loaded: Loaded): ArticleFile {
  const { stats, bytes, hash, error } = loaded;
  if (error !== undefined) return { kind: "problem", problem: { file, message: error } };
  if (hash !== undefined) return { kind: "article", file, rel, path, stats, content: { hash } };
  if (!bytes) {
    return {
      kind: "problem",
      problem: {
        file,
        message: `is ${(Number(stats.size) / 1024 / 1024).toFixed(1)} MiB; an article may be at most 1 MiB (move images out of the text, split it)`,
      },
    };
  }
  try {
    const source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { kind: "article", file, rel, path, stats, content: { bytes, source } };
  } catch {
    return { kind: "problem", problem: { file, message: "is not UTF-8 text: save it as UTF-8" } };
  }
}

/**
 * Every file in `articlesRoot` (`articlesDir` relative to the project root), in order;
 * an article that `known` says is unchanged is not read.
 */
export async function* readArticleFiles(
  articlesRoot: string,
  articlesDir: string,
  known: KnownArticle,
): AsyncGenerator<ArticleFile> {
  const rels = await listFiles(articlesRoot);
  let loading = new Map<string, Promise<Loaded>>();
  for (const [index, rel] of rels.entries()) {
    if (index % READ_AHEAD === 0) {
      loading = new Map(
        rels
          .slice(index, index + READ_AHEAD)
          .filter((r) => extname(r) === ".md")
          .map((r) => [r, loadArticle(join(articlesRoot, r), toPosix(join(articlesDir, r)), known)]),
      );
    }
    const file = toPosix(join(articlesDir, rel));
    const ext = extname(rel);
    if (ext === ".md") {
      yield decodeArticle(file, rel, join(articlesRoot, rel), await loading.get(rel)!);
    } else if (MARKDOWN_LIKE.has(ext.toLowerCase()) || ext === ".MD") {
      yield {
        kind: "problem",
        problem: { file, message: `is not read: articles are .md files (rename it to ${rel.slice(0, -ext.length)}.md)` },
      };
    } else yield { kind: "other", file };
  }
}
