/**
 * Finds paths in a project file that lead out of the repository: a fresh clone has nothing
 * beside it, so a test or build that reads such a path passes only on the machine it was
 * written on.
 */
import { posix } from "node:path";
import { lineAt } from "../../src/model/lines.ts";

export interface OutsidePath {
  /** The file, relative to the repository root. */
  file: string;
  line: number;
  path: string;
  reason: string;
}

/** Folders beside or above a checkout: a sibling folder, a home, the workplace's own tree. */
const OUTSIDE_PATTERNS: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /\.\.\/shared\b[^\s"'`)]*/g, reason: "a folder beside the repository" },
  { pattern: /(?<![\w.-])\/(?:work|home|root|Users)\/[^\s"'`)]*/g, reason: "an absolute path on one machine" },
  { pattern: /(?<![\w.-])~\/[^\s"'`)]*/g, reason: "a path in someone's home folder" },
];

/** Relative paths written as whole strings (imports, join arguments), resolved from their file's folder. */
const RELATIVE_STRING = /(["'`])(\.\.(?:\/[^"'`\s]*)?)\1/g;

/** A relative path joined to the project root climbs out of it at its first `..`. */
const FROM_ROOT = /\b(?:projectRoot|process\.cwd\(\))\s*,\s*(["'`])(\.\.(?:\/[^"'`\s]*)?)\1/g;

/** Every path in `text` (the contents of `file`, relative to the root) that leaves the repository. */
export function pathsLeavingRepository(file: string, text: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  const add = (offset: number, path: string, reason: string) => {
    if (!found.some((f) => f.line === lineAt(text, offset) && f.path === path)) {
      found.push({ file, line: lineAt(text, offset), path, reason });
    }
  };
  for (const { pattern, reason } of OUTSIDE_PATTERNS) {
    for (const m of text.matchAll(pattern)) add(m.index, m[0], reason);
  }
  const folder = posix.dirname(file);
  for (const m of text.matchAll(RELATIVE_STRING)) {
    if (leavesRoot(posix.join(folder, m[2]!))) add(m.index, m[2]!, "climbs above the repository from its file");
  }
  for (const m of text.matchAll(FROM_ROOT)) add(m.index, m[2]!, "climbs above the repository root");
  return found.sort((a, b) => a.line - b.line);
}

function leavesRoot(joined: string): boolean {
  return joined === ".." || joined.startsWith("../");
}
