/** Resident memory of a process tree, for the benchmarks. */
import { readFile, readdir } from "node:fs/promises";

/** Resident memory of a process and all its descendants, from /proc (Linux). */
export async function treeRss(pid: number): Promise<number> {
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.pop()!;
    const status = await readFile(`/proc/${p}/status`, "utf8").catch(() => "");
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    if (kb) total += Number(kb) * 1024;
    for (const task of await readdir(`/proc/${p}/task`).catch(() => [] as string[])) {
      const children = await readFile(`/proc/${p}/task/${task}/children`, "utf8").catch(() => "");
      queue.push(...children.split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return total;
}
