/** The handoff between `npm run build` and `astro build` (src/build/handoff.ts). */
import { describe, expect, it } from "vitest";
import { handoffEnv, handoffFiles, handoffFromEnv } from "../../src/build/handoff.ts";

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
});
