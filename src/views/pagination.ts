import { cacheKey, listKey } from "./cache-key.ts";

/** Every list page (home, topics, archive) shows this many articles. */
export const PAGE_SIZE = 20;

interface ListedArticle {
  id: string;
  digest?: string | number;
}

interface PaginatedPath {
  props: { page: { data: readonly unknown[]; currentPage: number; lastPage: number }; name: string };
}

/**
 * Adds an incremental-build key to each page of a paginated list: the page is reused
 * unless its articles, its position or the list's length changed.
 */
export function withListKeys<P extends PaginatedPath>(paths: P[]): (P & { cacheKey: string })[] {
  return paths.map((path) => {
    const { page, name } = path.props;
    const listed = page.data as readonly ListedArticle[];
    return { ...path, cacheKey: cacheKey(name, page.currentPage, page.lastPage, listKey(listed)) };
  });
}
