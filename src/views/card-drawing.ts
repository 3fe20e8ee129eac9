/**
 * How a social card is drawn: one 1200×630 PNG per article (og:image), laid out by satori
 * (text turned into vector paths from font files we ship, so no system font is needed),
 * rasterized by resvg and written as a palette PNG in the card's own colours
 * (src/formats/indexed-png.ts). The build draws cards on worker threads (./card-worker.ts);
 * which cards to draw, and the cache of drawn ones, are ./social-card.ts's.
 */
import satori from "satori";
import { renderAsync } from "@resvg/resvg-js";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { textDirection } from "../model/text-direction.ts";
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

const SERIF = "@fontsource/source-serif-4/files/source-serif-4";
/**
 * The fonts, from the packages we ship (read when the first card is drawn). Satori does not
 * apply GPOS mark positioning: an Arabic font must draw its dots inside each letter's glyph,
 * as Markazi Text does (docs/decisions/020-arabic-card-font.md).
 */
const FONT_FILES = [
  { name: "Serif", file: `${SERIF}-latin-700-normal.woff`, weight: 700 },
  { name: "SerifExt", file: `${SERIF}-latin-ext-700-normal.woff`, weight: 700 },
  { name: "Serif", file: `${SERIF}-latin-400-normal.woff`, weight: 400 },
  { name: "Arabic", file: "@fontsource/markazi-text/files/markazi-text-arabic-700-normal.woff", weight: 700 },
] as const;

type Fonts = Parameters<typeof satori>[1]["fonts"];
let fonts: Fonts | undefined;
/** The same fonts every time: satori keeps what it parsed of each font by its data. */
function cardFonts(): Fonts {
  const resolve = createRequire(import.meta.url).resolve;
  return (fonts ??= FONT_FILES.map(({ name, file, weight }) => ({
    name,
    data: readFileSync(resolve(file)),
    weight,
    style: "normal" as const,
  })));
}
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

/** The card as SVG: every glyph already a vector path, so rasterizing needs no font at all. */
export function cardSvg(card: CardContent): Promise<string> {
  return satori(cardTree(card) as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: cardFonts(),
  });
}

/** The card as a palette PNG. */
export async function drawCard(card: CardContent): Promise<Buffer> {
  const svg = await cardSvg(card);
  // resvg's async render runs on libuv's thread pool: meanwhile this thread can lay out another card.
  const image = await renderAsync(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } });
  const { width, height } = image;
  return indexedPng(width, height, CARD_PALETTE, paletteScanlines(image.pixels, width, height, CARD_PALETTE));
}
