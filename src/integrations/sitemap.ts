/**
 * @astrojs/sitemap with a true lastmod: each article's last update (or publication),
 * read back from the built page; the home page takes the newest of them. Pages meant
 * for people only (search, 404) and withdrawn articles' notices stay out.
 */
import type { AstroIntegration } from "astro";
import sitemap from "@astrojs/sitemap";
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pageIsWithdrawn, pageLastModified } from "../formats/page-dates.ts";

/** Pages for people only, relative to the base. */
const EXCLUDED = ["search/", "404/"];

export function sitemapWithLastmod(): AstroIntegration[] {
  const lastmod = new Map<string, Date>();
  const withdrawn = new Set<string>();
  let base = "/";
  const collector: AstroIntegration = {
    name: "newsroom:sitemap-lastmod",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
      },
      "astro:build:done": async ({ dir }) => {
        const root = fileURLToPath(dir);
        const articles = join(root, "articles");
        const ids = await readdir(articles).catch(() => [] as string[]);
        let newest: Date | undefined;
        // Read one after another, synchronously: through the promise API each page cost
        // several trips through the thread pool, more than the read itself.
        for (const id of ids) {
          let page = "";
          try {
            page = readFileSync(join(articles, id, "index.html"), "utf8");
          } catch {
            // not a page: nothing to date
          }
          if (pageIsWithdrawn(page)) {
            withdrawn.add(`${base}articles/${id}/`);
            continue;
          }
          const date = pageLastModified(page);
          if (!date) continue;
          lastmod.set(`${base}articles/${id}/`, date);
          if (!newest || date > newest) newest = date;
        }
        if (newest) lastmod.set(base, newest);
      },
    },
  };
  const generator = sitemap({
    filter: (url) => {
      const path = decodeURI(new URL(url).pathname);
      return !withdrawn.has(path) && !EXCLUDED.some((excluded) => path === `${base}${excluded}`);
    },
    serialize: (item) => {
      const date = lastmod.get(decodeURI(new URL(item.url).pathname));
      return date ? { ...item, lastmod: date.toISOString() } : item;
    },
  });
  // The collector runs first: Astro calls each integration's build:done hook in order.
  return [collector, generator];
}
