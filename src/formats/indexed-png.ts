/**
 * A PNG writer for images drawn in a few known colours (the social card): a fixed palette
 * of up to 16 colours made from the design's own colours, each pixel mapped to its nearest
 * entry, written as a 4-bit palette PNG (colour type 3). sharp's palette PNG searches for a
 * palette (libimagequant) even for an image that holds only these colours, and that search
 * is most of a card's cost; here nothing is searched, and node:zlib deflates on its thread
 * pool, not on the thread that renders pages (docs/decisions/023-card-png-encoder.md).
 */
import { crc32, deflate } from "node:zlib";
import { promisify } from "node:util";

export type Rgb = readonly [red: number, green: number, blue: number];

/** Colours drawn over the ground, each with the number of its blends with the ground the palette keeps. */
export interface InkBlends {
  ink: Rgb;
  /** Evenly spaced blends from the ground toward the ink, the last being the ink itself. */
  levels: number;
  /** Colours lying on the ground→ink line that must be kept exactly: each replaces the nearest blend. */
  exact?: readonly Rgb[];
}

/** The most colours a 4-bit palette holds. */
const MAX_COLOURS = 16;

/** `t` of the way from `ground` to `ink`: the colour of a pixel the ink covers that much of. */
function blend(ground: Rgb, ink: Rgb, t: number): Rgb {
  const channel = (c: 0 | 1 | 2) => Math.round(ground[c] + (ink[c] - ground[c]) * t);
  return [channel(0), channel(1), channel(2)];
}

const distance = (a: Rgb, b: Rgb) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;

/**
 * The palette of an image of anti-aliased inks on one ground: the ground first (index 0),
 * then each ink's blends with it, from the lightest. An edge pixel of a glyph is such a
 * blend, so the nearest entry is the nearest level of coverage: no search is needed.
 */
export function blendPalette(ground: Rgb, inks: readonly InkBlends[]): Rgb[] {
  const palette: Rgb[] = [ground];
  for (const { ink, levels, exact = [] } of inks) {
    const line: Rgb[] = [];
    for (let level = 1; level <= levels; level++) {
      line.push(blend(ground, ink, level / levels));
    }
    for (const colour of exact) {
      const nearest = line.reduce(
        (best, entry, i) => (distance(entry, colour) < distance(line[best]!, colour) ? i : best),
        0,
      );
      line[nearest] = colour;
    }
    palette.push(...line);
  }
  if (palette.length > MAX_COLOURS)
    throw new Error(`a 4-bit palette holds ${MAX_COLOURS} colours, not ${palette.length}`);
  return palette;
}

/** A 32-bit word for an opaque colour, as a Uint32Array reads it over RGBA bytes (in the machine's byte order). */
function opaqueWord([r, g, b]: Rgb): number {
  return new Uint32Array(new Uint8Array([r, g, b, 255]).buffer)[0]!;
}

/**
 * PNG scanlines of an opaque RGBA image (`width`×`height`, 4 bytes a pixel) in `palette`:
 * each row a filter byte (0, none: palette images compress best unfiltered) and then two
 * pixels a byte, high nibble first, each the index of its nearest palette colour.
 */
export function paletteScanlines(rgba: Uint8Array, width: number, height: number, palette: readonly Rgb[]): Uint8Array {
  if (rgba.length !== width * height * 4)
    throw new Error(`${rgba.length} bytes are not ${width}×${height} RGBA pixels`);
  const words =
    rgba.byteOffset % 4 === 0
      ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height)
      : new Uint32Array(rgba.slice().buffer);
  const rowBytes = 1 + Math.ceil(width / 2);
  // Zero-filled: every row's filter byte is 0, and so is every ground pixel (index 0).
  const scanlines = new Uint8Array(rowBytes * height);
  const ground = opaqueWord(palette[0]!);
  const indexOf = new Map<number, number>();
  // The last colour looked up: inside a glyph, pixels repeat their neighbour's.
  let lastWord = ground;
  let lastIndex = 0;
  let pixel = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = y * rowBytes + 1;
    for (let x = 0; x < width; x++, pixel++) {
      const word = words[pixel]!;
      if (word === ground) continue;
      if (word !== lastWord) {
        let index = indexOf.get(word);
        if (index === undefined) {
          index = nearestIndex(rgba, pixel * 4, palette, x, y);
          indexOf.set(word, index);
        }
        lastWord = word;
        lastIndex = index;
      }
      scanlines[rowStart + (x >> 1)]! |= x & 1 ? lastIndex : lastIndex << 4;
    }
  }
  return scanlines;
}

function nearestIndex(rgba: Uint8Array, at: number, palette: readonly Rgb[], x: number, y: number): number {
  if (rgba[at + 3] !== 255) throw new Error(`pixel ${x},${y} is not opaque: a palette image here has no transparency`);
  const colour: Rgb = [rgba[at]!, rgba[at + 1]!, rgba[at + 2]!];
  let best = 0;
  for (let i = 1; i < palette.length; i++)
    if (distance(palette[i]!, colour) < distance(palette[best]!, colour)) best = i;
  return best;
}

const deflateAsync = promisify(deflate);
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A 4-bit palette PNG of `scanlines` (from {@link paletteScanlines}), deflated at zlib `level` on node's thread pool. */
export async function indexedPng(
  width: number,
  height: number,
  palette: readonly Rgb[],
  scanlines: Uint8Array,
  level = 6,
): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([4, 3, 0, 0, 0], 8); // bit depth 4, colour type 3 (palette), deflate, no filter method, not interlaced
  const data = await deflateAsync(scanlines, { level });
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", header),
    chunk("PLTE", Uint8Array.from(palette.flat())),
    chunk("IDAT", data),
    chunk("IEND", new Uint8Array(0)),
  ]);
}
