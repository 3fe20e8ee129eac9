/**
 * Astro's sharp image service, made strict, and writing a photo's credit into the file
 * (set as `image.service` in astro.config.mjs).
 *
 * Astro's service decodes with `failOn: 'none'`, and when sharp refuses an image it logs
 * a warning and publishes the original bytes under the optimized name, EXIF and GPS
 * included, and the build still succeeds. Here each input is first decoded in full
 * with `failOn: 'error'` and the pixel limit (once per distinct image), and the encode is
 * our own: the same steps as Astro's (rotate, resize, flatten, its encoder settings), with
 * no fallback to the original, and with the photo's credit as XMP when the page passed
 * one (`photoCredit` in getImage()'s options; src/views/figure-image.ts). Nothing else is
 * kept from the input's metadata.
 *
 * The content check (src/checks/content/) decodes every article image the same way
 * before the build starts and names the article; this is the second line.
 */
import type { LocalImageService } from "astro";
import { baseService } from "astro/assets";
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from "astro/assets/services/sharp";
import sharp, { type FitEnum } from "sharp";
import { createHash } from "node:crypto";
import { imageProblem } from "../checks/images.ts";
import { photoCreditXmp, type PhotoCredit } from "../formats/xmp.ts";

/** Inputs already decoded without fault in this build, by content hash. */
const decoded = new Map<string, Promise<void>>();

function decodeOnce(input: Uint8Array, name: string): Promise<void> {
  const key = createHash("sha256").update(input).digest("hex");
  let check = decoded.get(key);
  if (!check) {
    check = imageProblem(Buffer.from(input.buffer, input.byteOffset, input.byteLength), name).then((problem) => {
      if (problem) throw new Error(`Image ${name} ${problem}`);
    });
    decoded.set(key, check);
  }
  return check;
}

/** The file name of a transform's source, e.g. "hero.jpg" from "/_astro/hero.CEzN.jpg?…". */
function sourceName(src: string): string {
  const path = src.split("?")[0] ?? src;
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}

/** CSS object-fit words as sharp's fit modes, as Astro's service maps them. */
const FIT: Record<string, keyof FitEnum> = {
  fill: "fill",
  contain: "inside",
  cover: "cover",
  none: "outside",
  "scale-down": "inside",
  outside: "outside",
  inside: "inside",
};

const OUTPUT_FORMATS = new Set(["avif", "webp", "png", "jpeg", "jpg"]);

const strictSharpService: LocalImageService<SharpImageServiceConfig> = {
  ...sharpService,
  // A different credit is a different file. (Astro's sharp service leaves the list to its
  // caller's default, which is the base service's: source, size, format, quality, fit…)
  propertiesToHash: [...(baseService.propertiesToHash ?? []), "photoCredit"],
  async transform(inputBuffer, transform, imageConfig, logger) {
    const name = sourceName(String(transform.src));
    const format = (transform.format as string | undefined) ?? "webp";
    // SVGs pass through Astro's own service untouched (articles refuse them; see checks/images.ts).
    if (/\.svg$/i.test(name) || format === "svg")
      return sharpService.transform(inputBuffer, transform, imageConfig, logger);
    if (!OUTPUT_FORMATS.has(format)) throw new Error(`Image ${name} cannot be published as ${format}`);
    await decodeOnce(inputBuffer, name);
    const config = imageConfig.service.config;
    const image = sharp(inputBuffer, { failOn: "error", limitInputPixels: config.limitInputPixels ?? true }).rotate();
    const width = transform.width ? Math.round(transform.width as number) : undefined;
    const height = transform.height ? Math.round(transform.height as number) : undefined;
    if (width || height) {
      image.resize({
        width,
        height,
        kernel: config.kernel,
        ...(width && height
          ? { fit: FIT[transform.fit as string] ?? "inside", position: transform.position as string | undefined }
          : {}),
        withoutEnlargement: true,
      });
    }
    if (transform.background) image.flatten({ background: transform.background as string });
    const encoder = resolveSharpEncoderOptions(
      { format, quality: (transform.quality as string | null | undefined) ?? null },
      undefined,
      config,
    );
    if (format === "avif") image.avif(encoder);
    else if (format === "webp") image.webp(encoder);
    else if (format === "png") image.png(encoder);
    else image.jpeg(encoder);
    const credit = transform.photoCredit as PhotoCredit | undefined;
    if (credit) image.withXmp(photoCreditXmp(credit));
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), format: info.format as "avif" | "webp" | "png" | "jpeg" };
  },
};

export default strictSharpService;
