import sharp, { type Sharp } from "sharp";
import { describe, expect, it } from "vitest";
import { imageProblem } from "../../src/checks/images.ts";

/** A photo-like image (noise compresses badly, so a cut lands in the pixel data). */
function noise(width: number, height: number): Sharp {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

describe("an article image's strict decode", () => {
  it("finds files cut short anywhere in their pixels, in every format articles accept", async () => {
    const photo = noise(640, 427);
    const files = {
      "photo.png": await photo.clone().png().toBuffer(),
      "photo.avif": await photo.clone().avif({ effort: 0 }).toBuffer(),
      "photo.jpg": await photo.clone().jpeg({ progressive: true }).toBuffer(),
      "photo.webp": await photo.clone().webp().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(files)) {
      expect(await imageProblem(bytes, name), name).toBeNull();
      // Cut early, in the middle and near the end: only decoding every pixel finds the last ones.
      for (const kept of [0.1, 0.3, 0.9, 0.97]) {
        const cut = Buffer.from(bytes.subarray(0, Math.floor(bytes.length * kept)));
        expect(await imageProblem(cut, name), `${name} cut at ${kept}`).toMatch(
          /^(is damaged or incomplete|cannot be read)/,
        );
      }
    }
  });

  it("accepts sound images of one to four channels", async () => {
    for (const channels of [1, 2, 3, 4] as const) {
      const image = sharp(Buffer.alloc(120 * 80 * channels, 100), { raw: { width: 120, height: 80, channels } });
      expect(await imageProblem(await image.clone().png().toBuffer(), "a.png"), `${channels}`).toBeNull();
      expect(await imageProblem(await image.clone().webp().toBuffer(), "a.webp"), `${channels}`).toBeNull();
    }
  });
});
