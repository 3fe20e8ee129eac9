/**
 * Pages a newsroom would ship: authors and bylines, kinds of piece, standards pages and
 * the publisher, sharing links, and the front page's lead, secondary and latest stories.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { DOMParser } from "@xmldom/xmldom";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import { parseDocument, textOf } from "../helpers/html.ts";
import {
  ANALYSIS_ID,
  AUTHOR_WITH_PHOTO,
  AUTHOR_WITHOUT_PHOTO,
  INLINE_RIGHTS,
  LEAD_HEADLINE,
  LEAD_ID,
  OPINION_ID,
} from "../helpers/newsroom-fixtures.ts";
import { SEED_ID } from "../helpers/seed.ts";
import { projectRoot } from "../helpers/build.ts";
import { FIXTURE_ID } from "../helpers/fixtures.ts";

const dist = inject("site");
const ORIGIN = "https://example.org";
const page = async (path: string) => parseDocument(await readFile(join(dist, path, "index.html"), "utf8"));
const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC = "http://purl.org/dc/elements/1.1/";
const PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/";
const jsonLd = (doc: Document) =>
  JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent) as Record<string, unknown>;

describe("authors", () => {
  it("names every author in the byline, each linked to their page, in order", async () => {
    const doc = await page(`articles/${LEAD_ID}`);
    const byline = doc.querySelector(".article-header .byline");
    expect(textOf(byline)).toBe(`By ${AUTHOR_WITH_PHOTO.name} and ${AUTHOR_WITHOUT_PHOTO.name}`);
    expect([...byline!.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      [AUTHOR_WITH_PHOTO.name, `/authors/${AUTHOR_WITH_PHOTO.id}/`],
      [AUTHOR_WITHOUT_PHOTO.name, `/authors/${AUTHOR_WITHOUT_PHOTO.id}/`],
    ]);
  });

  it("gives JSON-LD an author array of Person with name and url; wire copy stays with the organization", async () => {
    const lead = jsonLd(await page(`articles/${LEAD_ID}`));
    expect(lead.author).toEqual([
      { "@type": "Person", name: AUTHOR_WITH_PHOTO.name, url: `${ORIGIN}/authors/${AUTHOR_WITH_PHOTO.id}/` },
      { "@type": "Person", name: AUTHOR_WITHOUT_PHOTO.name, url: `${ORIGIN}/authors/${AUTHOR_WITHOUT_PHOTO.id}/` },
    ]);
    const seedPage = await page(`articles/${SEED_ID}`);
    const seed = jsonLd(seedPage);
    expect(seed.author).toEqual(seed.publisher);
    expect(seedPage.querySelector(".byline")).toBeNull();
    expect(textOf(seedPage.querySelector(".provenance"))).toBe("Originally published by The New Arab.");
  });

  it("has a page per author: name, role, bio, photo, links, their articles and their feed", async () => {
    const doc = await page(`authors/${AUTHOR_WITH_PHOTO.id}`);
    expect(textOf(doc.querySelector("h1"))).toBe(AUTHOR_WITH_PHOTO.name);
    expect(textOf(doc.querySelector(".author-role"))).toBe(AUTHOR_WITH_PHOTO.role);
    expect(doc.querySelector(".author-bio em")?.textContent).toBe("diplomacy");
    const photo = doc.querySelector(".author-photo img");
    expect(photo?.getAttribute("alt")).toBe("Amal Haddad, in a portrait");
    expect(doc.querySelector(".author-photo source[type='image/avif']")?.getAttribute("srcset")).toMatch(/\.avif/);
    expect(doc.querySelector('.author-links a[href="https://amal.example.com/"]')).not.toBeNull();
    const listed = [...doc.querySelectorAll(".summary-headline a")].map((a) => a.getAttribute("href"));
    expect(listed).toEqual([`/articles/${LEAD_ID}/`, `/articles/${ANALYSIS_ID}/`]);
    const feedHref = `/authors/${AUTHOR_WITH_PHOTO.id}/rss.xml`;
    expect(doc.querySelector(`link[rel="alternate"][href="${feedHref}"]`)).not.toBeNull();
    const feed = new XMLParser({ isArray: (n) => n === "item" }).parse(await readFile(join(dist, feedHref), "utf8"));
    expect(feed.rss.channel.item.map((i: { link: string }) => i.link)).toEqual([
      `${ORIGIN}/articles/${LEAD_ID}/`,
      `${ORIGIN}/articles/${ANALYSIS_ID}/`,
    ]);
    expect(feed.rss.channel.item[0]["dc:creator"]).toBe(`${AUTHOR_WITH_PHOTO.name} and ${AUTHOR_WITHOUT_PHOTO.name}`);
    // The author without a photo has no photo element, not an empty one.
    expect((await page(`authors/${AUTHOR_WITHOUT_PHOTO.id}`)).querySelector(".author-photo")).toBeNull();
  });
});

describe("photo rights", () => {
  it("carries the hero's creator, copyright, licence and licence page into its ImageObject", async () => {
    const images = jsonLd(await page(`articles/${LEAD_ID}`)).image as Array<Record<string, unknown>>;
    // The social card first, then the hero photo.
    expect(images[1]).toMatchObject({
      "@type": "ImageObject",
      caption: "Delegates arrive for the talks",
      creditText: "Fixture Photos",
      creator: { "@type": "Person", name: "Rana Saleh" },
      copyrightNotice: "© 2026 Fixture Photos",
      license: "https://creativecommons.org/licenses/by/4.0/",
      acquireLicensePage: "https://photos.example.com/licensing",
    });
    expect(images[0]).not.toHaveProperty("license");
  });

  it("carries a body figure's rights, from the frontmatter's figures map, into its own ImageObject", async () => {
    const images = jsonLd(await page(`articles/${LEAD_ID}`)).image as Array<Record<string, unknown>>;
    expect(images).toHaveLength(3);
    expect(images[2]).toEqual({
      "@type": "ImageObject",
      url: expect.stringMatching(/^https:\/\/example\.org\/_astro\/talks\..+\.jpg$/),
      contentUrl: images[2]!.url,
      width: 800,
      height: 600,
      caption: "The table before the talks",
      creditText: INLINE_RIGHTS.credit,
      creator: { "@type": "Person", name: INLINE_RIGHTS.creator },
      copyrightNotice: INLINE_RIGHTS.copyright,
      license: INLINE_RIGHTS.license,
      acquireLicensePage: INLINE_RIGHTS.acquireLicensePage,
    });
  });

  /** The IPTC fields of a published file's XMP, read back with sharp. */
  async function creditIn(file: string) {
    const { xmp } = await sharp(join(dist, decodeURI(file))).metadata();
    if (!xmp) return undefined;
    const doc = new DOMParser().parseFromString(xmp.toString("utf8"), "text/xml");
    const at = (ns: string, name: string) => doc.getElementsByTagNameNS(ns, name)[0];
    const li = (ns: string, name: string) => at(ns, name)?.getElementsByTagNameNS(RDF, "li")[0]?.textContent;
    return {
      creator: li(DC, "creator"),
      credit: at(PHOTOSHOP, "Credit")?.textContent,
      copyright: li(DC, "rights"),
    };
  }

  /** Every file a <picture> offers: each srcset candidate and the fallback. */
  function pictureFiles(picture: Element | null): string[] {
    const candidates = [...(picture?.querySelectorAll("source") ?? [])].flatMap((source) =>
      source
        .getAttribute("srcset")!
        .split(",")
        .map((c) => c.trim().split(/\s+/)[0]!),
    );
    return [...candidates, picture!.querySelector("img")!.getAttribute("src")!];
  }

  it("writes each photo's credit into every published file made from it (AVIF, WebP, JPEG), field by field", async () => {
    const doc = await page(`articles/${LEAD_ID}`);
    const inline = pictureFiles(doc.querySelector(".article-body figure picture"));
    expect(inline.filter((f) => f.endsWith(".avif")).length).toBeGreaterThan(0);
    expect(inline.filter((f) => f.endsWith(".webp")).length).toBeGreaterThan(0);
    expect(inline.filter((f) => f.endsWith(".jpg")).length).toBe(1);
    for (const file of inline) {
      expect(await creditIn(file), file).toEqual({
        creator: INLINE_RIGHTS.creator,
        credit: INLINE_RIGHTS.credit,
        copyright: INLINE_RIGHTS.copyright,
      });
    }
    const hero = { creator: "Rana Saleh", credit: "Fixture Photos", copyright: "© 2026 Fixture Photos" };
    for (const file of pictureFiles(doc.querySelector("#figure-hero picture")))
      expect(await creditIn(file), file).toEqual(hero);
    // The same photo as a thumbnail on the front page keeps its credit too.
    const home = parseDocument(await readFile(join(dist, "index.html"), "utf8"));
    const lead = [...home.querySelectorAll(".summary")]
      .find((summary) => summary.querySelector(`a[href="/articles/${LEAD_ID}/"]`))
      ?.querySelector("picture");
    for (const file of pictureFiles(lead ?? null)) expect(await creditIn(file), file).toEqual(hero);
    // A portrait has no credit to carry, so no XMP at all.
    const portrait = (await page(`authors/${AUTHOR_WITH_PHOTO.id}`)).querySelector(".author-photo picture");
    for (const file of pictureFiles(portrait)) expect(await creditIn(file), file).toBeUndefined();
  });
});

describe("kinds of piece", () => {
  it.each([
    [OPINION_ID, "Opinion", "OpinionNewsArticle"],
    [ANALYSIS_ID, "Analysis", "AnalysisNewsArticle"],
  ])("labels %s as %s near the headline and types it %s", async (id, label, schemaType) => {
    const doc = await page(`articles/${id}`);
    expect(textOf(doc.querySelector(".article-header .kicker .type-label"))).toBe(label);
    expect(jsonLd(doc)["@type"]).toBe(schemaType);
  });

  it("sets opinion apart and gives news no label", async () => {
    expect((await page(`articles/${OPINION_ID}`)).querySelector("article.article-opinion")).not.toBeNull();
    const news = await page(`articles/${SEED_ID}`);
    expect(news.querySelector(".type-label")).toBeNull();
    expect(jsonLd(news)["@type"]).toBe("ReportageNewsArticle");
  });
});

describe("standards pages and the publisher", () => {
  it.each(["about", "corrections-policy", "ethics", "contact"])(
    "publishes /%s/, linked from every footer",
    async (id) => {
      expect(existsSync(join(dist, id, "index.html"))).toBe(true);
      // Its own page, not another route at the same address.
      const title = /^title: "(.*)"$/m.exec(
        await readFile(join(projectRoot, "content/pages", `${id}.md`), "utf8"),
      )?.[1];
      expect(textOf((await page(id)).querySelector("h1"))).toBe(title);
      const home = await page("");
      expect(home.querySelector(`.site-footer .standards a[href="/${id}/"]`)).not.toBeNull();
    },
  );

  it("points the publisher's policies at those pages", async () => {
    const publisher = jsonLd(await page(`articles/${SEED_ID}`)).publisher as Record<string, unknown>;
    expect(publisher).toMatchObject({
      "@type": "NewsMediaOrganization",
      publishingPrinciples: `${ORIGIN}/ethics/`,
      correctionsPolicy: `${ORIGIN}/corrections-policy/`,
      ethicsPolicy: `${ORIGIN}/ethics/`,
      noBylinesPolicy: `${ORIGIN}/ethics/`,
      masthead: `${ORIGIN}/about/`,
    });
  });
});

describe("sharing", () => {
  it("links to email and five networks with the headline and address, each with a name", async () => {
    const doc = await page(`articles/${LEAD_ID}`);
    const links = [...doc.querySelectorAll(".share a")];
    expect(links.map((a) => a.getAttribute("aria-label"))).toEqual([
      "Share by email",
      "Share on X",
      "Share on Facebook",
      "Share on LinkedIn",
      "Share on WhatsApp",
      "Share on Bluesky",
    ]);
    const url = `${ORIGIN}/articles/${LEAD_ID}/`;
    const hrefs = links.map((a) => a.getAttribute("href")!);
    expect(hrefs[0]).toBe(`mailto:?subject=${encodeURIComponent(LEAD_HEADLINE)}&body=${encodeURIComponent(url)}`);
    for (const href of hrefs.slice(1)) {
      const values = [...new URL(href).searchParams.values()].join(" ");
      expect(values, href).toContain(url);
    }
    expect(new URL(hrefs[1]!).searchParams.get("text")).toBe(LEAD_HEADLINE);
  });
});

describe("front page", () => {
  it("leads with the featured story, its photo large and fetched first", async () => {
    const home = await page("");
    const lead = home.querySelector(".front-top .summary-lead");
    expect(lead?.querySelector(".summary-headline a")?.getAttribute("href")).toBe(`/articles/${LEAD_ID}/`);
    const img = lead?.querySelector(".summary-photo img");
    expect(img?.getAttribute("loading")).toBe("eager");
    expect(img?.getAttribute("width")).toMatch(/^\d+$/);
    expect(lead?.querySelector("source[type='image/avif']")?.getAttribute("srcset")).toContain(" 1080w");
  });

  it("puts two to four secondary stories under the lead, then the latest, no story twice", async () => {
    const home = await page("");
    const secondary = [...home.querySelectorAll(".front-secondary .summary-headline a")].map((a) =>
      a.getAttribute("href"),
    );
    expect(secondary.length).toBeGreaterThanOrEqual(2);
    expect(secondary.length).toBeLessThanOrEqual(4);
    const all = [...home.querySelectorAll(".summary-headline a")].map((a) => a.getAttribute("href"));
    expect(new Set(all).size).toBe(all.length);
    expect(textOf(home.querySelector("#latest-heading"))).toBe("Latest news");
  });

  it("shows a thumbnail for a story with a photo and nothing for one without", async () => {
    const home = await page("");
    const summaryOf = (id: string) => home.querySelector(`a[href="/articles/${id}/"]`)?.closest(".summary");
    const withPhoto = summaryOf(FIXTURE_ID);
    const thumb = withPhoto?.querySelector(".summary-photo img");
    expect(thumb?.getAttribute("width")).toMatch(/^\d+$/);
    expect(thumb?.getAttribute("height")).toMatch(/^\d+$/);
    expect(withPhoto?.querySelector("source[type='image/webp']")?.getAttribute("srcset")).toMatch(/\.webp \d+w/);
    const without = summaryOf(ANALYSIS_ID);
    expect(without).toBeTruthy();
    expect(without?.querySelector(".summary-photo, img, picture")).toBeNull();
  });

  it("carries the settings' sections in the header", async () => {
    const home = await page("");
    expect(home.querySelector('.site-nav a[href="/sections/news/"]')?.textContent).toBe("News");
  });
});
