/**
 * A minimal static host on loopback, behaving like Netlify or nginx for our purposes:
 * directory index, and the site's 404.html with status 404 for unknown paths.
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

async function resolveFile(root: string, pathname: string): Promise<string | null> {
  const path = normalize(join(root, decodeURIComponent(pathname)));
  if (!path.startsWith(root)) return null;
  for (const candidate of [path, join(path, "index.html")]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

/** Serves `root` at `base` ("/" or a sub-path such as "/newsroom/", as GitHub Pages would). */
export async function serveStatic(root: string, base = "/"): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    const inBase = pathname.startsWith(base) || `${pathname}/` === base;
    const file = inBase ? await resolveFile(root, `/${pathname.slice(base.length)}`) : null;
    if (file) {
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(await readFile(file));
      return;
    }
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(await readFile(join(root, "404.html")).catch(() => "Not found"));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server did not bind");
  return {
    url: `http://127.0.0.1:${address.port}`,
    // The browser keeps its sockets to a site open (kept alive, or opened ahead of a request
    // that never came), and close() alone waits for them: once hung a test for ten minutes.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
