/**
 * The images an article uses: each must be a file beside the article, of a type articles
 * accept, and decode in full without fault. An image is decoded once per content: those
 * that passed are remembered by hash (src/build/cache.ts), and an unchanged file is not
 * read again (src/build/file-hashes.ts).
 */
import { dirname, extname, join, relative, resolve } from "node:path";
import type { EntryCache } from "../../build/cache.ts";
import type { FileHashes } from "../../build/file-hashes.ts";
import { ARTICLE_IMAGE_TYPES, imageProblem } from "../images.ts";
import type { Findings } from "./article-findings.ts";
import { toPosix } from "./read-articles.ts";
import type { CheckedArticle, Problem } from "./report.ts";

/** Images decoded without fault, by extension and content hash. */
export type CheckedImages = EntryCache<true>;

/** What the image check remembers between runs: images found sound, and files' hashes. */
export interface ImageCaches {
  checkedImages: CheckedImages;
  fileHashes: FileHashes;
}

/** Where articles live: the folder as written (`content/articles`) and as an absolute path. */
export interface ArticleFolder {
  dir: string;
  root: string;
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "was not found" : `cannot be read (${code ?? (error as Error).message})`;
}

/**
 * Reads and fully decodes an image once per content; an image file unchanged since it
 * was found sound is not read again (src/build/file-hashes.ts).
 */
export async function imageFileProblem(
  path: string,
  { checkedImages, fileHashes }: ImageCaches,
  nowMs = Date.now(),
): Promise<string | null> {
  const keyOf = (hash: string) => `${extname(path).toLowerCase()}:${hash}`;
  let read: { hash: string; bytes?: Buffer };
  try {
    read = fileHashes.read(path, path, (hash) => !!checkedImages.get(keyOf(hash)), nowMs);
  } catch (error) {
    return unreadable(error);
  }
  const { hash, bytes } = read;
  const key = keyOf(hash);
  if (!bytes || checkedImages.get(key)) return null;
  const problem = await imageProblem(bytes, path);
  if (!problem) checkedImages.set(key, true);
  return problem;
}

/**
 * The problems of the images `article` (whose file is at `path`) uses. Each image inside
 * the article folder is added to `article.images` and to `used`.
 */
export async function articleImageProblems(
  article: CheckedArticle,
  path: string,
  images: Findings["images"],
  folder: ArticleFolder,
  caches: ImageCaches,
  used: Set<string>,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const image of images) {
    const target = resolve(dirname(path), image.src);
    const inside = !relative(folder.root, target).startsWith("..");
    if (inside) {
      const file = toPosix(join(folder.dir, relative(folder.root, target)));
      used.add(file);
      article.images.push(file);
    }
    const problem = !inside
      ? `must be a file in ${folder.dir}/ beside the article`
      : !ARTICLE_IMAGE_TYPES[extname(target).toLowerCase()] && extname(target).toLowerCase() !== ".svg"
        ? "is not an image type articles accept (.jpg, .jpeg, .png, .webp, .avif, .gif or .tiff)"
        : await imageFileProblem(target, caches);
    if (problem) {
      problems.push({
        file: article.file,
        line: image.line,
        field: image.field,
        message: `image "${image.src}" ${problem}`,
      });
    }
  }
  return problems;
}

/** Files in the article folder that no article uses: warned about, never published. */
export function unusedFileWarnings(otherFiles: readonly string[], used: ReadonlySet<string>): Problem[] {
  return otherFiles
    .filter((file) => !used.has(file))
    .map((file) => ({ file, severity: "warning" as const, message: "is used by no article and is not published" }));
}
