/**
 * Everything derived from one article that more than one output needs (the page, its
 * meta tags and JSON-LD, the feeds): addresses, body HTML, figures with their image
 * files, word count, reading time, last change. Computed once per article per build.
 */
import type { CollectionEntry } from "astro:content";
import { compareNewestFirst, formatPubDate, type PubDate } from "../model/dates.ts";
import { figureHtml, renderInline } from "../markdown/engine.ts";
import { escapeHtml, htmlToText } from "../model/html.ts";
import { articleSourcePath } from "../model/article-schema.ts";
import { minutesForWords } from "../model/reading-time.ts";
import { absoluteUrl, articlePath, joinBase } from "../model/urls.ts";
import { site } from "../site.config.ts";
import { strings } from "../strings/index.ts";
import { articleBody } from "./article-body.ts";
import { fallbackImage, figureCredit, heroCredit, resolveFigureImage, type SingleImage } from "./figure-image.ts";

export type Article = CollectionEntry<"articles">;

interface FigureView {
  /** Plain text, for alt-less contexts such as JSON-LD. */
  caption: string;
  credit: string;
  /** Photo rights, when the figure states them (the hero's fields; `figures` in frontmatter for body figures). */
  rights?: PhotoRights | undefined;
  image?: (SingleImage & { alt: string }) | undefined;
}

interface PhotoRights {
  creator?: string | undefined;
  copyright?: string | undefined;
  license?: string | undefined;
  acquireLicensePage?: string | undefined;
}

/** The rights a figure states, without the fields it leaves out. */
function statedRights(rights: PhotoRights | undefined): PhotoRights {
  const keys = ["creator", "copyright", "license", "acquireLicensePage"] as const;
  return Object.fromEntries(keys.flatMap((key) => (rights?.[key] === undefined ? [] : [[key, rights[key]]])));
}

export interface ArticleView {
  article: Article;
  path: string;
  url: string;
  bodyHtml: string;
  /** Hero first (when there is one), then body figures in order. */
  figures: FigureView[];
  wordCount: number;
  minutes: number;
  /** The latest update's date, when the article has been updated. */
  modified?: PubDate | undefined;
  card: { path: string; url: string; alt: string };
}

const BASE = import.meta.env.BASE_URL;

function cardPath(id: string): string {
  return joinBase(BASE, `/cards/${id}.png`);
}

function latestUpdate(article: Article): PubDate | undefined {
  const dates = article.data.updates.map((u) => u.date);
  return dates.sort((a, b) =>
    compareNewestFirst(
      a,
      b,
      (d) => d,
      (d) => d.iso,
    ),
  )[0];
}

/**
 * The view of an article. Article pages make one each; the feeds make theirs once per
 * build (src/views/feed-items.ts), so nothing here is kept for the whole build.
 */
export async function articleView(article: Article): Promise<ArticleView> {
  const path = articlePath(BASE, article.id);
  const url = absoluteUrl(site.url, path);
  const body = await articleBody(article);
  const bodyHtml = body.html;
  const { wordCount } = body;
  const filePath = articleSourcePath(article);
  const { hero } = article.data;
  const figures: FigureView[] = [];
  if (hero) {
    figures.push({
      caption: htmlToText(renderInline(hero.caption)),
      credit: hero.credit,
      rights: statedRights(hero),
      image: hero.image ? { ...(await fallbackImage(hero.image, heroCredit(hero))), alt: hero.alt ?? "" } : undefined,
    });
  }
  // As the body was rendered: no second Markdown parse.
  for (const figure of body.figures) {
    const rights = figure.image ? article.data.figures[figure.image.src] : undefined;
    const image = figure.image
      ? {
          ...(await fallbackImage(
            await resolveFigureImage(figure.image, filePath),
            figureCredit(figure.creditText, rights),
          )),
          alt: figure.image.alt,
        }
      : undefined;
    figures.push({ caption: figure.captionText, credit: figure.creditText, rights: statedRights(rights), image });
  }
  const date = formatPubDate(article.data.published, strings(article.data.lang).locale, site.timeZone);
  return {
    article,
    path,
    url,
    bodyHtml,
    figures,
    wordCount,
    minutes: minutesForWords(wordCount, site.wordsPerMinute),
    modified: latestUpdate(article),
    card: {
      path: cardPath(article.id),
      url: absoluteUrl(site.url, cardPath(article.id)),
      alt: `${article.data.headline} (${site.name}, ${date})`,
    },
  };
}

/** The full article as feed readers get it: hero figure, then the body (not yet sanitized). */
export function feedBodyHtml(view: ArticleView): string {
  const hero = view.article.data.hero;
  const heroFigure = hero ? view.figures[0] : undefined;
  const heroImage = heroFigure?.image
    ? `<img src="${escapeHtml(heroFigure.image.src)}" alt="${escapeHtml(heroFigure.image.alt)}" width="${heroFigure.image.width}" height="${heroFigure.image.height}">`
    : "";
  const words = strings(view.article.data.lang);
  return (hero ? figureHtml(hero, heroImage, "figure-hero", undefined, words) : "") + view.bodyHtml;
}
