/**
 * Pagefind's index, built from the finished pages with its Node API. Only article
 * bodies are indexed (they carry data-pagefind-body); a failure fails the build.
 */
import { join } from "node:path";
import * as pagefind from "pagefind";

/** Indexes the built site in `site` into `site/pagefind/`; returns how many pages it read. */
export async function buildSearchIndex(site: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    // Only article pages carry data-pagefind-body: reading just them spares Pagefind
    // parsing every list page.
    const added = await index.addDirectory({ path: site, glob: "articles/**/*.html" });
    if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
