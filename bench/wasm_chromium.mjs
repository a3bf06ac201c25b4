// Chromium runner: node bench/wasm_chromium.mjs PKG_DIR RUNS CASE...
// PKG_DIR holds `wasm-bindgen --target web` output. Serves it (as /pkg/) and
// this folder (as /bench/) on 127.0.0.1, opens bench/wasm_page.html in headless
// Chromium, launched as the end-to-end tests launch it (tests/e2e/chromium.mjs:
// playwright-core from tests/node_modules, /usr/bin/chromium), and prints the
// page's results, one JSON line per case.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../tests/e2e/chromium.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

const [pkgDir, runs, ...cases] = process.argv.slice(2);
const roots = { "/pkg/": path.resolve(pkgDir), "/bench/": here };
const MIME = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  for (const [prefix, dir] of Object.entries(roots)) {
    if (url.pathname.startsWith(prefix)) {
      const file = path.join(dir, path.normalize(url.pathname.slice(prefix.length)));
      if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;

// For profiling, e.g. NNLAB_CHROMIUM_ARGS="--single-process --js-flags=--perf-prof"
const browser = await launchChromium((process.env.NNLAB_CHROMIUM_ARGS ?? "").split(" ").filter(Boolean));
let failed = false;
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`http://127.0.0.1:${port}/bench/wasm_page.html?runs=${runs}&cases=${cases.join(",")}`);
  await page.waitForFunction(() => window.benchDone, null, { timeout: 0 });
  const done = await page.evaluate(() => window.benchDone);
  for (const o of await page.evaluate(() => window.benchResults)) console.log(JSON.stringify(o));
  if (done !== "ok") {
    console.error(done);
    failed = true;
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
