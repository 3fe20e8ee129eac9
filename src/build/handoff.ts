/**
 * The handoff between `npm run build` and the `astro build` it runs
 * (docs/decisions/013-build-handoff.md). Two JSON files, named to the child process by
 * two environment variables:
 *
 * - checked content: `npm run build` writes the article list its content check has just
 *   made; the publish-guard integration reads it instead of checking every article again;
 * - finish settings: the integration writes what the last steps need (./finish.ts) there
 *   instead of running them; `npm run build` reads it and runs them after Astro's process
 *   has exited, so Pagefind's memory never adds to Astro's.
 *
 * The environment is read once, in astro.config.mjs ({@link handoffFromEnv}); the
 * integrations get the handoff as an option.
 */
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { CheckedArticle } from "../checks/content/index.ts";
import { projectCaches } from "./cache.ts";
import type { FinishSettings } from "./finish.ts";
import { writeWhole } from "./write-whole.ts";

export interface HandoffFiles {
  /** The articles `npm run build` has checked: the integration trusts this list. */
  checkedContent: string;
  /** Where the integration leaves the finish settings, for `npm run build` to finish the site. */
  finishSettings: string;
}

/** What this `astro build` was handed: nothing under a plain `astro build`. */
export type BuildHandoff = { [K in keyof HandoffFiles]?: string | undefined };

const CHECKED_CONTENT_ENV = "NEWSROOM_CHECKED_CONTENT";
const FINISH_SETTINGS_ENV = "NEWSROOM_FINISH_AFTER_ASTRO";

/** The handoff files of the project at `root` (beside its caches). */
export function handoffFiles(root: string): HandoffFiles {
  const folder = projectCaches(root).folder;
  return {
    checkedContent: join(folder, "checked-content.json"),
    finishSettings: join(folder, "finish-settings.json"),
  };
}

/** The environment variables that hand `handoff` to `astro build`. */
export function handoffEnv(handoff: HandoffFiles): Record<string, string> {
  return { [CHECKED_CONTENT_ENV]: handoff.checkedContent, [FINISH_SETTINGS_ENV]: handoff.finishSettings };
}

/** The handoff `npm run build` gave this process; empty under a plain `astro build`. */
export function handoffFromEnv(env: Record<string, string | undefined>): BuildHandoff {
  return {
    checkedContent: env[CHECKED_CONTENT_ENV] || undefined,
    finishSettings: env[FINISH_SETTINGS_ENV] || undefined,
  };
}

/** Before `astro build`: the checked articles, and no finish settings of an earlier build. */
export async function startHandoff(handoff: HandoffFiles, articles: CheckedArticle[]): Promise<void> {
  await writeWhole(handoff.checkedContent, JSON.stringify(articles));
  await rm(handoff.finishSettings, { force: true });
}

export async function readCheckedContent(file: string): Promise<CheckedArticle[]> {
  return JSON.parse(await readFile(file, "utf8")) as CheckedArticle[];
}

export async function writeFinishSettings(file: string, settings: FinishSettings): Promise<void> {
  await writeWhole(file, JSON.stringify(settings));
}

export async function readFinishSettings(file: string): Promise<FinishSettings> {
  return JSON.parse(await readFile(file, "utf8")) as FinishSettings;
}
