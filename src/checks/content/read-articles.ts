/**
 * The files of the article folder, read ahead in parallel and decoded: each is an article
 * (its UTF-8 text), a file that cannot be one (a problem), or another file (an image, say).
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import type { Problem } from "./report.ts";

/** An article above this size is refused: it is either a mistake or a page no reader can load. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MARKDOWN_LIKE = new Set([".markdown", ".mdown", ".mkd", ".mdx", ".txt"]);

export function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** Every file below `dir` (paths relative to it), skipping dot files and folders as Astro's glob does. */
async function listFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  const visible = entries.sort().filter(
    (entry) =>
      !toPosix(entry)
        .split("/")
        .some((part) => part.startsWith(".")),
  );
  // Many stats at once: one after another, waiting on each, took seconds at 10,000 files.
  const isFile = await Promise.all(visible.map((entry) => stat(join(dir, entry)).then((s) => s.isFile())));
  return visible.filter((_, i) => isFile[i]);
}

/** How many article files are read at once (reading them one by one is mostly waiting). */
const READ_AHEAD = 64;

type Loaded = { size: number; bytes?: Buffer; error?: string };

/** The file's size, and its bytes unless it is too big; never rejects (read-ahead). */
async function loadArticle(path: string): Promise<Loaded> {
  try {
    const size = (await stat(path)).size;
    return size > MAX_ARTICLE_BYTES ? { size } : { size, bytes: await readFile(path) };
  } catch (error) {
    return { size: 0, error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}


export type ArticleFile =
  | { kind: "article"; file: string; rel: string; path: string; bytes: Buffer; source: string }
  | { kind: "problem"; problem: Problem }
  | { kind: "other"; file: string };

/** What `bytes` (or the reading of them) make of the article file `file`. */
function decodeArticle(file: string, rel: string, path: string, { size, bytes, error }: Loaded): ArticleFile {
  if (error) return { kind: "problem", problem: { file, message: error } };
  if (!bytes) {
    return {
      kind: "problem",
      problem: {
        file,
        message: `is ${(size / 1024 / 1024).toFixed(1)} MiB; an article may be at most 1 MiB (move images out of the text, split it)`,
      },
    };
  }
  try {
    return { kind: "article", file, rel, path, bytes, source: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { kind: "problem", problem: { file, message: "is not UTF-8 text: save it as UTF-8" } };
  }
}

/** Every file in `articlesRoot` (`articlesDir` relative to the project root), in order. */
export async function* readArticleFiles(articlesRoot: string, articlesDir: string): AsyncGenerator<ArticleFile> {
  const rels = await listFiles(articlesRoot);
  let loading = new Map<string, Promise<Loaded>>();
  for (const [index, rel] of rels.entries()) {
    if (index % READ_AHEAD === 0) {
      loading = new Map(
        rels
          .slice(index, index + READ_AHEAD)
          .filter((r) => extname(r) === ".md")
          .map((r) => [r, loadArticle(join(articlesRoot, r))]),
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
