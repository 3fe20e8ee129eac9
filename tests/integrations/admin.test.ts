import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { adminIntegration } from "../../src/integrations/admin.ts";

const settings = {
  name: "The Wire Desk",
  lang: "en",
  sections: ["News"],
  url: "https://example.org",
  base: "/",
  timeZone: "UTC",
};
const backend = { name: "github", repo: "owner/repo", branch: "main" } as const;
const made: string[] = [];

/** Runs the integration's build:done hook on an empty built site, as Astro would. */
async function buildDone(enabled: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "newsroom-admin-"));
  made.push(dir);
  const hook = adminIntegration({ enabled, settings, backend }).hooks["astro:build:done"] as unknown as (options: {
    dir: URL;
    logger: { info(message: string): void };
  }) => Promise<void>;
  await hook({ dir: pathToFileURL(`${dir}/`), logger: { info: () => {} } });
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the admin integration", () => {
  it("writes no admin/ folder when the setting is off", async () => {
    const dir = await buildDone(false);
    expect(existsSync(join(dir, "admin"))).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it("writes the page, the configuration, the figure button and Decap's bundle when it is on", async () => {
    const dir = await buildDone(true);
    const files = await readdir(join(dir, "admin"));
    expect(files).toEqual(expect.arrayContaining(["index.html", "config.yml", "figure-component.js", "decap-cms.js"]));
    expect(files.every((f) => /^(index\.html|config\.yml|figure-component\.js|(\d+\.)?decap-cms\.js)$/.test(f))).toBe(
      true,
    );
    const config = parse(await readFile(join(dir, "admin/config.yml"), "utf8")) as Record<string, unknown>;
    expect(config.backend).toEqual(backend);
  });
});
