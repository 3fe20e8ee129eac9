/**
 * The people an article names, as its byline, JSON-LD and feeds show them: resolved once
 * per build from the authors collection.
 */
import { getCollection, type CollectionEntry } from "astro:content";
import { absoluteUrl, authorPath } from "../model/urls.ts";
import { site } from "../site.config.ts";

type Author = CollectionEntry<"authors">;

export interface Writer {
  id: string;
  name: string;
  /** Site-relative address of their page. */
  path: string;
  url: string;
}

const BASE = import.meta.env.BASE_URL;

let byId: Promise<Map<string, Author>> | undefined;

function authorsById(): Promise<Map<string, Author>> {
  byId ??= getCollection("authors").then((all) => new Map(all.map((author) => [author.id, author])));
  return byId;
}

function writerOf(author: Author): Writer {
  const path = authorPath(BASE, author.id);
  return { id: author.id, name: author.data.name, path, url: absoluteUrl(site.url, path) };
}

/** The article's authors in the order it names them. (The content check has made sure each exists.) */
export async function articleWriters(article: CollectionEntry<"articles">): Promise<Writer[]> {
  const authors = await authorsById();
  return article.data.authors.map((ref) => {
    const author = authors.get(ref.id);
    if (!author) throw new Error(`${article.filePath ?? article.id}: no author "${ref.id}" in content/authors`);
    return writerOf(author);
  });
}
