/**
 * Everything one article's text says about it, its images aside: the problems in its
 * frontmatter and body, and the facts the checks between articles need (topics, links,
 * former addresses, element ids). Pure: the same bytes at the same path give the same
 * findings, which is why they can be cached (src/build/cache.ts).
 */
import { z } from "astro/zod";
import { LENGTH_LIMITS, articleSchema, textLength } from "../../model/article-schema.ts";
import { toInstant } from "../../model/dates.ts";
import { ENTRY_ID_SEGMENT_RE, entryId, topicSlug } from "../../model/slug.ts";
import { MarkdownError, inlineLinks, renderMarkdown, type RenderedMarkdown } from "../../markdown/engine.ts";
import { readFrontmatter, type Frontmatter } from "./frontmatter.ts";
import { lineAt } from "../../model/lines.ts";
import { toPosix } from "./read-articles.ts";
import type { CheckedArticle, Problem } from "./report.ts";

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (name, key) =>
      typeof key === "number"
        ? `${name}[${key}]`
        : // A key that is not a plain name (an image path in `figures`) is quoted.
          !/^[A-Za-z_]\w*$/.test(String(key))
          ? `${name}[${JSON.stringify(String(key))}]`
          : name
            ? `${name}.${String(key)}`
            : String(key),
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
export function schemaProblems(
  file: string,
  fm: Frontmatter,
  issues: z.core.$ZodIssue[],
  what = "articles",
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({
          file,
          line: fm.lineOfKey(path, key),
          field: fieldName([...path, key]),
          message: `is not a field ${what} have (a typo?)`,
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


/** The line of the first figure in `body` that uses `src`, counted in the whole file. */
function figureLine(source: string, bodyStart: number, src: string): number | undefined {
  const at = source.indexOf(src, bodyStart);
  return at < 0 ? undefined : lineAt(source, at);
}


export interface Findings {
  problems: Problem[];
  /** Absent when the frontmatter could not be read at all. */
  article?: Omit<CheckedArticle, "images" | "hash">;
  /** The images the article uses, to be checked on disk: the hero, then each figure. */
  images: Array<{ src: string; line: number | undefined; field?: string | undefined }>;
  /** What the checks between articles need: its topics, links, former addresses, page ids. */
  facts?: ArticleFacts;
}

interface Located {
  line: number | undefined;
  field?: string | undefined;
}

export interface ArticleFacts {
  topics: Array<Located & { kind: "section" | "tag"; name: string }>;
  links: Array<Located & { href: string }>;
  formerSlugs: Array<Located & { slug: string }>;
  /** Element ids on the article's page that come from its text. */
  ids: string[];
  /** The UTC year it was published in (its archive page), when the date is valid. */
  year?: number | undefined;
  /** The author ids it names (content/authors/<id>.md must exist). */
  authors?: Array<Located & { id: string }>;
}


/** The frontmatter fields with a reading-length limit, and which limit applies. */
const FRONTMATTER_LENGTHS: ReadonlyArray<{ path: string[]; kind: keyof typeof LENGTH_LIMITS }> = [
  { path: ["headline"], kind: "headline" },
  { path: ["standfirst"], kind: "standfirst" },
  { path: ["hero", "caption"], kind: "caption" },
  { path: ["hero", "alt"], kind: "alt" },
];

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


/** The article schema, with the text fields the content check requires. */
export function contentSchema() {
  return articleSchema(z.string().trim().min(1, { error: "must not be empty" }));
}

/** Everything one article's text says about it, its images aside (pure). */
export function articleFindings(
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
    ...FRONTMATTER_LENGTHS.map(({ path, kind }) =>
      lengthWarning(file, { line: fm.lineOf(path), field: path.join(".") }, kind, valueAt(fm.data, path), ""),
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
  // Rights given for a figure that is not there would silently credit nothing.
  const rights = valueAt(fm.data, ["figures"]);
  if (rights && typeof rights === "object" && !Array.isArray(rights)) {
    const used = body.figures.flatMap((figure) => (figure.image ? [figure.image.src] : []));
    for (const path of Object.keys(rights)) {
      if (used.includes(path)) continue;
      problems.push({
        file,
        line: fm.lineOfKey(["figures"], path),
        field: fieldName(["figures", path]),
        message: `names an image no figure in the body uses (${used.length ? `the figures use ${used.map((u) => `"${u}"`).join(", ")}` : "the body has no figure with an image"}); write the path exactly as the figure does`,
      });
    }
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
  const authors: NonNullable<ArticleFacts["authors"]> = [];
  const named = valueAt(fm.data, ["authors"]);
  if (Array.isArray(named)) {
    named.forEach((id, i) => {
      if (typeof id === "string") authors.push({ id, line: fm.lineOf(["authors", i]), field: `authors[${i}]` });
    });
  }
  const ids = [...body.ids];
  if (data?.updates.some((u) => u.kind === "correction")) ids.push("corrections-heading");
  if (data?.updates.some((u) => u.kind !== "correction")) ids.push("updates-heading");
  const year = data ? toInstant(data.published).getUTCFullYear() : undefined;

  return {
    problems,
    article: {
      id,
      file,
      formerSlugs: formerSlugs.map((f) => f.slug),
      schedule: data && {
        headline: data.headline,
        published: data.published,
        line: fm.lineOf(["published"]),
        draft: data.draft,
        withdrawn: data.withdrawn !== undefined,
      },
    },
    images,
    facts: { topics, links, formerSlugs, ids, year, authors },
  };
}

