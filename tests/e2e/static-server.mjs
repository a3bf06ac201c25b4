// A tiny static file server on 127.0.0.1 and a free port, shared by the end-to-end harness
// (harness.mjs) and the page bench (bench/page_chromium.mjs). GET/HEAD only; "/" and folders
// serve index.html; nothing outside `root`. `headers` are added to every answer (the harness
// sends "cache-control: no-store"); `{ gzip: true }` compresses answers for clients that
// accept it, as a static host does (the Lighthouse bench, bench/lighthouse.mjs).

import fsp from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".ftl": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** Serves `root`; resolves to { origin, close }. */
export async function serveDir(root, headers = {}, { gzip = false } = {}) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      const compress = gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const encoding = compress ? { "content-encoding": "gzip", vary: "accept-encoding" } : {};
      res.writeHead(status, { "content-type": type, ...encoding, ...headers });
      res.end(req.method === "HEAD" ? undefined : compress ? zlib.gzipSync(body) : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, "bad path");
    }
    let file = path.resolve(base, "." + path.posix.normalize(rel));
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, "forbidden");
    try {
      if ((await fsp.stat(file)).isDirectory()) file = path.join(file, "index.html");
      const body = await fsp.readFile(file);
      send(200, body, MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream");
    } catch {
      send(404, `not found: ${rel}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
