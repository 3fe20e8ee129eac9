/** Built HTML read as a DOM (linkedom), typed as the standard DOM for the tests. */
import { parseHTML } from "linkedom";

export function parseDocument(html: string): Document {
  return parseHTML(html).document;
}

/** An element's text with white space folded, as a reader sees it. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}
