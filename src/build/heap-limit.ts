/**
 * The heap Astro's process may use. V8 caps a heap at about 4 GiB by default whatever the
 * machine has, and a very large archive needs more while its pages are generated
 * (docs/performance.md, 100,000 articles): Astro's process gets three quarters of the
 * machine's memory, the rest left to sharp's native buffers and the system, and no more
 * than 6 GiB, so that a build on a larger machine collects garbage as on an 8 GB one.
 */
const MiB = 2 ** 20;
const MOST_MIB = 6144;

/**
 * The Node option that raises the heap limit of Astro's process, or none: when the
 * publisher's NODE_OPTIONS already sets one (theirs is kept), or when that share would
 * not exceed V8's own default (`defaultLimitBytes`).
 */
export function astroHeapOptions(totalMemoryBytes: number, defaultLimitBytes: number, nodeOptions = ""): string[] {
  if (/(^|\s)--max-old-space-size[=\s]/.test(nodeOptions)) return [];
  const limitMiB = Math.min(MOST_MIB, Math.floor((totalMemoryBytes * 0.75) / MiB));
  return limitMiB > defaultLimitBytes / MiB ? [`--max-old-space-size=${limitMiB}`] : [];
}
