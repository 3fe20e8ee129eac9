/**
 * The handoff between `npm run build` and the `astro build` it runs
 * (docs/decisions/013-build-handoff.md). Two JSON files, named to the child process by
 * two environment variables:
 *
 * - checked content: `npm run build` writes the article list its content check has just
 *   made; the publish-guard integration reads it instead of checking every article again.
 *   Astro is started while the check runs, so that its own start-up overlaps it: the
 *   integration waits, before anything is synced or rendered, for the message that says
 *   the list is written ({@link checkedContentWhenReady}); a check that fails stops Astro
 *   there (decision 025);
 * - finish settings: the integration writes what the last steps need (./finish.ts) there
 *   instead of running them; `npm run build` reads it and runs them after Astro's process
 *   has exited, so Pagefind's memory never adds to Astro's.
 *
 * The environment is read once, in astro.config.mjs ({@link handoffFromEnv}); the
 * integrations get the handoff as an option.
 */
import type { ChildProcess } from "node:child_process";
import { access, readFile, rm } from "node:fs/promises";
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

/**
 * The IPC channel to the process that started this one (Node's `process`, when it was
 * spawned with an `ipc` stdio entry).
 */
export interface ParentChannel {
  readonly connected: boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
  on(event: "disconnect", listener: () => void): unknown;
  off(event: "message", listener: (message: unknown) => void): unknown;
  off(event: "disconnect", listener: () => void): unknown;
  disconnect?(): void;
}

/** What this `astro build` was handed: nothing under a plain `astro build`. */
export type BuildHandoff = { [K in keyof HandoffFiles]?: string | undefined } & {
  /** The channel `npm run build` says on when the checked content is written; without it, it already is. */
  parent?: ParentChannel | undefined;
};

/** The one message on the channel: the checked content is written. */
const CHECKED_CONTENT_WRITTEN = "newsroom:checked-content-written";

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

/**
 * The handoff `npm run build` gave this process; empty under a plain `astro build`.
 * `parent` is the process's channel to whoever started it, if it has one.
 */
export function handoffFromEnv(env: Record<string, string | undefined>, parent?: ParentChannel): BuildHandoff {
  const checkedContent = env[CHECKED_CONTENT_ENV] || undefined;
  return {
    checkedContent,
    finishSettings: env[FINISH_SETTINGS_ENV] || undefined,
    ...(checkedContent && parent?.connected ? { parent } : {}),
  };
}

/** Before `astro build` may read it: no checked content and no finish settings of an earlier build. */
export async function clearHandoff(handoff: HandoffFiles): Promise<void> {
  await Promise.all([rm(handoff.checkedContent, { force: true }), rm(handoff.finishSettings, { force: true })]);
}

/** Writes the checked articles, then tells the `astro build` waiting for them (if it still runs). */
export async function handOverCheckedContent(
  handoff: HandoffFiles,
  articles: CheckedArticle[],
  astro: Pick<ChildProcess, "connected" | "send">,
): Promise<void> {
  await writeWhole(handoff.checkedContent, JSON.stringify(articles));
  // A process that has already exited cannot be told; its exit code says why it went.
  if (astro.connected) astro.send(CHECKED_CONTENT_WRITTEN, () => undefined);
}

/**
 * The checked articles, once `npm run build` has written them: at once without a channel
 * to it; otherwise when it says so, or when the file is there already (its message may
 * have come before anyone listened: it writes the file first, and removed any earlier one
 * before starting Astro). Rejects if it goes away first (its check found problems, or it
 * was stopped). Then lets go of the channel, which would otherwise keep Astro's process
 * alive after its build.
 */
export async function checkedContentWhenReady(
  handoff: Pick<BuildHandoff, "checkedContent" | "parent">,
): Promise<CheckedArticle[]> {
  const { checkedContent: file, parent } = handoff;
  if (!file) throw new Error("no checked content was handed over");
  if (parent) {
    let stop = () => {};
    const told = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown) => message === CHECKED_CONTENT_WRITTEN && resolve();
      const onDisconnect = () => reject(new Error("npm run build went away before handing over the checked content"));
      parent.on("message", onMessage);
      parent.on("disconnect", onDisconnect);
      stop = () => {
        parent.off("message", onMessage);
        parent.off("disconnect", onDisconnect);
      };
      if (!parent.connected) onDisconnect();
    });
    // Awaited only when the file is not there yet; otherwise its rejection is of no interest.
    told.catch(() => undefined);
    const written = access(file).then(
      () => true,
      () => false,
    );
    try {
      if (!(await written)) await told;
    } finally {
      stop();
    }
    if (parent.connected) parent.disconnect?.();
  }
  return JSON.parse(await readFile(file, "utf8")) as CheckedArticle[];
}

export async function writeFinishSettings(file: string, settings: FinishSettings): Promise<void> {
  await writeWhole(file, JSON.stringify(settings));
}

export async function readFinishSettings(file: string): Promise<FinishSettings> {
  return JSON.parse(await readFile(file, "utf8")) as FinishSettings;
}
