/**
 * The hostile corpus (tests/helpers/hostile.ts) through the real build: nothing becomes
 * active markup (no script, no event handler, no script URL, no frame, object, SVG or
 * MathML element, no <base>, <form> or refresh), and every text stays visible as written:
 * in the page, the <title>, the meta tags and the JSON-LD. Every other page that shows
 * the corpus's fields (home, topics, sections, archive) is checked the same way.
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parseDocument, textOf } from "../helpers/html.ts";
import { HOSTILE_BLOCKS, HOSTILE_CORPUS_ID, HOSTILE_FIELDS } from "../helpers/hostile.ts";
import { ADMIN_PAGE, adminScripts } from "../helpers/admin.ts";

const dist = inject("site");

/** Tags an author might think harmless; Markdown in the corpus's paragraphs makes none of them. */
const HARMLESS_TAGS = "b, i, u, em, strong, small, mark, sub, sup, s, span, br, font, big, ins, del";
let doc: Document;
let html: string;

beforeAll(async () => {
  html = await readFile(join(dist, "articles", HOSTILE_CORPUS_ID, "index.html"), "utf8");
  doc = parseDocument(html);
});

/** Schemes a browser would run or render as a document, after the normalizing browsers do. */
function isScriptUrl(value: string): boolean {
  const normalized = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  return /^(javascript|vbscript|data):/.test(normalized);
}

const URL_ATTRIBUTES = [
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "data",
  "poster",
  "xlink:href",
  "background",
  "ping",
];

/** Everything active in a document; empty means nothing an attacker wrote can run. */
function activeMarkup(document: Document): string[] {
  const found: string[] = [];
  for (const el of [...document.querySelectorAll("*")]) {
    const name = el.tagName.toLowerCase();
    for (const attr of [...el.attributes]) {
      if (attr.name.toLowerCase().startsWith("on")) found.push(`<${name} ${attr.name}>`);
      if (URL_ATTRIBUTES.includes(attr.name.toLowerCase())) {
        for (const part of attr.name.toLowerCase() === "srcset" ? attr.value.split(",") : [attr.value]) {
          if (isScriptUrl(part.trim())) found.push(`<${name} ${attr.name}="${attr.value}">`);
        }
      }
    }
    // JSON-LD is an inert data block; any other script is active (the search page is judged apart).
    if (name === "script" && (el.getAttribute("type") ?? "").toLowerCase() !== "application/ld+json") {
      found.push(`<script${el.getAttribute("src") ? ` src=${el.getAttribute("src")}` : ""}>`);
    }
    if (["iframe", "frame", "object", "embed", "svg", "math", "base", "form", "applet", "template"].includes(name)) {
      found.push(`<${name}>`);
    }
    if (name === "meta" && (el.getAttribute("http-equiv") ?? "").toLowerCase() === "refresh") {
      // Only our redirect pages refresh, and only to a path on this site.
      if (!/^0; url=\/[^/]/.test(el.getAttribute("content") ?? "")) found.push("<meta refresh>");
    }
    if (name === "style" && el.closest("body")) found.push("<style> in body");
  }
  return found;
}

describe("the hostile corpus article", () => {
  it("has no active markup anywhere in the page", () => {
    expect(activeMarkup(doc)).toEqual([]);
    // The only inline scripts are JSON-LD data blocks.
    for (const script of [...doc.querySelectorAll("script")]) {
      expect(script.getAttribute("type")).toBe("application/ld+json");
    }
  });

  it("keeps every frontmatter field visible exactly as written", () => {
    const f = HOSTILE_FIELDS;
    expect(textOf(doc.querySelector("h1"))).toBe(f.headline);
    expect(doc.title.startsWith(f.headline)).toBe(true);
    expect(textOf(doc.querySelector(".standfirst"))).toBe(f.standfirst.trim());
    expect(doc.querySelector('meta[name="description"]')?.getAttribute("content")).toBe(f.standfirst.trim());
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute("content")).toBe(f.headline);
    expect(textOf(doc.querySelector(".kicker"))).toBe(f.section);
    expect(textOf(doc.querySelector(".byline"))).toBe(`By ${f.byline}`);
    const body = textOf(doc.querySelector("main"));
    for (const tag of f.tags) expect(body).toContain(tag);
    expect(body).toContain(f.sourcePublisher);
    expect(textOf(doc.querySelector("#figure-hero .figure-credit"))).toBe(`Credit: ${f.heroCredit}`);
    // The caption is inline Markdown: its unsafe link keeps its words, its HTML shows as text.
    expect(textOf(doc.querySelector("#figure-hero .figure-caption"))).toBe(
      `click me <iframe src=javascript:alert('caption-frame')>`,
    );
    expect(doc.querySelector("#figure-hero img")?.getAttribute("alt")).toBe(f.heroAlt);
    // The source link is kept (it is https) and its address is escaped, not broken out of.
    const source = doc.querySelector(".provenance a");
    expect(new URL(source!.getAttribute("href")!).protocol).toBe("https:");
  });

  it("keeps every body block's text visible as written", () => {
    const body = textOf(doc.querySelector(".article-body"));
    for (const block of HOSTILE_BLOCKS) expect(body, block.name).toContain(block.visible);
    expect(HOSTILE_BLOCKS.length).toBeGreaterThanOrEqual(20);
  });

  it("drops only the unsafe links, keeping their words; keeps https (its title as text), tel and mailto links", () => {
    const links = [...doc.querySelectorAll(".article-body a")].map((a) => ({
      text: textOf(a),
      href: a.getAttribute("href"),
      title: a.getAttribute("title"),
    }));
    expect(links).toEqual([
      { text: "titled link", href: "https://example.com/", title: `" onmouseover="alert('title')` },
      { text: "the newsdesk", href: "tel:+442079460000", title: null },
      { text: "the editor", href: "mailto:editor@example.org", title: null },
    ]);
  });

  it("puts the headline into JSON-LD as data: valid JSON, no way out of the script element", () => {
    const blocks = [...doc.querySelectorAll('script[type="application/ld+json"]')];
    expect(blocks).toHaveLength(1);
    const raw = blocks[0]!.textContent ?? "";
    expect(raw).not.toMatch(/<\/script|<!--/i);
    const data = JSON.parse(raw) as Record<string, unknown>;
    expect(data.headline).toBe(HOSTILE_FIELDS.headline);
    expect(data.description).toBe(HOSTILE_FIELDS.standfirst);
    // Parsed as a browser would, the page has only that script element.
    expect(doc.querySelectorAll("script")).toHaveLength(1);
  });

  it("shows harmless-looking tags (<b>, <i>, <p>, <br> …) as text, never as elements", () => {
    const inParagraphs = [...doc.querySelectorAll(".article-body > p *")];
    expect(inParagraphs.filter((el) => el.matches(HARMLESS_TAGS)).map((el) => el.outerHTML)).toEqual([]);
    // The paragraphs hold only the links the Markdown made, and the code span.
    expect(new Set(inParagraphs.map((el) => el.tagName.toLowerCase()))).toEqual(new Set(["a", "code"]));
    const body = textOf(doc.querySelector(".article-body"));
    for (const tag of ["<b>bold</b>", "<i>italic</i>", "<p><b>A paragraph tag</b> around bold</p>", "a<br>break"]) {
      expect(body).toContain(tag);
    }
  });
});

describe("every built page", () => {
  it("has no active markup (listings, topics and archives show the hostile fields too)", async () => {
    const pages = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith(".html"));
    const problems: string[] = [];
    let showsCorpus = 0;
    for (const page of pages) {
      const text = await readFile(join(dist, page), "utf8");
      const pageDoc = parseDocument(text);
      if (text.includes(HOSTILE_CORPUS_ID)) showsCorpus++;
      for (const found of activeMarkup(pageDoc)) {
        // The search page alone runs scripts: its own files and Astro's hashed module; and
        // the CMS page its own two files, nothing else (admin.test.ts).
        if (page.startsWith("search/") && found.startsWith("<script")) continue;
        if (page === ADMIN_PAGE && adminScripts("/").some((src) => found === `<script src=${src}>`)) continue;
        problems.push(`${page}: ${found}`);
      }
    }
    expect(problems).toEqual([]);
    expect(showsCorpus).toBeGreaterThan(3);
  });
});
