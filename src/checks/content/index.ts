/**
 * The content check: every article and every published file read before anything
 * renders, and every problem in every file reported at once, as
 * `file:line: field: what is wrong`. Pure (reads files, writes nothing but its caches); used by `npm run check`, by `npm run build` before it starts, and by the
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
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { CACHES, EntryCache, projectCaches, type CacheStore } from "../../build/cache.ts";
import { FileHashes } from "../../build/file-hashes.ts";
import { ARTICLES_DIR } from "../../model/article-schema.ts";
import { site as siteConfig } from "../../site.config.ts";
import { addressProblems } from "./addresses.ts";
import { articleFindings, contentSchema, schemaProblems, type ArticleFacts, type Findings } from "./article-findings.ts";
import { articleImageProblems, imageFileProblem, unusedFileWarnings, type CheckedImages } from "./article-images.ts";
import { checkAuthors, checkPages, settingsProblems, unknownAuthorProblems } from "./collections.ts";
import { topicSlug } from "../../model/slug.ts";
import { publicationState } from "../../model/publication.ts";
import { publicProblems } from "./public-folder.ts";
import { readArticleFiles, type ArticleFile, type KnownArticle } from "./read-articles.ts";
import { sortProblems, toReport, type CheckedArticle, type ContentReport, type Problem } from "./report.ts";
import { linkProblems } from "./site-links.ts";
import { farFutureWarnings } from "./schedule.ts";
import { symlinkProblems } from "./symlinks.ts";
import { topicProblems } from "./topics.ts";

export { MAX_ARTICLE_BYTES } from "./read-articles.ts";
export { formatProblem, formatReport, type CheckedArticle, type ContentReport } from "./report.ts";

export interface CheckOptions {
  /** Where the article folder is, relative to the root. */
  articlesDir?: string;
  /** The folder copied into the site as it is. */
  publicDir?: string;
  /**
   * Where images found sound and what each article was found to say are kept between
   * runs (src/build/cache.ts): the project's cache folder unless given; false for none.
   */
  caches?: CacheStore | false;
  /** The site's address and base path, to judge articles' links to their own site. */
  site?: { url: string; base: string };
  /** The settings that name content (header sections, standards pages), to check they name something. */
  settings?: { standards: Record<string, string | undefined>; sections: string[] } | undefined;
  /**
   * The build's clock: with it, an article dated more than a year ahead is warned about,
   * and links are judged against the articles this build publishes (all of them without it).
   */
  now?: Date | undefined;
  /** An editors' preview: drafts and embargoed articles have pages too. */
  preview?: boolean | undefined;
}

/**
 * The articles by what a build makes of them (src/model/publication.ts): published ones
 * have pages, withdrawn ones a notice, held ones (draft, embargo) none until they go live.
 */
function byPublication(facts: Map<CheckedArticle, ArticleFacts>, now: Date | undefined, preview: boolean) {
  const published = new Map<CheckedArticle, ArticleFacts>();
  const held = new Map<CheckedArticle, ArticleFacts>();
  const notices: CheckedArticle[] = [];
  for (const [article, fact] of facts) {
    const state = article.schedule && now ? publicationState(article.schedule, now) : "published";
    if (state === "withdrawn") notices.push(article);
    else if (state === "published" || preview) published.set(article, fact);
    else held.set(article, fact);
  }
  return { published, held, notices };
}

/** Articles whose images are being checked at once. */
const IMAGE_CHECKS_AT_ONCE = availableParallelism();

/** What an article's text was found to say, by the hash of its bytes. */
type CheckedArticles = EntryCache<{ hash: string; findings: Findings }>;

/**
 * What the text says, images aside, is the same for the same bytes at the same path:
 * kept between runs, so only edited articles are parsed and rendered again.
 */
function findingsOf(
  article: Extract<ArticleFile, { kind: "article" }>,
  schema: ReturnType<typeof contentSchema>,
  { checkedArticles, fileHashes }: ContentCaches,
  nowMs: number,
): { hash: string; findings: Findings } {
  const { content } = article;
  if ("hash" in content) {
    // Unchanged, and its findings are known (readArticleFiles asked knownArticle).
    return { hash: content.hash, findings: checkedArticles.get(article.file)!.findings };
  }
  const hash = fileHashes.hash(article.path, article.stats, content.bytes, nowMs);
  const known = checkedArticles.get(article.file);
  const findings =
    known?.hash === hash ? known.findings : articleFindings(article.file, article.rel, content.source, schema);
  if (known?.hash !== hash) checkedArticles.set(article.file, { hash, findings });
  return { hash, findings };
}

/** What the check remembers between runs (src/build/cache.ts). */
interface ContentCaches {
  checkedArticles: CheckedArticles;
  checkedImages: CheckedImages;
  fileHashes: FileHashes;
}

/** The hash of an article file that is unchanged since it was last checked, when its findings are known too. */
function knownArticle({ checkedArticles, fileHashes }: ContentCaches): KnownArticle {
  return (path, file, stats) => {
    const hash = fileHashes.known(path, stats);
    return hash !== undefined && checkedArticles.get(file)?.hash === hash ? hash : undefined;
  };
}

interface ArticlesRead {
  problems: Problem[];
  articles: CheckedArticle[];
  facts: Map<CheckedArticle, ArticleFacts>;
}

/** Every article in `articlesDir`, with its own problems and its images' (the checks between articles aside). */
async function readArticles(root: string, articlesDir: string, caches: ContentCaches): Promise<ArticlesRead> {
  const read: ArticlesRead = { problems: [], articles: [], facts: new Map() };
  /** Every file in the article folder that is not an article, and those an article uses. */
  const otherFiles: string[] = [];
  const usedFiles = new Set<string>();
  const folder = { dir: articlesDir, root: resolve(root, articlesDir) };
  const schema = contentSchema();
  const nowMs = Date.now();
  const imageChecks: Promise<Problem[]>[] = [];
  for await (const entry of readArticleFiles(folder.root, articlesDir, knownArticle(caches))) {
    if (entry.kind === "problem") read.problems.push(entry.problem);
    if (entry.kind === "other") otherFiles.push(entry.file);
    if (entry.kind !== "article") continue;
    const { hash, findings } = findingsOf(entry, schema, caches, nowMs);
    read.problems.push(...findings.problems);
    if (!findings.article) continue;
    const checked: CheckedArticle = { ...findings.article, hash, images: [] };
    read.articles.push(checked);
    if (findings.facts) read.facts.set(checked, findings.facts);
    if (findings.images.length === 0) continue;
    // Decoding a photo in full takes a core for a while: one article's images per core at once.
    if (imageChecks.length >= IMAGE_CHECKS_AT_ONCE) read.problems.push(...(await imageChecks.shift()!));
    const checking = articleImageProblems(checked, entry.path, findings.images, folder, caches, usedFiles);
    // Awaited in order below; a failure before then must not count as unhandled.
    checking.catch(() => undefined);
    imageChecks.push(checking);
  }
  for (const checking of imageChecks) read.problems.push(...(await checking));
  read.problems.push(...unusedFileWarnings(otherFiles, usedFiles));
  return read;
}

/** Checks all content under `root`. Never throws for a content problem: it reports it. */
export async function checkContent(root: string, options: CheckOptions = {}): Promise<ContentReport> {
  const articlesDir = options.articlesDir ?? ARTICLES_DIR;
  const publicDir = options.publicDir ?? "public";
  // Links first, before any file is read: one that leads outside the project or loops stops everything.
  const links = await symlinkProblems(root, [articlesDir.split(/[\\/]/)[0]!, publicDir]);
  if (links.length > 0) return { problems: sortProblems(links), warnings: [], articles: [] };
  const caches = options.caches === false ? undefined : (options.caches ?? projectCaches(root));
  const content: ContentCaches = {
    checkedImages: await EntryCache.open<true>(caches, CACHES.checkedImages),
    checkedArticles: await EntryCache.open(caches, CACHES.checkedArticles),
    fileHashes: await FileHashes.open(caches),
  };
  const { problems, articles, facts } = await readArticles(root, articlesDir, content);
  const people = await checkAuthors(root, schemaProblems, (path) => imageFileProblem(path, content));
  const standing = await checkPages(root, schemaProblems);
  problems.push(...people.problems, ...standing.problems);
  const { published, held, notices } = byPublication(facts, options.now, options.preview ?? false);
  // The header links only sections that have a published story.
  const sectionSlugs = new Set(
    [...published.values()].flatMap((f) => f.topics.filter((t) => t.kind === "section").map((t) => topicSlug(t.name))),
  );
  if (options.settings) problems.push(...settingsProblems(options.settings, standing.ids, sectionSlugs, topicSlug));
  problems.push(
    ...unknownAuthorProblems(
      [...facts].flatMap(([article, f]) => (f.authors ?? []).map((use) => ({ ...use, file: article.file }))),
      people.ids,
    ),
  );
  if (options.now) problems.push(...farFutureWarnings(articles, options.now));
  problems.push(...addressProblems(articles, facts));
  problems.push(...topicProblems(facts));
  // Published articles link to what this build has; a held one, to what the site will have
  // when it goes live (the other held ones included), so its going live never breaks a build.
  const site = options.site ?? siteConfig;
  problems.push(...linkProblems(published, { full: published, notices }, site));
  problems.push(...linkProblems(held, { full: new Map([...published, ...held]), notices }, site));
  problems.push(...(await publicProblems(root, publicDir, [...standing.ids])));
  await Promise.all([content.checkedImages.save(), content.checkedArticles.save(), content.fileHashes.save()]);
  return toReport(problems, articles);
}
