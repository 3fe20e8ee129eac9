/**
 * The site's own words, one file per language. A page (or the part of a page in an
 * article's language) asks for the words of its language; a language without a file gets
 * English.
 */
import { ar } from "./ar.ts";
import { en, type Strings } from "./en.ts";

export type { Strings };

const byLanguage: Record<string, Strings> = { en, ar };

/** The words for a BCP 47 tag, by its primary language ("ar-EG" → Arabic). */
export function strings(lang: string): Strings {
  return byLanguage[lang.split("-")[0]!.toLowerCase()] ?? en;
}
