/**
 * The date line of scraped article text: "10 February, 2016", "February 10, 2016" or
 * "2016-02-10" (also with a weekday in front, abbreviated months, Arabic month names and
 * Arabic-Indic digits). It names a day; we keep it as a day and never invent a time.
 */
import { isRealDay } from "../model/dates.ts";

const MONTHS: Record<string, number> = {};
const ENGLISH = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
ENGLISH.forEach((name, i) => {
  MONTHS[name] = i + 1;
  MONTHS[name.slice(0, 3)] = i + 1;
});
Object.assign(MONTHS, { sept: 9 });
// Arabic month names: the transliterated ones used in Egypt and the Gulf, and the Syriac
// ones used in the Levant and Iraq.
[
  ["يناير", "كانون الثاني"],
  ["فبراير", "شباط"],
  ["مارس", "آذار"],
  ["أبريل", "نيسان"],
  ["مايو", "أيار"],
  ["يونيو", "حزيران"],
  ["يوليو", "تموز"],
  ["أغسطس", "آب"],
  ["سبتمبر", "أيلول"],
  ["أكتوبر", "تشرين الأول"],
  ["نوفمبر", "تشرين الثاني"],
  ["ديسمبر", "كانون الأول"],
].forEach((names, i) => names.forEach((name) => (MONTHS[name] = i + 1)));
Object.assign(MONTHS, { ابريل: 4, إبريل: 4, اغسطس: 8, اكتوبر: 10 });

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const ARABIC_WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

export type DateLineResult =
  | { kind: "date"; iso: string }
  /** Looks like a date but is not a real one: the message says why. */
  | { kind: "bad-date"; message: string }
  | { kind: "not-a-date" };

/** Arabic-Indic and Eastern Arabic-Indic digits to ASCII digits. */
/** Arabic-Indic and Eastern Arabic-Indic digits as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** A month name as we know it, or undefined. */
function monthNumber(word: string): number | undefined {
  const key = word.toLowerCase().replace(/\.$/, "");
  return Object.hasOwn(MONTHS, key) ? MONTHS[key] : undefined;
}

/**
 * Reads one line as a publication date. "not-a-date" means the line is something else
 * (the caller then says there is no date line); "bad-date" means it was meant as a date
 * and is wrong (a month that does not exist, the 31st of February, a wrong weekday).
 */
export function parseDateLine(line: string): DateLineResult {
  const text = asciiDigits(line.replace(/\s+/g, " ").trim());
  if (!/\d/.test(text) || text.length > 60) return { kind: "not-a-date" };

  // An optional weekday in front: "Wednesday, 10 February, 2016", "الأربعاء 10 فبراير 2016".
  let rest = text;
  let weekday: number | undefined;
  const wd = /^(\p{L}+)[,،]?\s+/u.exec(rest);
  if (wd) {
    const word = wd[1]!.toLowerCase();
    const en = WEEKDAYS.findIndex((d) => d === word || d.slice(0, 3) === word);
    const ar = ARABIC_WEEKDAYS.indexOf(wd[1]!);
    if (en >= 0 || ar >= 0) {
      weekday = en >= 0 ? en : ar;
      rest = rest.slice(wd[0].length);
    }
  }

  let y: number, m: number | undefined, d: number, monthWord: string | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(rest))) {
    [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  } else if ((match = /^(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+\.?(?: \p{L}+)?)\s*[,،]?\s+(\d{4})$/u.exec(rest))) {
    // 10 February, 2016
    [d, monthWord, y] = [+match[1]!, match[2]!, +match[3]!];
    m = monthNumber(monthWord);
  } else if ((match = /^(\p{L}+\.?(?: \p{L}+)?)\s+(\d{1,2})(?:st|nd|rd|th)?\s*[,،]?\s+(\d{4})$/u.exec(rest))) {
    // February 10, 2016
    [monthWord, d, y] = [match[1]!, +match[2]!, +match[3]!];
    m = monthNumber(monthWord);
  } else {
    // Something date-like that we cannot read ("10/02/2016", "2016-02-10 14:30") is a bad
    // date; anything else is simply not a date line.
    const numeric = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(rest);
    const namesMonth = rest.split(/[^\p{L}]+/u).some((w) => w && monthNumber(w) !== undefined);
    const dateLike = rest.length <= 40 && /\d{4}/.test(rest) && (numeric || namesMonth);
    return dateLike
      ? {
          kind: "bad-date",
          message: `"${line.trim()}" is not a date we can read: write it as "10 February, 2016", "February 10, 2016" or "2016-02-10"`,
        }
      : { kind: "not-a-date" };
  }

  if (m === undefined) {
    return { kind: "bad-date", message: `"${line.trim()}" is not a date: "${monthWord}" is not a month` };
  }
  if (!isRealDay(y, m, d)) {
    return { kind: "bad-date", message: `"${line.trim()}" is not a date: that day does not exist` };
  }
  const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  if (weekday !== undefined) {
    const actual = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (actual !== weekday) {
      return {
        kind: "bad-date",
        message: `"${line.trim()}" is not a date: ${iso} was a ${WEEKDAYS[actual]}, not a ${WEEKDAYS[weekday]}`,
      };
    }
  }
  return { kind: "date", iso };
}
