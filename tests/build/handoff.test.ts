/** The handoff between `npm run build` and `astro build` (src/build/handoff.ts). */
import { EventEmitter } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckedArticle } from "../../src/checks/content/index.ts";
import {
  checkedContentWhenReady,
  clearHandoff,
  handoffEnv,
  handoffFiles,
  handoffFromEnv,
  handOverCheckedContent,
  type HandoffFiles,
  type ParentChannel,
} from "../../src/build/handoff.ts";

describe("the build handoff", () => {
  it("reaches astro build through its environment unchanged", () => {
    const files = handoffFiles("/project");
    expect(handoffFromEnv({ PATH: "/bin", ...handoffEnv(files) })).toEqual(files);
  });

  it("is empty under a plain astro build", () => {
    expect(handoffFromEnv({ PATH: "/bin" })).toEqual({ checkedContent: undefined, finishSettings: undefined });
  });

  it("keeps its files beside the project's caches", () => {
    expect(Object.values(handoffFiles("/project"))).toEqual([
      "/project/node_modules/.cache/newsroom/checked-content.json",
      "/project/node_modules/.cache/newsroom/finish-settings.json",
    ]);
  });

  it("keeps the channel to npm run build only when it handed over content and the channel is open", () => {
    const env = handoffEnv(handoffFiles("/project"));
    expect(handoffFromEnv(env, fakeParent()).parent).toBeDefined();
    expect(handoffFromEnv(env, fakeParent({ connected: false })).parent).toBeUndefined();
    expect(handoffFromEnv({ PATH: "/bin" }, fakeParent()).parent).toBeUndefined();
  });
});

/** A channel like Node's `process` in a child started with an IPC channel. */
function fakeParent({ connected = true } = {}) {
  const parent = Object.assign(new EventEmitter(), {
    connected,
    disconnect() {
      parent.connected = false;
    },
  });
  return parent satisfies ParentChannel;
}

/** Astro's end of the channel, as npm run build holds it. */
function fakeChild(parent: ReturnType<typeof fakeParent>) {
  return {
    get connected() {
      return parent.connected;
    },
    send(message: unknown) {
      setImmediate(() => parent.emit("message", message));
      return true;
    },
  };
}

const ARTICLES: CheckedArticle[] = [
  { id: "kerry", file: "content/articles/kerry.md", hash: "h", formerSlugs: [], images: [] },
];

describe("handing the checked content to an astro build that is already running", () => {
  let files: HandoffFiles;
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "newsroom-handoff-"));
    files = { checkedContent: join(folder, "checked.json"), finishSettings: join(folder, "finish.json") };
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it("waits until npm run build says the articles are written, then reads them and lets go of the channel", async () => {
    const parent = fakeParent();
    let settled = false;
    const reading = checkedContentWhenReady({ checkedContent: files.checkedContent, parent }).finally(
      () => (settled = true),
    );
    await new Promise((done) => setTimeout(done, 50));
    expect(settled).toBe(false);
    await handOverCheckedContent(files, ARTICLES, fakeChild(parent));
    expect(await reading).toEqual(ARTICLES);
    expect(parent.connected).toBe(false);
    expect(parent.listenerCount("message") + parent.listenerCount("disconnect")).toBe(0);
  });

  it("reads articles written before it listened (their message came first)", async () => {
    const parent = fakeParent();
    await handOverCheckedContent(files, ARTICLES, { connected: false, send: () => true });
    expect(await checkedContentWhenReady({ checkedContent: files.checkedContent, parent })).toEqual(ARTICLES);
    expect(parent.listenerCount("message")).toBe(0);
  });

  it("stops the build when npm run build goes away before handing anything over", async () => {
    const parent = fakeParent();
    const reading = checkedContentWhenReady({ checkedContent: files.checkedContent, parent });
    parent.connected = false;
    parent.emit("disconnect");
    await expect(reading).rejects.toThrow("npm run build went away before handing over the checked content");
    expect(parent.listenerCount("message") + parent.listenerCount("disconnect")).toBe(0);
  });

  it("ignores other messages on the channel", async () => {
    const parent = fakeParent();
    let settled = false;
    const reading = checkedContentWhenReady({ checkedContent: files.checkedContent, parent }).finally(
      () => (settled = true),
    );
    parent.emit("message", { something: "else" });
    await new Promise((done) => setTimeout(done, 50));
    expect(settled).toBe(false);
    await handOverCheckedContent(files, ARTICLES, fakeChild(parent));
    expect(await reading).toEqual(ARTICLES);
  });

  it("reads at once without a channel, as under a plain astro build given the files", async () => {
    await writeFile(files.checkedContent, JSON.stringify(ARTICLES));
    expect(await checkedContentWhenReady({ checkedContent: files.checkedContent })).toEqual(ARTICLES);
  });

  it("never lets an earlier build's articles through: they are removed before Astro starts", async () => {
    await writeFile(files.checkedContent, JSON.stringify([{ ...ARTICLES[0], id: "stale" }]));
    await writeFile(files.finishSettings, "{}");
    await clearHandoff(files);
    const parent = fakeParent();
    const reading = checkedContentWhenReady({ checkedContent: files.checkedContent, parent });
    await handOverCheckedContent(files, ARTICLES, fakeChild(parent));
    expect(await reading).toEqual(ARTICLES);
  });
});
