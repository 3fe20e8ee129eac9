/**
 * Arabic letters are told apart by their dots. Satori lays text out with opentype.js, which
 * does not apply a font's mark positioning: a font that draws dots as separate glyphs placed
 * by GPOS anchors (Noto Naskh, Noto Sans Arabic) comes out with dots missing or astray.
 * Each dotted letter is drawn alone in the card and its dots counted as separate blobs of ink.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { CARD_WIDTH, cardSvg } from "../../src/views/social-card.ts";

/** The headline's band of the card: below the site name, above the section and date. */
const BAND = { top: 150, height: 330 };

/** Number of separate blobs of dark ink (8-connected) in the headline band of the card for `headline`. */
async function inkBlobs(headline: string): Promise<number> {
  const svg = await cardSvg({ headline, siteName: "S", date: "1 January 2020", section: "News", lang: "ar" });
  const { data, info } = await sharp(Buffer.from(svg))
    .extract({ left: 0, top: BAND.top, width: CARD_WIDTH, height: BAND.height })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
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

/** The letter alone, and joined to the letter before, after, or both where it can join onward. */
function forms(letter: string): string[] {
  // ذ ز ة join only to the letter before them: no initial or medial form.
  const joinsOnward = !"ذزة".includes(letter);
  const both = [letter, `${TATWEEL}${letter}`];
  return joinsOnward ? [...both, `${letter}${TATWEEL}`, `${TATWEEL}${letter}${TATWEEL}`] : both;
}

describe("social card, Arabic headline", () => {
  it("draws every dotted letter with its dots in each of its forms", async () => {
    const missing: string[] = [];
    for (const [letter, dotless, dots, dotlessJoiningOnward = dotless] of DOTTED) {
      const twins = [...forms(dotless).slice(0, 2), ...forms(dotlessJoiningOnward).slice(2)];
      for (const [index, form] of forms(letter).entries()) {
        const dotBlobs = (await inkBlobs(form)) - (await inkBlobs(twins[index]!));
        // Touching dots may fuse into one blob; none may be lost.
        if (dotBlobs < 1 || dotBlobs > dots) missing.push(`${form}: ${dotBlobs} of ${dots}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
