import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  CARD_HEIGHT,
  CARD_PALETTE,
  CARD_WIDTH,
  cardSvg,
  drawCard,
  type CardContent,
} from "../../src/views/card-drawing.ts";
import { SocialCards } from "../../src/views/social-card.ts";
import { CACHES, FileCache, type CacheStore } from "../../src/build/cache.ts";
import { modulesOutsideSources } from "../helpers/caches.ts";

const card: CardContent = {
  headline: `Russian air raids damaging Syria peace talks, says Kerry ${randomUUID()}`,
  siteName: "The Wire Desk",
  date: "10 February 2016",
  section: "News",
  lang: "en",
};
// The project's sources (the cache's version, the worker) with a cache folder of the test's own.
const caches: CacheStore = { root: process.cwd(), folder: await mkdtemp(join(tmpdir(), "newsroom-cards-")) };
afterAll(() => rm(caches.folder, { recursive: true, force: true }));
const cards = new SocialCards(caches);
const cacheFile = new FileCache(caches, CACHES.socialCards).pathOf(`${cards.key(card)}.png`);
const socialCard = (content: CardContent) => cards.png(content);
const cardKey = (content: CardContent) => cards.key(content);

describe("social cards", () => {
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

  it("is drawn on a worker thread exactly as the drawing module draws it on this one", async () => {
    // The worker is named by its path in the project: this also finds that it is there and runs.
    expect(await socialCard(card)).toEqual(await drawCard(card));
    // The page's thread never draws: it takes only the drawing module's types.
    const pageModule = readFileSync("src/views/social-card.ts", "utf8");
    expect(pageModule).toMatch(/^import type \{[^}]*\} from "\.\/card-drawing\.ts";$/m);
    expect(pageModule).not.toMatch(/^import (?!type )[^;]*(card-drawing|satori|resvg)/m);
  });

  it("is drawn again when any module the drawing thread runs changes: the card cache's sources name each", () => {
    const { modules, uncovered } = modulesOutsideSources("src/views/card-worker.ts", CACHES.socialCards);
    expect(modules).toContain("src/formats/indexed-png.ts");
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

  it("draws a build's cards ahead of their pages, and drops every other card from the cache", async () => {
    const stale = join(dirname(cacheFile), "0123456789abcdef0123456789abcdef.png");
    await writeFile(stale, "a card of an earlier build");
    const next = { ...card, headline: `${card.headline}, drawn ahead` };
    await cards.keepOnly(
      [card, next].map((content) => ({ card: content, key: cardKey(content) })),
      { drawAhead: true },
    );
    expect(await readdir(dirname(cacheFile))).not.toContain("0123456789abcdef0123456789abcdef.png");
    // Nothing has asked for the new card yet: it is drawn all the same, into the cache.
    const ahead = join(dirname(cacheFile), `${cardKey(next)}.png`);
    await vi.waitFor(() => readFile(ahead), { timeout: 20_000, interval: 50 });
    expect(await socialCard(next)).toEqual(await readFile(ahead));
    expect(await socialCard(next)).toEqual(await drawCard(next));
  });

  it("under `astro dev`, drops other cards but draws none ahead: each is drawn when asked for", async () => {
    const later = { ...card, headline: `${card.headline}, drawn when asked` };
    await cards.keepOnly(
      [card, later].map((content) => ({ card: content, key: cardKey(content) })),
      { drawAhead: false },
    );
    // Long enough for a card drawn ahead to be in the cache.
    await new Promise((done) => setTimeout(done, 1_500));
    const file = join(dirname(cacheFile), `${cardKey(later)}.png`);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    expect(await socialCard(later)).toEqual(await readFile(file));
  });

  it("changes key when anything it shows changes", () => {
    expect(cardKey({ ...card, date: "11 February 2016" })).not.toBe(cardKey(card));
    expect(cardKey({ ...card })).toBe(cardKey(card));
  });
});
