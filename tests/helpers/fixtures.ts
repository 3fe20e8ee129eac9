/** Fixture content made by the tests themselves: an article with real (generated) photos. */
import sharp from "sharp";

export const FIXTURE_ID = "fixture-photo-story";

/** A photo-like image: a gradient with shapes, so encoders have real work and nothing is blank. */
export async function fixtureJpeg(width: number, height: number, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},60%,35%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},70%,75%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.3}" cy="${height * 0.4}" r="${height * 0.2}" fill="hsl(${(hue + 180) % 360},80%,55%)"/>
    <rect x="${width * 0.55}" y="${height * 0.5}" width="${width * 0.3}" height="${height * 0.3}" fill="#222"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export async function fixtureArticleFiles(): Promise<Record<string, string | Buffer>> {
  return {
    [`${FIXTURE_ID}/index.md`]: `---
headline: "Fixture: a story with photographs"
standfirst: "A test article whose hero and inline figures have image files."
published: "2026-11-20T09:30:00Z"
updates:
  - date: "2026-11-21"
    note: "Corrected the name of the bridge."
section: "Tests"
tags: ["Fixtures"]
hero:
  caption: "A hero photo with *emphasis* in its caption"
  credit: "Test Agency"
  image: "./hero.jpg"
  alt: "Abstract shapes on a gradient"
---

First paragraph of the fixture story.

![A dark square beside a circle](./inline.jpg "An inline photo, captioned [Fixture Photos]")

Second paragraph, after the inline figure.

![](<> "A figure whose photo we do not have [Getty]")

Third paragraph.
`,
    [`${FIXTURE_ID}/hero.jpg`]: await fixtureJpeg(800, 600, 20),
    [`${FIXTURE_ID}/inline.jpg`]: await fixtureJpeg(480, 360, 200),
  };
}
