/**
 * `npm run cms`: the browser editor on this checkout, without the Git host (decision 017).
 * Starts decap-server (which reads and writes the files here) and serves /admin/ with
 * `local_backend: true`, both on loopback only.
 *
 *   BIND_HOST  default 127.0.0.1
 *   PORT       the editor's page, default 8080 (decap-server always listens on 8081,
 *              where Decap looks for it)
 *   CMS_ROOT   the checkout to edit, default this one
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtemp } from "node:fs/promises";
import { ADMIN_CSP, ADMIN_DIR } from "../hosting/policy.ts";
import { writeAdminFiles } from "../integrations/admin.ts";
import { site } from "../site.config.ts";

const root = resolve(process.env.CMS_ROOT ?? fileURLToPath(new URL("../..", import.meta.url)));
const host = process.env.BIND_HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 8080);
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
};

const folder = await mkdtemp(join(tmpdir(), "newsroom-cms-"));
// Served here at /admin/, whatever base path the published site has.
await writeAdminFiles(folder, { ...site, base: "/" }, { name: "local" });

const server = spawn(process.execPath, [fileURLToPath(import.meta.resolve("decap-server"))], {
  env: { ...process.env, BIND_HOST: host, PORT: "8081", MODE: "fs", GIT_REPO_DIRECTORY: root },
  stdio: "inherit",
});

const prefix = `/${ADMIN_DIR}/`;
createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (!path.startsWith(prefix)) {
    response.writeHead(302, { location: prefix }).end();
    return;
  }
  const name = normalize(path.slice(prefix.length) || "index.html");
  if (name.startsWith("..") || name.includes("/")) {
    response.writeHead(404).end();
    return;
  }
  readFile(join(folder, name)).then(
    (body) =>
      response
        .writeHead(200, {
          "content-type": TYPES[extname(name)] ?? "application/octet-stream",
          "content-security-policy": `${ADMIN_CSP}; frame-ancestors 'none'`,
          "x-frame-options": "DENY",
        })
        .end(body),
    () => response.writeHead(404).end(),
  );
}).listen(port, host, () => {
  console.log(`The editor: http://${host}:${port}${prefix} (editing ${root}); Ctrl-C stops it.`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    server.kill(signal);
    process.exit(0);
  });
