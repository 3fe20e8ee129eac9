import { describe, expect, it } from "vitest";
import { countPageLine, emptyProgress, formatProgress } from "../../src/build/progress.ts";

describe("build progress", () => {
  it("counts page lines (plain or coloured, fresh or reused) and lets other lines through", () => {
    const progress = emptyProgress();
    const lines = [
      "22:31:25   ├─ /articles/a/index.html (+3ms) ",
      "  \u001b[34m├─\u001b[39m \u001b[2m/articles/b/index.html\u001b[22m \u001b[32m(cached)\u001b[39m",
      "22:31:25   └─ /newsroom/articles/c/index.html (restored)",
      "22:31:25   ├─ /cards/a.png (+30ms)",
      "22:31:25   ├─ /tags/syria/index.html (+1ms)",
      "22:31:25 [build] Building static entrypoints...",
      "22:31:25 [WARN] something the publisher must see",
    ];
    const shown = lines.filter((line) => !countPageLine(line, progress));
    expect(shown).toEqual(lines.slice(5));
    expect(progress).toEqual({ pages: 5, articles: 3, reused: 2, images: 0 });
    expect(formatProgress(progress, 10_000, 12.34)).toBe(
      "  3 of 10,000 articles, 5 files in all (2 reused from the last build), 12.3 s",
    );
  });

  it("keeps count when concurrent pages share a line or leave their times on lines of their own", () => {
    const progress = emptyProgress();
    const lines = [
      "22:43:15   ├─ /articles/a/index.html  ├─ /articles/b/index.html├─ /articles/c/index.html (+8ms) ",
      " (+68ms) 22:43:15   ├─ /articles/d/index.html22:43:15   ├─ /cards/d.png",
      " (cached)",
      "22:43:15   ▶ /_astro/hero.D-rgwn5d_Z2ldvWC.jpg (reused cache entry) (+1ms) (1/710)",
      "22:43:15   ▶ /_astro/hero.CNB8bqp3_ZkNu3g.avif (+41ms) (2/710)",
    ];
    expect(lines.filter((line) => !countPageLine(line, progress))).toEqual([]);
    expect(progress).toEqual({ pages: 5, articles: 4, reused: 1, images: 2 });
    expect(formatProgress(progress, 4, 1)).toContain(", 2 images, ");
  });
});
