/** The seed as scraped: the source of truth every faithfulness test compares against. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./build.ts";

export const SEED_ID = "russian-air-raids-damaging-syria-peace-talks-says-kerry";
/** Kept in the repository byte for byte as the publisher sent it (no-break space included). */
export const seedPath = join(projectRoot, "tests/fixtures/seed/article.txt");

export interface SeedParts {
  headline: string;
  standfirst: string;
  heroCaption: string;
  /** Body blocks in order: paragraphs, and the inline figure's caption line. */
  body: Array<{ kind: "p"; text: string } | { kind: "figure"; caption: string; credit: string }>;
}

function splitCredit(line: string): { caption: string; credit: string } {
  const m = /^(.*) \[([^\]]+)\]$/.exec(line.trim())!;
  return { caption: m[1]!, credit: m[2]! };
}

/** Reads the seed's fixed layout (headline, repeat, standfirst, read time, date, caption, body). */
export function readSeed(): SeedParts {
  const lines = readFileSync(seedPath, "utf8").split("\n");
  const body: SeedParts["body"] = [];
  for (const line of lines.slice(7)) {
    if (line.trim() === "") continue;
    if (/^[\s\u00a0]/.test(line)) body.push({ kind: "figure", ...splitCredit(line.replace(/^[\s\u00a0]+/, "")) });
    else body.push({ kind: "p", text: line });
  }
  return { headline: lines[0]!, standfirst: lines[3]!, heroCaption: lines[6]!, body };
}
