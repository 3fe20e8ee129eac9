/**
 * SVGs from public/ are published only as plain drawing (src/checks/svg.ts): each
 * file of a corpus of script-bearing SVGs (other encodings, namespaces, entities, event
 * attributes, javascript: links, foreignObject, external <use>, <animate>/<set> on href)
 * is refused; plain drawings, in UTF-8, UTF-16 and Latin-1, pass; so does public/favicon.svg.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeXml, svgProblems, xmlProblems } from "../../src/checks/svg.ts";
import { projectRoot } from "../helpers/build.ts";

const corpus = join(projectRoot, "tests/fixtures/svg");
const hostile = readdirSync(join(corpus, "hostile")).sort();
const benign = readdirSync(join(corpus, "benign")).sort();
const read = (path: string) => readFileSync(join(corpus, path));

describe("SVG check", () => {
  it("has a corpus of at least 10 hostile SVGs", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(10);
  });

  it.each(hostile)("refuses hostile/%s", (name) => {
    expect(svgProblems(read(`hostile/${name}`))).not.toEqual([]);
  });

  it.each(benign)("passes benign/%s", (name) => {
    expect(svgProblems(read(`benign/${name}`))).toEqual([]);
  });

  it("passes the site's own public/favicon.svg", () => {
    expect(svgProblems(readFileSync(join(projectRoot, "public/favicon.svg")))).toEqual([]);
  });

  it("names what it refuses and where", () => {
    expect(svgProblems(read("hostile/nested-event-handler.svg"))).toEqual([
      { line: 3, message: "<rect> has an event handler attribute onmouseover" },
    ]);
    expect(svgProblems(read("hostile/utf16le-bom-script.svg"))).toEqual([
      { line: 2, message: "has the element <script>, which is not plain drawing" },
    ]);
    expect(svgProblems(read("hostile/use-external-document.svg"))).toEqual([
      { line: 1, message: '<use> xlink:href="https://evil.example/payload.svg#x" refers outside the file' },
    ]);
    expect(svgProblems(read("hostile/doctype-entity-script.svg"))[0]!.message).toMatch(/DOCTYPE|entity/);
  });

  it("decodes as a browser would: byte-order mark, UTF-16 by its first bytes, then the declaration", () => {
    expect(decodeXml(read("benign/latin1-declared.svg"))).toMatchObject({ text: expect.stringContaining("café") });
    expect(decodeXml(read("benign/utf16le-with-bom.svg"))).toMatchObject({ text: expect.stringContaining("مرحبا") });
    expect(decodeXml(read("hostile/utf16be-no-bom-onload.svg"))).toMatchObject({
      text: expect.stringContaining("onload"),
    });
    expect(decodeXml(read("hostile/utf7-declared.svg"))).toEqual({
      error: 'declares encoding "UTF-7", which is not accepted: save it as UTF-8',
    });
  });
});

describe("XML check", () => {
  it("refuses XML a browser would render as an active page, and passes plain data", () => {
    const xhtml = `<x><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></x>`;
    const xslt = `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="a.xsl"?><x/>`;
    expect(xmlProblems(Buffer.from(xhtml))).toHaveLength(1);
    expect(xmlProblems(Buffer.from(xslt))).toHaveLength(1);
    expect(
      xmlProblems(Buffer.from(`<?xml version="1.0"?><rss><channel><title>a &amp; b</title></channel></rss>`)),
    ).toEqual([]);
  });
});
