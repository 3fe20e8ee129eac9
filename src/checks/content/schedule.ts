/**
 * What is scheduled: articles held under embargo, listed by `npm run check` with the
 * time each is due and the time left; and a warning for a date more than a year ahead,
 * which is more likely a typing slip (2036 for 2026) than an embargo. Pure: the build's
 * clock is a parameter.
 */
import { formatPubDate, toInstant, type PubDate } from "../../model/dates.ts";
import { publicationState } from "../../model/publication.ts";
import type { CheckedArticle, Problem } from "./report.ts";

export interface Scheduled {
  file: string;
  headline: string;
  published: PubDate;
  /** Milliseconds from the build's clock to publication. */
  left: number;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Embargoed articles (drafts aside), soonest first. */
export function scheduledArticles(articles: readonly CheckedArticle[], now: Date): Scheduled[] {
  return articles
    .flatMap((a) =>
      a.schedule && publicationState(a.schedule, now) === "embargoed"
        ? [
            {
              file: a.file,
              headline: a.schedule.headline,
              published: a.schedule.published,
              left: toInstant(a.schedule.published).getTime() - now.getTime(),
            },
          ]
        : [],
    )
    .sort((a, b) => a.left - b.left || a.file.localeCompare(b.file));
}

/** A warning for each article dated more than a year after the build's clock. */
export function farFutureWarnings(articles: readonly CheckedArticle[], now: Date): Problem[] {
  return articles.flatMap((a) =>
    a.schedule && toInstant(a.schedule.published).getTime() - now.getTime() > YEAR_MS
      ? [
          {
            file: a.file,
            line: a.schedule.line,
            field: "published",
            severity: "warning" as const,
            message: `is more than a year ahead (${a.schedule.published.iso}): a typing slip? The article stays unpublished until then`,
          },
        ]
      : [],
  );
}

/** "3 d 4 h", "2 h 5 min", "under a minute". */
export function timeLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "under a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  return hours > 0 ? `${hours} h ${rest} min` : `${rest} min`;
}

/** The schedule as `npm run check` prints it. */
export function formatSchedule(list: readonly Scheduled[], locale: string, timeZone: string): string {
  if (list.length === 0) return "Scheduled: nothing under embargo.";
  return [
    `Scheduled (${list.length} under embargo; each appears at the first build after its time):`,
    ...list.map(
      (s) =>
        `  ${formatPubDate(s.published, locale, timeZone)} (in ${timeLeft(s.left)}): "${s.headline}" (${s.file})`,
    ),
  ].join("\n");
}
