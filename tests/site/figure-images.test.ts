/** Figures with real image files: optimized by sharp into AVIF and WebP, sized, lazy below the fold. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { LEAD_ID } from "../helpers/newsroom-fixtures.ts";
import { FRONT_PAGE_SIZES } from "../../src/views/front-page.ts";
import { FIXTURE_ID } from "../helpers/fixtures.ts";
import { parseDocument } from "../helpers/html.ts";
import { OLDER_NEWS_ID, RECENT_NEWS_ID } from "../helpers/listing-fixtures.ts";
import { DAY_IDS } from "../helpers/newsroom-day-fixtures.ts";

const dist = inject("site");
let doc: Document;

beforeAll(async () => {
  doc = parseDocument(await readFile(join(dist, "articles", FIXTURE_ID, "index.html"), "utf8"));
});

function srcsetUrls(srcset: string): Array<{ url: string; width: number }> {
  return srcset.split(",").map((part) => {
    const [url, w] = part.trim().split(/\s+/);
    return { url: url!, width: parseInt(w!, 10) };
  });
}

async function decode(url: string) {
  return sharp(await readFile(join(dist, url.split("?")[0]!))).metadata();
}

describe.each([
  { name: "hero", selector: "#figure-hero", eager: true, original: { width: 800, height: 600 } },
  { name: "inline", selector: "#figure-1", eager: false, original: { width: 480, height: 360 } },
])("the $name figure image", ({ selector, eager, original }) => {
  it("is a picture with AVIF and WebP sources at several widths, never upscaled", async () => {
    const figure = doc.querySelector(selector)!;
    const sources = [...figure.querySelectorAll("picture > source")];
    expect(sources.map((s) => s.getAttribute("type"))).toEqual(["image/avif", "image/webp"]);
    for (const source of sources) {
      expect(source.getAttribute("sizes")).toBeTruthy();
      const candidates = srcsetUrls(source.getAttribute("srcset")!);
      expect(candidates.length).toBeGreaterThan(1);
      expect(Math.max(...candidates.map((c) => c.width))).toBeLessThanOrEqual(original.width);
      const format = source.getAttribute("type")!.replace("image/", "") === "avif" ? "heif" : "webp";
      for (const c of candidates) {
        const meta = await decode(c.url);
        expect(meta.format).toBe(format);
        expect(meta.width).toBe(c.width);
      }
    }
  });

  it("has a fallback img with width, height and alt text", async () => {
    const img = doc.querySelector(`${selector} img`)!;
    const width = Number(img.getAttribute("width"));
    const height = Number(img.getAttribute("height"));
    expect(width).toBeGreaterThan(0);
    expect(Math.abs(height - (width * original.height) / original.width)).toBeLessThanOrEqual(1);
    expect(img.getAttribute("alt")).toBeTruthy();
    expect((await decode(img.getAttribute("src")!)).format).toBe("jpeg");
  });

  it(eager ? "loads at once with high priority" : "loads lazily", () => {
    const img = doc.querySelector(`${selector} img`)!;
    if (eager) {
      expect(img.getAttribute("loading")).toBe("eager");
      expect(img.getAttribute("fetchpriority")).toBe("high");
    } else {
      expect(img.getAttribute("loading")).toBe("lazy");
      expect(img.hasAttribute("fetchpriority")).toBe(false);
    }
  });
});

describe("the fixture article", () => {
  it("keeps captions and credits beside the images, and marks the imageless figure", () => {
    const caption = (sel: string) => doc.querySelector(`${sel} .figure-caption`)?.innerHTML;
    expect(caption("#figure-hero")).toBe("A hero photo with <em>emphasis</em> in its caption");
    expect(doc.querySelector("#figure-1 .figure-credit")?.textContent).toBe("Credit: Fixture Photos");
    expect(doc.querySelector("#figure-2")?.classList.contains("figure--no-image")).toBe(true);
    expect(doc.querySelector("#figure-2 img")).toBeNull();
  });

  it("shows a known time and the update with its date", () => {
    expect(doc.querySelector(".article-header time")?.getAttribute("datetime")).toBe("2026-11-20T09:30:00Z");
    const update = doc.querySelector(".updates li");
    expect(update?.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Updated 21 November 2026: Corrected the name of the bridge.",
    );
    expect(update?.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-21");
  });

  it("lists the newest articles first on the home page, after the featured lead", async () => {
    const home = parseDocument(await readFile(join(dist, "index.html"), "utf8"));
    const links = [...home.querySelectorAll(".summary-headline a")].map((a) => a.getAttribute("href"));
    // The featured fixture leads (tests/helpers/newsroom-fixtures.ts); the two build-relative
    // news fixtures (tests/helpers/listing-fixtures.ts) and the article whose embargo lifted a
    // day before the build (tests/helpers/newsroom-day-fixtures.ts) are newer than this one.
    expect(links.slice(0, 5)).toEqual([
      `/articles/${LEAD_ID}/`,
      `/articles/${RECENT_NEWS_ID}/`,
      `/articles/${DAY_IDS.lifted}/`,
      `/articles/${OLDER_NEWS_ID}/`,
      `/articles/${FIXTURE_ID}/`,
    ]);
    // The lead, four secondary stories, eight latest, and up to three in the News block.
    const { secondary, latest, perSection } = FRONT_PAGE_SIZES;
    expect(links.length).toBeGreaterThanOrEqual(1 + secondary + latest);
    expect(links.length).toBeLessThanOrEqual(1 + secondary + latest + perSection);
    // A withdrawn article is on no list.
    expect(links).not.toContain(`/articles/${DAY_IDS.withdrawn}/`);
  });
});
