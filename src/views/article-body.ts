/** The article body as the page shows it: the stored HTML with figure images optimized. */
import type { CollectionEntry } from "astro:content";
import { replaceFigureImages } from "../markdown/figures.ts";
import { renderedFigures } from "../markdown/astro-processor.ts";
import { articleSourcePath } from "../model/article-schema.ts";
import { figureCredit, imageFacts, pictureHtml, resolveFigureImage } from "./figure-image.ts";

export async function articleBodyHtml(article: CollectionEntry<"articles">): Promise<string> {
  const html = article.rendered?.html;
  if (html === undefined)
    throw new Error(
      `${articleSourcePath(article)}: the body could not be rendered; see the Markdown error reported above`,
    );
  const filePath = articleSourcePath(article);
  // The markers are the figures that have an image, in order.
  const withImages = renderedFigures(article.rendered).filter((figure) => figure.image);
  return replaceFigureImages(html, async (ref, i) => {
    const figure = withImages[i];
    const credit = figure ? figureCredit(figure.creditText, article.data.figures[ref.src]) : undefined;
    return pictureHtml(await resolveFigureImage(ref, filePath), { alt: ref.alt, credit });
  });
}

/**
 * The image files an article shows (hero and body figures), as Astro names them: the
 * names carry a hash of the file's bytes, so a replaced photo changes the page's
 * incremental-build key even when the Markdown did not change.
 */
export async function articleImageKeys(article: CollectionEntry<"articles">): Promise<string[]> {
  const filePath = articleSourcePath(article);
  const hero = article.data.hero?.image;
  const refs = renderedFigures(article.rendered).flatMap((figure) => (figure.image ? [figure.image] : []));
  const inline = await Promise.all(refs.map(async (ref) => imageFacts(await resolveFigureImage(ref, filePath)).src));
  return [...(hero ? [imageFacts(hero).src] : []), ...inline];
}
