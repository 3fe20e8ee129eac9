/**
 * What the engine made of each article's body (its HTML with a marker where each figure's
 * photo goes, its figures, its word count), kept between builds by the digest of the
 * article's file: a template change renders every page again, but no body has changed.
 * The photos themselves are made on every render (./article-body.ts): Astro builds only the
 * images its pages ask for.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CACHES, FileCache, type CacheStore } from "../build/cache.ts";
import { renderArticleSource } from "../markdown/article-source.ts";
import type { RenderedFigure } from "../markdown/engine.ts";
import { articleSourcePath } from "../model/article-schema.ts";
import { countWords } from "../model/reading-time.ts";
import { bodyReadingText } from "./article-text.ts";

export interface RenderedBody {
  /** The body's HTML, each figure's photo a marker (../markdown/figures.ts). */
  html: string;
  /** Its figures, in order. */
  figures: RenderedFigure[];
  /** The words a reader reads in it: paragraphs, headings and lists, not figures. */
  wordCount: number;
}

/** What of an article entry its body's rendering depends on. */
export interface BodySource {
  id: string;
  filePath?: string | undefined;
  /** Of the whole file, frontmatter and body (Astro's glob loader); without one, nothing is kept. */
  digest?: string | number | undefined;
  data: { lang: string };
}

const fileName = (digest: string | number) => `${digest}.json`;

export class RenderedBodies {
  readonly #root: string;
  readonly #kept: FileCache;

  /** Bodies of the articles of the project at `caches.root`, kept in `caches`. */
  constructor(caches: CacheStore) {
    this.#root = caches.root;
    this.#kept = new FileCache(caches, CACHES.renderedBodies);
  }

  async of(article: BodySource): Promise<RenderedBody> {
    const name = article.digest === undefined ? undefined : fileName(article.digest);
    const kept = name === undefined ? undefined : this.#kept.get(name);
    if (kept) return JSON.parse(kept.toString("utf8")) as RenderedBody;
    const filePath = articleSourcePath(article);
    const source = await readFile(join(this.#root, filePath), "utf8");
    const { html, figures } = renderArticleSource(source, filePath, article.data.lang);
    const body: RenderedBody = { html, figures, wordCount: countWords(bodyReadingText(html)) };
    if (name !== undefined) await this.#kept.set(name, Buffer.from(JSON.stringify(body)));
    return body;
  }

  /** Forgets every body but those of these articles (the articles of this build). */
  async keepOnly(articles: readonly BodySource[]): Promise<void> {
    await this.#kept.prune(
      articles.flatMap((article) => (article.digest === undefined ? [] : [fileName(article.digest)])),
    );
  }
}
