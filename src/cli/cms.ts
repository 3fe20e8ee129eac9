/**
 * `npm run cms`: the browser editor on this checkout, without the Git host (decision 017).
 * Starts decap-server (which reads and writes the files here) on a free loopback port, and
 * serves /admin/ with `local_backend` pointing at `/api/v1` on the editor's own address,
 * which it passes on to decap-server: one origin, so the admin policy's `connect-src 'self'`
 * covers it and no fixed port is needed.
 *
 *   BIND_HOST  default 127.0.0.1 (Decap talks to a local backend only from 127.0.0.1 or localhost)
 *   PORT       the editor's page, default 8080; 0 takes a free one
 *   CMS_ROOT   the checkout to edit, default this one
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN_CSP, ADMIN_DIR } from "../hosting/policy.ts";
import { writeAdminFiles } from "../integrations/admin.ts";
import { site } from "../site.config.ts";

const root = resolve(process.env.CMS_ROOT ?? fileURLToPath(new URL("../..", import.meta.url)));
const host = process.env.BIND_HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 8080);
const API_PATH = "/api/v1";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
};

/** A port nobody listens on now (decap-server takes its port only from PORT). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return free;
}

/** Waits until decap-server answers its `info` action, so the page never loads without it. */
async function waitForBackend(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`decap-server exited (code ${child.exitCode})`);
    const answered = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "info" }),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`decap-server did not answer at ${url}`);
}

const backendPort = await freePort();
const backendUrl = `http://127.0.0.1:${backendPort}${API_PATH}`;

function passToBackend(incoming: IncomingMessage, response: ServerResponse): void {
  const outgoing = request(
    backendUrl,
    { method: incoming.method, headers: { "content-type": incoming.headers["content-type"] ?? "application/json" } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, { "content-type": answer.headers["content-type"] ?? "" });
      answer.pipe(response);
    },
  );
  outgoing.on("error", () => response.writeHead(502).end());
  incoming.pipe(outgoing);
}

const folder = await mkdtemp(join(tmpdir(), "newsroom-cms-"));
const prefix = `/${ADMIN_DIR}/`;
const server = createServer((incoming, response) => {
  const path = new URL(incoming.url ?? "/", "http://localhost").pathname;
  if (path === API_PATH) return passToBackend(incoming, response);
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
});
await new Promise<void>((done) => server.listen(port, host, done));
// Started once the editor's own port is taken, so a busy port leaves nothing running.
const backend = spawn(process.execPath, [fileURLToPath(import.meta.resolve("decap-server"))], {
  env: { ...process.env, BIND_HOST: "127.0.0.1", PORT: String(backendPort), MODE: "fs", GIT_REPO_DIRECTORY: root },
  stdio: "inherit",
});
// Without its backend the editor cannot save: stop with it; and never leave it behind.
backend.on("exit", (code) => process.exit(code ?? 1));
process.on("exit", () => backend.kill());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));

const origin = `http://${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
// Served here at /admin/, whatever base path the published site has.
await writeAdminFiles(folder, { ...site, base: "/" }, { name: "local", url: `${origin}${API_PATH}` });
await waitForBackend(backendUrl, backend);
console.log(`The editor: ${origin}${prefix} (editing ${root}); Ctrl-C stops it.`);
