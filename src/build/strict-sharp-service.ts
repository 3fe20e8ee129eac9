/**
 * Astro's sharp image service, made strict (set as `image.service` in astro.config.mjs).
 *
 * Astro's service decodes with `failOn: 'none'`, and when sharp refuses an image it logs
 * a warning and publishes the original bytes under the optimized name, EXIF and GPS
 * included, and the build still succeeds. Here each input is first decoded in full
 * with `failOn: 'error'` and the pixel limit (once per distinct image), and an output
 * that is not a real transform stops the build.
 *
 * The content check (src/checks/content/) decodes every article image the same way
 * before the build starts and names the article; this is the second line.
 */
import type { LocalImageService } from "astro";
import sharpService from "astro/assets/services/sharp";
import { createHash } from "node:crypto";
import { imageProblem } from "../checks/images.ts";

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

const strictSharpService: LocalImageService = {
  ...sharpService,
  async transform(inputBuffer, transform, imageConfig, logger) {
    const name = sourceName(String(transform.src));
    if (!/\.svg$/i.test(name)) await decodeOnce(inputBuffer, name);
    const result = await sharpService.transform(inputBuffer, transform, imageConfig, logger);
    // Astro's fallback when sharp fails: the untouched input, original metadata and all.
    if (result.data === inputBuffer && result.format !== "svg") {
      throw new Error(
        `Image ${name} could not be converted to ${transform.format ?? "its format"}; nothing is published unconverted`,
      );
    }
    return result;
  },
};

export default strictSharpService;
