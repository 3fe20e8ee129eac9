/**
 * Debian's nginx, started as a child process on loopback over a built site with the
 * config `npm run nginx-config` writes (src/hosting/nginx.ts): HTTPS with a throwaway
 * self-signed certificate (made with openssl), and the plain-HTTP server that
 * redirects to it. Under CI a missing nginx or openssl is a failure, never a skip.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { nginxConfigForBuild } from "../../src/hosting/nginx.ts";
import { removeDir, tempDir } from "./build.ts";

const run = promisify(execFile);

const nginxPath = process.env.NGINX_PATH || "/usr/sbin/nginx";
export const haveNginx = existsSync(nginxPath) && existsSync("/usr/bin/openssl");
const requireNginx = process.env.CI === "true" || process.env.CI === "1";

export function assertNginxAvailable(): void {
  if (!haveNginx && requireNginx) {
    throw new Error(`nginx (${nginxPath}) or openssl not found: install Debian's nginx and openssl (.ci/run does)`);
  }
}

export interface RunningNginx {
  /** https://127.0.0.1:<port> */
  httpsUrl: string;
  /** http://127.0.0.1:<port>: only redirects to HTTPS. */
  httpUrl: string;
  httpsPort: number;
  /** The self-signed certificate, to trust in requests. */
  ca: Buffer;
  /** The generated site config, for reading in tests. */
  config: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${await log()}`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), done(true)));
      socket.once("error", () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not listen on ${port}:\n${await log()}`);
}

/** Serves `dist` (built for `base`) with nginx; call stop() when done. */
export async function startNginx(dist: string, base = "/"): Promise<RunningNginx> {
  const prefix = await tempDir("nginx");
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const cert = join(prefix, "cert.pem");
  const key = join(prefix, "key.pem");
  await run("/usr/bin/openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  // nginx serves the folder that holds the site at its base path.
  let root = dist;
  if (base !== "/") {
    root = join(prefix, "www");
    const mount = join(root, ...base.split("/").filter(Boolean));
    await mkdir(join(mount, ".."), { recursive: true });
    await symlink(dist, mount);
  }
  const site = await nginxConfigForBuild(dist, {
    root,
    base,
    serverName: "localhost 127.0.0.1",
    https: { listen: [`127.0.0.1:${httpsPort}`], certificate: cert, key },
    httpListen: [`127.0.0.1:${httpPort}`],
    httpsPublicPort: httpsPort,
  });
  await writeFile(join(prefix, "site.conf"), site);
  // Temp folders inside the prefix (the defaults are under /var/lib/nginx), for the modules this nginx has.
  const { stderr: built } = await run(nginxPath, ["-V"]);
  const temp = [
    "client_body",
    ...["proxy", "fastcgi", "uwsgi", "scgi"].filter((m) => !built.includes(`--without-http_${m}_module`)),
  ];
  await Promise.all(temp.map((t) => mkdir(join(prefix, t))));
  const runningAsRoot = process.getuid?.() === 0;
  await writeFile(
    join(prefix, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      // As root, workers would switch to "nobody", who cannot read the test's private temp folders.
      ...(runningAsRoot ? ["user root;"] : []),
      `pid ${join(prefix, "nginx.pid")};`,
      `error_log ${join(prefix, "error.log")} warn;`,
      "events { worker_connections 64; }",
      "http {",
      "    access_log off;",
      ...temp.map((t) => `    ${t}_temp_path ${join(prefix, t)};`),
      `    include ${join(prefix, "site.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const args = ["-p", prefix, "-e", join(prefix, "error.log"), "-c", join(prefix, "nginx.conf")];
  const log = () => readFile(join(prefix, "error.log"), "utf8").catch(() => "");
  await run(nginxPath, [...args, "-t"]).catch(async (error: { stderr?: string }) => {
    throw new Error(`nginx rejected the config:\n${error.stderr ?? ""}\n${site}`);
  });
  const child = spawn(nginxPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  await waitForPort(httpsPort, child, async () => `${stderr}${await log()}`);
  await waitForPort(httpPort, child, async () => `${stderr}${await log()}`);
  return {
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    httpsPort,
    ca: await readFile(cert),
    config: site,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await exited;
      }
      await removeDir(prefix);
    },
  };
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** True when the TLS certificate was verified (against the test's own certificate). */
  verified: boolean;
}

/** One GET, no redirects followed; HTTPS verified against `ca`. */
export function get(url: string, ca?: Buffer): Promise<Response> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  return new Promise((done, fail) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      secure ? { ca, servername: "localhost", rejectUnauthorized: true } : {},
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body, verified: secure }));
      },
    );
    req.on("error", fail);
    req.end();
  });
}
