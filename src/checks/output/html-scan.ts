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

export function scanHtml(html: string): HtmlElement[] {
  const elements: HtmlElement[] = [];
  let lower: string | undefined;
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
    if (!/[a-zA-Z]/.test(next)) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && !/[\s/>]/.test(html[j]!)) j++;
    const name = html.slice(lt + 1, j).toLowerCase();
    const attrs: Record<string, string> = {};
    const attrNames: string[] = [];
    // Attributes, up to the closing ">".
    while (j < n) {
      while (j < n && /[\s/]/.test(html[j]!)) j++;
      if (j >= n || html[j] === ">") break;
      let k = j;
      while (k < n && !/[\s/>=]/.test(html[k]!)) k++;
      if (k === j) k++; // a stray character: skip it
      const attrName = html.slice(j, k).toLowerCase();
      j = k;
      while (j < n && /\s/.test(html[j]!)) j++;
      let value = "";
      if (html[j] === "=") {
        j++;
        while (j < n && /\s/.test(html[j]!)) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? n : end);
          j = end < 0 ? n : end + 1;
        } else {
          let e = j;
          while (e < n && !/[\s>]/.test(html[e]!)) e++;
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
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, i);
      const end = close < 0 ? n : close;
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
