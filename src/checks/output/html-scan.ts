/**
 * A small HTML tokenizer for reading our own build output: every start
 * tag with its attributes (entities decoded), and the text of <style> and <script>
 * elements. It follows the HTML rules that matter for that (comments, raw-text
 * elements, quoted and unquoted attributes); it does not build a tree.
 */
import { decodeEntities } from "../../model/html.ts";

export interface HtmlElement {
  /** Lower-case tag name. */
  name: string;
  /** Attributes by lower-case name, values decoded; the first of a repeated name wins, as in browsers. */
  attrs: Record<string, string>;
  /** Every attribute name as written (lower-cased), repeats included. */
  attrNames: string[];
  /** For <script>, <style>, <textarea> and <title>: the raw text inside. */
  text?: string;
  /** Offset of the `<` in the document. */
  offset: number;
}

const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);

// Character codes compared directly: a regular expression tested on each character was
// most of the scan's time.
const TAB = 9;
const LINE_FEED = 10;
const FORM_FEED = 12;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const SLASH = 47;
const EQUALS = 61;
const GREATER_THAN = 62;

/** HTML's whitespace: tab, line feed, form feed, carriage return and space. */
function isSpace(code: number): boolean {
  return code === SPACE || code === LINE_FEED || code === TAB || code === CARRIAGE_RETURN || code === FORM_FEED;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Where the first `</name` (in any case) at or after `from` starts; the end of `html` when there is none. */
function closingTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf("</", from); at >= 0; at = html.indexOf("</", at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return html.length;
}

export function scanHtml(html: string): HtmlElement[] {
  const elements: HtmlElement[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const next = html[lt + 1] ?? "";
    if (next === "!" || next === "?" || next === "/") {
      const end = html.indexOf(">", lt + 1);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (!isAsciiLetter(html.charCodeAt(lt + 1))) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    for (let c = html.charCodeAt(j); j < n && !isSpace(c) && c !== SLASH && c !== GREATER_THAN;)
      c = html.charCodeAt(++j);
    const name = html.slice(lt + 1, j).toLowerCase();
    const attrs: Record<string, string> = {};
    const attrNames: string[] = [];
    // Attributes, up to the closing ">".
    while (j < n) {
      while (j < n && (isSpace(html.charCodeAt(j)) || html.charCodeAt(j) === SLASH)) j++;
      if (j >= n || html.charCodeAt(j) === GREATER_THAN) break;
      let k = j;
      for (let c = html.charCodeAt(k); k < n && !isSpace(c) && c !== SLASH && c !== GREATER_THAN && c !== EQUALS;)
        c = html.charCodeAt(++k);
      if (k === j) k++; // a stray character: skip it
      const attrName = html.slice(j, k).toLowerCase();
      j = k;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      let value = "";
      if (html.charCodeAt(j) === EQUALS) {
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? n : end);
          j = end < 0 ? n : end + 1;
        } else {
          let e = j;
          for (let c = html.charCodeAt(e); e < n && !isSpace(c) && c !== GREATER_THAN;) c = html.charCodeAt(++e);
          value = html.slice(j, e);
          j = e;
        }
      }
      attrNames.push(attrName);
      if (!(attrName in attrs)) attrs[attrName] = decodeEntities(value, { inAttribute: true });
    }
    i = j + 1;
    const element: HtmlElement = { name, attrs, attrNames, offset: lt };
    if (RAW_TEXT.has(name)) {
      const end = closingTag(html, name, i);
      element.text = html.slice(i, end);
      i = end;
    }
    elements.push(element);
  }
  return elements;
}

/** The URLs in a srcset attribute. */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

/** The url(...) references in a stylesheet. */
export function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}
