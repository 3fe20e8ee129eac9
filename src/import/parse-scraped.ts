/**
 * Reads scraped article text, the layout publishers send us (see tests/fixtures/seed/article.txt):
 *
 *   Headline
 *                                   (blank)
 *   Headline                        (often repeated)
 *   Standfirst
 *   3 min read                      (optional)
 *   10 February, 2016               (or "February 10, 2016", "2016-02-10")
 *   Hero caption [Credit]           (optional)
 *   Paragraph
 *                                   (blank)
 *   Paragraph
 *      Inline figure caption [Credit]   (indented: a figure at this place)
 *   Paragraph
 *
 * Pure: text in, a structured article out, or a ScrapedTextError naming the line.
 */
import { parseFigureTitle } from "../markdown/figures.ts";
import { asciiDigits, parseDateLine } from "./scraped-date.ts";

/** A problem in the source text; `line` is 1-based. */
export class ScrapedTextError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = "ScrapedTextError";
    this.line = line;
  }
}

export type BodyBlock =
  { kind: "paragraph"; text: string; line: number } | { kind: "figure"; caption: string; credit: string; line: number };

export interface ScrapedArticle {
  headline: string;
  headlineLine: number;
  standfirst: string;
  /** The "N min read" the source states, if it does. */
  statedMinutes?: { minutes: number; line: number };
  /** The day, as YYYY-MM-DD. */
  published: string;
  dateLine: number;
  hero?: { caption: string; credit: string; line: number };
  body: BodyBlock[];
}

/**
 * File bytes to text: UTF-8 (with or without a byte-order mark), or UTF-16 with its
 * byte-order mark. Invalid UTF-8 is refused with the line it is on, never replaced.
 */
export function decodeScraped(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    // ignoreBOM: false (the default) drops a leading UTF-8 byte-order mark.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          throw new ScrapedTextError(line, "is not valid UTF-8 text: save the file as UTF-8");
        }
        line++;
        start = i + 1;
      }
    }
    throw new ScrapedTextError(1, "is not valid UTF-8 text: save the file as UTF-8");
  }
}

/** Control characters that are neither text nor white space (C0 other than tab/LF/VT/FF/CR, DEL, C1) and non-characters. */
const FORBIDDEN = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** White space a line may be indented with, or consist of. */
const BLANK = /^[\s\u200b-\u200d\u2060]*$/;

/**
 * One line of text as it will be published: tabs and other spacing become single spaces
 * (HTML shows them that way anyway), no-break spaces inside the text are kept, and the
 * ends are trimmed.
 */
function cleanLine(line: string): string {
  return line.replace(/[\t\v\f\u2028\u2029 ]+/g, " ").replace(/^[\s\u200b\u2060]+|[\s\u200b\u2060]+$/g, "");
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ") === b.replace(/\s+/g, " ");
}

const MIN_READ = [
  /^(\d{1,3})[\s-]*(?:min|mins|minute|minutes)\.?\s+read$/i,
  /^(\d{1,3})\s*(?:دقيقة|دقائق|د)\.?\s*(?:قراءة|للقراءة)$/u,
  /^(?:قراءة|وقت القراءة:?)\s*(\d{1,3})\s*(?:دقيقة|دقائق|د)$/u,
];

/** The minutes of an "N min read" line, or undefined when the line is something else. */
export function parseMinutesLine(line: string): number | undefined {
  const text = asciiDigits(cleanLine(line));
  for (const re of MIN_READ) {
    const m = re.exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** "Caption [Credit]" split in two, by the same rule the Markdown engine uses for figures. */
function captionLine(line: string): { caption: string; credit: string } | null {
  const parsed = parseFigureTitle(cleanLine(line));
  return parsed ? { caption: cleanLine(parsed.caption), credit: cleanLine(parsed.credit) } : null;
}

function isIndented(line: string): boolean {
  return /^[\s\u200b\u2060]/.test(line) && !BLANK.test(line);
}

/** An indented line ending in "[Credit]": a figure at that place in the text. */
function inlineFigure(line: string): { caption: string; credit: string } | null {
  return isIndented(line) ? captionLine(line) : null;
}

function quote(line: string): string {
  const text = cleanLine(line);
  return text.length > 60 ? `"${text.slice(0, 57)}…"` : `"${text}"`;
}

/** Parses scraped text. Throws ScrapedTextError, with the line, when it cannot be read as an article. */
export function parseScraped(source: string): ScrapedArticle {
  // NFC: canonically the same characters (an "e" with a combining accent and "é" are one
  // character to Unicode), in the form the web expects; the W3C checker flags any other.
  const lines = source
    .replace(/^\ufeff/, "")
    .normalize("NFC")
    .split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const bad = FORBIDDEN.exec(line);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      const hint =
        code >= "0080" && code <= "009F"
          ? " (the file may be Windows-1252 text read as Latin-1: save it as UTF-8)"
          : "";
      throw new ScrapedTextError(i + 1, `contains the control character U+${code}, which is not text${hint}`);
    }
  });

  let at = 0;
  /** Index of the next non-blank line from `at`, or -1. */
  const nextLine = (): number => {
    while (at < lines.length && BLANK.test(lines[at]!)) at++;
    return at < lines.length ? at : -1;
  };

  const headlineAt = nextLine();
  if (headlineAt < 0) throw new ScrapedTextError(1, "is empty: there is no headline");
  const headline = cleanLine(lines[headlineAt]!);
  at++;

  let standfirstAt = nextLine();
  if (standfirstAt >= 0 && sameText(cleanLine(lines[standfirstAt]!), headline)) {
    at++; // the headline, repeated
    standfirstAt = nextLine();
  }
  if (standfirstAt < 0) throw new ScrapedTextError(headlineAt + 1, "has no standfirst or date after the headline");
  const standfirstLine = lines[standfirstAt]!;
  if (parseDateLine(standfirstLine).kind === "date" || parseMinutesLine(standfirstLine) !== undefined) {
    throw new ScrapedTextError(
      standfirstAt + 1,
      `has no standfirst: ${quote(standfirstLine)} follows the headline, where the one-sentence summary belongs`,
    );
  }
  const standfirst = cleanLine(standfirstLine);
  at++;

  // The reading time and the date, in either order.
  let statedMinutes: ScrapedArticle["statedMinutes"];
  let published: string | undefined;
  let dateLine = 0;
  let lastHeaderAt = standfirstAt;
  for (let k = 0; k < 2; k++) {
    const i = nextLine();
    if (i < 0) break;
    const minutes = statedMinutes ? undefined : parseMinutesLine(lines[i]!);
    if (minutes !== undefined) {
      statedMinutes = { minutes, line: i + 1 };
    } else if (published === undefined) {
      const date = parseDateLine(lines[i]!);
      if (date.kind === "bad-date")
        throw new ScrapedTextError(i + 1, `has a date that does not parse: ${date.message}`);
      if (date.kind === "not-a-date") break;
      published = date.iso;
      dateLine = i + 1;
    } else break;
    lastHeaderAt = i;
    at++;
  }
  if (published === undefined) {
    const i = nextLine();
    const found = i < 0 ? "the text ends there" : `line ${i + 1} is ${quote(lines[i]!)}`;
    throw new ScrapedTextError(
      i < 0 ? lastHeaderAt + 1 : i + 1,
      `has no date line: a date such as "10 February, 2016" must follow the standfirst (line ${standfirstAt + 1}); ${found}`,
    );
  }

  // An optional hero caption: the line after the date, when it ends in "[Credit]".
  let hero: ScrapedArticle["hero"];
  const heroAt = nextLine();
  if (heroAt >= 0) {
    const caption = captionLine(lines[heroAt]!);
    if (caption) {
      hero = { ...caption, line: heroAt + 1 };
      lastHeaderAt = heroAt;
      at++;
    }
  }

  const body: BodyBlock[] = [];
  const open: { parts: string[]; line: number }[] = [];
  const flush = () => {
    const paragraph = open.pop();
    if (paragraph) body.push({ kind: "paragraph", text: paragraph.parts.join(" "), line: paragraph.line });
  };
  for (let i = at; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK.test(line)) {
      flush();
      continue;
    }
    const figure = inlineFigure(line);
    if (figure) {
      flush();
      body.push({ kind: "figure", ...figure, line: i + 1 });
      continue;
    }
    // Lines with no blank line between them are one paragraph, wrapped.
    if (open[0]) open[0].parts.push(cleanLine(line));
    else open.push({ parts: [cleanLine(line)], line: i + 1 });
  }
  flush();

  if (!body.some((b) => b.kind === "paragraph")) {
    const what = hero
      ? `the hero caption (line ${lastHeaderAt + 1}: the line after the date is a caption when it ends in [Credit])`
      : `the date line (line ${lastHeaderAt + 1})`;
    throw new ScrapedTextError(lastHeaderAt + 1, `has no body: no paragraph follows ${what}`);
  }

  const article: ScrapedArticle = { headline, headlineLine: headlineAt + 1, standfirst, published, dateLine, body };
  if (statedMinutes) article.statedMinutes = statedMinutes;
  if (hero) article.hero = hero;
  return article;
}
