/**
 * Frontmatter read the strict way: with the `yaml` package's core schema (YAML 1.2),
 * which has no timestamp type, so `published: 2026-13-45` stays the text "2026-13-45"
 * and is judged by our date rules, instead of being rolled over into 14 February 2027
 * as js-yaml (what Astro uses) does. Every node keeps its position, so a problem can be
 * reported on its line.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { lineAt } from "../../model/lines.ts";

/**
 * The same frontmatter block Astro's Markdown loader cuts out
 * (`@astrojs/internal-helpers/frontmatter`): `---` (or TOML's `+++`) at the top.
 */
const FRONTMATTER_RE = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;

interface FrontmatterIssue {
  /** 1-based line in the whole file. */
  line: number;
  message: string;
}

export interface Frontmatter {
  /** The data, as plain values (strings, numbers, booleans, arrays, objects). */
  data: unknown;
  /** Problems YAML itself found: syntax, duplicate keys, unknown tags. */
  issues: FrontmatterIssue[];
  /** The line, in the file, of a value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: ReadonlyArray<PropertyKey>): number;
  /** The line of the key `key` inside the mapping at `path` (for unknown fields). */
  lineOfKey(path: ReadonlyArray<PropertyKey>, key: string): number;
  /** Index in the file where the body starts (just after the closing delimiter). */
  bodyStart: number;
  /** The body as Astro's loader sees it. */
  body: string;
}

/** Where the body of a Markdown file starts: just past the frontmatter (0 when there is none). */
export function bodyStart(source: string): number {
  const match = FRONTMATTER_RE.exec(source);
  return match ? match.index + match[0].length : 0;
}

export type FrontmatterResult = { ok: true; frontmatter: Frontmatter } | { ok: false; line: number; message: string };

export function readFrontmatter(source: string): FrontmatterResult {
  const match = FRONTMATTER_RE.exec(source);
  if (!match) {
    return {
      ok: false,
      line: 1,
      message: "has no frontmatter: the file must start with the article's fields between two --- lines",
    };
  }
  if (match[1] === "+++") {
    return {
      ok: false,
      line: lineAt(source, match.index),
      message: "uses TOML frontmatter (+++): write the fields as YAML between --- lines",
    };
  }
  const yamlText = match[2]!;
  const yamlStart = match.index + match[0].length - 3 - yamlText.length;
  const firstLine = lineAt(source, yamlStart);
  const bodyStart = match.index + match[0].length;

  const lineCounter = new LineCounter();
  const doc: Document.Parsed = parseDocument(yamlText, {
    schema: "core",
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const toFileLine = (offset: number) => firstLine + lineCounter.linePos(offset).line - 1;
  const issues: FrontmatterIssue[] = [...doc.errors, ...doc.warnings].map((e) => ({
    line: toFileLine(e.pos[0]),
    message: `YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
  }));

  /** The line where the entry at `path` begins: its key in a mapping, its dash in a list. */
  const lineOf = (path: ReadonlyArray<PropertyKey>): number => {
    if (path.length === 0) return firstLine; // the opening --- line
    const parent = path.slice(0, -1);
    const last = path[path.length - 1]!;
    const container = parent.length === 0 ? doc.contents : doc.getIn(parent as unknown[], true);
    if (isMap(container)) {
      const pair = container.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
      if (pair && isScalar(pair.key) && pair.key.range) return toFileLine(pair.key.range[0]);
    } else if (isSeq(container) && typeof last === "number") {
      const item = container.items[last] as { range?: [number, number, number] | null } | undefined;
      if (item?.range) return toFileLine(item.range[0]);
    }
    // A missing field is reported where its parent is (the opening --- for a top-level one).
    return lineOf(parent);
  };
  const lineOfKey = (path: ReadonlyArray<PropertyKey>, key: string) => lineOf([...path, key]);

  let data: unknown = {};
  try {
    data = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    issues.push({ line: firstLine, message: `YAML: ${(error as Error).message}` });
  }
  return {
    ok: true,
    frontmatter: {
      data,
      issues,
      lineOf,
      lineOfKey,
      bodyStart,
      body: source.slice(bodyStart),
    },
  };
}

/**
 * The frontmatter data of a Markdown file, read strictly, for Astro's content layer
 * (see `strictGlob` in src/content.config.ts). Throws on a YAML error, naming the line.
 */
export function strictFrontmatterData(source: string, file: string): Record<string, unknown> {
  const result = readFrontmatter(source);
  if (!result.ok) throw new Error(`${file}:${result.line}: ${result.message}`);
  const [issue] = result.frontmatter.issues;
  if (issue) throw new Error(`${file}:${issue.line}: ${issue.message}`);
  const data = result.frontmatter.data;
  return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}
