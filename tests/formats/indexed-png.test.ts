import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blendPalette, indexedPng, paletteScanlines, type Rgb } from "../../src/formats/indexed-png.ts";

const GROUND: Rgb = [251, 250, 247];
const INK: Rgb = [26, 26, 26];
const GREY: Rgb = [74, 74, 74];
const ACCENT: Rgb = [155, 28, 28];
const PALETTE = blendPalette(GROUND, [
  { ink: INK, levels: 10, exact: [GREY] },
  { ink: ACCENT, levels: 5 },
]);

const blend = (ink: Rgb, t: number): Rgb => GROUND.map((g, c) => Math.round(g + (ink[c]! - g) * t)) as unknown as Rgb;

/** The palette colour nearest to `colour`, found the slow way. */
function nearest(colour: Rgb): Rgb {
  const d = (p: Rgb) => (p[0] - colour[0]) ** 2 + (p[1] - colour[1]) ** 2 + (p[2] - colour[2]) ** 2;
  return PALETTE.reduce((best, entry) => (d(entry) < d(best) ? entry : best));
}

/** An opaque RGBA image of these colours, row by row. */
function image(colours: Rgb[]): Uint8Array {
  return Uint8Array.from(colours.flatMap((colour) => [...colour, 255]));
}

/** The PNG's pixels as RGB colours, decoded by sharp. */
async function decoded(png: Buffer): Promise<Rgb[]> {
  const pixels = await sharp(png).removeAlpha().raw().toBuffer();
  return Array.from({ length: pixels.length / 3 }, (_, i) => [pixels[3 * i]!, pixels[3 * i + 1]!, pixels[3 * i + 2]!]);
}

async function roundTrip(colours: Rgb[], width: number, height: number, rgba = image(colours)): Promise<Rgb[]> {
  return decoded(await indexedPng(width, height, PALETTE, paletteScanlines(rgba, width, height, PALETTE)));
}

describe("blendPalette", () => {
  it("holds the ground, then each ink's blends with it ending in the ink, with the exact colours kept", () => {
    expect(PALETTE).toHaveLength(16);
    expect(PALETTE[0]).toEqual(GROUND);
    expect(PALETTE[1]).toEqual(blend(INK, 0.1));
    expect(PALETTE[5]).toEqual(blend(INK, 0.5));
    expect(PALETTE[10]).toEqual(INK);
    expect(PALETTE[8]).toEqual(GREY); // in place of the blend at 0.8, the nearest to it
    expect(PALETTE[11]).toEqual(blend(ACCENT, 0.2));
    expect(PALETTE[15]).toEqual(ACCENT);
  });

  it("refuses more colours than a 4-bit palette holds", () => {
    expect(() => blendPalette(GROUND, [{ ink: INK, levels: 16 }])).toThrow(/16 colours, not 17/);
  });
});

describe("indexedPng of paletteScanlines", () => {
  it("is a 4-bit palette PNG of its size that sharp reads", async () => {
    const width = 7;
    const height = 3;
    const colours = Array.from({ length: width * height }, (_, i) => PALETTE[i % PALETTE.length]!);
    const png = await indexedPng(width, height, PALETTE, paletteScanlines(image(colours), width, height, PALETTE));
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.isPalette, meta.bitsPerSample]).toEqual([
      "png",
      width,
      height,
      true,
      4,
    ]);
  });

  it("draws every palette colour, the design's own among them, exactly", async () => {
    // An odd width: the last pixel of each row fills half a byte.
    const colours = [...PALETTE, GROUND, ACCENT, GREY, INK, GROUND];
    expect(await roundTrip(colours, 7, 3)).toEqual(colours);
    for (const design of [GROUND, INK, GREY, ACCENT]) expect(colours).toContainEqual(design);
  });

  it("draws each other colour as its nearest palette colour", async () => {
    const colours: Rgb[] = [];
    for (let t = 0; t <= 1; t += 0.01) colours.push(blend(INK, t), blend(ACCENT, t));
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) % 256;
    while (colours.length < 40 * 10) colours.push([random(), random(), random()]);
    expect(await roundTrip(colours, 40, 10)).toEqual(colours.map(nearest));
  });

  it("reads pixels that do not start on a 4-byte boundary", async () => {
    const colours = [INK, GROUND, blend(ACCENT, 0.4), GREY, blend(INK, 0.33), ACCENT];
    const shifted = new Uint8Array(colours.length * 4 + 1);
    shifted.set(image(colours), 1);
    expect(await roundTrip(colours, 3, 2, shifted.subarray(1))).toEqual(colours.map(nearest));
  });

  it("refuses a pixel that is not opaque, and pixels of another size", () => {
    const rgba = image([INK, GROUND]);
    rgba[7] = 128;
    expect(() => paletteScanlines(rgba, 2, 1, PALETTE)).toThrow(/pixel 1,0 is not opaque/);
    expect(() => paletteScanlines(rgba, 3, 1, PALETTE)).toThrow(/not 3×1 RGBA pixels/);
  });
});
