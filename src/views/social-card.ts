/**
 * The social card: one 1200×630 PNG per article (og:image), drawn with satori (text
 * laid out into vector paths from font files we ship, so no system font is needed),
 * rasterized by resvg and written as a palette PNG in the card's own colours
 * (src/formats/indexed-png.ts). Cards are cached by what they show (src/build/cache.ts): an
 * unchanged article is not drawn again on the next build.
 */
import satori from "satori";
import { renderAsync } from "@resvg/resvg-js";
import { createHash } from "node:crypto";
import serifBold from "@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff?inline";
import serifBoldExt from "@fontsource/source-serif-4/files/source-serif-4-latin-ext-700-normal.woff?inline";
import serifRegular from "@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff?inline";
// Satori does not apply GPOS mark positioning: an Arabic font must draw its dots inside each
// letter's glyph, as Markazi Text does (docs/decisions/020-arabic-card-font.md).
import arabicBold from "@fontsource/markazi-text/files/markazi-text-arabic-700-normal.woff?inline";
import { textDirection } from "../model/text-direction.ts";
import { CACHES, FileCache, projectCaches } from "../build/cache.ts";
import { blendPalette, indexedPng, paletteScanlines, type Rgb } from "../formats/indexed-png.ts";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface CardContent {
  headline: string;
  siteName: string;
  /** As the page shows it: "10 February 2016". */
  date: string;
  section: string;
  lang: string;
}

/** Drawn cards, kept between builds. Astro runs pages in the project root, so that is the working directory. */
const drawn = new FileCache(projectCaches(process.cwd()), CACHES.socialCards);

function fontData(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}

const FONTS = [
  { name: "Serif", data: fontData(serifBold), weight: 700 as const, style: "normal" as const },
  { name: "SerifExt", data: fontData(serifBoldExt), weight: 700 as const, style: "normal" as const },
  { name: "Serif", data: fontData(serifRegular), weight: 400 as const, style: "normal" as const },
  { name: "Arabic", data: fontData(arabicBold), weight: 700 as const, style: "normal" as const },
];
const FAMILY = "Serif, SerifExt, Arabic";

/** The card's four colours: everything it draws is one of the inks, or an edge of one, on the ground. */
const COLOURS = { ground: "#fbfaf7", ink: "#1a1a1a", grey: "#4a4a4a", accent: "#9b1c1c" } as const;

function rgb(hex: string): Rgb {
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16);
  return [channel(1), channel(3), channel(5)];
}

/**
 * The card's palette: the ground, ten levels toward the ink (the grey of the date line lies
 * on that line, so it is one of them) and five toward the accent. Edges of type are blends
 * of one ink with the ground, so each pixel is drawn in its nearest level.
 */
export const CARD_PALETTE = blendPalette(rgb(COLOURS.ground), [
  { ink: rgb(COLOURS.ink), levels: 10, exact: [rgb(COLOURS.grey)] },
  { ink: rgb(COLOURS.accent), levels: 5 },
]);

/** Long headlines get smaller type so that four lines always fit. */
function headlineSize(headline: string): number {
  const length = [...headline].length;
  if (length <= 50) return 72;
  if (length <= 90) return 60;
  if (length <= 140) return 50;
  return 42;
}

type Node = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };
const el = (type: string, style: Record<string, unknown>, children?: unknown): Node => ({
  type,
  props: { style, children },
});

function cardTree(card: CardContent): Node {
  const rtl = textDirection(card.lang) === "rtl";
  return el(
    "div",
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      boxSizing: "border-box",
      display: "flex",
      flexDirection: "column",
      justifyContent: "space-between",
      padding: "56px 72px 64px",
      background: COLOURS.ground,
      borderTop: `16px solid ${COLOURS.accent}`,
      fontFamily: FAMILY,
      color: COLOURS.ink,
    },
    [
      el("div", { display: "flex", fontSize: 34, fontWeight: 700, color: COLOURS.accent }, card.siteName),
      el(
        "div",
        {
          display: "block",
          width: CARD_WIDTH - 2 * 72,
          fontSize: headlineSize(card.headline),
          fontWeight: 700,
          lineHeight: 1.15,
          lineClamp: 4,
          direction: rtl ? "rtl" : "ltr",
          textAlign: rtl ? "right" : "left",
        },
        card.headline,
      ),
      el(
        "div",
        { display: "flex", fontSize: 30, fontWeight: 400, color: COLOURS.grey },
        `${card.section} · ${card.date}`,
      ),
    ],
  );
}

/** Key of a card: everything it shows, plus the version of the code that draws it (a design change redraws all). */
export function cardKey(card: CardContent): string {
  return createHash("sha256").update(JSON.stringify(card)).update(drawn.version).digest("hex").slice(0, 32);
}

/** The cache file of the card with key `key`. */
function cardFileName(key: string): string {
  return `${key}.png`;
}

/** Forgets every drawn card but those with these keys (the cards of this build). */
export function keepOnlyCards(keys: Iterable<string>): Promise<void> {
  return drawn.prune([...keys].map(cardFileName));
}

/** The card as SVG: every glyph already a vector path, so rasterizing needs no font at all. */
export function cardSvg(card: CardContent): Promise<string> {
  return satori(cardTree(card) as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: FONTS,
  });
}

/** The card drawn afresh, without the cache. */
export async function drawCard(card: CardContent): Promise<Buffer> {
  const svg = await cardSvg(card);
  // resvg's async render runs on libuv's thread pool, not on the thread that renders pages.
  const image = await renderAsync(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } });
  const { width, height } = image;
  return indexedPng(width, height, CARD_PALETTE, paletteScanlines(image.pixels, width, height, CARD_PALETTE));
}

/** Cards being drawn now, by key: two articles with the same card share one drawing. */
const drawing = new Map<string, Promise<Buffer>>();

/** The card's PNG bytes, from the cache when this exact card was drawn before. */
export function socialCard(card: CardContent): Promise<Buffer> {
  const key = cardKey(card);
  let pending = drawing.get(key);
  if (!pending) {
    pending = cachedCard(card, key).finally(() => drawing.delete(key));
    drawing.set(key, pending);
  }
  return pending;
}

async function cachedCard(card: CardContent, key: string): Promise<Buffer> {
  const cached = await drawn.get(cardFileName(key));
  if (cached) return cached;
  const png = await drawCard(card);
  await drawn.set(cardFileName(key), png);
  return png;
}
