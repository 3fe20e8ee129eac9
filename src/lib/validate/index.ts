/**
 * The content check: every article and every published file read before anything
 * renders, and every problem in every file reported at once, as
 * `file:line: field: what is wrong`. Pure (reads files, writes nothing but its image
 * cache); used by `npm run check`, by `npm run build` before it starts, and by the
 * `newsroom:publish-guard` integration, so a plain `astro build` refuses bad content too.
 *
 * It checks: frontmatter YAML (syntax, duplicate keys, strict dates, through the one
 * article schema in src/lib/article-schema.ts), the Markdown body (figures, alt text,
 * through the one Markdown engine), article size (1 MiB), ids and former addresses
 * that collide, every image an article uses (decoded in full, strictly), and files in
 * public/ that would publish metadata (EXIF, GPS) or scripts (SVG).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
// The slugger Astro's glob loader names entries with (a dependency of astro), so ids match exactly.
import { slug as githubSlug } from "github-slugger";
import { z } from "astro/zod";
import { ARTICLES_DIR, articleSchema } from "../article-schema.ts";
import { MarkdownError, renderMarkdown } from "../markdown.ts";
import { ARTICLE_IMAGE_TYPES, MAX_INPUT_PIXELS, RASTER_EXTENSIONS, embeddedMetadata, imageProblem } from "../images.ts";
import { lineAt, readFrontmatter, type Frontmatter } from "./frontmatter.ts";
import { writeWhole } from "../write-whole.ts";

export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line?: number | undefined;
  /** The frontmatter field, e.g. `hero.alt` or `updates[0].date`. */
  field?: string | undefined;
  message: string;
}

export interface CheckedArticle {
  /** The id Astro gives the entry, and its address: /articles/<id>/. */
  id: string;
  file: string;
  formerSlugs: string[];
}

export interface ContentReport {
  problems: Problem[];
  articles: CheckedArticle[];
}

export interface CheckOptions {
  /** Where the article folder is, relative to the root. */
  articlesDir?: string;
  /** The folder copied into the site as it is. */
  publicDir?: string;
  /** Images already decoded without fault, by content hash (kept between runs). */
  imageCacheFile?: string | false;
  /** What each article's text was found to say, by path and content hash (kept between runs). */
  articleCacheFile?: string | false;
}

/**
 * Set by `npm run build` to a file holding the article list it has just checked, so the
 * build's own integration need not read and check every article a second time.
 */
export const CHECKED_CONTENT_ENV = "NEWSROOM_CHECKED_CONTENT";

/** An article above this size is refused: it is either a mistake or a page no reader can load. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

const MARKDOWN_LIKE = new Set([".markdown", ".mdown", ".mkd", ".mdx", ".txt"]);

function toPosix(path: string): string {
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

/** The id Astro's glob loader gives `relPath` (relative to the article folder). */
export function articleId(relPath: string): string {
  const withoutExt = toPosix(relPath).replace(/\.[^./]+$/, "");
  return withoutExt
    .split("/")
    .map((segment) => githubSlug(segment))
    .join("/")
    .replace(/\/index$/, "");
}

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    "",
  );
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Turns zod's issues into problems on their lines, in words an editor can act on. */
function schemaProblems(file: string, fm: Frontmatter, issues: z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({
          file,
          line: fm.lineOfKey(path, key),
          field: fieldName([...path, key]),
          message: "is not a field articles have (a typo?)",
        });
      }
      continue;
    }
    const missing = valueAt(fm.data, path) === undefined;
    const message =
      missing && issue.code === "invalid_type"
        ? "is required"
        : issue.code === "invalid_union"
          ? "must be a date such as 2016-02-10, in quotes"
          : issue.message;
    problems.push({ file, line: fm.lineOf(path), field: fieldName(path) || undefined, message });
  }
  return problems;
}

/**
 * Renders the body with the site's Markdown engine, collecting every error: after one,
 * the offending block is blanked (lines kept, so numbers stay true) and it runs again.
 */
function bodyProblems(body: string): { errors: Array<{ line?: number | undefined; message: string }>; html: string } {
  const errors: Array<{ line?: number | undefined; message: string }> = [];
  let source = body;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const rendered = renderMarkdown(source);
      return { errors, html: rendered.html };
    } catch (error) {
      if (!(error instanceof MarkdownError)) {
        errors.push({ message: `Markdown could not be rendered: ${(error as Error).message}` });
        return { errors, html: "" };
      }
      errors.push({ line: error.line, message: error.message.replace(/^line \d+: /, "") });
      if (error.line === undefined) return { errors, html: "" };
      // Blank the block (up to the next empty line) that holds the error, then go on.
      const lines = source.split("\n");
      for (let i = error.line - 1; i < lines.length && lines[i]!.trim() !== ""; i++) lines[i] = "";
      source = lines.join("\n");
    }
  }
  return { errors, html: "" };
}

interface ImageCache {
  ok: Set<string>;
  dirty: boolean;
}

async function loadImageCache(file: string | false): Promise<ImageCache> {
  if (!file) return { ok: new Set(), dirty: false };
  try {
    const saved = JSON.parse(await readFile(file, "utf8")) as { limit: number; ok: string[] };
    if (saved.limit === MAX_INPUT_PIXELS) return { ok: new Set(saved.ok), dirty: false };
  } catch {
    // no cache yet, or an unreadable one: start afresh
  }
  return { ok: new Set(), dirty: false };
}

async function saveImageCache(file: string | false, cache: ImageCache): Promise<void> {
  if (!file || !cache.dirty) return;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ limit: MAX_INPUT_PIXELS, ok: [...cache.ok].sort() }));
}

/** Reads and fully decodes an image once per content (cached by hash). */
async function checkImageFile(path: string, cache: ImageCache): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? "was not found" : `cannot be read (${code ?? (error as Error).message})`;
  }
  const key = `${extname(path).toLowerCase()}:${createHash("sha256").update(bytes).digest("hex")}`;
  if (cache.ok.has(key)) return null;
  const problem = await imageProblem(bytes, path);
  if (!problem) {
    cache.ok.add(key);
    cache.dirty = true;
  }
  return problem;
}

/** The line of the first figure in `body` that uses `src`, counted in the whole file. */
function figureLine(source: string, bodyStart: number, src: string): number | undefined {
  const at = source.indexOf(src, bodyStart);
  return at < 0 ? undefined : lineAt(source, at);
}

const SVG_ACTIVE = /<script\b|\bon[a-z]+\s*=|javascript:|<foreignObject\b|<iframe\b|<embed\b|<object\b/i;

/** Files in public/ are published byte for byte: no image metadata, no active SVG. */
async function publicProblems(root: string, publicDir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const dir = resolve(root, publicDir);
  for (const rel of await listFiles(dir)) {
    const file = toPosix(join(publicDir, rel));
    const ext = extname(rel).toLowerCase();
    if (RASTER_EXTENSIONS.has(ext)) {
      const found = await embeddedMetadata(await readFile(join(dir, rel)));
      if (found.length) {
        problems.push({
          file,
          message: `carries ${found.join(", ")} metadata, and public/ files are published as they are: strip it (for example \`exiftool -all= ${rel}\`) and commit the clean file`,
        });
      }
    } else if (ext === ".svg") {
      const text = await readFile(join(dir, rel), "utf8");
      const active = SVG_ACTIVE.exec(text);
      if (active) {
        problems.push({
          file,
          line: lineAt(text, active.index),
          message: `contains "${active[0]}": an SVG with scripts, event handlers or embedded documents is not published`,
        });
      }
    }
  }
  return problems;
}

interface Findings {
  problems: Problem[];
  /** Absent when the frontmatter could not be read at all. */
  article?: CheckedArticle;
  /** The images the article uses, to be checked on disk: the hero, then each figure. */
  images: Array<{ src: string; line: number | undefined; field?: string | undefined }>;
}

/** Everything one article's text says about it, its images aside (pure). */
function articleFindings(
  file: string,
  rel: string,
  source: string,
  schema: ReturnType<typeof articleSchema>,
): Findings {
  const problems: Problem[] = [];
  const id = articleId(rel);
  if (id.includes("/")) {
    problems.push({
      file,
      message: `would have the address /articles/${id}/: an article is content/articles/<name>.md or content/articles/<name>/index.md`,
    });
  }
  const read = readFrontmatter(source);
  if (!read.ok) {
    problems.push({ file, line: read.line, message: read.message });
    return { problems, images: [] };
  }
  const fm = read.frontmatter;
  for (const issue of fm.issues) problems.push({ file, line: issue.line, message: issue.message });
  const parsed = schema.safeParse(fm.data);
  if (!parsed.success) problems.push(...schemaProblems(file, fm, parsed.error.issues));
  const data = parsed.success ? parsed.data : undefined;

  // The body, through the site's own Markdown engine.
  const bodyOffset = lineAt(source, fm.bodyStart) - 1;
  const body = bodyProblems(fm.body);
  for (const error of body.errors) {
    problems.push({
      file,
      line: error.line === undefined ? undefined : error.line + bodyOffset,
      message: error.message,
    });
  }

  const images: Findings["images"] = [];
  const heroImage = valueAt(fm.data, ["hero", "image"]);
  if (typeof heroImage === "string" && heroImage.trim()) {
    images.push({ src: heroImage.trim(), line: fm.lineOf(["hero", "image"]), field: "hero.image" });
  }
  for (const ref of findFigureSources(body.html)) {
    images.push({ src: ref, line: figureLine(source, fm.bodyStart, ref) });
  }
  return { problems, article: { id, file, formerSlugs: data?.formerSlugs ?? [] }, images };
}

interface FindingsCache {
  version: string;
  entries: Record<string, { hash: string; findings: Findings }>;
}

/**
 * The hash of the code findings come from (this folder and src/lib, where the schema and
 * the Markdown engine live) and of the lockfile (marked, yaml, zod): a change to any of
 * them checks every article again.
 */
function checkerVersion(root: string): string {
  const hash = createHash("sha256");
  const lib = fileURLToPath(new URL("..", import.meta.url));
  try {
    for (const entry of (readdirSync(lib, { recursive: true }) as string[]).sort()) {
      if (entry.endsWith(".ts")) hash.update(entry).update(readFileSync(join(lib, entry)));
    }
  } catch {
    hash.update(String(Math.random())); // sources not readable: never reuse findings
  }
  const lockfile = join(root, "package-lock.json");
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return hash.digest("hex").slice(0, 16);
}

async function loadFindings(file: string | false, version: string): Promise<FindingsCache> {
  if (file) {
    try {
      const saved = JSON.parse(await readFile(file, "utf8")) as FindingsCache;
      if (saved.version === version) return saved;
    } catch {
      // no cache yet, or an unreadable one: check every article
    }
  }
  return { version, entries: {} };
}

async function saveFindings(file: string | false, cache: FindingsCache): Promise<void> {
  if (file) await writeWhole(file, JSON.stringify(cache));
}

/** Checks all content under `root`. Never throws for a content problem: it reports it. */
export async function checkContent(root: string, options: CheckOptions = {}): Promise<ContentReport> {
  const articlesDir = options.articlesDir ?? ARTICLES_DIR;
  const publicDir = options.publicDir ?? "public";
  const cacheFile =
    options.imageCacheFile === undefined
      ? join(root, "node_modules/.cache/newsroom/checked-images.json")
      : options.imageCacheFile;
  const cache = await loadImageCache(cacheFile);
  const findingsFile =
    options.articleCacheFile === undefined
      ? join(root, "node_modules/.cache/newsroom/checked-articles.json")
      : options.articleCacheFile;
  const version = checkerVersion(root);
  const findingsCache = await loadFindings(findingsFile, version);
  // Only this run's articles are kept, so the cache never outgrows the archive.
  const nextFindings: FindingsCache["entries"] = {};
  const problems: Problem[] = [];
  const articles: CheckedArticle[] = [];
  const articlesRoot = resolve(root, articlesDir);
  const schema = articleSchema(z.string().trim().min(1, { error: "must not be empty" }));

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
    if (ext !== ".md") {
      if (MARKDOWN_LIKE.has(ext.toLowerCase()) || ext === ".MD") {
        problems.push({
          file,
          message: `is not read: articles are .md files (rename it to ${rel.slice(0, -ext.length)}.md)`,
        });
      }
      continue;
    }
    const path = join(articlesRoot, rel);
    const { size, bytes, error } = await loading.get(rel)!;
    if (error) {
      problems.push({ file, message: error });
      continue;
    }
    if (!bytes) {
      problems.push({
        file,
        message: `is ${(size / 1024 / 1024).toFixed(1)} MiB; an article may be at most 1 MiB (move images out of the text, split it)`,
      });
      continue;
    }
    let source: string;
    try {
      source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      problems.push({ file, message: "is not UTF-8 text: save it as UTF-8" });
      continue;
    }

    // What the text says, images aside, is the same for the same bytes at the same path:
    // kept between runs, so only edited articles are parsed and rendered again.
    const hash = createHash("sha1").update(bytes).digest("base64url");
    const known = findingsCache.entries[file];
    const findings = known?.hash === hash ? known.findings : articleFindings(file, rel, source, schema);
    nextFindings[file] = { hash, findings };
    problems.push(...findings.problems);
    if (!findings.article) continue;
    articles.push(findings.article);
    const articleDir = dirname(path);
    for (const image of findings.images) {
      const target = resolve(articleDir, image.src);
      const inside = !relative(articlesRoot, target).startsWith("..");
      const problem = !inside
        ? `must be a file in ${articlesDir}/ beside the article`
        : !ARTICLE_IMAGE_TYPES[extname(target).toLowerCase()] && extname(target).toLowerCase() !== ".svg"
          ? "is not an image type articles accept (.jpg, .jpeg, .png, .webp, .avif, .gif or .tiff)"
          : await checkImageFile(target, cache);
      if (problem) {
        problems.push({ file, line: image.line, field: image.field, message: `image "${image.src}" ${problem}` });
      }
    }
  }

  problems.push(...addressProblems(articles));
  problems.push(...(await publicProblems(root, publicDir)));
  await saveImageCache(cacheFile, cache).catch(() => undefined);
  await saveFindings(findingsFile, { version, entries: nextFindings }).catch(() => undefined);
  return { problems: sortProblems(problems), articles };
}

/** Figure image paths in the engine's output (its markers; see src/lib/figures.ts). */
function findFigureSources(html: string): string[] {
  return [...html.matchAll(/<!--figure-image:([A-Za-z0-9%._~!*'()-]*)-->/g)].map(
    (m) => (JSON.parse(decodeURIComponent(m[1]!)) as { src: string }).src,
  );
}

/** Two files with one address, or a former address that another article (or itself) owns. */
function addressProblems(articles: CheckedArticle[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, CheckedArticle[]>();
  for (const article of articles) byId.set(article.id, [...(byId.get(article.id) ?? []), article]);
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    for (const article of same) {
      const others = same.filter((a) => a !== article).map((a) => a.file);
      problems.push({
        file: article.file,
        message: `has the same address /articles/${id}/ as ${others.join(", ")}: only one would be published; rename one`,
      });
    }
  }
  const formerOwners = new Map<string, CheckedArticle[]>();
  for (const article of articles) {
    const repeated = article.formerSlugs.filter((slug, i) => article.formerSlugs.indexOf(slug) !== i);
    for (const slug of new Set(repeated)) {
      problems.push({ file: article.file, field: "formerSlugs", message: `"${slug}" is listed more than once` });
    }
    for (const slug of new Set(article.formerSlugs)) {
      formerOwners.set(slug, [...(formerOwners.get(slug) ?? []), article]);
      const owner = byId.get(slug)?.[0];
      if (owner) {
        problems.push({
          file: article.file,
          field: "formerSlugs",
          message:
            owner === article
              ? `"${slug}" is this article's own address`
              : `"${slug}" is the address of ${owner.file}: a redirect there would hide that article`,
        });
      }
    }
  }
  for (const [slug, owners] of formerOwners) {
    if (owners.length < 2) continue;
    for (const article of owners) {
      problems.push({
        file: article.file,
        field: "formerSlugs",
        message: `"${slug}" is also a former address of ${owners
          .filter((a) => a !== article)
          .map((a) => a.file)
          .join(", ")}: it can redirect to only one article`,
      });
    }
  }
  return problems;
}

function sortProblems(problems: Problem[]): Problem[] {
  // By file (code point order, the same everywhere), then line; otherwise as found.
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** `file:line: field: message`, the way compilers report, so editors can jump to it. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.field ? `${problem.field}: ` : ""}${problem.message}`;
}

export function formatReport(report: ContentReport): string {
  const count = report.problems.length;
  const files = new Set(report.problems.map((p) => p.file)).size;
  return [
    ...report.problems.map(formatProblem),
    `${count} ${count === 1 ? "problem" : "problems"} in ${files} ${files === 1 ? "file" : "files"}.`,
  ].join("\n");
}
