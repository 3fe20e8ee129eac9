/**
 * The detached process that deletes the sites replaced in the project at `argv[2]`
 * (./replaced-sites.ts), started by the build after its swap. Run at the lowest priority:
 * it must not slow the build that may start meanwhile.
 */
import { setPriority } from "node:os";
import { buildIsLinking, removeFolder, replacedSites } from "./replaced-sites.ts";

const root = process.argv[2];
if (!root) throw new Error("usage: node replaced-sites-remover.ts <project root>");
try {
  setPriority(19);
} catch {
  // not allowed here: delete at normal priority
}
for (const folder of replacedSites(root)) await removeFolder(folder, () => buildIsLinking(root));
