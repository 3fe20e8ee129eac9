import { describe, expect, it } from "vitest";
import type { CheckedArticle } from "../../../src/checks/content/index.ts";
import {
  farFutureWarnings,
  formatSchedule,
  scheduledArticles,
  timeLeft,
} from "../../../src/checks/content/schedule.ts";
import { parsePubDate } from "../../../src/model/dates.ts";

const now = new Date("2026-12-01T09:00:00Z");

function checked(file: string, published: string, extra: { draft?: boolean } = {}): CheckedArticle {
  return {
    id: file,
    file: `content/articles/${file}.md`,
    hash: file,
    formerSlugs: [],
    images: [],
    schedule: {
      headline: `Headline of ${file}`,
      published: parsePubDate(published),
      line: 4,
      draft: extra.draft ?? false,
      withdrawn: false,
    },
  };
}

describe("the schedule npm run check prints", () => {
  const articles = [
    checked("later", "2026-12-03T12:00+00:00"),
    checked("soon", "2026-12-01T11:30+01:00"),
    checked("out", "2026-11-30"),
    checked("held", "2026-12-02", { draft: true }),
  ];

  it("lists embargoed articles soonest first, with time left; drafts and published ones are not scheduled", () => {
    const list = scheduledArticles(articles, now);
    expect(list.map((s) => s.file)).toEqual(["content/articles/soon.md", "content/articles/later.md"]);
    expect(formatSchedule(list, "en-GB", "UTC")).toBe(
      [
        "Scheduled (2 under embargo; each appears at the first build after its time):",
        '  1 December 2026 at 10:30 UTC (in 1 h 30 min): "Headline of soon" (content/articles/soon.md)',
        '  3 December 2026 at 12:00 UTC (in 2 d 3 h): "Headline of later" (content/articles/later.md)',
      ].join("\n"),
    );
  });

  it("says when nothing is scheduled, and counts short waits in minutes", () => {
    expect(formatSchedule([], "en-GB", "UTC")).toBe("Scheduled: nothing under embargo.");
    expect(timeLeft(5 * 60_000)).toBe("5 min");
    expect(timeLeft(20_000)).toBe("under a minute");
  });

  it("warns, with file and line, about a date more than a year ahead", () => {
    const warnings = farFutureWarnings([checked("typo", "2036-12-01"), checked("fine", "2027-11-30")], now);
    expect(warnings).toEqual([
      expect.objectContaining({ file: "content/articles/typo.md", line: 4, field: "published", severity: "warning" }),
    ]);
    expect(warnings[0]!.message).toMatch(/more than a year ahead/);
  });
});
