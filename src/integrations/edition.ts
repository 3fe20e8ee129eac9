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
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

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

/** The module's source. */
function editionModule(edition: Edition): string {
  return `export const now = new Date(${JSON.stringify(edition.now.toISOString())});\nexport const preview = ${edition.preview};\n`;
}

/** Files a preview never has: feeds and the News sitemap (the sitemap integration is left out). */
const PREVIEW_OMITS = ["rss.xml", "atom.xml", "feed.json", "news-sitemap.xml"];

export function editionIntegration(options: Edition): AstroIntegration {
  let edition = options;
  const plugin: Plugin = {
    name: "newsroom:edition",
    resolveId: (id) => (id === EDITION_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? editionModule(edition) : undefined),
  };
  return {
    name: "newsroom:edition",
    hooks: {
      "astro:config:setup": ({ command, updateConfig }) => {
        edition = editionFor(options, command);
        updateConfig({ vite: { plugins: [plugin] } });
      },
      "astro:build:done": async ({ dir }) => {
        if (!edition.preview) return;
        const out = fileURLToPath(dir);
        await Promise.all(PREVIEW_OMITS.map((file) => rm(join(out, file), { force: true })));
      },
    },
  };
}
