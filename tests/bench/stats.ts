/**
 * The benchmarks' statistics: medians, spreads and ratios of paired runs. Pure, so the
 * figures the benchmarks print can be tested without building anything.
 */

/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A measurement over several runs: its median and its spread (smallest and largest). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError("summary of no values");
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/**
 * The ratio of each run to its own baseline, run beside it (the same pair): a machine
 * whose speed drifts between pairs slows both sides of a pair alike. Pairs where either
 * side is missing (a build that failed) give no ratio.
 */
export function pairedRatios(
  measured: readonly (number | undefined)[],
  baseline: readonly (number | undefined)[],
): number[] {
  if (measured.length !== baseline.length)
    throw new RangeError(`paired ratios need as many runs on each side (${measured.length} and ${baseline.length})`);
  const ratios: number[] = [];
  for (const [i, value] of measured.entries()) {
    const base = baseline[i];
    if (value !== undefined && base !== undefined && base > 0) ratios.push(value / base);
  }
  return ratios;
}

/**
 * A summary as a table cell: "12.3 s (11.9–13.0)", the median and then the spread; one run
 * alone has no spread. No summary reads `missing`: "failed" unless told why (a step left
 * out by `--skip` reads "not run").
 */
export function formatSummary(
  summary: Summary | undefined,
  { digits, unit, missing = "failed" }: { digits: number; unit: string; missing?: string },
): string {
  if (!summary) return missing;
  const value = (n: number) => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const median = `${value(summary.median)}${unit}`;
  return summary.runs === 1 ? median : `${median} (${value(summary.min)}–${value(summary.max)})`;
}
