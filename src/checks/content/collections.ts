/**
 * The content check for the collections beside the articles: authors
 * (content/authors/<id>.md) and standing pages (content/pages/<id>.md). Each file is read
 * with the same strict frontmatter reader and judged by the same schema Astro uses; an
 * article that names an author with no file is an error on the article's line.
 */
import { readFile, readdir } from "node:fs/promises";
import { extname, relative, resolve } from "node:path";
import { z } from "astro/zod";
import { AUTHORS_DIR, authorSchema } from "../../model/author-schema.ts";
import { PAGES_DIR, RESERVED_PAGE_IDS, pageSchema } from "../../model/page-schema.ts";
import { ENTRY_ID_SEGMENT_RE } from "../../model/slug.ts";
import { readFrontmatter, type Frontmatter } from "./frontmatter.ts";

interface Problem {
  file: string;
  line?: number | undefined;
  field?: string | undefined;
  message: string;
}

type SchemaProblems = (file: string, fm: Frontmatter, issues: z.core.$ZodIssue[], what: string) => Problem[];

export interface CollectionReport {
  /** The ids of the entries found (valid or not: a broken author file is one problem, not one per article). */
  ids: Set<string>;
  problems: Problem[];
}

/** A flat collection's ids: `<id>.md` files directly in the folder, as Astro's glob names them. */
async function markdownFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => extname(name) === ".md" && !name.startsWith(".")).sort();
  } catch {
    return [];
  }
}

async function checkCollection(
  root: string,
  dir: string,
  schema: z.ZodType,
  what: string,
  schemaProblems: SchemaProblems,
  imageFields: (data: unknown) => Array<{ src: string; path: PropertyKey[]; field: string }>,
  checkImage: (path: string) => Promise<string | null>,
): Promise<CollectionReport> {
  const report: CollectionReport = { ids: new Set(), problems: [] };
  for (const name of await markdownFiles(resolve(root, dir))) {
    const file = `${dir}/${name}`;
    const id = name.slice(0, -".md".length);
    report.ids.add(id);
    if (!ENTRY_ID_SEGMENT_RE.test(id)) {
      report.problems.push({ file, message: `"${id}" cannot be an address: name the file in lower case, with - between words` });
    }
    const source = await readFile(resolve(root, file), "utf8");
    const read = readFrontmatter(source);
    if (!read.ok) {
      report.problems.push({ file, line: read.line, message: read.message });
      continue;
    }
    const fm = read.frontmatter;
    for (const issue of fm.issues) report.problems.push({ file, line: issue.line, message: issue.message });
    const parsed = schema.safeParse(fm.data);
    if (!parsed.success) report.problems.push(...schemaProblems(file, fm, parsed.error.issues, what));
    for (const image of imageFields(fm.data)) {
      const target = resolve(root, dir, image.src);
      const inside = !relative(resolve(root, dir), target).startsWith("..");
      const problem = inside ? await checkImage(target) : `must be a file in ${dir}/`;
      if (problem) {
        report.problems.push({ file, line: fm.lineOf(image.path), field: image.field, message: `image "${image.src}" ${problem}` });
      }
    }
  }
  return report;
}

function authorPhoto(data: unknown): Array<{ src: string; path: PropertyKey[]; field: string }> {
  const photo = (data as { photo?: { image?: unknown } } | null)?.photo?.image;
  return typeof photo === "string" && photo.trim() ? [{ src: photo.trim(), path: ["photo", "image"], field: "photo.image" }] : [];
}

export function checkAuthors(
  root: string,
  schemaProblems: SchemaProblems,
  checkImage: (path: string) => Promise<string | null>,
): Promise<CollectionReport> {
  const photoPath = z.string().trim().min(1, { error: "must not be empty" });
  return checkCollection(root, AUTHORS_DIR, authorSchema(photoPath), "authors", schemaProblems, authorPhoto, checkImage);
}

export async function checkPages(
  root: string,
  schemaProblems: SchemaProblems,
): Promise<CollectionReport> {
  const report = await checkCollection(root, PAGES_DIR, pageSchema, "pages", schemaProblems, () => [], async () => null);
  for (const id of report.ids) {
    if (RESERVED_PAGE_IDS.has(id)) {
      report.problems.push({
        file: `${PAGES_DIR}/${id}.md`,
        message: `would be published at /${id}/, an address the site uses for its own pages: rename the file`,
      });
    }
  }
  return report;
}

/** An article's `authors: [id, …]` entries, with their lines. */
export interface AuthorUse {
  file: string;
  id: string;
  line: number | undefined;
  field?: string | undefined;
}

/** Every author an article names must have a file in content/authors. */
export function unknownAuthorProblems(uses: AuthorUse[], known: ReadonlySet<string>): Problem[] {
  return uses
    .filter((use) => !known.has(use.id))
    .map((use) => ({
      file: use.file,
      line: use.line,
      field: use.field,
      message: `names the author "${use.id}", who has no file ${AUTHORS_DIR}/${use.id}.md`,
    }));
}

/**
 * The settings file's references to content: each standard must name a standing page, and
 * each header section must have articles (or its link would lead nowhere).
 */
export function settingsProblems(
  settings: { standards: Record<string, string | undefined>; sections: string[] },
  pageIds: ReadonlySet<string>,
  sectionSlugs: ReadonlySet<string>,
  topicSlug: (name: string) => string,
): Problem[] {
  const file = "src/site.config.ts";
  const problems: Problem[] = [];
  for (const [standard, id] of Object.entries(settings.standards)) {
    if (id !== undefined && !pageIds.has(id))
      problems.push({ file, field: `standards.${standard}`, message: `names the page "${id}", which has no file ${PAGES_DIR}/${id}.md` });
  }
  settings.sections.forEach((name, i) => {
    if (!sectionSlugs.has(topicSlug(name)))
      problems.push({ file, field: `sections[${i}]`, message: `"${name}" is the section of no article: its link would lead nowhere` });
  });
  return problems;
}
