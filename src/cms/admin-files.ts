/**
 * The files of /admin/ (decision 017), apart from Decap's own bundle: the page, the
 * configuration, and the figure button that writes our figure syntax
 * (`![alt](./photo.jpg "Caption [Credit]")`, see src/markdown/figures.ts).
 */
import { stringify } from "yaml";
import { ADMIN_CSP, ADMIN_DIR } from "../hosting/policy.ts";
import { escapeHtml, standaloneDocument } from "../model/html.ts";
import { joinBase } from "../model/urls.ts";

/** Decap's prebuilt bundle in node_modules, and the name it is published under. */
export const DECAP_BUNDLE = { from: "decap-cms/dist/decap-cms.js", to: "decap-cms.js" };

/** The editor's button for figures, beside the page. */
export const FIGURE_COMPONENT_FILE = "figure-component.js";
/** The configuration, beside the page. */
export const CONFIG_FILE = "config.yml";

/**
 * The CMS page. Its scripts and configuration are named by their full path under the
 * site's base (`/newsroom/admin/…`), so the page works whether or not the address it
 * was opened at ends in a slash.
 */
export function adminPageHtml(settings: { lang: string; name: string; base: string }): string {
  const folder = joinBase(settings.base, `/${ADMIN_DIR}/`);
  return standaloneDocument({
    lang: settings.lang,
    policy: ADMIN_CSP,
    robots: "noindex, nofollow",
    head: [
      `<title>${escapeHtml(settings.name)}: editing</title>`,
      `<link rel="cms-config-url" type="text/yaml" href="${escapeHtml(folder + CONFIG_FILE)}">`,
      `<link rel="icon" href="${escapeHtml(joinBase(settings.base, "/favicon.svg"))}" type="image/svg+xml">`,
    ],
    bodyAttributes: ' data-pagefind-ignore="all"',
    body: [
      `<script src="${escapeHtml(folder + DECAP_BUNDLE.to)}"></script>`,
      `<script src="${escapeHtml(folder + FIGURE_COMPONENT_FILE)}"></script>`,
    ],
  });
}

export function adminConfigYaml(config: Record<string, unknown>): string {
  return `# Written by the build from the schemas and settings (src/cms/config.ts); do not edit.\n${stringify(config)}`;
}

/**
 * The figure button of the body editor. The pattern is the figure syntax: a paragraph
 * holding one image whose title is "Caption [Credit]".
 */
export const FIGURE_COMPONENT_JS = `// The body editor's figure button (src/cms/admin-files.ts).
CMS.registerEditorComponent({
  id: "figure",
  label: "Figure",
  fields: [
    { name: "image", label: "Photo", widget: "image", choose_url: false, hint: "Stored beside the article." },
    { name: "alt", label: "Alt text", widget: "string", hint: "What the photo shows, for readers who cannot see it." },
    { name: "caption", label: "Caption", widget: "string" },
    { name: "credit", label: "Credit", widget: "string", hint: "Who took it, or the agency." },
  ],
  pattern: /^!\\[([^\\]]*)\\]\\((\\S+) "((?:[^"\\\\]|\\\\.)*?)\\s*\\[([^\\[\\]]+)\\]"\\)$/s,
  fromBlock: function (match) {
    return { alt: match[1], image: match[2], caption: match[3].replace(/\\\\"/g, '"'), credit: match[4] };
  },
  toBlock: function (data) {
    var image = data.image && data.image.indexOf("/") === -1 ? "./" + data.image : data.image || "";
    var title = ((data.caption || "").trim() + " [" + (data.credit || "").trim() + "]").replace(/"/g, '\\\\"');
    return "![" + (data.alt || "").replace(/[\\[\\]]/g, "") + "](" + image + ' "' + title + '")';
  },
  toPreview: function (data) {
    return "<figure><figcaption>" + (data.caption || "") + " [" + (data.credit || "") + "]</figcaption></figure>";
  },
});
`;
