/**
 * Never publish a broken or unsafe site. Runs inside every `astro build` (and
 * `npm run build`, which also builds into a temporary folder and only then replaces
 * dist/: see src/build/pipeline.ts):
 *
 * - before anything renders (`astro:config:setup`): the content check
 *   (src/checks/content/), which reports every problem in every file and stops the build;
 *   in `astro dev` it only warns. Under `npm run build` the check runs while Astro starts,
 *   and the articles it read are handed over here (src/build/handoff.ts);
 * - when the pages are written (`astro:build:done`, after the other integrations): a
 *   public/ file must not have replaced a generated page; then the last steps
 *   (src/build/finish.ts: host files and output checks), or, under `npm run build`, what
 *   they need is handed back to run after Astro's process has exited.
 */
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { checkContent, formatReport, type CheckOptions, type CheckedArticle } from "../checks/content/index.ts";
import { listPublished, replacedPages } from "../checks/content/public-files.ts";
import { symlinkProblems } from "../checks/content/symlinks.ts";
import { CHECKS_PASSED, failedChecksMessage } from "../checks/output/index.ts";
import { finishSite, type FinishSettings } from "../build/finish.ts";
import { buildSearchIndex, describeSearchIndex } from "../build/search-index.ts";
import type { ShardScheme } from "../build/search-shards.ts";
import { checkedContentWhenReady, writeFinishSettings, type BuildHandoff } from "../build/handoff.ts";
import { ARTICLES_DIR } from "../model/article-schema.ts";
import { articleImagesPlugin } from "./article-images.ts";
import { editionOf } from "../model/publication.ts";
import { editionFor, type Edition } from "./edition.ts";

export interface PublishGuardOptions {
  /** The site's language, for the redirect pages. */
  lang?: string | undefined;
  /** What `npm run build` hands over (src/build/handoff.ts); empty under a plain `astro build`. */
  handoff?: BuildHandoff | undefined;
  /** The settings that name content (header sections, standards pages), checked with it. */
  settings?: CheckOptions["settings"];
  /** The build's clock and whether this is an editors' preview (./edition.ts). */
  edition: Edition;
  /** How the search index is split (src/site.config.ts). */
  searchShards: ShardScheme;
}

interface SetupContext {
  root: string;
  publicDir: string;
  site: { url: string; base: string };
  settings: CheckOptions["settings"];
  now: Date;
  preview: boolean;
  command: "build" | "dev";
  logger: AstroIntegrationLogger;
}

/** The content check before a build or dev server; returns the articles to build. */
async function checkBeforeRender({
  root,
  publicDir,
  site,
  settings,
  now,
  preview,
  command,
  logger,
}: SetupContext): Promise<CheckedArticle[]> {
  if (command === "dev") {
    // The dev server serves public/ too: a link out of the project stops it, not just a warning.
    const links = await symlinkProblems(root, [ARTICLES_DIR.split("/")[0]!, publicDir]);
    if (links.length > 0) throw new Error(links.map((l) => `${l.file}: ${l.message}`).join("\n"));
  }
  const report = await checkContent(root, { publicDir, site, settings, now, preview });
  if (report.warnings.length > 0) logger.warn(`\n${formatReport({ problems: [], warnings: report.warnings })}`);
  if (report.problems.length === 0) return report.articles;
  if (command === "dev") {
    logger.warn(`content problems (a build would stop here):\n${formatReport(report)}`);
    return report.articles;
  }
  logger.error(`\n${formatReport(report)}`);
  throw new Error(
    `The content check found ${report.problems.length} problem(s), listed above with file and line; nothing was built.`,
  );
}

/** The files Astro says it wrote (paths in the site), each with its route. */
function writtenFiles(out: string, assets: Map<string, URL[]>): Map<string, string> {
  const written = new Map<string, string>();
  for (const [route, urls] of assets) {
    for (const url of urls) written.set(relative(out, fileURLToPath(url)).split(sep).join("/"), route);
  }
  return written;
}

/** Stops the build when a public/ file took the place of a generated page. */
async function refuseReplacedPages(
  publicDir: string,
  written: Map<string, string>,
  logger: AstroIntegrationLogger,
): Promise<void> {
  // The content check refuses public/ files at generated paths; this catches any it
  // could not foresee, from what Astro says it wrote.
  const replaced = replacedPages(await listPublished(publicDir), written);
  if (replaced.length === 0) return;
  logger.error(`\n${replaced.join("\n")}`);
  throw new Error(failedChecksMessage(replaced));
}

/** The search index and the last steps in this process (a plain `astro build`); any problem fails the build. */
async function finishHere(out: string, settings: FinishSettings, logger: AstroIntegrationLogger): Promise<void> {
  logger.info(describeSearchIndex(await buildSearchIndex(out, settings)));
  const problems = await finishSite(out, settings, (message) => logger.info(message));
  if (problems.length > 0) {
    logger.error(`\n${problems.join("\n")}`);
    throw new Error(failedChecksMessage(problems));
  }
  logger.info(CHECKS_PASSED);
}

export function publishGuard(options: PublishGuardOptions): AstroIntegration {
  const handoff = options.handoff ?? {};
  let articles: CheckedArticle[] = [];
  let edition = options.edition;
  let settings: Omit<FinishSettings, "articles" | "search"> | undefined;
  let publicDir: string | undefined;
  return {
    name: "newsroom:publish-guard",
    hooks: {
      "astro:config:setup": async ({ config, command, logger, updateConfig }) => {
        edition = editionFor(options.edition, command);
        // Pages load only the images published articles use (see ./article-images.ts): never
        // those of a held or withdrawn article.
        updateConfig({
          vite: {
            plugins: [
              articleImagesPlugin(() =>
                editionOf(articles, edition.now, edition.preview).shown.flatMap((a) => a.images),
              ),
            ],
          },
        });
        if (command !== "build" && command !== "dev") return;
        if (command === "build" && handoff.checkedContent) {
          // npm run build checks every article while Astro starts, and hands them over here,
          // before anything is synced or rendered.
          articles = await checkedContentWhenReady(handoff);
          logger.info(`content checked by npm run build (${articles.length} articles)`);
          return;
        }
        const root = fileURLToPath(config.root);
        articles = await checkBeforeRender({
          root,
          publicDir: relative(root, fileURLToPath(config.publicDir)) || "public",
          site: { url: config.site ?? "https://example.org", base: config.base },
          settings: options.settings,
          now: edition.now,
          preview: edition.preview,
          command,
          logger,
        });
      },
      "astro:config:done": ({ config }) => {
        settings = {
          base: config.base,
          site: config.site,
          lang: options.lang ?? "en",
          root: fileURLToPath(config.root),
        };
        publicDir = fileURLToPath(config.publicDir);
      },
      "astro:build:done": async ({ dir, logger, assets }) => {
        const out = fileURLToPath(dir);
        if (publicDir) await refuseReplacedPages(publicDir, writtenFiles(out, assets), logger);
        // Former addresses redirect only to articles this edition has; search finds only those it shows.
        const { built, shown } = editionOf(articles, edition.now, edition.preview);
        const search = { shown: shown.map((a) => a.id), shards: options.searchShards };
        const finish: FinishSettings = { ...settings!, articles: built, search };
        if (handoff.finishSettings) await writeFinishSettings(handoff.finishSettings, finish);
        else await finishHere(out, finish, logger);
      },
    },
  };
}
