/**
 * Scraped-text fixtures for the importer, imported with the importer itself. The site
 * build (tests/site/global-setup.ts) publishes them beside the seed, and the tests compare
 * each built page with its source text.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { importScraped, type ImportOptions, type ImportResult } from "../../src/import/import-article.ts";
import { decodeScraped } from "../../src/import/parse-scraped.ts";
import { site } from "../../src/site.config.ts";
import { projectRoot } from "./build.ts";

export const importFixtureDir = join(projectRoot, "tests/fixtures/import");

/** What the seed's entry is made with: the metadata the scraped text does not carry. */
export const SEED_IMPORT_ARGS = [
  "--section",
  "News",
  "--tag",
  "Syria",
  "--tag",
  "Russia",
  "--tag",
  "United States",
  "--tag",
  "Diplomacy",
  "--source-publisher",
  "The New Arab",
  "--source-url",
  "https://www.newarab.com/news/russian-air-raids-damaging-syria-peace-talks-says-kerry",
];
export const SEED_IMPORT_OPTIONS: ImportOptions = {
  section: "News",
  tags: ["Syria", "Russia", "United States", "Diplomacy"],
  source: {
    publisher: "The New Arab",
    url: "https://www.newarab.com/news/russian-air-raids-damaging-syria-peace-talks-says-kerry",
  },
  wordsPerMinute: site.wordsPerMinute,
};

export interface ImportFixture {
  /** The fixture file's name without .txt, or "long-read" for the generated one. */
  name: string;
  text: string;
  result: ImportResult;
}

const LONG_READ_PARAGRAPHS = 100;

/**
 * A 100-paragraph piece, made here rather than stored: varied sentences, a figure every
 * 25 paragraphs, and a few hostile lines so length and escaping are tested together.
 */
function longReadText(): string {
  const paragraphs: string[] = [];
  const openers = [
    "Diplomats in Geneva said",
    "Aid workers in Gaziantep reported",
    "According to the UN envoy,",
    "Residents of eastern Aleppo told reporters",
    "Officials in Washington and Moscow agreed",
  ];
  for (let i = 1; i <= LONG_READ_PARAGRAPHS; i++) {
    const opener = openers[i % openers.length]!;
    let text = `${opener} that paragraph ${i} of this long read carries its own words, numbered so that any that went missing, moved or doubled would be noticed at once; the talks, the convoys and the ceasefire are its subjects.`;
    if (i % 17 === 0) text = `${i}. ${text}`;
    if (i % 19 === 0) text = `# ${text} *Not emphasis* and [not a link](https://example.org).`;
    if (i % 23 === 0) text = `- ${text} <em>not markup</em> &amp; not an entity.`;
    paragraphs.push(text);
    if (i % 25 === 0 && i < LONG_READ_PARAGRAPHS)
      paragraphs.push(`\u00a0 \u00a0Figure after paragraph ${i}: a convoy on the road to Aleppo [Reuters]`);
  }
  // Figures are indented lines and may sit without blank lines; paragraphs are separated by one.
  const body = paragraphs.map((p) => (p.startsWith("\u00a0") ? `${p}\n` : `${p}\n\n`)).join("");
  return [
    "The long road to Geneva: a hundred paragraphs on the Syria talks",
    "",
    "The long road to Geneva: a hundred paragraphs on the Syria talks",
    "How months of diplomacy, sieges and aid convoys led up to the Munich meeting.",
    "18 min read",
    "2015-11-03",
    "Delegates arrive for talks at the UN in Geneva [AFP]",
    body,
  ].join("\n");
}

const FIXTURE_OPTIONS: Record<string, Partial<ImportOptions>> = {
  arabic: { section: "أخبار", tags: ["سوريا", "روسيا"] },
  hostile: { tags: ['<Tests> & "quotes"', "#hash: colon"] },
};

/** Every importable fixture (not the error cases), imported. */
export function importFixtures(): ImportFixture[] {
  const files = readdirSync(importFixtureDir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const sources = files.map((f) => ({
    name: basename(f, ".txt"),
    text: decodeScraped(readFileSync(join(importFixtureDir, f))),
  }));
  sources.push({ name: "long-read", text: longReadText() });
  return sources.map(({ name, text }) => ({
    name,
    text,
    result: importScraped(text, {
      section: "Import tests",
      wordsPerMinute: site.wordsPerMinute,
      fallbackSlug: name,
      ...FIXTURE_OPTIONS[name],
    }),
  }));
}

/** The imported fixtures as content files (path → contents), for projectCopy(). */
export function importedFixtureFiles(): Record<string, string> {
  return Object.fromEntries(importFixtures().map((f) => [`${f.result.slug}.md`, f.result.markdown]));
}

/** The Arabic fixture's address: its headline has no Latin letters, so its file name gives the slug. */
export const ARABIC_ID = "arabic";
