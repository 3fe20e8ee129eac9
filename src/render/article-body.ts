/** The article body as the page shows it: the stored HTML with figure images optimized. */
import type { CollectionEntry } from "astro:content";
import { replaceFigureImages } from "../lib/figures.ts";
import { pictureHtml, resolveFigureImage } from "./figure-image.ts";

export async function articleBodyHtml(article: CollectionEntry<"articles">): Promise<string> {
  const html = article.rendered?.html;
  if (html === undefined)
    throw new Error(
      `${article.filePath ?? article.id}: the body could not be rendered; see the Markdown error reported above`,
    );
  const filePath = article.filePath ?? `content/articles/${article.id}.md`;
  return replaceFigureImages(html, async (ref) =>
    pictureHtml(await resolveFigureImage(ref, filePath), { alt: ref.alt }),
  );
}
