/**
 * Writes /admin/ (decision 017) into the built site after Astro has written the pages:
 * the CMS page with its own policy, its configuration made from the schemas, and Decap's
 * prebuilt bundle copied from node_modules, so no script comes from another origin.
 * Not an Astro page: Astro puts style hashes into every page's policy, and browsers
 * ignore 'unsafe-inline' next to a hash, which Decap's run-time styles need.
 */
import type { AstroIntegration } from "astro";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  adminConfigYaml,
  adminPageHtml,
  CONFIG_FILE,
  DECAP_BUNDLE,
  FIGURE_COMPONENT_FILE,
  FIGURE_COMPONENT_JS,
} from "../cms/admin-files.ts";
import { cmsConfig, type CmsBackend } from "../cms/config.ts";
import { ADMIN_DIR } from "../hosting/policy.ts";

interface AdminSettings {
  name: string;
  lang: string;
  sections: readonly string[];
  /** The site's address and the path under it (the page names its files under the path). */
  url: string;
  base: string;
  timeZone: string;
}

/** Writes every file of the CMS into `dir` (the built site, or the folder `npm run cms` serves). */
export async function writeAdminFiles(dir: string, settings: AdminSettings, backend: CmsBackend): Promise<void> {
  await mkdir(dir, { recursive: true });
  const bundle = createRequire(import.meta.url).resolve(DECAP_BUNDLE.from);
  // The bundle loads its parts (chunks named <n>.decap-cms.js) from beside itself.
  const parts = (await readdir(dirname(bundle))).filter((name) => name.endsWith(DECAP_BUNDLE.to));
  await Promise.all(parts.map((name) => copyFile(join(dirname(bundle), name), join(dir, name))));
  await writeFile(join(dir, "index.html"), adminPageHtml(settings));
  await writeFile(join(dir, CONFIG_FILE), adminConfigYaml(cmsConfig(settings, backend)));
  await writeFile(join(dir, FIGURE_COMPONENT_FILE), FIGURE_COMPONENT_JS);
}

export function adminIntegration(options: {
  enabled: boolean;
  settings: AdminSettings;
  backend: CmsBackend;
}): AstroIntegration {
  return {
    name: "newsroom:admin",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        if (!options.enabled) return;
        await writeAdminFiles(join(fileURLToPath(dir), ADMIN_DIR), options.settings, options.backend);
        logger.info(`wrote the CMS at /${ADMIN_DIR}/`);
      },
    },
  };
}
