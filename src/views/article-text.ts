import { htmlToText } from "../model/html.ts";
import { readingMinutes } from "../model/reading-time.ts";

/**
 * The reading text of a rendered body: paragraphs, headings and lists. Figures are
 * looked at rather than read, so their captions do not add reading time.
 */
export function bodyReadingText(bodyHtml: string): string {
  return htmlToText(bodyHtml.replace(/<figure[\s\S]*?<\/figure>/g, " "));
}

export function bodyReadingMinutes(bodyHtml: string, wordsPerMinute: number): number {
  return readingMinutes(bodyReadingText(bodyHtml), wordsPerMinute);
}
