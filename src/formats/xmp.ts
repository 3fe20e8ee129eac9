/**
 * The credit a published photo carries inside its file, as XMP: the IPTC Photo Metadata
 * fields Creator (dc:creator), Credit Line (photoshop:Credit) and Copyright Notice
 * (dc:rights), so a photo saved and passed on keeps its credit. Nothing else: camera,
 * place and software stay out. The image service writes it (src/build/strict-sharp-service.ts)
 * and the output check reads every published image back against the same list.
 */
import { DOMParser, onErrorStopParsing, type Element } from "@xmldom/xmldom";
import { escapeHtml } from "../model/html.ts";

/** What a photo's file says about who made it and who may use it. */
export interface PhotoCredit {
  /** IPTC Credit Line: the credit printed under the photo. */
  credit: string;
  /** IPTC Creator: the photographer. */
  creator?: string | undefined;
  /** IPTC Copyright Notice. */
  copyright?: string | undefined;
}

const NS = {
  x: "adobe:ns:meta/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  dc: "http://purl.org/dc/elements/1.1/",
  photoshop: "http://ns.adobe.com/photoshop/1.0/",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

/** Characters XML 1.0 cannot hold at all, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  return escapeHtml(value.replace(NOT_XML, ""));
}

/** The XMP packet for a photo's credit. */
export function photoCreditXmp(photo: PhotoCredit): string {
  const creator = photo.creator
    ? `<dc:creator><rdf:Seq><rdf:li>${text(photo.creator)}</rdf:li></rdf:Seq></dc:creator>`
    : "";
  const rights = photo.copyright
    ? `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${text(photo.copyright)}</rdf:li></rdf:Alt></dc:rights>`
    : "";
  return (
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
    `<x:xmpmeta xmlns:x="${NS.x}"><rdf:RDF xmlns:rdf="${NS.rdf}">` +
    `<rdf:Description rdf:about="" xmlns:dc="${NS.dc}" xmlns:photoshop="${NS.photoshop}">` +
    `${creator}<photoshop:Credit>${text(photo.credit)}</photoshop:Credit>${rights}` +
    `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

/** The elements a credit packet is made of, as "namespace localName". */
const ALLOWED_ELEMENTS = new Set([
  `${NS.x} xmpmeta`,
  `${NS.rdf} RDF`,
  `${NS.rdf} Description`,
  `${NS.rdf} Seq`,
  `${NS.rdf} Alt`,
  `${NS.rdf} li`,
  `${NS.dc} creator`,
  `${NS.dc} rights`,
  `${NS.photoshop} Credit`,
]);
/** Attributes that say nothing about the photo: the subject (always "") and a text's language. */
const ALLOWED_ATTRIBUTES = new Set([`${NS.rdf} about`, `${NS.xml} lang`]);

/**
 * What an XMP packet holds beyond the credit fields, by qualified name (e.g. "exif:GPSLatitude",
 * "tiff:Model"); empty when it holds nothing else. A packet that is not well-formed XML is
 * reported as such: what cannot be read cannot be shown to be clean.
 */
export function xmpBeyondCredit(xmp: string): string[] {
  const found = new Set<string>();
  let root: Element | null;
  try {
    root = new DOMParser({ onError: onErrorStopParsing }).parseFromString(
      xmp.replace(/\0+$/, ""),
      "text/xml",
    ).documentElement;
  } catch {
    return ["XMP that is not well-formed XML"];
  }
  const visit = (element: Element) => {
    if (!ALLOWED_ELEMENTS.has(`${element.namespaceURI} ${element.localName}`)) found.add(element.nodeName);
    for (const attribute of Array.from(element.attributes)) {
      // Namespace declarations name vocabularies; only what uses them says anything.
      if (attribute.namespaceURI === NS.xmlns) continue;
      if (!ALLOWED_ATTRIBUTES.has(`${attribute.namespaceURI} ${attribute.localName}`)) found.add(attribute.nodeName);
    }
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === child.ELEMENT_NODE) visit(child as Element);
    }
  };
  if (root) visit(root);
  return [...found];
}
