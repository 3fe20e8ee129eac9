import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { photoCreditXmp, xmpBeyondCredit } from "../../src/formats/xmp.ts";
import { embeddedMetadata } from "../../src/checks/images.ts";
import { fixtureJpeg } from "../helpers/fixtures.ts";

const RDF = `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"`;

/** An XMP packet holding our credit fields plus `extra` inside the description. */
function packetWith(extra: string, attributes = ""): string {
  return photoCreditXmp({ credit: "Agency" })
    .replace(`<photoshop:Credit>`, `${extra}<photoshop:Credit>`)
    .replace(`rdf:about=""`, `rdf:about="" ${attributes}`);
}

describe("a photo's credit as XMP", () => {
  it("holds Creator, Credit Line and Copyright Notice, escaped, and nothing beyond them", () => {
    const xmp = photoCreditXmp({ credit: "A & <B>", creator: 'Karim "K" Nassar', copyright: "© 2026 A & B" });
    expect(xmp).toContain("<photoshop:Credit>A &amp; &lt;B&gt;</photoshop:Credit>");
    expect(xmp).toContain("<dc:creator><rdf:Seq><rdf:li>Karim &quot;K&quot; Nassar</rdf:li></rdf:Seq></dc:creator>");
    expect(xmp).toContain(
      '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2026 A &amp; B</rdf:li></rdf:Alt></dc:rights>',
    );
    expect(xmpBeyondCredit(xmp)).toEqual([]);
  });

  it("drops characters XML cannot hold, so the packet stays well-formed", () => {
    const xmp = photoCreditXmp({ credit: "A\u0001B" });
    expect(xmp).toContain("<photoshop:Credit>AB</photoshop:Credit>");
    expect(xmpBeyondCredit(xmp)).toEqual([]);
  });

  it("names every other property: a camera model, GPS as an element or an attribute, a tool", () => {
    expect(
      xmpBeyondCredit(packetWith(`<tiff:Model xmlns:tiff="http://ns.adobe.com/tiff/1.0/">Phone</tiff:Model>`)),
    ).toEqual(["tiff:Model"]);
    expect(
      xmpBeyondCredit(packetWith("", `xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="36,12.0N"`)),
    ).toEqual(["exif:GPSLatitude"]);
    expect(
      xmpBeyondCredit(
        `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Tool 1.0"><rdf:RDF ${RDF}><rdf:Description rdf:about=""/></rdf:RDF></x:xmpmeta>`,
      ),
    ).toEqual(["x:xmptk"]);
    // A credit field's name in another vocabulary is another property.
    expect(xmpBeyondCredit(packetWith(`<other:Credit xmlns:other="https://example.com/ns/">x</other:Credit>`))).toEqual(
      ["other:Credit"],
    );
  });

  it("calls XMP that is not well-formed unreadable, never clean", () => {
    expect(xmpBeyondCredit("<x:xmpmeta><unclosed>")).toEqual(["XMP that is not well-formed XML"]);
  });
});

describe("the output check on image metadata", () => {
  it("passes a photo whose XMP is exactly its credit, and refuses one with a camera model or GPS besides", async () => {
    const credited = await sharp(await fixtureJpeg(32, 32, 1))
      .withXmp(photoCreditXmp({ credit: "Agency", creator: "Rana", copyright: "© Agency" }))
      .webp()
      .toBuffer();
    expect(await embeddedMetadata(credited)).toEqual([]);
    const withModel = await sharp(await fixtureJpeg(32, 32, 1))
      .withXmp(packetWith(`<tiff:Model xmlns:tiff="http://ns.adobe.com/tiff/1.0/">Phone</tiff:Model>`))
      .jpeg()
      .toBuffer();
    expect(await embeddedMetadata(withModel)).toEqual(["XMP (tiff:Model)"]);
    const withGps = await sharp(await fixtureJpeg(32, 32, 1))
      .withXmp(packetWith("", `xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLongitude="37,9.0E"`))
      .avif()
      .toBuffer();
    expect(await embeddedMetadata(withGps)).toEqual(["XMP (exif:GPSLongitude)"]);
  });
});
