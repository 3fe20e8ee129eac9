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
 *   --deploy              refuse a placeholder server_name (example.org and the like), which
 *                         is otherwise a warning; NEWSROOM_DEPLOY=1 means the same
 *
 * Example: npm run -s nginx-config -- --root /srv/news/dist > /etc/nginx/sites-available/news.conf
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readDeployMode, serverNameFinding } from "../build/site-address.ts";
import { nginxConfigForBuild } from "../hosting/nginx.ts";
import { site } from "../site.config.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
let mode;
try {
  mode = readDeployMode(process.argv.slice(2), process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const { values } = parseArgs({
  args: mode.rest,
  options: {
    root: { type: "string" },
    "server-name": { type: "string" },
    cert: { type: "string" },
    key: { type: "string" },
    dist: { type: "string" },
  },
});
const host = new URL(site.url).hostname;
const serverName = values["server-name"] ?? host;
const finding = serverNameFinding(serverName, values["server-name"] !== undefined, mode.deploy);
if (finding) console.error(finding.message);
if (finding?.severity === "error") process.exit(1);
const dist = resolve(root, values.dist ?? "dist");
const config = await nginxConfigForBuild(dist, {
  root: values.root ?? dist,
  base: site.base,
  serverName,
  https: {
    listen: ["443", "[::]:443"],
    certificate: values.cert ?? `/etc/letsencrypt/live/${host}/fullchain.pem`,
    key: values.key ?? `/etc/letsencrypt/live/${host}/privkey.pem`,
  },
  httpListen: ["80", "[::]:80"],
});
process.stdout.write(config);
