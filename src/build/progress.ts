/**
 * Build progress without a line per page. Astro logs one line for every page it writes
 * ("├─ /articles/x/index.html (+3ms)", or "(cached)" when reused); on a big archive that
 * is tens of thousands of lines. The build command counts those lines instead and
 * prints a short progress line now and then; every other line passes through.
 */

// Astro colours its output when it can; the counts must not depend on that.
const ANSI = /\u001b\[[0-9;]*m/g;
/** "├─ /path", possibly several on one line when pages are built concurrently. */
const PAGE = /[├└]─\s+([^\s├└]+)/g;
/** What Astro appends to a page line: its time, or that it was reused. */
const SUFFIX_ONLY = /^\s*(?:\(\+\d+ms\)|\((?:cached|restored)\))\s*$/;
/** "▶ /_astro/x.avif (reused cache entry) (+1ms) (12/710)": one optimized image. */
const IMAGE = /^(?:\d\d:\d\d:\d\d\s+)?\s*▶\s+\S+.*\((\d+)\/(\d+)\)\s*$/;

export interface Progress {
  pages: number;
  articles: number;
  reused: number;
  images: number;
}

export function emptyProgress(): Progress {
  return { pages: 0, articles: 0, reused: 0, images: 0 };
}

/** Counts a per-page or per-image line and returns true; returns false for any other line (to be shown). */
export function countPageLine(raw: string, progress: Progress): boolean {
  const line = raw.replace(ANSI, "");
  progress.reused += (line.match(/\((?:cached|restored)\)/g) ?? []).length;
  if (SUFFIX_ONLY.test(line)) return true;
  const image = IMAGE.exec(line);
  if (image) {
    progress.images = Math.max(progress.images, Number(image[1]));
    return true;
  }
  const pages = [...line.matchAll(PAGE)].map((m) => m[1]!);
  if (pages.length === 0) return false;
  progress.pages += pages.length;
  // No end anchor: a concurrent page's timestamp can follow the path with no space.
  progress.articles += pages.filter((path) => /^\/(?:[^/]+\/)*articles\/[^/]+\/index\.html/.test(path)).length;
  return true;
}

const n = (x: number) => x.toLocaleString("en");

export function formatProgress(progress: Progress, totalArticles: number, seconds: number): string {
  const images = progress.images > 0 ? `, ${n(progress.images)} images` : "";
  return (
    `  ${n(progress.articles)} of ${n(totalArticles)} articles, ${n(progress.pages)} files in all` +
    ` (${n(progress.reused)} reused from the last build)${images}, ${seconds.toFixed(1)} s`
  );
}
