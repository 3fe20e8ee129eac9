import { describe, expect, it } from "vitest";
import { adminPageHtml } from "../../src/cms/admin-files.ts";
import { ADMIN_CSP } from "../../src/hosting/policy.ts";
import { pagePolicy } from "../../src/hosting/site-files.ts";
import { parseDocument } from "../helpers/html.ts";

describe("the CMS page", () => {
  it("loads its scripts and configuration by their full path under the base, carrying ADMIN_CSP and noindex", () => {
    const html = adminPageHtml({ lang: "ar", name: "The <Desk>", base: "/newsroom/" });
    const doc = parseDocument(html);
    expect([...doc.querySelectorAll("script")].map((s) => [s.getAttribute("src"), s.textContent])).toEqual([
      ["/newsroom/admin/decap-cms.js", ""],
      ["/newsroom/admin/figure-component.js", ""],
    ]);
    expect(doc.querySelector('link[rel="cms-config-url"]')?.getAttribute("href")).toBe("/newsroom/admin/config.yml");
    expect(pagePolicy(html)).toBe(ADMIN_CSP);
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex, nofollow");
    expect(doc.documentElement.getAttribute("lang")).toBe("ar");
    expect(doc.title).toBe("The <Desk>: editing");
  });

  it("names them from the root at the site's root", () => {
    const doc = parseDocument(adminPageHtml({ lang: "en", name: "N", base: "/" }));
    expect(doc.querySelector("script")?.getAttribute("src")).toBe("/admin/decap-cms.js");
  });
});
