/**
 * @astrojs/sitemap with a true lastmod: each article's last update (or publication),
 * read back from the built page; the home page takes the newest of them. Pages meant
 * for people only (search, 404) stay out.
 */
import type { AstroIntegration } from "astro";
import sitemap from "@astrojs/sitemap";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pageLastModified } from "../lib/page-dates.ts";

const EXCLUDED = [/\/search\/$/, /\/404\/?$/];

export function sitemapWithLastmod(): AstroIntegration[] {
  const lastmod = new Map<string, Date>();
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
        for (const id of ids) {
          const html = await readFile(join(articles, id, "index.html"), "utf8").catch(() => "");
          const date = pageLastModified(html);
          if (!date) continue;
          lastmod.set(`${base}articles/${id}/`, date);
          if (!newest || date > newest) newest = date;
        }
        if (newest) lastmod.set(base, newest);
      },
    },
  };
  const generator = sitemap({
    filter: (url) => !EXCLUDED.some((re) => re.test(new URL(url).pathname)),
    serialize: (item) => {
      const date = lastmod.get(decodeURI(new URL(item.url).pathname));
      return date ? { ...item, lastmod: date.toISOString() } : item;
    },
  });
  // The collector runs first: Astro calls each integration's build:done hook in order.
  return [collector, generator];
}
