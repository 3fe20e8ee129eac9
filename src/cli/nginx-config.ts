/**
 * `npm run nginx-config -- [options]`: prints an nginx server config for the built site
 * in dist/ (run it after each build: the CSP hashes change when styles or scripts do).
 *
 *   --root <dir>          the folder nginx will serve (default: this dist/; for a site built
 *                         under a sub-path, the folder that holds it at that path)
 *   --server-name <name>  default: the host of site.url in src/site.config.ts
 *   --cert <file>         TLS certificate (default: Let's Encrypt's path for the host)
 *   --key <file>          its private key
 *   --dist <dir>          the built site to read (default: dist/)
 *
 * Example: npm run -s nginx-config -- --root /srv/news/dist > /etc/nginx/sites-available/news.conf
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { nginxConfigForBuild } from "../hosting/nginx.ts";
import { site } from "../site.config.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const { values } = parseArgs({
  options: {
    root: { type: "string" },
    "server-name": { type: "string" },
    cert: { type: "string" },
    key: { type: "string" },
    dist: { type: "string" },
  },
});
const host = new URL(site.url).hostname;
const dist = resolve(root, values.dist ?? "dist");
const config = await nginxConfigForBuild(dist, {
  root: values.root ?? dist,
  base: site.base,
  serverName: values["server-name"] ?? host,
  https: {
    listen: ["443", "[::]:443"],
    certificate: values.cert ?? `/etc/letsencrypt/live/${host}/fullchain.pem`,
    key: values.key ?? `/etc/letsencrypt/live/${host}/privkey.pem`,
  },
  httpListen: ["80", "[::]:80"],
});
process.stdout.write(config);
