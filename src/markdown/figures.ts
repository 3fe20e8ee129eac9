/**
 * Figures: a caption, a credit, and maybe an image file. The seed's photographs are
 * credited "[Getty]" and we do not have the files, so a figure must stand without one.
 */
export interface FigureImageRef {
  /** Path relative to the article's Markdown file. */
  src: string;
  alt: string;
}

export interface Figure {
  caption: string;
  credit: string;
  image?: FigureImageRef;
}

/**
 * Splits "Caption text [Credit]" into its parts, as wire copy writes it. Only the last
 * bracketed group at the very end is the credit; brackets earlier stay caption text.
 */
export function parseFigureTitle(title: string): { caption: string; credit: string } | null {
  const match = /^([\s\S]*?)\s*\[([^[\]]+)\]\s*$/.exec(title.trim());
  if (!match) return null;
  const caption = match[1]!.trim();
  const credit = match[2]!.trim();
  return caption && credit ? { caption, credit } : null;
}

/*
 * A body figure's image is optimized by the page (through astro:assets), not by the
 * Markdown engine, so the engine leaves a marker where the <picture> goes. It is an
 * HTML comment: raw HTML from authors is escaped, so no author text can forge one.
 */
const MARKER_PREFIX = "<!--figure-image:";
const MARKER_RE = /<!--figure-image:([A-Za-z0-9%._~!*'()-]*)-->/g;

export function encodeFigureImage(image: FigureImageRef): string {
  return `${MARKER_PREFIX}${encodeURIComponent(JSON.stringify(image))}-->`;
}

/** Every image marker in rendered HTML, in order. */
export function findFigureImages(html: string): FigureImageRef[] {
  return [...html.matchAll(MARKER_RE)].map((m) => JSON.parse(decodeURIComponent(m[1]!)) as FigureImageRef);
}

/** Replaces each marker with what `render` returns for it (async: image optimization is). */
export async function replaceFigureImages(
  html: string,
  render: (image: FigureImageRef, index: number) => Promise<string>,
): Promise<string> {
  const images = findFigureImages(html);
  const rendered = await Promise.all(images.map((image, i) => render(image, i)));
  let i = 0;
  return html.replace(MARKER_RE, () => rendered[i++]!);
}
