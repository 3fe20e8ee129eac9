/**
 * Text in and out of HTML (and XML, which shares these five escapes): the one place
 * that escapes text for markup and decodes character references. It lives apart from
 * the Markdown engine because pages, feeds, host files and the output checks need it
 * too, and none of them should depend on marked to write `&amp;`.
 */
import { decodeHTML, decodeHTMLAttribute } from "entities";

const MARKUP_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside an element or a quoted attribute, in HTML and in XML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => MARKUP_ESCAPES[c]!);
}

/**
 * Decodes character references as the HTML standard says a browser does (the `entities`
 * package follows it): every named reference, and U+FFFD for a numeric one that names
 * no character (zero, a surrogate, past U+10FFFF). `inAttribute` applies the rule for
 * attribute values, where a reference without its `;` before a letter stays text.
 */
export function decodeEntities(text: string, { inAttribute = false } = {}): string {
  if (!text.includes("&")) return text;
  return inAttribute ? decodeHTMLAttribute(text) : decodeHTML(text);
}

/** The plain text of an HTML fragment, whitespace folded: what a reader sees, for word counts and captions. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<!--[\s\S]*?-->/g, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A whole HTML page written outside Astro's templates (redirect pages, the CMS page): the
 * same head every such page needs (charset, its own Content-Security-Policy, viewport,
 * robots), then its own head and body lines, already escaped by the caller.
 */
export function standaloneDocument(page: {
  lang: string;
  policy: string;
  robots: string;
  head: readonly string[];
  body: readonly string[];
  bodyAttributes?: string;
}): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="content-security-policy" content="${escapeHtml(page.policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="${escapeHtml(page.robots)}">
${page.head.map((line) => `${line}\n`).join("")}</head>
<body${page.bodyAttributes ?? ""}>
${page.body.map((line) => `${line}\n`).join("")}</body>
</html>
`;
}
