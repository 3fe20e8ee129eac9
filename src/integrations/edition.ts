/**
 * The edition a build makes: as of which moment (the build's clock) and whether it is a
 * preview. astro.config.mjs reads both once and gives them here; pages and the content
 * collection read them from the virtual module `virtual:newsroom/edition`, so nothing
 * below reads the environment or the system clock.
 *
 * A preview (`npm run preview:drafts`, and `astro dev`) includes drafts and embargoed
 * articles, each marked by a banner; every page asks not to be indexed, and no feed,
 * sitemap or crawlable robots.txt is written.
 */
import type { AstroIntegration } from "astro";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { writeWhole } from "../build/write-whole.ts";

/** Set to "1" by `npm run preview:drafts`: the build is a preview (see above). */
export const PREVIEW_ENV = "NEWSROOM_PREVIEW";

export interface Edition {
  /** The build's clock. */
  now: Date;
  preview: boolean;
}

/** The edition of a command: `astro dev` always previews. */
export function editionFor(options: Edition, command: string): Edition {
  return { now: options.now, preview: options.preview || command === "dev" };
}

const EDITION_MODULE = "virtual:newsroom/edition";
const RESOLVED = `\0${EDITION_MODULE}`;

/**
 * The module's source: it reads the edition from `file` when it runs. The clock is not
 * written into the code itself, because Astro's incremental build hashes every page's
 * code: a new moment in the code would make every page look changed at every build. What
 * a page shows of the clock (its age notice, its state) is in its own cache key.
 */
function editionModule(file: string): string {
  return [
    `import { readFileSync } from "node:fs";`,
    `const edition = JSON.parse(readFileSync(${JSON.stringify(file)}, "utf8"));`,
    `export const now = new Date(edition.now);`,
    `export const preview = edition.preview;`,
    "",
  ].join("\n");
}

/** Files a preview never has: the site's feeds and the News sitemap (the sitemap integration is left out). */
const PREVIEW_OMITS = ["rss.xml", "atom.xml", "feed.json", "news-sitemap.xml"];

export function editionIntegration(options: Edition): AstroIntegration {
  let edition = options;
  let file = "";
  const plugin: Plugin = {
    name: "newsroom:edition",
    resolveId: (id) => (id === EDITION_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? editionModule(file) : undefined),
  };
  return {
    name: "newsroom:edition",
    hooks: {
      "astro:config:setup": async ({ config, command, updateConfig }) => {
        edition = editionFor(options, command);
        // Beside Astro's other caches: a preview (its own cache folder) keeps its own.
        file = fileURLToPath(new URL("newsroom-edition.json", config.cacheDir));
        await writeWhole(file, JSON.stringify({ now: edition.now.toISOString(), preview: edition.preview }));
        updateConfig({ vite: { plugins: [plugin] } });
      },
      "astro:build:done": async ({ dir }) => {
        if (!edition.preview) return;
        const out = fileURLToPath(dir);
        // Each author's own feed too (/authors/<id>/rss.xml).
        const authors = await readdir(join(out, "authors")).catch(() => []);
        const feeds = [...PREVIEW_OMITS, ...authors.map((id) => join("authors", id, "rss.xml"))];
        await Promise.all(feeds.map((file) => rm(join(out, file), { force: true })));
      },
    },
  };
}
