/**
 * Pagefind's index (src/build/search-index.ts) at the end of a plain `astro build`. Under
 * `npm run build` it is built after Astro's process has exited (src/build/pipeline.ts), so
 * the indexer's memory never adds to Astro's.
 */
import type { AstroIntegration } from "astro";
import { fileURLToPath } from "node:url";
import { buildSearchIndex } from "../build/search-index.ts";
import type { BuildHandoff } from "../build/handoff.ts";

export function pagefindIndex(options: { handoff?: BuildHandoff | undefined } = {}): AstroIntegration {
  return {
    name: "newsroom:pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        if (options.handoff?.finishSettings) return; // npm run build indexes after Astro exits
        logger.info(`indexed ${await buildSearchIndex(fileURLToPath(dir))} pages for search`);
      },
    },
  };
}
