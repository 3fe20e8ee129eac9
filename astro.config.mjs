// @ts-check
import { defineConfig } from "astro/config";
import { markedProcessor } from "./src/lib/markdown-processor.ts";
import { site } from "./src/site.config.ts";

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: site.url,
  output: "static",
  trailingSlash: "always",
  build: {
    format: "directory",
    // One round trip: the stylesheet travels inside the HTML.
    inlineStylesheets: "always",
  },
  markdown: {
    // marked is our one Markdown engine (see src/lib/markdown.ts).
    processor: markedProcessor(),
  },
  // No client-side prefetch or dev toolbar scripts: article pages ship zero JavaScript.
  prefetch: false,
  devToolbar: { enabled: false },
});
