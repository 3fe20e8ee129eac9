import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import {
  CARD_HEIGHT,
  CARD_PALETTE,
  CARD_WIDTH,
  cardKey,
  cardSvg,
  socialCard,
  type CardContent,
} from "../../src/views/social-card.ts";
import { CACHES, FileCache, projectCaches } from "../../src/build/cache.ts";

const card: CardContent = {
  headline: `Russian air raids damaging Syria peace talks, says Kerry ${randomUUID()}`,
  siteName: "The Wire Desk",
  date: "10 February 2016",
  section: "News",
  lang: "en",
};
const cacheFile = new FileCache(projectCaches(process.cwd()), CACHES.socialCards).pathOf(`${cardKey(card)}.png`);
afterAll(() => rm(cacheFile, { force: true }));

describe("socialCard", () => {
  it("is a 1200×630 PNG with real content (not blank)", async () => {
    const png = await socialCard(card);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.isPalette]).toEqual(["png", CARD_WIDTH, CARD_HEIGHT, true]);
    const { channels } = await sharp(png).stats();
    // Dark type on a light ground: a wide spread of values in every colour channel.
    for (const channel of channels.slice(0, 3)) expect(channel.stdev).toBeGreaterThan(20);
  });

  it("draws the design's four colours exactly, and nothing but its palette", async () => {
    const pixels = await sharp(await socialCard(card))
      .removeAlpha()
      .raw()
      .toBuffer();
    const colours = new Map<string, number>();
    for (let i = 0; i < pixels.length; i += 3) {
      const colour = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
      colours.set(colour, (colours.get(colour) ?? 0) + 1);
    }
    const at = (x: number, y: number) => [...pixels.subarray((y * CARD_WIDTH + x) * 3, (y * CARD_WIDTH + x) * 3 + 3)];
    expect(at(600, 8), "the accent rule along the top").toEqual([0x9b, 0x1c, 0x1c]);
    expect(at(1190, 620), "the ground").toEqual([0xfb, 0xfa, 0xf7]);
    // The inside of the type: many pixels in the ink and in the grey of the date line.
    expect(colours.get("26,26,26"), "the ink").toBeGreaterThan(1000);
    expect(colours.get("74,74,74"), "the grey").toBeGreaterThan(100);
    expect(colours.size).toBeLessThanOrEqual(16);
    expect(new Set([...colours.keys()])).toEqual(new Set(CARD_PALETTE.map((colour) => colour.join(","))));
  });

  it("is drawn again when any module that draws it changes: the card cache's sources name each", () => {
    const drawing = new Set<string>();
    const visit = (file: string) => {
      if (drawing.has(file)) return;
      drawing.add(file);
      for (const [, path] of readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+\.ts)"/g))
        visit(relative(process.cwd(), join(dirname(file), path!)));
    };
    visit("src/views/social-card.ts");
    // The cache machinery keeps cards; it does not draw them.
    const drawingModules = [...drawing].filter((file) => !file.startsWith("src/build/"));
    expect(drawingModules).toContain("src/formats/indexed-png.ts");
    const { sources } = CACHES.socialCards;
    const uncovered = drawingModules.filter(
      (file) => !sources.some((source) => file === source || file.startsWith(`${source}/`)),
    );
    expect(uncovered).toEqual([]);
  });

  it("is drawn once per distinct content: the second call reads the cache", async () => {
    await socialCard(card);
    const sentinel = Buffer.from("cached bytes, not a redraw");
    await writeFile(cacheFile, sentinel);
    expect(await socialCard(card)).toEqual(sentinel);
    expect(await readFile(cacheFile)).toEqual(sentinel);
  });

  it("needs no system font: the text is drawn as paths from the fonts we ship", async () => {
    for (const lang of ["en", "ar"]) {
      const headline = lang === "ar" ? "غارات جوية روسية تضر بمحادثات السلام" : card.headline;
      const svg = await cardSvg({ ...card, headline, lang });
      expect(svg).not.toMatch(/<text|font-family/);
      expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(2);
    }
  });

  it("changes key when anything it shows changes", () => {
    expect(cardKey({ ...card, date: "11 February 2016" })).not.toBe(cardKey(card));
    expect(cardKey({ ...card })).toBe(cardKey(card));
  });
});
