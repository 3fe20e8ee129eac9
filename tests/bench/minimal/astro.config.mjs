// The baseline for `npm run bench:build`: Astro's defaults, a content collection and one
// page template, nothing else. Our site's cost is printed as a ratio to this.
import { defineConfig } from "astro/config";

export default defineConfig({ output: "static", site: "https://example.org" });
