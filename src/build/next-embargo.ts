/**
 * When the next embargo lifts: the earliest `published` time still ahead of the clock,
 * among articles that are not drafts. An embargo lifts only when the site is built again,
 * so the scheduled rebuilds (the GitHub workflow, the systemd timer) ask this to start a
 * build at that minute when it falls between two of their runs.
 */
import { parsePubDate, toInstant, type PubDate } from "../model/dates.ts";
import { publicationState } from "../model/publication.ts";

export interface Embargo {
  /** The article's file, relative to the project root. */
  file: string;
  headline: string;
  /** When it lifts. */
  at: Date;
}

/**
 * The next embargo among articles' frontmatter data, or undefined when none is ahead.
 * Data that does not parse is passed over: the content check reports it, with its line.
 */
export function nextEmbargo(articles: ReadonlyArray<{ file: string; data: unknown }>, now: Date): Embargo | undefined {
  let next: Embargo | undefined;
  for (const { file, data } of articles) {
    if (typeof data !== "object" || data === null) continue;
    const fields = data as Record<string, unknown>;
    let published: PubDate;
    try {
      published = parsePubDate(fields.published);
    } catch {
      continue;
    }
    // One rule for what is under embargo: the build's own (src/model/publication.ts).
    if (publicationState({ draft: fields.draft === true, published }, now) !== "embargoed") continue;
    const at = toInstant(published);
    if (!next || at.getTime() < next.at.getTime()) {
      next = { file, headline: typeof fields.headline === "string" ? fields.headline : "", at };
    }
  }
  return next;
}

/**
 * How long a scheduled rebuild should wait before building, in milliseconds: until the
 * next embargo lifts when that is within `windowMinutes` (before the schedule's next run),
 * else 0 (the next run will see it).
 */
export function waitForEmbargo(next: Embargo | undefined, now: Date, windowMinutes: number): number {
  if (!next) return 0;
  const wait = next.at.getTime() - now.getTime();
  return wait > 0 && wait <= windowMinutes * 60_000 ? wait : 0;
}

/** One line for logs and scripts: the time in UTC, the file and the headline, tab-separated. */
export function formatEmbargo(embargo: Embargo): string {
  return `${embargo.at.toISOString()}\t${embargo.file}\t${embargo.headline}`;
}
