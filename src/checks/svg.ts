/**
 * SVG and XML documents that browsers would render: an SVG from public/ is published only
 * when it is plain drawing, and an XML file only when no browser would run it as a page.
 *
 * The rule is an allow-list over the parsed document, so no spelling gets round it: the
 * bytes are decoded as a browser decodes them (byte-order mark, then the XML
 * declaration; an encoding we cannot decode is refused), parsed as XML with namespaces
 * resolved (@xmldom/xmldom), and every element must be one of the SVG drawing elements
 * below, in the SVG namespace, with only presentation and geometry attributes. No
 * DOCTYPE (so no entities), no processing instruction, no event attribute, no reference
 * that is not a #fragment in this file. Anything else is refused, naming what and where.
 */
import { DOMParser, onErrorStopParsing } from "@xmldom/xmldom";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";
const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
/** Namespaces whose elements a browser renders (and whose scripts it runs) inside any XML file. */
const ACTIVE_NAMESPACES = new Set([SVG_NS, "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML"]);

export interface DocumentProblem {
  line?: number | undefined;
  message: string;
}

/** Plain drawing: shapes, text, paint servers, clipping, masks, filters, local reuse. */
const DRAWING_ELEMENTS = new Set(
  (
    "svg g defs symbol title desc switch use style path rect circle ellipse line polyline polygon text tspan textPath " +
    "linearGradient radialGradient stop pattern clipPath mask marker filter feBlend feColorMatrix " +
    "feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight " +
    "feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology " +
    "feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence"
  ).split(" "),
);

/** Geometry, structure and presentation attributes (no namespace). */
const DRAWING_ATTRIBUTES = new Set(
  (
    "id class style lang tabindex role focusable transform viewBox preserveAspectRatio version baseProfile " +
    "x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength offset href " +
    "gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits patternTransform " +
    "clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY orient " +
    "filterUnits primitiveUnits in in2 result stdDeviation dx dy rotate textLength lengthAdjust " +
    "startOffset method spacing side mode operator k1 k2 k3 k4 values type tableValues slope intercept " +
    "amplitude exponent kernelMatrix order divisor bias targetX targetY edgeMode kernelUnitLength " +
    "preserveAlpha scale xChannelSelector yChannelSelector radius baseFrequency numOctaves seed " +
    "stitchTiles surfaceScale diffuseConstant specularConstant specularExponent azimuth elevation z " +
    "pointsAtX pointsAtY pointsAtZ limitingConeAngle media systemLanguage requiredExtensions " +
    "alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation " +
    "color-interpolation-filters color-rendering direction display dominant-baseline fill fill-opacity " +
    "fill-rule filter flood-color flood-opacity font font-family font-size font-size-adjust font-stretch " +
    "font-style font-variant font-weight image-rendering letter-spacing lighting-color marker marker-end " +
    "marker-mid marker-start mask mask-type opacity overflow paint-order pointer-events shape-rendering " +
    "stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin " +
    "stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration text-rendering " +
    "transform-origin unicode-bidi vector-effect visibility word-spacing writing-mode"
  ).split(" "),
);

/** A reference to something in this same file: `#id`. */
const LOCAL_REFERENCE = /^\s*#[^\s#]*\s*$/;

/** Every url(…) in CSS or a presentation attribute must point into this file. */
function foreignUrl(value: string): string | undefined {
  for (const match of value.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!LOCAL_REFERENCE.test(match[2]!)) return match[0];
  }
  if (/url\s*\(/i.test(value.replace(/url\s*\(\s*(['"]?)#[^'")]*\1\s*\)/gi, ""))) return "url(";
  return undefined;
}

/** CSS in a `style` element or attribute: no imports, no outside resources, no bindings. */
function cssProblem(css: string): string | undefined {
  const unescaped = css.replace(/\\/g, "");
  if (/@import/i.test(unescaped)) return "imports a stylesheet (@import)";
  const url = foreignUrl(unescaped);
  if (url) return `refers outside the file (${url})`;
  if (/expression\s*\(|-moz-binding|behavior\s*:|javascript:/i.test(unescaped)) return "has script in its CSS";
  return undefined;
}

type Decoded = { text: string } | { error: string };

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The encoding an XML declaration names, read from the text as decoded so far. */
function declaredEncoding(text: string): string | undefined {
  return /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return undefined;
  }
}

/**
 * The text of an XML file as a browser's XML parser reads it (XML 1.0, appendix F):
 * a byte-order mark first, then UTF-16 by its first bytes, then the declared encoding.
 * Encodings we cannot decode (UTF-32, EBCDIC, UTF-7, …), bytes that are not valid in
 * their encoding, and a declaration that contradicts the bytes are refused.
 */
export function decodeXml(bytes: Uint8Array): Decoded {
  const utf16 = (label: "utf-16le" | "utf-16be", skip: number): Decoded => {
    let text: string;
    try {
      text = new TextDecoder(label, { fatal: true }).decode(bytes.subarray(skip));
    } catch {
      return { error: `is not valid ${label.toUpperCase()}` };
    }
    const declared = declaredEncoding(text);
    if (declared !== undefined && !decoderFor(declared)?.encoding.startsWith("utf-16")) {
      return { error: `is written in ${label.toUpperCase()} but declares encoding "${declared}"` };
    }
    return { text };
  };
  if (
    startsWith(bytes, 0x00, 0x00, 0xfe, 0xff) ||
    startsWith(bytes, 0xff, 0xfe, 0x00, 0x00) ||
    startsWith(bytes, 0x00, 0x00, 0x00, 0x3c) ||
    startsWith(bytes, 0x3c, 0x00, 0x00, 0x00)
  ) {
    return { error: "is in UTF-32, which is not accepted: save it as UTF-8" };
  }
  if (startsWith(bytes, 0xfe, 0xff)) return utf16("utf-16be", 2);
  if (startsWith(bytes, 0xff, 0xfe)) return utf16("utf-16le", 2);
  if (startsWith(bytes, 0x00, 0x3c, 0x00, 0x3f)) return utf16("utf-16be", 0);
  if (startsWith(bytes, 0x3c, 0x00, 0x3f, 0x00)) return utf16("utf-16le", 0);
  const hasUtf8Mark = startsWith(bytes, 0xef, 0xbb, 0xbf);
  if (!hasUtf8Mark && !startsWith(bytes, 0x3c) && !/^\s/.test(String.fromCharCode(bytes[0] ?? 0x20))) {
    return { error: "is in an encoding that is not accepted: save it as UTF-8" };
  }
  // Every accepted encoding writes the declaration in ASCII: read it as Latin-1 first.
  const head = new TextDecoder("latin1").decode(bytes.subarray(hasUtf8Mark ? 3 : 0, 256));
  const declared = hasUtf8Mark ? "utf-8" : (declaredEncoding(head) ?? "utf-8");
  const decoder = decoderFor(declared);
  if (!decoder || decoder.encoding === "replacement") {
    return { error: `declares encoding "${declared}", which is not accepted: save it as UTF-8` };
  }
  if (decoder.encoding.startsWith("utf-16")) {
    return { error: `declares encoding "${declared}" but is not written in it` };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { error: `is not valid ${decoder.encoding} text` };
  }
}

type ParsedXml = { document: Document } | { problem: DocumentProblem };

function parseXml(bytes: Uint8Array): ParsedXml {
  const decoded = decodeXml(bytes);
  if ("error" in decoded) return { problem: { message: decoded.error } };
  try {
    const document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(
      decoded.text,
      "application/xml",
    ) as unknown as Document;
    return { document };
  } catch (error) {
    const found = /line:\s*(\d+)/.exec((error as Error).message);
    const reason = (error as Error).message.split("\n")[0]!.replace(/^\[xmldom [^\]]*\]\s*/, "");
    return { problem: { line: found ? Number(found[1]) : undefined, message: `is not well-formed XML: ${reason}` } };
  }
}

interface Located {
  lineNumber?: number;
}

function lineOf(node: Node): number | undefined {
  return (node as unknown as Located).lineNumber;
}

/** The document's own nodes before and after its root: no DOCTYPE, no processing instruction. */
function prologProblems(document: Document): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const node of Array.from(document.childNodes)) {
    if (node.nodeType === 10) {
      problems.push({ line: lineOf(node), message: "has a DOCTYPE: it could define entities, and is not accepted" });
    } else if (node.nodeType === 7 && node.nodeName !== "xml") {
      problems.push({
        line: lineOf(node),
        message: `has a processing instruction <?${node.nodeName}?>: a stylesheet could turn it into a page`,
      });
    }
  }
  return problems;
}

function nameOf(node: Element | Attr): string {
  return node.prefix ? `${node.prefix}:${node.localName}` : node.localName;
}

function attributeProblem(element: Element, attr: Attr): string | undefined {
  const name = nameOf(attr);
  if (attr.namespaceURI === XMLNS_NS) return undefined;
  if (/^on/i.test(attr.localName)) return `has an event handler attribute ${name}`;
  const isHref =
    (attr.namespaceURI === null && attr.localName === "href") ||
    (attr.namespaceURI === XLINK_NS && attr.localName === "href");
  if (isHref) {
    return LOCAL_REFERENCE.test(attr.value) ? undefined : `${name}="${attr.value}" refers outside the file`;
  }
  const allowed =
    (attr.namespaceURI === null && DRAWING_ATTRIBUTES.has(attr.localName)) ||
    (attr.namespaceURI === XML_NS && (attr.localName === "space" || attr.localName === "lang")) ||
    (attr.namespaceURI === XLINK_NS && attr.localName === "title");
  if (!allowed) return `has the attribute ${name}, which is not a drawing attribute`;
  if (attr.localName === "style") {
    const css = cssProblem(attr.value);
    return css && `style attribute ${css}`;
  }
  const url = foreignUrl(attr.value.replace(/\\/g, ""));
  if (url) return `${name} refers outside the file (${url})`;
  if (/^\s*(javascript|vbscript|data):/i.test(attr.value)) return `${name} is a script URL`;
  void element;
  return undefined;
}

/**
 * Why an SVG file is not plain drawing (empty when it is). Each problem names the element
 * or attribute and its line.
 */
export function svgProblems(bytes: Uint8Array): DocumentProblem[] {
  const parsed = parseXml(bytes);
  if ("problem" in parsed) return [parsed.problem];
  const { document } = parsed;
  const problems = prologProblems(document);
  const root = document.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg") {
    problems.push({
      line: root ? lineOf(root) : undefined,
      message: `has no <svg> root in the SVG namespace (${SVG_NS})`,
    });
    return problems;
  }
  const visit = (element: Element) => {
    const line = lineOf(element);
    const name = nameOf(element);
    if (element.namespaceURI !== SVG_NS || !DRAWING_ELEMENTS.has(element.localName)) {
      const where = element.namespaceURI === SVG_NS ? "" : ` (namespace ${element.namespaceURI ?? "none"})`;
      problems.push({ line, message: `has the element <${name}>${where}, which is not plain drawing` });
      return; // what is inside it is refused with it
    }
    for (const attr of Array.from(element.attributes)) {
      const problem = attributeProblem(element, attr);
      if (problem) problems.push({ line, message: `<${name}> ${problem}` });
    }
    if (element.localName === "style") {
      const css = cssProblem(element.textContent ?? "");
      if (css) problems.push({ line, message: `<style> ${css}` });
    }
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === 1) visit(child as Element);
      else if (child.nodeType === 7) {
        problems.push({ line: lineOf(child), message: `has a processing instruction <?${child.nodeName}?>` });
      }
    }
  };
  visit(root);
  return problems;
}

/**
 * Why an XML file would be rendered as an active page (empty when it would not): browsers
 * render XHTML, SVG and MathML elements in any XML file, and apply its stylesheets (XSLT
 * can write a page with scripts).
 */
export function xmlProblems(bytes: Uint8Array): DocumentProblem[] {
  const parsed = parseXml(bytes);
  if ("problem" in parsed) return [parsed.problem];
  const problems = prologProblems(parsed.document);
  const visit = (element: Element) => {
    if (element.namespaceURI && ACTIVE_NAMESPACES.has(element.namespaceURI)) {
      problems.push({
        line: lineOf(element),
        message: `has a <${nameOf(element)}> element in the namespace ${element.namespaceURI}, which a browser renders as a page`,
      });
      return;
    }
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === 1) visit(child as Element);
      else if (child.nodeType === 7) {
        problems.push({ line: lineOf(child), message: `has a processing instruction <?${child.nodeName}?>` });
      }
    }
  };
  if (parsed.document.documentElement) visit(parsed.document.documentElement);
  return problems;
}
