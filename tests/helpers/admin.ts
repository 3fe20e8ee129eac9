/**
 * The one deliberate exception to "no JavaScript, one policy": the CMS page (decision 017).
 * Site tests skip exactly this page in their site-wide rules and judge it in admin.test.ts.
 */
import { ADMIN_DIR } from "../../src/hosting/policy.ts";
import { DECAP_BUNDLE, FIGURE_COMPONENT_FILE } from "../../src/cms/admin-files.ts";

/** The CMS page, relative to the built site. */
export const ADMIN_PAGE = `${ADMIN_DIR}/index.html`;

/** The scripts the CMS page loads, by their path under the site's base: nothing else, nothing inline. */
export function adminScripts(base: string): string[] {
  return [`${base}${ADMIN_DIR}/${DECAP_BUNDLE.to}`, `${base}${ADMIN_DIR}/${FIGURE_COMPONENT_FILE}`];
}

/** Every file the CMS may add to the built site: its page, configuration, figure button and Decap's bundle in parts. */
export const ADMIN_FILE_RE = new RegExp(
  `^${ADMIN_DIR}/(index\\.html|config\\.yml|${FIGURE_COMPONENT_FILE.replace(".", "\\.")}|(\\d+\\.)?${DECAP_BUNDLE.to.replace(".", "\\.")})$`,
);
