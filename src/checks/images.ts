/**
 * What an input image must be before we publish anything made from it, and what a
 * published image must not carry. Used by the content check, the image service
 * (`src/build/strict-sharp-service.ts`) and the post-build scan of the output.
 *
 * Astro's own sharp service decodes with `failOn: 'none'` and, when sharp gives up,
 * publishes the original bytes under the new name. Here every input is decoded in full
 * with `failOn: 'error'` (truncated or corrupt data is an error) and a pixel limit
 * (decompression bombs), and its contents must match its file name.
 */
import sharp, { type Metadata } from "sharp";
import { extname } from "node:path";
import { xmpBeyondCredit } from "../formats/xmp.ts";

/** About 50 megapixels: a 8660×5773 photo. Larger inputs are refused, not decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;

/** Options for every decode of an untrusted image. */
const STRICT_DECODE = { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS } as const;

/** Image files an article may use, by extension, with the format sharp must find inside. */
export const ARTICLE_IMAGE_TYPES: Readonly<Record<string, { format: string; label: string }>> = {
  ".jpg": { format: "jpeg", label: "JPEG" },
  ".jpeg": { format: "jpeg", label: "JPEG" },
  ".png": { format: "png", label: "PNG" },
  ".webp": { format: "webp", label: "WebP" },
  ".avif": { format: "heif", label: "AVIF" },
  ".gif": { format: "gif", label: "GIF" },
  // Astro's image pipeline knows ".tiff" only: a ".tif" would pass here and fail the build.
  ".tiff": { format: "tiff", label: "TIFF" },
};

const FORMAT_LABELS: Record<string, string> = {
  jpeg: "JPEG",
  png: "PNG",
  webp: "WebP",
  heif: "HEIF/AVIF",
  gif: "GIF",
  tiff: "TIFF",
  svg: "SVG",
  jp2: "JPEG 2000",
  jxl: "JPEG XL",
  pdf: "PDF",
};

/** Extensions of raster images that can carry EXIF, XMP or IPTC metadata. */
export const RASTER_EXTENSIONS = new Set([
  ".jpg",
  ".jpeg",
  ".png",
  ".webp",
  ".avif",
  ".gif",
  ".tif",
  ".tiff",
  ".heic",
  ".heif",
  ".jxl",
]);

function megapixels(pixels: number): string {
  return `${Math.round(pixels / 100_000) / 10} megapixels`;
}

/**
 * Why an article image cannot be used, or null when it can. `name` is its file name
 * (the extension says what it claims to be). Decodes every pixel.
 */
export async function imageProblem(bytes: Buffer, name: string): Promise<string | null> {
  const ext = extname(name).toLowerCase();
  if (ext === ".svg") return "is an SVG: vector files can carry scripts and are not accepted as article images";
  const expected = ARTICLE_IMAGE_TYPES[ext];
  if (!expected) return "is not an image type articles accept (JPEG, PNG, WebP, AVIF, GIF or TIFF)";
  let meta: Metadata;
  try {
    // The header only (no pixels are decoded here), so the size can be told in words.
    meta = await sharp(bytes, { failOn: "error", limitInputPixels: false }).metadata();
  } catch (error) {
    return `cannot be read as an image (${(error as Error).message})`;
  }
  const format = meta.format as string | undefined;
  if (format !== expected.format) {
    const found = format ? (FORMAT_LABELS[format] ?? format) : "not an image";
    return `is named ${ext} but its contents are ${found}: rename it or convert it`;
  }
  if ((meta.pages ?? 1) > 1) {
    // The photo is published as AVIF, WebP and a JPEG or PNG fallback, none of them animated
    // here: sharp cannot make a still AVIF of a many-frame image, and the build would stop.
    return `has ${meta.pages} frames (an animation or a multi-page file); articles publish still images: save the one frame you want as a JPEG or PNG`;
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) {
    return `is ${meta.width}×${meta.height} pixels (${megapixels(pixels)}); the limit is ${megapixels(MAX_INPUT_PIXELS)}: scale it down`;
  }
  try {
    // Every pixel decoded, so truncated or corrupt data shows up here. One channel out keeps
    // the buffer small; stats() would decode as well, but also works out statistics nobody reads.
    await sharp(bytes, STRICT_DECODE).extractChannel(0).raw().toBuffer();
  } catch (error) {
    return `is damaged or incomplete (${(error as Error).message.replace(/\s+/g, " ").trim()})`;
  }
  return null;
}

/** True when an EXIF block (TIFF structure, as sharp returns it) has a GPS IFD pointer in IFD0. */
export function exifHasGps(exif: Buffer): boolean {
  let at = exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? 6 : 0;
  const tiff = exif.subarray(at);
  if (tiff.length < 8) return false;
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  at = u32(4);
  if (at + 2 > tiff.length) return false;
  const count = u16(at);
  for (let i = 0; i < count; i++) {
    const entry = at + 2 + i * 12;
    if (entry + 12 > tiff.length) return false;
    if (u16(entry) === 0x8825) return true;
  }
  return false;
}

/** What `embeddedMetadata` says of a file it could not read. */
export const UNCHECKABLE = "unknown (the file cannot be read to check it)";

/**
 * The kinds of embedded metadata an image carries that it must not: EXIF (and whether
 * GPS), IPTC-IIM, and XMP beyond a photo's credit (src/formats/xmp.ts), named property by
 * property. A file sharp cannot read is never taken as clean: that is reported too, so an
 * unreadable or unsupported file (JPEG XL, say) cannot carry GPS data out unseen.
 * `allowCredit` is for images the image service wrote, which carry the credit on purpose;
 * a file from public/ is published as it is, so any XMP in it is refused.
 */
export async function embeddedMetadata(bytes: Buffer, { allowCredit = true } = {}): Promise<string[]> {
  let meta: Metadata;
  try {
    // Only the header is read here, so no pixel limit: a huge photo's EXIF is still found.
    meta = await sharp(bytes, { failOn: "none", limitInputPixels: false }).metadata();
  } catch {
    return [UNCHECKABLE];
  }
  const found: string[] = [];
  if (meta.exif?.length) found.push(exifHasGps(meta.exif) ? "EXIF with GPS location" : "EXIF");
  if (meta.xmp?.length) {
    if (!allowCredit) found.push("XMP");
    else {
      const beyond = xmpBeyondCredit(meta.xmp.toString("utf8"));
      if (beyond.length) found.push(`XMP (${beyond.join(", ")})`);
    }
  }
  if (meta.iptc?.length) found.push("IPTC");
  return found;
}
