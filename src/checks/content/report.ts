/** What the content check reports, and how: `file:line: field: message`, sorted by file and line. */

import type { Publishable } from "../../model/publication.ts";

export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line?: number | undefined;
  /** The frontmatter field, e.g. `hero.alt` or `updates[0].date`. */
  field?: string | undefined;
  message: string;
  /** A warning is printed but does not stop the build; anything else is an error. */
  severity?: "warning" | undefined;
}

export interface CheckedArticle {
  /** The id Astro gives the entry, and its address: /articles/<id>/. */
  id: string;
  file: string;
  /** The hash of its file's bytes: what is made from its text alone is the same for the same hash. */
  hash: string;
  formerSlugs: string[];
  /** The images it uses, relative to the project root: the only article images published. */
  images: string[];
  /** What its publication depends on (src/model/publication.ts); absent when its frontmatter is invalid. */
  schedule?: (Publishable & { headline: string; line: number | undefined; withdrawn: boolean }) | undefined;
}

export interface ContentReport {
  /** Errors: any of them stops the build. */
  problems: Problem[];
  /** Printed, never stopping the build. */
  warnings: Problem[];
  articles: CheckedArticle[];
}

export function sortProblems(problems: Problem[]): Problem[] {
  // By file (code point order, the same everywhere), then line; otherwise as found.
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** Errors and warnings apart, each sorted. */
export function toReport(problems: Problem[], articles: CheckedArticle[]): ContentReport {
  const sorted = sortProblems(problems);
  return {
    problems: sorted.filter((p) => p.severity !== "warning"),
    warnings: sorted.filter((p) => p.severity === "warning"),
    articles,
  };
}
/** `file:line: field: message`, the way compilers report, so editors can jump to it. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const severity = problem.severity === "warning" ? "warning: " : "";
  return `${where}: ${severity}${problem.field ? `${problem.field}: ` : ""}${problem.message}`;
}

/** Every error, then every warning, and a count of each. */
export function formatReport(report: Pick<ContentReport, "problems" | "warnings">): string {
  const count = report.problems.length;
  const files = new Set(report.problems.map((p) => p.file)).size;
  const warnings = report.warnings.length;
  return [
    ...report.problems.map(formatProblem),
    ...report.warnings.map(formatProblem),
    `${count} ${count === 1 ? "problem" : "problems"} in ${files} ${files === 1 ? "file" : "files"}` +
      (warnings ? `, ${warnings} ${warnings === 1 ? "warning" : "warnings"}.` : "."),
  ].join("\n");
}

