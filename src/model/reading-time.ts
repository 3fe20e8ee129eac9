/** Words in a text: runs of letters or digits (apostrophes and hyphens stay inside a word). */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return words ? words.length : 0;
}

/** Minutes to read, rounded up, never less than one. */
export function readingMinutes(text: string, wordsPerMinute: number): number {
  return minutesForWords(countWords(text), wordsPerMinute);
}

/** The same, for a word count already made. */
export function minutesForWords(words: number, wordsPerMinute: number): number {
  if (!(wordsPerMinute > 0)) throw new Error("wordsPerMinute must be positive");
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
