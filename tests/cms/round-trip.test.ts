/**
 * Entries the CMS writes pass the content check unchanged (decision 017). Every article the
 * repository and the site tests publish is read and written back by Decap's own frontmatter
 * format (decap-cms-core's reader and writer, the code its editor runs when it opens and
 * saves an entry), with the top-level fields in the order of the generated configuration, as
 * Decap orders them on save. The file it writes must pass the per-article check
 * `npm run check` runs, with the same fields and the same body, byte for byte.
 *
 * What Decap's writer changes, all of it read back the same by our reader (YAML 1.2 core):
 * - it quotes only where YAML needs quotes: `published: "2016-02-10"` is saved as
 *   `published: 2016-02-10`, still the text "2016-02-10" (there is no date type to turn it into);
 * - flow lists (`tags: ["a", "b"]`) become block lists, and fields move into the
 *   configuration's order.
 * - A second save differs in one way: Decap's reader takes an unquoted UTC time with seconds
 *   (`2026-11-20T09:30:00Z`, as the first save left it) for a date, which its writer writes
 *   with milliseconds (`2026-11-20T09:30:00.000Z`): the same instant, which the check accepts.
 *   Times the CMS itself writes carry an offset (`+00:00`) and are never read as dates.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "astro/zod";
import { describe, expect, it } from "vitest";
import { frontmatterYAML } from "decap-cms-core/dist/esm/formats/frontmatter.js";
import { cmsConfig, type CmsField } from "../../src/cms/config.ts";
import { articleFindings, contentSchema } from "../../src/checks/content/article-findings.ts";
import { readFrontmatter } from "../../src/checks/content/frontmatter.ts";
import type { Problem } from "../../src/checks/content/report.ts";
import { ARTICLES_DIR } from "../../src/model/article-schema.ts";
import { AUTHORS_DIR, authorSchema } from "../../src/model/author-schema.ts";
import { PAGES_DIR, pageSchema } from "../../src/model/page-schema.ts";
import { site } from "../../src/site.config.ts";
import { projectRoot } from "../helpers/build.ts";
import { fixtureArticleFiles } from "../helpers/fixtures.ts";
import { hostileArticleFiles } from "../helpers/hostile.ts";
import { importedFixtureFiles } from "../helpers/import-fixtures.ts";
import { reachFixtureFiles } from "../helpers/listing-fixtures.ts";
import { newsroomArticleFiles, newsroomContentFiles } from "../helpers/newsroom-fixtures.ts";
import { newsroomDayFiles } from "../helpers/newsroom-day-fixtures.ts";

const decap = frontmatterYAML();
const collections = cmsConfig(site, { name: "local", url: "http://127.0.0.1:8080/api/v1" }).collections as Array<{
  name: string;
  fields: CmsField[];
}>;
const fieldOrder = (name: string) => collections.find((c) => c.name === name)!.fields.map((f) => f.name);

/** What Decap does to a file when an editor opens it and saves it unchanged. */
function decapSave(source: string, collection: string): string {
  return decap.toFile(decap.fromFile(source), fieldOrder(collection));
}

/** The Markdown files below `dir` in the repository, as path (relative to `dir`) → text. */
function repositoryFiles(dir: string): Record<string, string> {
  const root = join(projectRoot, dir);
  if (!existsSync(root)) return {};
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  return Object.fromEntries(
    entries
      .filter((e) => e.isFile() && e.name.endsWith(".md"))
      .map((e) => [relative(root, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), "utf8")]),
  );
}

function markdownOnly(files: Record<string, string | Buffer>, prefix = ""): Array<[string, string]> {
  return Object.entries(files).flatMap(([path, text]) =>
    path.startsWith(prefix) && path.endsWith(".md") && typeof text === "string"
      ? [[path.slice(prefix.length), text]]
      : [],
  );
}

// The site tests' fixtures, on a fixed clock (some are dated relative to the build).
const clock = new Date("2026-11-30T12:00:00Z");
const articles: Array<[string, string]> = [
  ...markdownOnly(repositoryFiles(ARTICLES_DIR)),
  ...markdownOnly(await fixtureArticleFiles()),
  ...markdownOnly(reachFixtureFiles(clock)),
  ...markdownOnly(importedFixtureFiles()),
  ...markdownOnly(await hostileArticleFiles()),
  ...markdownOnly(await newsroomArticleFiles()),
  ...markdownOnly(await newsroomDayFiles(clock)),
];
// Files below content/, by path from there.
const contentFiles = await newsroomContentFiles();
const contentDir = (dir: string) => `${relative("content", dir)}/`;
const others: Array<{ collection: string; dir: string; schema: z.ZodType; files: Array<[string, string]> }> = [
  {
    collection: "authors",
    dir: AUTHORS_DIR,
    schema: authorSchema(z.string()),
    files: [...markdownOnly(repositoryFiles(AUTHORS_DIR)), ...markdownOnly(contentFiles, contentDir(AUTHORS_DIR))],
  },
  {
    collection: "pages",
    dir: PAGES_DIR,
    schema: pageSchema,
    files: [...markdownOnly(repositoryFiles(PAGES_DIR)), ...markdownOnly(contentFiles, contentDir(PAGES_DIR))],
  },
];

/** The check's findings on an article: its errors, and its warnings without their lines (lines move). */
function check(rel: string, source: string): { errors: Problem[]; warnings: string[] } {
  const { problems } = articleFindings(`${ARTICLES_DIR}/${rel}`, rel, source, contentSchema());
  return {
    errors: problems.filter((p) => p.severity !== "warning"),
    warnings: problems.filter((p) => p.severity === "warning").map((p) => `${p.field ?? ""}: ${p.message}`),
  };
}

/** The fields and body as our reader (and so Astro's collection) reads them. */
function read(source: string): { data: unknown; body: string } {
  const result = readFrontmatter(source);
  if (!result.ok) throw new Error(`${result.line}: ${result.message}`);
  expect(result.frontmatter.issues).toEqual([]);
  return { data: result.frontmatter.data, body: result.frontmatter.body };
}

/** Every unquoted-UTC-time text as Decap's second save writes it (with milliseconds). */
function withMilliseconds(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z$/, "$1.000Z");
  if (Array.isArray(value)) return value.map(withMilliseconds);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMilliseconds(v)]));
  return value;
}

describe("an article saved by Decap's own format writer", () => {
  it("covers every article fixture the site tests build", () => {
    expect(articles.length).toBeGreaterThan(50);
  });

  it.each(articles)("%s: passes the check with the same fields and body", (rel, source) => {
    const before = check(rel, source);
    expect(before.errors, "the fixture itself").toEqual([]);
    const saved = decapSave(source, "articles");
    const after = check(rel, saved);
    expect(after.errors).toEqual([]);
    expect(after.warnings).toEqual(before.warnings);
    // Dates still text as written, no-break spaces and every other character exact.
    expect(read(saved).data).toStrictEqual(read(source).data);
    // The body, figures and all, byte for byte.
    expect(read(saved).body).toBe(read(source).body);
    // Fields in the configuration's order.
    const order = fieldOrder("articles");
    const keys = Object.keys(read(saved).data as object);
    expect(keys).toEqual([...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  it.each(articles)("%s: saved again, still passes, its UTC times only gaining milliseconds", (rel, source) => {
    const twice = decapSave(decapSave(source, "articles"), "articles");
    expect(check(rel, twice).errors).toEqual([]);
    expect(read(twice).data).toStrictEqual(withMilliseconds(read(source).data));
    expect(read(twice).body).toBe(read(source).body);
    // And no further change after that.
    expect(decapSave(twice, "articles")).toBe(twice);
  });
});

describe("a new article as the editor writes it", () => {
  it("passes the check: its dates in the datetime widget's format stay text, its photo named as Decap names it", () => {
    // What the widgets hold for a filled-in form: dates as moment's "YYYY-MM-DDTHH:mm:ssZ"
    // makes them, an uploaded photo as its bare file name (public_folder ""), unticked boxes false.
    const saved = decap.toFile(
      {
        headline: "Ceasefire talks resume in Geneva",
        standfirst: "Delegations return\u00a0to the table after a week's pause.",
        published: "2026-11-30T09:15:00+00:00",
        updates: [{ date: "2026-11-30T11:00:00+00:00", note: "Corrected a delegate's name.", kind: "correction" }],
        draft: false,
        section: "News",
        tags: ["Syria", "Diplomacy"],
        lang: "en",
        type: "news",
        featured: false,
        hero: { caption: "The Palais des Nations", credit: "Reuters", image: "hero.jpg", alt: "A conference hall" },
        body: 'The talks resumed on Monday.\n\n![Delegates](./table.jpg "Delegates at the table [AFP]")\n',
      },
      fieldOrder("articles"),
    );
    expect(check("ceasefire-talks/index.md", saved).errors).toEqual([]);
    expect(read(saved).data).toMatchObject({
      published: "2026-11-30T09:15:00+00:00",
      updates: [{ date: "2026-11-30T11:00:00+00:00" }],
      standfirst: "Delegations return\u00a0to the table after a week's pause.",
    });
    expect(decapSave(saved, "articles")).toBe(saved);
  });
});

describe.each(others)("$collection saved by Decap's own format writer", ({ collection, dir, schema, files }) => {
  it("has fixtures", () => {
    expect(files.length).toBeGreaterThan(1);
  });

  it.each(files)(`${dir}/%s: keeps its schema, fields and body`, (_, source) => {
    const saved = decapSave(source, collection);
    expect(schema.safeParse(read(saved).data).error?.issues).toBeUndefined();
    expect(read(saved).data).toStrictEqual(read(source).data);
    expect(read(saved).body).toBe(read(source).body);
  });
});

describe("the format code under test", () => {
  it("is the version the published editor is built from", () => {
    const version = (path: string) =>
      JSON.parse(readFileSync(join(projectRoot, "node_modules", path, "package.json"), "utf8")) as {
        version: string;
        dependencies: Record<string, string>;
      };
    expect(version("decap-cms-app").dependencies["decap-cms-core"]).toBe(version("decap-cms-core").version);
    expect(version("decap-cms").dependencies["decap-cms-app"]).toBe(version("decap-cms-app").version);
  });
});
