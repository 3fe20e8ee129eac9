/**
 * A seeded synthetic newsroom archive for the build benchmark: articles of 400 to 1,200
 * words in sections, with tags from a pool, some with photographs (small generated
 * JPEGs) and some with figures whose photo we do not have. Same seed, same corpus.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";

/** mulberry32: small, fast, and the same sequence on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = `the of and to in a is that for on said with as was by at from his an be have has
are were it not but this which who after their they been its more one also government minister
talks peace officials would will two year people new first state city forces president could
over than against police last country week about united nations security council military
report early since group told under before killed three meeting agreement support during
election party leaders war attack between while capital region border talks ceasefire aid
economy markets trade prices rose fell percent bank central inflation court ruling judge
vote parliament opposition protest crowd streets hospital workers strike union company`
  .split(/\s+/)
  .filter(Boolean);
const SECTIONS = ["News", "World", "Politics", "Business", "Science", "Culture", "Sport", "Opinion"];
const TAG_POOL = Array.from({ length: 200 }, (_, i) => `Topic ${String(i + 1).padStart(3, "0")}`);

export interface CorpusOptions {
  articles: number;
  seed?: number;
  /** Share of articles whose hero figure has a photo file. */
  heroPhotoShare?: number;
  /** Share with a hero figure but no photo file (as the seed has). */
  heroNoPhotoShare?: number;
  /** Share with an inline photo in the body. */
  inlinePhotoShare?: number;
}

export interface Corpus {
  dir: string;
  articles: number;
  photos: number;
  words: number;
  /** One article's file, for the edit-and-rebuild measurement. */
  sample: string;
}

export function sentence(rnd: () => number): string {
  const n = 8 + Math.floor(rnd() * 18);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
  words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
  return `${words.join(" ")}.`;
}

function paragraph(rnd: () => number, targetWords: number): string {
  const out: string[] = [];
  let count = 0;
  while (count < targetWords) {
    const s = sentence(rnd);
    out.push(s);
    count += s.split(" ").length;
  }
  return out.join(" ");
}

async function photo(rnd: () => number): Promise<Buffer> {
  const hue = Math.floor(rnd() * 360);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
    <rect width="100%" height="100%" fill="hsl(${hue},55%,45%)"/>
    <circle cx="${Math.floor(rnd() * 480)}" cy="${Math.floor(rnd() * 320)}" r="${40 + Math.floor(rnd() * 80)}" fill="hsl(${(hue + 150) % 360},70%,70%)"/>
    <rect x="${Math.floor(rnd() * 300)}" y="${Math.floor(rnd() * 200)}" width="140" height="90" fill="#222"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

const quote = (text: string) => JSON.stringify(text);

export async function writeCorpus(dir: string, options: CorpusOptions): Promise<Corpus> {
  const { articles, seed = 42, heroPhotoShare = 0.1, heroNoPhotoShare = 0.1, inlinePhotoShare = 0.05 } = options;
  const rnd = random(seed);
  await mkdir(dir, { recursive: true });
  let photos = 0;
  let words = 0;
  let sample = "";
  const start = Date.UTC(2000, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  for (let i = 0; i < articles; i++) {
    const id = `article-${String(i + 1).padStart(6, "0")}`;
    const total = 400 + Math.floor(rnd() * 801);
    const published = new Date(start + Math.floor(rnd() * span)).toISOString().slice(0, 10);
    const tags = [
      ...new Set(
        Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => TAG_POOL[Math.floor(rnd() * TAG_POOL.length)]!),
      ),
    ];
    const section = SECTIONS[Math.floor(rnd() * SECTIONS.length)]!;
    const roll = rnd();
    const heroPhoto = roll < heroPhotoShare;
    const heroNoPhoto = !heroPhoto && roll < heroPhotoShare + heroNoPhotoShare;
    const inlinePhoto = rnd() < inlinePhotoShare;
    const withFiles = heroPhoto || inlinePhoto;
    const folder = withFiles ? join(dir, id) : dir;
    const file = withFiles ? join(folder, "index.md") : join(dir, `${id}.md`);
    if (withFiles) await mkdir(folder, { recursive: true });
    const paragraphs: string[] = [];
    let count = 0;
    while (count < total) {
      const p = paragraph(rnd, 40 + Math.floor(rnd() * 50));
      paragraphs.push(p);
      count += p.split(" ").length;
    }
    words += count;
    if (inlinePhoto) {
      await writeFile(join(folder, "inline.jpg"), await photo(rnd));
      photos++;
      paragraphs.splice(
        Math.min(2, paragraphs.length),
        0,
        `![Generated shapes](./inline.jpg "Shapes on a coloured ground [Bench Photos]")`,
      );
    }
    const hero = heroPhoto
      ? `hero:\n  caption: "Generated shapes for article ${i + 1}"\n  credit: "Bench Photos"\n  image: "./hero.jpg"\n  alt: "Coloured shapes"\n`
      : heroNoPhoto
        ? `hero:\n  caption: "A photograph we do not have"\n  credit: "Getty"\n`
        : "";
    if (heroPhoto) {
      await writeFile(join(folder, "hero.jpg"), await photo(rnd));
      photos++;
    }
    const headline = sentence(rnd).slice(0, -1);
    const standfirst = sentence(rnd) + " " + sentence(rnd);
    await writeFile(
      file,
      `---\nheadline: ${quote(headline)}\nstandfirst: ${quote(standfirst)}\npublished: "${published}"\nsection: ${quote(section)}\ntags: ${JSON.stringify(tags)}\n${hero}---\n\n${paragraphs.join("\n\n")}\n`,
    );
    if (i === Math.floor(articles / 2)) sample = file;
  }
  return { dir, articles, photos, words, sample };
}
