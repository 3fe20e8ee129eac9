/** Built HTML read as a DOM (linkedom), typed as the standard DOM for the tests. */
import { parseHTML } from "linkedom";

export function parseDocument(html: string): Document {
  return parseHTML(html).document;
}

/**
 * Text with its white space folded as HTML folds it: runs of ASCII white space (space, tab,
 * line ends) become one space and the ends are trimmed. A no-break space is a character the
 * page must keep, so it is never folded (JavaScript's `\s` and `trim()` would fold it).
 */
export function foldSpace(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, " ").replace(/^ | $/g, "");
}

/** An element's text with white space folded, as a reader sees it. */
export function textOf(el: Element | null | undefined): string {
  return foldSpace(el?.textContent ?? "");
}
