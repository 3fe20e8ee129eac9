/**
 * A rebuild starts from the published site (docs/decisions/022-build-into-the-previous-output.md).
 *
 * Astro's incremental build reuses a page whose cacheKey and template are unchanged: when
 * the page's file is already in the output folder it leaves it there ("cached"), otherwise
 * it copies it back from its cache folder ("restored"), tens of thousands of copies on a
 * big archive. So before `astro build`, the new folder is given a hard link to each page of
 * the published dist/ that Astro's manifest lists: Astro then copies nothing, and a page it
 * renders again replaces its link (./link-guard.ts), never writing into dist/.
 *
 * Astro's manifest describes the last `astro build`, which is not the published site when
 * that build failed after Astro (an output check) or was a plain `astro build`. So at each
 * swap the manifest's digest is kept beside the caches; a later build links pages only
 * while the manifest is still the one whose site was published. Otherwise it links none,
 * and Astro copies from its cache as before.
 */
import { createHash } from "node:crypto";
import { link, mkdir, readFile, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { projectCaches } from "./cache.ts";
import { writeWhole } from "./write-whole.ts";

/** Astro's record of its last build (node_modules/astro/dist/core/build/incremental.js), in its default cache folder. */
const ASTRO_MANIFEST = "node_modules/.astro/incremental-build.json";
/** Where Astro keeps the images it optimized (node_modules/astro/dist/assets/build/generate.js), in the same folder. */
export const ASTRO_IMAGE_CACHE = "node_modules/.astro/assets";
/** The version of that record this reads; another version links nothing. */
const ASTRO_MANIFEST_VERSION = 1;
/** Which manifest the published dist/ was built with: its digest. */
const PUBLISHED_MANIFEST = "published-build.json";

interface AstroManifest {
  version: number;
  routes: Record<string, { paths: Record<string, { outputFile: string }> }>;
}

/** The output files (relative to the output folder) of every page Astro's manifest records; none for a manifest of another form. */
export function manifestPages(manifestText: string): string[] {
  let manifest: AstroManifest;
  try {
    manifest = JSON.parse(manifestText) as AstroManifest;
  } catch {
    return [];
  }
  if (manifest?.version !== ASTRO_MANIFEST_VERSION || typeof manifest.routes !== "object") return [];
  const files: string[] = [];
  for (const route of Object.values(manifest.routes)) {
    for (const page of Object.values(route?.paths ?? {})) {
      const file = page?.outputFile;
      // Only paths inside the folder: never absolute, never up and out.
      if (typeof file === "string" && file !== "" && !file.startsWith("/") && !file.split("/").includes(".."))
        files.push(file);
    }
  }
  return files;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, "utf8").catch(() => undefined);
}

function publishedManifestFile(root: string): string {
  return join(projectCaches(root).folder, PUBLISHED_MANIFEST);
}

/** The pages of the published site that Astro may reuse: none unless Astro's manifest is the one dist/ was built with. */
export async function reusablePages(root: string): Promise<string[]> {
  const [manifest, published] = await Promise.all([astroManifest(root), readText(publishedManifestFile(root))]);
  if (manifest === undefined || published === undefined) return [];
  if ((JSON.parse(published) as { manifest?: string }).manifest !== digest(manifest)) return [];
  return manifestPages(manifest);
}

/** Astro's manifest as its last build left it (undefined when there is none). */
export async function astroManifest(root: string): Promise<string | undefined> {
  return readText(join(root, ASTRO_MANIFEST));
}

/** After a swap: dist/ now holds the site `manifest` (from {@link astroManifest}) describes. */
export async function recordPublishedManifest(root: string, manifest: string | undefined): Promise<void> {
  if (manifest === undefined) await rm(publishedManifestFile(root), { force: true });
  else await writeWhole(publishedManifestFile(root), JSON.stringify({ manifest: digest(manifest) }));
}

/** Hard-links each of `files` that dist/ has into `outDir`; returns those linked. */
export async function linkPages(dist: string, outDir: string, files: readonly string[]): Promise<string[]> {
  const folders = new Set(files.map((file) => dirname(join(outDir, file))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  const linked: string[] = [];
  await Promise.all(
    files.map(async (file) => {
      try {
        await link(join(dist, file), join(outDir, file));
        linked.push(file);
      } catch {
        // Not in dist/ (deleted by hand, say): Astro renders or restores it as usual.
      }
    }),
  );
  return linked;
}

/**
 * After `astro build`: removes each linked page this build did not produce, neither reused
 * (listed in Astro's new `manifest`) nor written (then it is no longer dist/'s file), such as
 * the page of an article that was deleted.
 */
export async function removeDroppedPages(
  dist: string,
  outDir: string,
  linked: readonly string[],
  manifest: string | undefined,
): Promise<void> {
  if (linked.length === 0) return;
  const kept = new Set(manifestPages(manifest ?? ""));
  await Promise.all(
    linked
      .filter((file) => !kept.has(file))
      .map(async (file) => {
        const [built, published] = await Promise.all([
          stat(join(outDir, file)).catch(() => undefined),
          stat(join(dist, file)).catch(() => undefined),
        ]);
        if (built && published && built.ino === published.ino && built.dev === published.dev)
          await rm(join(outDir, file));
      }),
  );
}
