/**
 * Arabic letters are told apart by their dots. Satori lays text out with opentype.js, which
 * does not apply a font's mark positioning: a font that draws dots as separate glyphs placed
 * by GPOS anchors (Noto Naskh, Noto Sans Arabic) comes out with dots missing or astray.
 * Each dotted letter in each of its forms, and the words of a headline, are drawn in the card
 * beside their dotless twins: the dots are the blobs of ink the twin lacks, and each must sit
 * near a letter.
 */
import sharp, { type Sharp } from "sharp";
import { describe, expect, it } from "vitest";
import { CARD_WIDTH, drawCard } from "../../src/views/card-drawing.ts";

/** The headline's band of the card: below the site name, above the section and date. */
const BAND = { top: 150, height: 330 };

/** How far a dot may sit from its letter: strokes widened this much join every dot drawn in place to its letter. */
const DOT_REACH = 10;

interface Ink {
  /** Separate blobs of dark ink in the headline band, as drawn. */
  blobs: number;
  /** The same after every stroke is widened by DOT_REACH pixels. */
  blobsWidened: number;
}

const inkByHeadline = new Map<string, Promise<Ink>>();

/** The ink of the card whose headline is `headline` (drawn once per headline). */
function inkOf(headline: string): Promise<Ink> {
  let ink = inkByHeadline.get(headline);
  if (!ink) inkByHeadline.set(headline, (ink = measureInk(headline)));
  return ink;
}

async function measureInk(headline: string): Promise<Ink> {
  const png = await drawCard({ headline, siteName: "S", date: "1 January 2020", section: "News", lang: "ar" });
  const band = await sharp(png)
    .extract({ left: 0, top: BAND.top, width: CARD_WIDTH, height: BAND.height })
    .removeAlpha()
    .threshold(128)
    .png()
    .toBuffer();
  // sharp's dilation widens the black: the ink.
  return { blobs: await inkBlobs(sharp(band)), blobsWidened: await inkBlobs(sharp(band).dilate(DOT_REACH)) };
}

/** Number of separate blobs of dark ink (8-connected) in a black and white image. */
async function inkBlobs(image: Sharp): Promise<number> {
  const { data, info } = await image.toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  const { width, height } = info;
  const seen = new Uint8Array(width * height);
  let blobs = 0;
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start]! >= 128) continue;
    blobs++;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (!seen[next] && data[next]! < 128) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
  }
  return blobs;
}

/**
 * Each dotted letter, the same letter without dots and how many dots it has. The dots are
 * the blobs the dotted letter has beyond its dotless twin drawn in the same form, so a
 * design whose joins leave a hairline gap counts the same in both. Dotless qaf, noon and
 * yeh have no initial or medial forms; there the twin is the letter of the same shape.
 */
const DOTTED: [letter: string, dotless: string, dots: number, dotlessJoiningOnward?: string][] = [
  ["ب", "ٮ", 1],
  ["ت", "ٮ", 2],
  ["ث", "ٮ", 3],
  ["ج", "ح", 1],
  ["خ", "ح", 1],
  ["ذ", "د", 1],
  ["ز", "ر", 1],
  ["ش", "س", 3],
  ["ض", "ص", 1],
  ["ظ", "ط", 1],
  ["غ", "ع", 1],
  ["ف", "ڡ", 1],
  ["ق", "ٯ", 2, "ڡ"],
  ["ن", "ں", 1, "ٮ"],
  ["ي", "ى", 2, "ٮ"],
  ["ة", "ه", 2],
];
const TATWEEL = "\u0640";

/** Letters that join only to the letter before them (no initial or medial form): the letter after starts anew. */
const JOINS_BACK_ONLY = "آأؤإاةدذرزو";
const ARABIC_LETTER = /[\u0621-\u064A]/;

/** The letter alone, and joined to the letter before, after, or both where it can join onward. */
function forms(letter: string): string[] {
  const both = [letter, `${TATWEEL}${letter}`];
  if (JOINS_BACK_ONLY.includes(letter)) return both;
  return [...both, `${letter}${TATWEEL}`, `${TATWEEL}${letter}${TATWEEL}`];
}

/** The word with every dotted letter replaced by its dotless twin in the same form, and the number of dotted letters and of dots. */
function dotless(word: string): { twin: string; letters: number; dots: number } {
  let twin = "";
  let letters = 0;
  let dots = 0;
  const chars = [...word];
  for (const [index, char] of chars.entries()) {
    const entry = DOTTED.find(([letter]) => letter === char);
    if (!entry) {
      twin += char;
      continue;
    }
    const [, alone, count, joiningOnward = alone] = entry;
    const joinsOnward = !JOINS_BACK_ONLY.includes(char) && ARABIC_LETTER.test(chars[index + 1] ?? "");
    twin += joinsOnward ? joiningOnward : alone;
    letters++;
    dots += count;
  }
  return { twin, letters, dots };
}

/**
 * What is wrong with the dots of `text` (a letter or a word), if anything: too few blobs of
 * ink beyond its dotless twin (each dotted letter has at least one; touching dots may fuse),
 * or dots that stay apart from every letter when strokes are widened by DOT_REACH.
 */
async function dotFault(text: string, twin: string, letters: number, dots: number): Promise<string | undefined> {
  const [drawn, dotless] = await Promise.all([inkOf(text), inkOf(twin)]);
  const dotBlobs = drawn.blobs - dotless.blobs;
  if (dotBlobs < letters || dotBlobs > dots) return `${text}: ${dotBlobs} blobs for ${dots} dots`;
  const astray = drawn.blobsWidened - dotless.blobsWidened;
  if (astray > 0) return `${text}: ${astray} dots away from their letters`;
  return undefined;
}

// About a hundred cards drawn one after another: slow on a busy machine.
describe("social card, Arabic headline", { timeout: 90_000 }, () => {
  it("draws every dotted letter with its dots in place in each of its forms", async () => {
    const faults: string[] = [];
    for (const [letter, dotless, dots, dotlessJoiningOnward = dotless] of DOTTED) {
      const twins = [...forms(dotless).slice(0, 2), ...forms(dotlessJoiningOnward).slice(2)];
      for (const [index, form] of forms(letter).entries()) {
        const fault = await dotFault(form, twins[index]!, 1, dots);
        if (fault) faults.push(fault);
      }
    }
    expect(faults).toEqual([]);
  });

  it("draws the dots of a headline's words in place", async () => {
    const words = "غارات جوية روسية تضر بمحادثات في جنيف يقول وزير الخارجية الأمريكي جون كيري".split(" ");
    const faults: string[] = [];
    for (const word of words) {
      const { twin, letters, dots } = dotless(word);
      const fault = await dotFault(word, twin, letters, dots);
      if (fault) faults.push(fault);
    }
    expect(faults).toEqual([]);
  });
});
