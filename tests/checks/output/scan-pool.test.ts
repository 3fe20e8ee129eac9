import { describe, expect, it } from "vitest";
import { ScanPool } from "../../../src/checks/output/scan-pool.ts";

const DIES = new URL("../../fixtures/workers/dies.ts", import.meta.url).href;
const page = (html: string) => ({ kind: "html" as const, bytes: Buffer.from(html) });

describe("the output scan's worker threads", () => {
  it("work out a page's facts from its bytes, moved to the thread", async () => {
    const pool = new ScanPool(1);
    try {
      const bytes = Buffer.from(`<!doctype html><a id="x" href="/y/" onclick="go()">y</a>`);
      const [facts] = await pool.facts([{ kind: "html", bytes }]);
      expect(facts!.ids).toEqual(["x"]);
      expect(facts!.refs).toEqual([["a href", "/y/"]]);
      expect(facts!.unsafe).toEqual(['<a> has an event handler attribute "onclick"']);
    } finally {
      await pool.close();
    }
  });

  it("fail a request whose thread died, and every request after it, instead of waiting for ever", async () => {
    const pool = new ScanPool(2, DIES);
    try {
      await expect(pool.facts([page("<p>a</p>")])).rejects.toThrow(/^output scan: /);
      // Sent after a thread died: answered (here, failed again by the replacement thread), never left waiting.
      const later = await Promise.allSettled([pool.facts([page("<p>b</p>")]), pool.facts([page("<p>c</p>")])]);
      expect(later.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    } finally {
      await pool.close();
    }
  });
});
