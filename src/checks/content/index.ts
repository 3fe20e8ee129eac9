/**
 * The content check: every article and every published file read before anything
 * renders, and every problem in every file reported at once, as
 * `file:line: field: what is wrong`. Pure (reads files, writes nothing but its image
 * cache); used by `npm run check`, by `npm run build` before it starts, and by the
 * `newsroom:publish-guard` integration, so a plain `astro build` refuses bad content too.
 *
 * It checks: frontmatter YAML (syntax, duplicate keys, strict dates, through the one
 * article schema in src/model/article-schema.ts), the Markdown body (figures, alt text,
 * through the one Markdown engine; not empty), article size (1 MiB), ids (compared in
 * NFC) and former addresses that collide, two topics that would share one page, links to
 * the site's own pages that the build will not have, every image an article uses
 * (decoded in full, strictly), and files in public/ that would publish metadata (EXIF,
 * GPS), anything active, or a generated path (./public-files.ts, ./svg.ts). Symbolic
 * links out of the project stop it first (./symlinks.ts). Images no article uses and
 * text past its reading limits are warnings: reported, never stopping the build.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { z } from "astro/zod";
import { ARTICLES_DIR, LENGTH_LIMITS, articleSchema, textLength } from "../../model/article-schema.ts";
import { toInstant } from "../../model/dates.ts";
import { MarkdownError, inlineLinks, renderMarkdown, type RenderedMarkdown } from "../../markdown/engine.ts";
import { sitePathProblem, type KnownSite } from "./site-routes.ts";
import { ENTRY_ID_SEGMENT_RE, entryId, topicKey, topicSlug } from "../../model/slug.ts";
import { site as siteConfig } from "../../site.config.ts";
import { ARTICLE_IMAGE_TYPES, MAX_INPUT_PIXELS, RASTER_EXTENSIONS, embeddedMetadata, imageProblem } from "../images.ts";
import { readFrontmatter, type Frontmatter } from "./frontmatter.ts";
import { lineAt } from "../../model/lines.ts";
import { writeWhole } from "../../build/write-whole.ts";
import { symlinkProblems } from "./symlinks.ts";
import { generatedPaths, listPublished, publicFileProblems } from "./public-files.ts";

export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line?: number | undefined;
  /** The frontmatter field, e.g. `hero.alt` or `updates[0].date`. */
  field?: string | undefined;
  message: string;
  /** A warning is printed but does not stop the build; anything else is an error. */
  severity?: "warning" | undefined;
}

export interface CheckedArticle {
  /** The id Astro gives the entry, and its address: /articles/<id>/. */
  id: string;
  file: string;
  formerSlugs: string[];
  /** The images it uses, relative to the project root: the only article images published. */
  images: string[];
}

export interface ContentReport {
  /** Errors: any of them stops the build. */
  problems: Problem[];
  /** Printed, never stopping the build. */
  warnings: Problem[];
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
  /** The site's address and base path, to judge articles' links to their own site. */
  site?: { url: string; base: string };
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
type BodyFindings = Pick<RenderedMarkdown, "figures" | "figureLines" | "links" | "ids"> & {
  errors: Array<{ line?: number | undefined; message: string }>;
};

function bodyProblems(body: string): BodyFindings {
  const errors: BodyFindings["errors"] = [];
  const failed = () => ({ errors, figures: [], figureLines: [], links: [], ids: [] });
  let source = body;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const { figures, figureLines, links, ids } = renderMarkdown(source);
      return { errors, figures, figureLines, links, ids };
    } catch (error) {
      if (!(error instanceof MarkdownError)) {
        errors.push({ message: `Markdown could not be rendered: ${(error as Error).message}` });
        return failed();
      }
      errors.push({ line: error.line, message: error.message.replace(/^line \d+: /, "") });
      if (error.line === undefined) return failed();
      // Blank the block (up to the next empty line) that holds the error, then go on.
      const lines = source.split("\n");
      for (let i = error.line - 1; i < lines.length && lines[i]!.trim() !== ""; i++) lines[i] = "";
      source = lines.join("\n");
    }
  }
  return failed();
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

/** Files in public/ are published byte for byte: no image metadata, nothing active, nothing the build generates. */
async function publicProblems(root: string, publicDir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const dir = resolve(root, publicDir);
  const generated = generatedPaths(await listPublished(join(root, "src/pages")));
  for (const rel of await listPublished(dir)) {
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
    }
    for (const found of await publicFileProblems(rel, () => readFile(join(dir, rel)), generated)) {
      problems.push({ file, ...found });
    }
  }
  return problems;
}

interface Findings {
  problems: Problem[];
  /** Absent when the frontmatter could not be read at all. */
  article?: Omit<CheckedArticle, "images">;
  /** The images the article uses, to be checked on disk: the hero, then each figure. */
  images: Array<{ src: string; line: number | undefined; field?: string | undefined }>;
  /** What the checks between articles need: its topics, links, former addresses, page ids. */
  facts?: ArticleFacts;
}

interface Located {
  line: number | undefined;
  field?: string | undefined;
}

interface ArticleFacts {
  topics: Array<Located & { kind: "section" | "tag"; name: string }>;
  links: Array<Located & { href: string }>;
  formerSlugs: Array<Located & { slug: string }>;
  /** Element ids on the article's page that come from its text. */
  ids: string[];
  /** The UTC year it was published in (its archive page), when the date is valid. */
  year?: number | undefined;
}

/** A warning when `value` is longer than is good to read (the schema refuses what is far too long). */
function lengthWarning(
  file: string,
  where: Located,
  kind: keyof typeof LENGTH_LIMITS,
  value: unknown,
  name: string,
): Problem | undefined {
  if (typeof value !== "string") return undefined;
  const length = textLength(value.trim());
  const { warn, max } = LENGTH_LIMITS[kind];
  if (length <= warn) return undefined;
  if (length > max) {
    // Frontmatter fields are refused by the schema; body figures are refused here.
    return where.field
      ? undefined
      : { file, line: where.line, message: `${name} is ${length} characters long; the limit is ${max}` };
  }
  return {
    file,
    line: where.line,
    field: where.field,
    severity: "warning",
    message: `${where.field ? "is" : `${name} is`} ${length} characters long; more than ${warn} is hard to read (the limit is ${max})`,
  };
}

/** Everything one article's text says about it, its images aside (pure). */
function articleFindings(
  file: string,
  rel: string,
  source: string,
  schema: ReturnType<typeof articleSchema>,
): Findings {
  const problems: Problem[] = [];
  const id = entryId(toPosix(rel));
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

  if (fm.body.trim() === "") {
    problems.push({
      file,
      line: lineAt(source, fm.bodyStart),
      field: "body",
      message: "is empty: write the article's text below the frontmatter",
    });
  }

  const lengthWarnings = [
    lengthWarning(
      file,
      { line: fm.lineOf(["headline"]), field: "headline" },
      "headline",
      valueAt(fm.data, ["headline"]),
      "",
    ),
    lengthWarning(
      file,
      { line: fm.lineOf(["standfirst"]), field: "standfirst" },
      "standfirst",
      valueAt(fm.data, ["standfirst"]),
      "",
    ),
    lengthWarning(
      file,
      { line: fm.lineOf(["hero", "caption"]), field: "hero.caption" },
      "caption",
      valueAt(fm.data, ["hero", "caption"]),
      "",
    ),
    lengthWarning(
      file,
      { line: fm.lineOf(["hero", "alt"]), field: "hero.alt" },
      "alt",
      valueAt(fm.data, ["hero", "alt"]),
      "",
    ),
    ...body.figures.flatMap((figure, i) => {
      const line = body.figureLines[i] === undefined ? undefined : body.figureLines[i] + bodyOffset;
      return [
        lengthWarning(file, { line }, "caption", figure.caption, "the figure's caption"),
        lengthWarning(file, { line }, "alt", figure.image?.alt, "the figure's alt text"),
      ];
    }),
  ];
  for (const found of lengthWarnings) if (found) problems.push(found);

  const images: Findings["images"] = [];
  const heroImage = valueAt(fm.data, ["hero", "image"]);
  if (typeof heroImage === "string" && heroImage.trim()) {
    images.push({ src: heroImage.trim(), line: fm.lineOf(["hero", "image"]), field: "hero.image" });
  }
  for (const { image } of body.figures) {
    if (image) images.push({ src: image.src, line: figureLine(source, fm.bodyStart, image.src) });
  }
  // Each former address on its own line, read even when another entry is invalid.
  const formerSlugs: ArticleFacts["formerSlugs"] = [];
  const listed = valueAt(fm.data, ["formerSlugs"]);
  if (Array.isArray(listed)) {
    listed.forEach((slug, i) => {
      if (typeof slug === "string" && ENTRY_ID_SEGMENT_RE.test(slug))
        formerSlugs.push({ slug, line: fm.lineOf(["formerSlugs", i]), field: `formerSlugs[${i}]` });
    });
  }

  const topics: ArticleFacts["topics"] = [];
  const section = valueAt(fm.data, ["section"]);
  if (typeof section === "string" && topicSlug(section))
    topics.push({ kind: "section", name: section.trim(), line: fm.lineOf(["section"]), field: "section" });
  const tags = valueAt(fm.data, ["tags"]);
  if (Array.isArray(tags)) {
    tags.forEach((tag, i) => {
      if (typeof tag === "string" && topicSlug(tag))
        topics.push({ kind: "tag", name: tag.trim(), line: fm.lineOf(["tags", i]), field: `tags[${i}]` });
    });
  }

  const links: ArticleFacts["links"] = body.links.map((href) => {
    const at = source.indexOf(href, fm.bodyStart);
    return { href, line: at < 0 ? undefined : lineAt(source, at) };
  });
  const heroCaption = valueAt(fm.data, ["hero", "caption"]);
  if (typeof heroCaption === "string") {
    for (const href of inlineLinks(heroCaption))
      links.push({ href, line: fm.lineOf(["hero", "caption"]), field: "hero.caption" });
  }
  const ids = [...body.ids];
  if (data?.updates.length) ids.push("updates-heading");
  const year = data ? toInstant(data.published).getUTCFullYear() : undefined;

  return {
    problems,
    article: { id, file, formerSlugs: formerSlugs.map((f) => f.slug) },
    images,
    facts: { topics, links, formerSlugs, ids, year },
  };
}

interface FindingsCache {
  version: string;
  entries: Record<string, { hash: string; findings: Findings }>;
}

/**
 * The hash of the code findings come from (all of src/, where the checks, the schema and
 * the Markdown engine live) and of the lockfile (marked, yaml, zod): a change to any of
 * them checks every article again.
 */
function checkerVersion(root: string): string {
  const hash = createHash("sha256");
  const lib = fileURLToPath(new URL("../..", import.meta.url));
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
  // Links first, before any file is read: one that leads outside the project or loops stops everything.
  const links = await symlinkProblems(root, [articlesDir.split(/[\\/]/)[0]!, publicDir]);
  if (links.length > 0) return { problems: sortProblems(links), warnings: [], articles: [] };
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
  const facts = new Map<CheckedArticle, ArticleFacts>();
  /** Every file in the article folder that is not an article, and those an article uses. */
  const otherFiles: string[] = [];
  const usedFiles = new Set<string>();
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
      } else otherFiles.push(file);
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
    const checked: CheckedArticle = { ...findings.article, images: [] };
    articles.push(checked);
    if (findings.facts) facts.set(checked, findings.facts);
    const articleDir = dirname(path);
    for (const image of findings.images) {
      const target = resolve(articleDir, image.src);
      const inside = !relative(articlesRoot, target).startsWith("..");
      if (inside) {
        const used = toPosix(join(articlesDir, relative(articlesRoot, target)));
        usedFiles.add(used);
        checked.images.push(used);
      }
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

  for (const file of otherFiles) {
    if (!usedFiles.has(file)) {
      problems.push({ file, severity: "warning", message: "is used by no article and is not published" });
    }
  }
  problems.push(...addressProblems(articles, facts));
  problems.push(...topicProblems(facts));
  problems.push(...linkProblems(facts, options.site ?? siteConfig));
  problems.push(...(await publicProblems(root, publicDir)));
  await saveImageCache(cacheFile, cache).catch(() => undefined);
  await saveFindings(findingsFile, { version, entries: nextFindings }).catch(() => undefined);
  const sorted = sortProblems(problems);
  return {
    problems: sorted.filter((p) => p.severity !== "warning"),
    warnings: sorted.filter((p) => p.severity === "warning"),
    articles,
  };
}

/** Two different topics that would share one page (/tags/c/ for "C" and "C!"): both named. */
function topicProblems(facts: Map<CheckedArticle, ArticleFacts>): Problem[] {
  const problems: Problem[] = [];
  for (const kind of ["section", "tag"] as const) {
    const bySlug = new Map<string, Array<{ article: CheckedArticle; topic: ArticleFacts["topics"][number] }>>();
    for (const [article, { topics }] of facts) {
      for (const topic of topics) {
        if (topic.kind !== kind) continue;
        const slug = topicSlug(topic.name);
        bySlug.set(slug, [...(bySlug.get(slug) ?? []), { article, topic }]);
      }
    }
    for (const [slug, uses] of bySlug) {
      const names = new Map<string, (typeof uses)[number]>();
      for (const use of uses) if (!names.has(topicKey(use.topic.name))) names.set(topicKey(use.topic.name), use);
      if (names.size < 2) continue;
      for (const use of uses) {
        const others = [...names.entries()]
          .filter(([key]) => key !== topicKey(use.topic.name))
          .map(([, o]) => `"${o.topic.name}" (${o.article.file}${o.topic.line ? `:${o.topic.line}` : ""})`);
        problems.push({
          file: use.article.file,
          line: use.topic.line,
          field: use.topic.field,
          message: `"${use.topic.name}" would share the ${kind} page /${kind}s/${slug}/ with ${others.join(", ")}, a different name: use one spelling for one topic, or names that differ in letters or digits`,
        });
      }
    }
  }
  return problems;
}

/**
 * Links to the site's own pages (root-relative, relative, or the site's address written
 * in full) must name a page this build will have: the output link check refuses any
 * other, after the whole site has been built.
 */
function linkProblems(facts: Map<CheckedArticle, ArticleFacts>, site: { url: string; base: string }): Problem[] {
  const problems: Problem[] = [];
  const base = site.base.endsWith("/") ? site.base : `${site.base}/`;
  const origin = new URL(site.url).origin;
  const known: KnownSite = {
    articles: new Map(),
    formerSlugs: new Set(),
    sections: new Map(),
    tags: new Map(),
    years: new Map(),
  };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const [article, fact] of facts) {
    known.articles.set(article.id, new Set(fact.ids));
    for (const { slug } of fact.formerSlugs) (known.formerSlugs as Set<string>).add(slug);
    for (const kind of ["section", "tag"] as const) {
      const slugs = new Set(fact.topics.filter((t) => t.kind === kind).map((t) => topicSlug(t.name)));
      for (const slug of slugs) count((kind === "section" ? known.sections : known.tags) as Map<string, number>, slug);
    }
    if (fact.year !== undefined) count(known.years as Map<string, number>, String(fact.year));
  }
  for (const [article, fact] of facts) {
    const page = new URL(`${base}articles/${article.id}/`, origin);
    for (const link of fact.links) {
      let target: URL;
      try {
        target = new URL(link.href, page);
      } catch {
        problems.push({
          file: article.file,
          line: link.line,
          field: link.field,
          message: `link "${link.href}" is not a valid URL`,
        });
        continue;
      }
      if (target.origin !== origin) continue; // another site: not ours to check
      let reason: string | null;
      if (!target.pathname.startsWith(base)) reason = `is outside the site's base path ${base}`;
      else {
        try {
          reason = sitePathProblem(
            decodeURIComponent(target.pathname.slice(base.length)),
            decodeURIComponent(target.hash.slice(1)),
            known,
          );
        } catch {
          reason = "is not a valid URL path";
        }
      }
      if (reason) {
        problems.push({
          file: article.file,
          line: link.line,
          field: link.field,
          message: `link "${link.href}" goes to this site, but ${reason.replace(/^(is|names|points)/, "it $1")}`,
        });
      }
    }
  }
  return problems;
}

/** Two files with one address, or a former address that another article (or itself) owns. */
function addressProblems(articles: CheckedArticle[], facts: Map<CheckedArticle, ArticleFacts>): Problem[] {
  const problems: Problem[] = [];
  // Addresses are compared as a browser and a host would: "Café" typed with one é
  // (NFC) and with e + accent (NFD) are one address, though the two files differ.
  const address = (slug: string) => slug.normalize("NFC");
  const byId = new Map<string, CheckedArticle[]>();
  for (const article of articles) {
    const key = address(article.id);
    byId.set(key, [...(byId.get(key) ?? []), article]);
  }
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    const spellings = new Set(same.map((a) => a.id)).size > 1;
    for (const article of same) {
      const others = same.filter((a) => a !== article).map((a) => a.file);
      problems.push({
        file: article.file,
        message: `has the same address /articles/${id}/ as ${others.join(", ")}${
          spellings ? " (the same letters, written with different Unicode characters)" : ""
        }: only one would be published; rename one`,
      });
    }
  }
  const formerOwners = new Map<string, CheckedArticle[]>();
  for (const article of articles) {
    const lines = facts.get(article)?.formerSlugs ?? [];
    const at = (slug: string) => lines.find((f) => address(f.slug) === slug);
    const seen = new Set<string>();
    for (const entry of lines) {
      if (seen.has(address(entry.slug))) {
        problems.push({
          file: article.file,
          line: entry.line,
          field: entry.field,
          message: `"${entry.slug}" is listed more than once`,
        });
      }
      seen.add(address(entry.slug));
    }
    for (const slug of new Set(article.formerSlugs.map(address))) {
      formerOwners.set(slug, [...(formerOwners.get(slug) ?? []), article]);
      const owner = byId.get(slug)?.[0];
      if (owner) {
        problems.push({
          file: article.file,
          line: at(slug)?.line,
          field: at(slug)?.field ?? "formerSlugs",
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
      const entry = facts.get(article)?.formerSlugs.find((f) => address(f.slug) === slug);
      problems.push({
        file: article.file,
        line: entry?.line,
        field: entry?.field ?? "formerSlugs",
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
  const severity = problem.severity === "warning" ? "warning: " : "";
  return `${where}: ${severity}${problem.field ? `${problem.field}: ` : ""}${problem.message}`;
}

/** Every error, then every warning, and a count of each. */
export function formatReport(report: Pick<ContentReport, "problems" | "warnings">): string {
  const count = report.problems.length;
  const files = new Set(report.problems.map((p) => p.file)).size;
  const warnings = report.warnings.length;
  return [
    ...report.problems.map(formatProblem),
    ...report.warnings.map(formatProblem),
    `${count} ${count === 1 ? "problem" : "problems"} in ${files} ${files === 1 ? "file" : "files"}` +
      (warnings ? `, ${warnings} ${warnings === 1 ? "warning" : "warnings"}.` : "."),
  ].join("\n");
}
