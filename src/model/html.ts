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
