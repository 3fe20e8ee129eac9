/**
 * The article body as the page shows it: rendered from the article's Markdown file by the
 * one engine when the page (or a feed) asks for it, with figure images optimized. The
 * content store keeps no body (src/content-layer/loaders.ts).
 */
import type { CollectionEntry } from "astro:content";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { storedFigureImages } from "../content-layer/loaders.ts";
import { renderArticleSource } from "../markdown/article-source.ts";
import type { RenderedFigure } from "../markdown/engine.ts";
import { replaceFigureImages } from "../markdown/figures.ts";
import { articleSourcePath } from "../model/article-schema.ts";
import { figureCredit, imageFacts, pictureHtml, resolveFigureImage } from "./figure-image.ts";

export interface ArticleBody {
  /** The body's HTML, each figure's photo as a `<picture>`. */
  html: string;
  /** Its figures, in order, as the engine rendered them. */
  figures: RenderedFigure[];
}

export async function articleBody(article: CollectionEntry<"articles">): Promise<ArticleBody> {
  const filePath = articleSourcePath(article);
  // Builds and `astro dev` run in the project's root, which the entry's path is relative to.
  const source = await readFile(resolve(process.cwd(), filePath), "utf8");
  const rendered = renderArticleSource(source, filePath, article.data.lang);
  // The markers are the figures that have an image, in order.
  const withImages = rendered.figures.filter((figure) => figure.image);
  const html = await replaceFigureImages(rendered.html, async (ref, i) => {
    const figure = withImages[i];
    const credit = figure ? figureCredit(figure.creditText, article.data.figures[ref.src]) : undefined;
    return pictureHtml(await resolveFigureImage(ref, filePath), { alt: ref.alt, credit });
  });
  return { html, figures: rendered.figures };
}

/**
 * The image files an article shows (hero and body figures), as Astro names them: the
 * names carry a hash of the file's bytes, so a replaced photo changes the page's
 * incremental-build key even when the Markdown did not change. Read from the store, so
 * no body is rendered for an article whose page is reused.
 */
export async function articleImageKeys(article: CollectionEntry<"articles">): Promise<string[]> {
  const filePath = articleSourcePath(article);
  const hero = article.data.hero?.image;
  const refs = storedFigureImages(article);
  const inline = await Promise.all(refs.map(async (ref) => imageFacts(await resolveFigureImage(ref, filePath)).src));
  return [...(hero ? [imageFacts(hero).src] : []), ...inline];
}
