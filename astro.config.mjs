// @ts-check
import { defineConfig } from "astro/config";
import { fileURLToPath } from "node:url";
import { handoffFromEnv } from "./src/build/handoff.ts";
import { CSP_DIRECTIVES } from "./src/hosting/policy.ts";
import { publishGuard } from "./src/integrations/publish-guard.ts";
import { MAX_INPUT_PIXELS } from "./src/checks/images.ts";
import { markedProcessor } from "./src/markdown/astro-processor.ts";
import { sitemapWithLastmod } from "./src/integrations/sitemap.ts";
import { site } from "./src/site.config.ts";
import { buildClock, CLOCK_ENV } from "./src/model/clock.ts";
import { editionIntegration, PREVIEW_ENV } from "./src/integrations/edition.ts";
import { adminIntegration } from "./src/integrations/admin.ts";

// The build's clock, read once: embargoes, the News sitemap and age notices all use it.
const now = buildClock(process.env[CLOCK_ENV], new Date());
// A preview (npm run preview:drafts) shows drafts and embargoed articles, for editors only.
const preview = process.env[PREVIEW_ENV] === "1";

// What `npm run build` hands this build, if it started it (src/build/handoff.ts), and the
// channel it says on when the checked content is ready: the one place the environment is read.
const handoff = handoffFromEnv(process.env, process);

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: site.url,
  base: site.base,
  output: "static",
  // A preview keeps its own caches: no page rendered for it is ever reused by a real build.
  ...(preview ? { cacheDir: "./node_modules/.astro-preview" } : {}),
  trailingSlash: "always",
  build: {
    format: "directory",
    // One round trip: the stylesheet travels inside the HTML.
    inlineStylesheets: "always",
    // Many pages in flight: while one waits for its file to be written, or for its card's
    // raster and deflate on the thread pool, another renders; see docs/performance.md.
    concurrency: 16,
  },
  image: {
    service: {
      // Astro's sharp service, made strict: a corrupt, oversized or mislabelled image fails
      // the build instead of being published unconverted (src/build/strict-sharp-service.ts).
      entrypoint: fileURLToPath(new URL("./src/build/strict-sharp-service.ts", import.meta.url)),
      config: {
        // Effort 1: a third less time than effort 2 (and many times less than the default 4)
        // for files within a few per cent and the same quality (docs/performance.md, Photos).
        avif: { effort: 1 },
        // Refuse absurd inputs (decompression bombs) instead of exhausting memory.
        limitInputPixels: MAX_INPUT_PIXELS,
      },
    },
  },
  // Sitemap first: it reads the finished pages.
  // The publish guard last: it checks content before the build, then indexes the articles for
  // search and checks the finished site after.
  // A preview has no sitemap (nor feeds: see src/integrations/edition.ts).
  integrations: [
    editionIntegration({ now, preview }),
    ...(preview ? [] : sitemapWithLastmod()),
    // The CMS at /admin/ (decision 017): written after the pages, before the checks.
    adminIntegration({
      enabled: site.admin && !preview,
      settings: site,
      backend: {
        name: "github",
        repo: site.cms.repo,
        branch: site.cms.branch,
        ...(site.cms.authBaseUrl ? { base_url: site.cms.authBaseUrl } : {}),
      },
    }),
    publishGuard({
      lang: site.lang,
      handoff,
      settings: site,
      edition: { now, preview },
      searchShards: site.searchShards,
    }),
  ],
  markdown: {
    // marked is our one Markdown engine (see src/markdown/engine.ts).
    processor: markedProcessor(),
    // marked highlights nothing; Astro's default (Shiki) would write inline styles the CSP forbids.
    syntaxHighlight: false,
  },
  security: {
    // A Content-Security-Policy meta tag in every page: the directives in
    // src/hosting/policy.ts, plus script-src and style-src with 'self' and the hash of each
    // inlined script and stylesheet (never 'unsafe-inline'). Hosts send the same policy,
    // with frame-ancestors, as a header (_headers, nginx).
    csp: { algorithm: "SHA-256", directives: [...CSP_DIRECTIVES] },
  },
  experimental: {
    // Pages whose cacheKey (from getStaticPaths) and template are unchanged are reused
    // from the previous build: an edit to one article re-renders only what shows it.
    incrementalBuild: true,
  },
  // `npm run build` hands Astro a new folder that already holds the published pages it may
  // reuse (src/build/previous-output.ts): Astro must not empty it first.
  ...(handoff.checkedContent ? { vite: { build: { emptyOutDir: false } } } : {}),
  // No client-side prefetch or dev toolbar scripts: article pages ship zero JavaScript.
  prefetch: false,
  devToolbar: { enabled: false },
});
