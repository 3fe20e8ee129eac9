/**
 * Figure images through astro:assets (sharp): AVIF and WebP at several widths, a
 * JPEG/PNG fallback, and width/height so nothing shifts while loading.
 */
import type { ImageMetadata } from "astro";
import { getImage } from "astro:assets";
import { posix } from "node:path";
import { escapeHtml } from "../model/html.ts";
import type { FigureImageRef } from "../markdown/figures.ts";
import type { PhotoCredit } from "../formats/xmp.ts";
// The images articles use, loaded on demand (src/integrations/article-images.ts): never a
// glob of the folder, which would publish unused images as they are.
import articleImages from "virtual:newsroom/article-images";

/**
 * The widths we offer, capped at the original's own width (never upscaled): phones at
 * 1x to 3x, and the 42rem column at 2x. Each width costs an AVIF and a WebP encode.
 */
const MAX_WIDTH = 1440;
const WIDTHS = [360, 720, 1080, MAX_WIDTH];
/** The body column is at most 42rem wide; below that the image fills the viewport. */
const SIZES = "(min-width: 46rem) 42rem, 100vw";

/** The credit a body figure's photo files carry: its credit line, with the rights its article states for it. */
export function figureCredit(
  credit: string,
  rights: { creator?: string | undefined; copyright?: string | undefined } | undefined,
): PhotoCredit {
  return { credit, creator: rights?.creator, copyright: rights?.copyright };
}

/** The credit the hero's photo files carry (in the page, in lists, in feeds). */
export function heroCredit(hero: {
  credit: string;
  creator?: string | undefined;
  copyright?: string | undefined;
}): PhotoCredit {
  return figureCredit(hero.credit, hero);
}

export async function resolveFigureImage(ref: FigureImageRef, articleFilePath: string): Promise<ImageMetadata> {
  const key = posix.normalize(posix.join("/", posix.dirname(articleFilePath), ref.src));
  const load = articleImages[key];
  if (!load) {
    throw new Error(`${articleFilePath}: figure image "${ref.src}" was not found (looked for ${key.slice(1)})`);
  }
  return load();
}

/**
 * An image's size and format, read without publishing the original. In a build, Astro
 * hands us a proxy that marks the original file "referenced" (copied into dist/ as it
 * is, EXIF and GPS included) on any property read, except its hidden `clone`, which is
 * what Astro's own getImage() reads. Read dimensions through this, never `image.width`.
 */
export function imageFacts(image: ImageMetadata): ImageMetadata {
  return (image as ImageMetadata & { clone?: ImageMetadata }).clone ?? image;
}

export interface PictureOptions {
  alt: string;
  /** The hero: fetched at once and first, since it is the largest thing above the fold. */
  eager?: boolean;
  /** The `sizes` attribute, when the image is shown smaller than the body column. */
  sizes?: string;
  /** The widths to offer, for an image shown small (thumbnails, portraits). */
  widths?: number[];
  /** The photo's credit, written into every file made from it (XMP; src/build/strict-sharp-service.ts). */
  credit?: PhotoCredit | undefined;
}

/** One JPEG/PNG of an image: the <img> fallback, and the file feeds and structured data point to. */
export interface SingleImage {
  src: string;
  width: number;
  height: number;
}

/** getImage()'s option that carries the credit to the image service, when there is one. */
function creditOption(credit: PhotoCredit | undefined): { photoCredit?: PhotoCredit } {
  return credit ? { photoCredit: credit } : {};
}

export async function fallbackImage(image: ImageMetadata, credit?: PhotoCredit): Promise<SingleImage> {
  const facts = imageFacts(image);
  const format = facts.format === "png" ? "png" : "jpg";
  const result = await getImage({ src: image, format, width: Math.min(facts.width, 960), ...creditOption(credit) });
  const width = Number(result.attributes.width);
  return { src: result.src, width, height: Math.round((facts.height / facts.width) * width) };
}

export async function pictureHtml(
  image: ImageMetadata,
  { alt, eager = false, sizes = SIZES, widths: offered = WIDTHS, credit }: PictureOptions,
): Promise<string> {
  const { width } = imageFacts(image);
  const largest = Math.min(width, Math.max(...offered));
  const widths = [...new Set([...offered.filter((w) => w < largest), largest])];
  const [avif, webp, fallback] = await Promise.all([
    getImage({ src: image, format: "avif", widths, sizes, ...creditOption(credit) }),
    getImage({ src: image, format: "webp", widths, sizes, ...creditOption(credit) }),
    fallbackImage(image, credit),
  ]);
  const loading = eager ? `loading="eager" fetchpriority="high"` : `loading="lazy"`;
  return (
    `<picture>` +
    `<source type="image/avif" srcset="${escapeHtml(avif.srcSet.attribute)}" sizes="${escapeHtml(sizes)}">` +
    `<source type="image/webp" srcset="${escapeHtml(webp.srcSet.attribute)}" sizes="${escapeHtml(sizes)}">` +
    `<img src="${escapeHtml(fallback.src)}" alt="${escapeHtml(alt)}" width="${fallback.width}" height="${fallback.height}" ${loading} decoding="async">` +
    `</picture>`
  );
}
