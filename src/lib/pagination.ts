/** Every list page (home, topics, archive) shows this many articles. */
export const PAGE_SIZE = 20;
