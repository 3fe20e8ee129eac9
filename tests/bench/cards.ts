/**
 * npm run bench:cards [-- --cards 50] [--samples]
 *
 * Draws real social cards (the site's own layout from src/views/card-drawing.ts, seeded
 * headlines of varied length, one Arabic) and times each way of turning satori's SVG into
 * a PNG, stage by stage: rasterizing with sharp or with resvg, then encoding with sharp
 * (palette or full colour, several settings) or with resvg's own PNG writer, and the site's
 * way: resvg's async render, each pixel mapped to the card's fixed palette, our own palette
 * PNG writer (src/formats/indexed-png.ts), with raster, mapping and encoding timed apart. All ways run
 * on each card in turn, so a machine that drifts slows them alike. Prints, per way, the
 * median wall and CPU milliseconds of each stage, the median and largest card in bytes,
 * and how far its pixels stray from the raster it encoded (what the palette loses); writes the figures to
 * test-output/bench/cards.json and, with --samples, each way's PNG of a long Latin and
 * the Arabic card to test-output/bench/cards/ to look at.
 */
import { Resvg, renderAsync } from "@resvg/resvg-js";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { indexedPng, paletteScanlines } from "../../src/formats/indexed-png.ts";
import { CARD_HEIGHT, CARD_PALETTE, CARD_WIDTH, cardSvg } from "../../src/views/card-drawing.ts";
import { projectRoot } from "../helpers/build.ts";
import { random, sentence } from "./corpus.ts";
import { median } from "./stats.ts";

const { values } = parseArgs({
  options: {
    cards: { type: "string", default: "50" },
    samples: { type: "boolean", default: false },
  },
});
const count = Number(values.cards);
const outDir = join(projectRoot, "test-output/bench");

const ARABIC = "غارات جوية روسية تضر بمحادثات السلام في جنيف، يقول وزير الخارجية الأمريكي جون كيري";
const rnd = random(7);
const cards = Array.from({ length: count }, (_, i) => ({
  headline:
    i === 1
      ? ARABIC
      : i === 0
        ? "Russian air raids damaging Syria peace talks, says Kerry"
        : sentence(rnd).slice(0, -1),
  siteName: "The Wire Desk",
  date: "10 February 2016",
  section: "News",
  lang: i === 1 ? "ar" : "en",
}));

interface Raster {
  pixels: Buffer;
  channels: 3 | 4;
}

/** One stage's cost: wall time and the process's CPU time (every thread, so sharp's and resvg's workers count). */
interface Cost {
  wallMs: number;
  cpuMs: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, Cost]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return [result, { wallMs, cpuMs: (used.user + used.system) / 1000 }];
}

type Rasterizer = (svg: string) => Promise<Raster>;
type Encoder = (raster: Raster) => Promise<Buffer>;

const rasterizers: Record<string, Rasterizer> = {
  sharp: async (svg) => ({ pixels: await sharp(Buffer.from(svg)).raw().toBuffer(), channels: 4 }),
  resvg: async (svg) => {
    const image = new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } }).render();
    return { pixels: image.pixels, channels: 4 };
  },
};

const fromRaw = (raster: Raster) =>
  sharp(raster.pixels, { raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: raster.channels } });

const palette = (colours: number, effort: number, compressionLevel: number): Encoder => {
  return (raster) => fromRaw(raster).png({ palette: true, colours, effort, compressionLevel, dither: 0 }).toBuffer();
};

const fullColour = (compressionLevel: number, adaptiveFiltering: boolean): Encoder => {
  return (raster) => fromRaw(raster).removeAlpha().png({ compressionLevel, adaptiveFiltering }).toBuffer();
};

const encoders: Record<string, Encoder> = {
  "sharp palette 16c e1 z6": palette(16, 1, 6),
  "sharp palette 16c e1 z9": palette(16, 1, 9),
  "sharp palette 16c e1 z3": palette(16, 1, 3),
  "sharp palette 8c e1 z6": palette(8, 1, 6),
  "sharp palette 32c e1 z6": palette(32, 1, 6),
  "sharp palette 16c e4 z6": palette(16, 4, 6),
  "sharp palette 256c e7 z6": palette(256, 7, 6),
  "sharp palette 4c e1 z6": palette(4, 1, 6),
  "sharp full colour z1": fullColour(1, false),
  "sharp full colour z6": fullColour(6, false),
  "sharp full colour z9": fullColour(9, false),
  "sharp full colour z6 adaptive": fullColour(6, true),
  "sharp full colour z9 adaptive": fullColour(9, true),
};

/** resvg writes its own PNG (RGBA, no palette) straight from its render. */
const resvgOwnPng = async (svg: string) =>
  new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } }).render().asPng();

/** sharp's whole pipeline from SVG to palette PNG in one call, as the site drew cards before decision 023. */
const sharpOneCall = (svg: string) =>
  sharp(Buffer.from(svg)).png({ compressionLevel: 6, palette: true, colours: 16, dither: 0, effort: 1 }).toBuffer();

const RESVG_OPTIONS = { font: { loadSystemFonts: false }, fitTo: { mode: "original" as const } };

/** The site's way (src/views/card-drawing.ts, at zlib 6), stage by stage, with the zlib level to deflate at. */
const fixedPalette = (level: number) => ({
  name: `resvg async → fixed palette, own PNG writer z${level}`,
  draw: async (svg: string) => {
    const [image, raster] = await timed(() => renderAsync(svg, RESVG_OPTIONS));
    const [scanlines, map] = await timed(() => paletteScanlines(image.pixels, CARD_WIDTH, CARD_HEIGHT, CARD_PALETTE));
    const [png, encode] = await timed(() => indexedPng(CARD_WIDTH, CARD_HEIGHT, CARD_PALETTE, scanlines, level));
    return { png, costs: { raster, map, encode } };
  },
});
const staged = [fixedPalette(9), fixedPalette(6), fixedPalette(3)];

/** Mean absolute difference per channel (0–255) between a PNG's pixels and a reference raster. */
async function deviation(png: Buffer, reference: Raster): Promise<number> {
  const pixels = await sharp(png).ensureAlpha().raw().toBuffer();
  let sum = 0;
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(pixels[i + c]! - reference.pixels[i + c]!);
    n += 3;
  }
  return sum / n;
}

interface Way {
  name: string;
  stages: Record<string, Cost[]>;
  bytes: number[];
  deviation: number[];
}
const ways = new Map<string, Way>();
function record(name: string, stage: string, cost: Cost): Way {
  let way = ways.get(name);
  if (!way) ways.set(name, (way = { name, stages: {}, bytes: [], deviation: [] }));
  (way.stages[stage] ??= []).push(cost);
  return way;
}

/** How far resvg's anti-aliasing strays from sharp's (librsvg's), per card. */
const rasterDifference: number[] = [];
if (values.samples) await mkdir(join(outDir, "cards"), { recursive: true });
const sampleIndexes = new Set([
  1,
  cards.reduce((long, c, i) => (c.headline.length > cards[long]!.headline.length ? i : long), 0),
]);
const slug = (name: string) =>
  name
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/-$/, "")
    .toLowerCase();

// A first card warms each library up (fonts parsed, code compiled); it is not counted.
for (const [index, card] of [cards[0]!, ...cards].entries()) {
  const counted = index > 0;
  const [svg, layout] = await timed(() => cardSvg(card));
  const rasters: Record<string, Raster> = {};
  for (const [rasterName, rasterize] of Object.entries(rasterizers)) {
    const [raster, rasterCost] = await timed(() => rasterize(svg));
    rasters[rasterName] = raster;
    for (const [encoderName, encode] of Object.entries(encoders)) {
      const [png, encodeCost] = await timed(() => encode(raster));
      if (!counted) continue;
      const name = `${rasterName} raster → ${encoderName}`;
      record(name, "layout", layout);
      record(name, "raster", rasterCost);
      const way = record(name, "encode", encodeCost);
      way.bytes.push(png.length);
      if (values.samples && sampleIndexes.has(index - 1))
        await writeFile(join(outDir, "cards", `${index - 1}-${slug(name)}.png`), png);
    }
  }
  for (const [name, draw, rasterName] of [
    ["resvg raster → resvg PNG", resvgOwnPng, "resvg"],
    ["sharp in one call (before 023)", sharpOneCall, "sharp"],
  ] as const) {
    const [png, cost] = await timed(() => draw(svg));
    if (!counted) continue;
    record(name, "layout", layout);
    const way = record(name, "raster+encode", cost);
    way.bytes.push(png.length);
    way.deviation.push(await deviation(png, rasters[rasterName]!));
    if (values.samples && sampleIndexes.has(index - 1))
      await writeFile(join(outDir, "cards", `${index - 1}-${slug(name)}.png`), png);
  }
  for (const { name, draw } of staged) {
    const { png, costs } = await draw(svg);
    if (!counted) continue;
    record(name, "layout", layout);
    let way!: Way;
    for (const [stage, cost] of Object.entries(costs)) way = record(name, stage, cost);
    way.bytes.push(png.length);
    way.deviation.push(await deviation(png, rasters.resvg!));
    if (values.samples && sampleIndexes.has(index - 1))
      await writeFile(join(outDir, "cards", `${index - 1}-${slug(name)}.png`), png);
  }
  if (!counted) continue;
  // What each encoder loses against its own raster, measured outside the timings.
  for (const rasterName of Object.keys(rasterizers)) {
    for (const [encoderName, encode] of Object.entries(encoders)) {
      const way = ways.get(`${rasterName} raster → ${encoderName}`)!;
      way.deviation.push(await deviation(await encode(rasters[rasterName]!), rasters[rasterName]!));
    }
  }
  rasterDifference.push(
    await deviation(
      await sharp(rasters.resvg!.pixels, { raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 4 } })
        .png()
        .toBuffer(),
      rasters.sharp!,
    ),
  );
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const rows = [...ways.values()].map((way) => {
  const stage = (name: string) => {
    const costs = way.stages[name];
    return costs ? { wallMs: median(costs.map((c) => c.wallMs)), cpuMs: median(costs.map((c) => c.cpuMs)) } : undefined;
  };
  const stages = Object.fromEntries(Object.keys(way.stages).map((name) => [name, stage(name)!]));
  const drawing = Object.entries(stages).filter(([name]) => name !== "layout");
  return {
    way: way.name,
    stages,
    drawWallMs: drawing.reduce((n, [, c]) => n + c.wallMs, 0),
    drawCpuMs: drawing.reduce((n, [, c]) => n + c.cpuMs, 0),
    medianBytes: median(way.bytes),
    maxBytes: Math.max(...way.bytes),
    deviation: median(way.deviation),
  };
});
rows.sort((a, b) => a.drawCpuMs - b.drawCpuMs);

const os = await import("node:os");
console.log(
  `${count} cards, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.versions.node}, sharp ${sharp.versions.sharp}, resvg-js ${(await import("@resvg/resvg-js/package.json", { with: { type: "json" } })).default.version}`,
);
const layout = rows[0]!.stages.layout!;
console.log(`satori layout (every way): median ${fmt(layout.wallMs)} ms wall, ${fmt(layout.cpuMs)} ms CPU\n`);
console.log(
  `resvg's raster against sharp's: mean difference ${fmt(median(rasterDifference), 2)} per channel (0–255); deviation below: each PNG against its own raster\n`,
);
console.log(
  "| way (rasterizer → encoder) | raster ms (CPU) | map ms (CPU) | encode ms (CPU) | draw ms, wall | draw ms, CPU | median bytes | max bytes | deviation |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  const raster = row.stages.raster ?? row.stages["raster+encode"];
  const encode = row.stages.encode;
  const map = row.stages.map;
  console.log(
    `| ${row.way} | ${raster ? `${fmt(raster.wallMs)} (${fmt(raster.cpuMs)})` : ""} | ${map ? `${fmt(map.wallMs)} (${fmt(map.cpuMs)})` : ""} | ${encode ? `${fmt(encode.wallMs)} (${fmt(encode.cpuMs)})` : "(in raster)"} | ${fmt(row.drawWallMs)} | ${fmt(row.drawCpuMs)} | ${row.medianBytes.toLocaleString("en")} | ${row.maxBytes.toLocaleString("en")} | ${fmt(row.deviation, 2)} |`,
  );
}
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, "cards.json"), JSON.stringify(rows, null, 2));
console.log(`\nfigures: test-output/bench/cards.json${values.samples ? ", cards: test-output/bench/cards/" : ""}`);
