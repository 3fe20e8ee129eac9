/**
 * The article body as the page shows it: rendered from the article's Markdown file by the
 * one engine when the page (or a feed) asks for it (or kept from an earlier build:
 * ./rendered-bodies.ts), with figure images optimized. The content store keeps no body
 * (src/content-layer/loaders.ts).
 */
import type { CollectionEntry } from "astro:content";
import { projectCaches } from "../build/cache.ts";
import { storedFigureImages } from "../content-layer/loaders.ts";
import type { RenderedFigure } from "../markdown/engine.ts";
import { replaceFigureImages } from "../markdown/figures.ts";
import { articleSourcePath } from "../model/article-schema.ts";
import { figureCredit, imageFacts, pictureHtml, resolveFigureImage } from "./figure-image.ts";
import { RenderedBodies } from "./rendered-bodies.ts";

export interface ArticleBody {
  /** The body's HTML, each figure's photo as a `<picture>`. */
  html: string;
  /** Its figures, in order, as the engine rendered them. */
  figures: RenderedFigure[];
  /** The words a reader reads in it: paragraphs, headings and lists, not figures. */
  wordCount: number;
}

/** Builds and `astro dev` run in the project's root, which the entries' paths are relative to. */
const bodies = new RenderedBodies(projectCaches(process.cwd()));

/** Forgets every rendered body but those of these articles (the articles of this build). */
export function keepOnlyBodiesOf(articles: readonly CollectionEntry<"articles">[]): Promise<void> {
  return bodies.keepOnly(articles);
}

export async function articleBody(article: CollectionEntry<"articles">): Promise<ArticleBody> {
  const filePath = articleSourcePath(article);
  const body = await bodies.of(article);
  // The markers are the figures that have an image, in order.
  const withImages = body.figures.filter((figure) => figure.image);
  const html = await replaceFigureImages(body.html, async (ref, i) => {
    const figure = withImages[i];
    const credit = figure ? figureCredit(figure.creditText, article.data.figures[ref.src]) : undefined;
    return pictureHtml(await resolveFigureImage(ref, filePath), { alt: ref.alt, credit });
  });
  return { ...body, html };
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
