/**
 * Publication dates as the source knows them. A wire story often gives a day and no
 * time; we keep that precision instead of inventing midnight in some time zone.
 */
import { strings } from "../strings/index.ts";

export type PubDate =
  | { precision: "day"; iso: string } // "2016-02-10"
  | { precision: "time"; iso: string }; // "2016-02-10T14:30:00Z" or with an offset

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\.\d+)?(Z|[+-](?:0\d|1[0-3]):[0-5]\d|[+-]14:00)$/;

/**
 * The earliest year a news date may have. Earlier years are typing slips ("0000",
 * "0216") that would show as "1 January 1" and make an archive page for year 0.
 */
const EARLIEST_YEAR = 1800;

/** Whether year, month (1-12) and day name a day that exists in the calendar. */
export function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/**
 * Reads a date from frontmatter: a "YYYY-MM-DD" day, or a full ISO 8601 time with a
 * zone. YAML turns unquoted dates into Date objects; a Date at exactly UTC midnight is
 * taken as a day, since that is what YAML makes of "2016-02-10".
 * Throws an Error saying what is wrong; the caller names the file and field.
 */
export function parsePubDate(value: unknown): PubDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error("is not a valid date");
    if (value.getUTCFullYear() < EARLIEST_YEAR) throw new Error(tooEarly(value.getUTCFullYear()));
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z")
      ? { precision: "day", iso: iso.slice(0, 10) }
      : { precision: "time", iso: iso.replace(".000Z", "Z") };
  }
  if (typeof value !== "string") throw new Error("must be a date such as 2016-02-10");
  const text = value.trim();
  const day = DAY_RE.exec(text);
  if (day) {
    if (!isRealDay(+day[1]!, +day[2]!, +day[3]!)) throw new Error(`"${text}" is not a real calendar day`);
    if (+day[1]! < EARLIEST_YEAR) throw new Error(tooEarly(text));
    return { precision: "day", iso: text };
  }
  const time = TIME_RE.exec(text);
  if (time) {
    if (!isRealDay(+time[1]!, +time[2]!, +time[3]!)) throw new Error(`"${text}" is not a real calendar day`);
    if (+time[1]! < EARLIEST_YEAR) throw new Error(tooEarly(text));
    return { precision: "time", iso: text };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?[+-]\d{2}:\d{2}$/.test(text)) {
    throw new Error(`"${text}" has a time zone offset beyond ±14:00, which no place on Earth uses`);
  }
  throw new Error(`"${text}" is not a date: use YYYY-MM-DD, or YYYY-MM-DDTHH:MM with a zone (Z or +01:00)`);
}

function tooEarly(text: string | number): string {
  return `"${text}" is before ${EARLIEST_YEAR}: a news date must be ${EARLIEST_YEAR} or later`;
}

/** The instant used for sorting and age: a day counts from its start, in UTC. */
export function toInstant(date: PubDate): Date {
  return new Date(date.precision === "day" ? `${date.iso}T00:00:00Z` : date.iso);
}

const DAY_FORMAT: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
const TIME_FORMAT: Intl.DateTimeFormatOptions = {
  ...DAY_FORMAT,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
};
// Making an Intl.DateTimeFormat costs far more than using one; a big site formats dates
// tens of thousands of times per build, so each locale's formatter is made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ""}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, timeZone === undefined ? DAY_FORMAT : { ...TIME_FORMAT, timeZone });
    formatters.set(key, made);
  }
  return made;
}

/** Dates as shown, by locale, zone and date. */
const formatted = new Map<string, string>();

/**
 * Human display: "10 February 2016", or with the time when it is known, shown in the
 * site's time zone (an IANA name such as "Europe/London", or "UTC") and naming it:
 * "10 February 2016 at 14:30 GMT". A day stays the day the source gave.
 */
export function formatPubDate(date: PubDate, locale: string, timeZone: string): string {
  const zone = date.precision === "day" ? undefined : timeZone;
  // Each date is shown on its page and again in every list it is in: formatted once.
  const key = `${locale}|${zone ?? ""}|${date.precision}|${date.iso}`;
  let shown = formatted.get(key);
  if (shown === undefined) {
    shown = formatter(locale, zone).format(toInstant(date));
    formatted.set(key, shown);
  }
  return shown;
}

/** Newest first; ties broken by the key so the order never depends on file-system order. */
export function compareNewestFirst<T>(a: T, b: T, date: (x: T) => PubDate, key: (x: T) => string): number {
  const diff = toInstant(date(b)).getTime() - toInstant(date(a)).getTime();
  return diff !== 0 ? diff : key(a).localeCompare(key(b));
}

/**
 * Whole years between a publication date and now, the way a reader counts birthdays:
 * 10 February 2016 is "10 years old" from 10 February 2026 on.
 */
export function wholeYearsSince(date: PubDate, now: Date): number {
  const from = toInstant(date);
  let years = now.getUTCFullYear() - from.getUTCFullYear();
  const beforeAnniversary =
    now.getUTCMonth() < from.getUTCMonth() ||
    (now.getUTCMonth() === from.getUTCMonth() && now.getUTCDate() < from.getUTCDate());
  if (beforeAnniversary) years -= 1;
  return Math.max(0, years);
}

/**
 * "This article is more than 10 years old", in the article's language (src/strings), or
 * null when it is younger than the threshold.
 */
export function ageNotice(date: PubDate, now: Date, thresholdYears: number, lang = "en"): string | null {
  const years = wholeYearsSince(date, now);
  if (years < thresholdYears) return null;
  return strings(lang).ageNotice(years);
}
