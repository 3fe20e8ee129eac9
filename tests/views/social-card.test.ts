import { randomUUID } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import {
  CARD_HEIGHT,
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
    expect([meta.format, meta.width, meta.height]).toEqual(["png", CARD_WIDTH, CARD_HEIGHT]);
    const { channels } = await sharp(png).stats();
    // Dark type on a light ground: a wide spread of values in every colour channel.
    for (const channel of channels.slice(0, 3)) expect(channel.stdev).toBeGreaterThan(20);
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
