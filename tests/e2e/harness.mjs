// Browser end-to-end test harness for nnlab (node:test + playwright-core + /usr/bin/chromium).
//
// Usage in tests/e2e/<name>.test.mjs:
//
//   import { test } from "node:test";
//   import assert from "node:assert/strict";
//   import { withPage, screenshot } from "./harness.mjs";
//
//   test("shows the engine version", async (t) => {
//     await withPage(t, { viewport: { width: 1280, height: 800 }, hash: "" }, async (page) => {
//       await page.getByTestId("wasm-version").waitFor();
//       await screenshot(page, "smoke");
//     });
//   });
//
// What it does for every withPage():
// - serves dist/ (the `cargo xtask dist` output) from a tiny static server on
//   127.0.0.1 and a free port (one server and one Chromium per test file, closed at the end);
// - opens the page in a browser context of its own, kept for the file's later tests that
//   ask for the same touch screen and locale: such a test gets the page back after a trip to
//   an empty page (a fresh document, fresh wasm), which costs a third of the CPU of a new
//   context and renderer (measured: 0.7 s instead of 2.2 s per page load). The page keeps
//   nothing else that tests change (no cookies, no storage written). A test that changes
//   the page or its context beyond its document (page.route, addInitScript, permissions,
//   CDP sessions, other pages) passes `fresh: true` and gets a context of its own, closed
//   after it; so does the next test after a failure;
// - FAILS the test on any uncaught page error, any console.error, any HTTP status >= 400 and
//   any request outside the server's origin (data: and blob: are allowed; others are aborted);
// - on a failure, saves tests/artifacts/<test name>-failure.png.
//
// `cargo xtask test` builds dist/ first and then runs `node --test tests/e2e/*.test.mjs`.
// By hand: `cargo xtask dist && node --test tests/e2e/*.test.mjs` (from the repo root).
// Environment: NNLAB_DIST (default <repo>/dist), CHROMIUM (default /usr/bin/chromium).

import { after } from "node:test";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { serveDir } from "./static-server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, "../..");
export const DIST = path.resolve(process.env.NNLAB_DIST ?? path.join(REPO, "dist"));
export const ARTIFACTS = path.join(REPO, "tests", "artifacts");
export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

/**
 * Serves `root` on 127.0.0.1 and a free port. Resolves to { origin, close }.
 * GET/HEAD only; "/" and folders serve index.html; no caching; nothing outside `root`.
 */
export function startServer(root = DIST) {
  return serveDir(root, { "cache-control": "no-store" });
}

// One server and one browser per test file (node --test runs each file in its own process).
let shared = null;
async function sharedFixtures() {
  if (!shared) {
    shared = (async () => {
      if (!fs.existsSync(path.join(DIST, "index.html"))) {
        throw new Error(
          `${path.join(DIST, "index.html")} is missing: run \`cargo xtask dist\` ` +
            "first (`cargo xtask test` does)",
        );
      }
      const server = await startServer(DIST);
      const browser = await launchChromium();
      return { server, browser };
    })();
  }
  return shared;
}
after(async () => {
  if (!shared) return;
  const { server, browser } = await shared.catch(() => ({}));
  await browser?.close();
  await server?.close();
});

function slug(name) {
  return (
    String(name)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "page"
  );
}

/** Saves a full-page PNG to tests/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${slug(name)}.png`);
  // The whole page, as printed: the diagram paints its lines off screen only then.
  await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** In the page (`page.evaluate(canvasInk, testid)`): the share of the pixels of the canvas
 *  `[data-testid=testid]` that are not transparent (0: nothing painted). */
export function canvasInk(testid) {
  const c = document.querySelector(`[data-testid="${testid}"]`);
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n / (d.length / 4);
}

/** Resolves to true once the page's wasm module is initialised (window.wasmBindings is set). */
export async function wasmReady(page, timeout = 30_000) {
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout });
  return true;
}

function allowedUrl(url, origin) {
  return url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === origin;
}

/**
 * Runs `fn(page, { origin, problems })` on a page of the built site.
 *
 * options:
 *   viewport   { width, height } (default 1280x800)
 *   path       URL path to open (default "/")
 *   hash       URL fragment, with or without "#" (default none)
 *   goto       false to open nothing (fn navigates itself with `origin`)
 *   allow      array of RegExp: console errors / page errors matching one are not failures
 *   hasTouch   true for a touch screen (page.touchscreen; pointer events of type "touch")
 *   locale     the browser's language (navigator.language), e.g. "zh-CN" (default: Chromium's)
 *   fresh      true for a context of its own (see the file's head), closed after the test
 *
 * Fails the test (throws) on any recorded problem, after `fn` finished.
 */
export async function withPage(t, options, fn) {
  if (typeof options === "function") [options, fn] = [{}, options];
  const { viewport = DEFAULT_VIEWPORT, path: pagePath = "/", hash = "", goto = true } = options;
  const allow = options.allow ?? [];
  const { server, browser } = await sharedFixtures();
  const { origin } = server;
  const problems = [];
  const note = (text) => {
    if (!allow.some((re) => re.test(text))) problems.push(text);
  };
  const held = await pageFor(browser, origin, options);
  held.note = note;
  const { page } = held;
  if (held.used) {
    await page.mouse.move(0, 0); // no hover carried into the next document
    // An empty page of the site's own origin (about:blank would be another address space,
    // whose frames Chromium's local-network checks keep from loading the site).
    await page.goto(`${origin}${BLANK}`);
  }
  held.used = true;
  const size = page.viewportSize();
  if (size?.width !== viewport.width || size?.height !== viewport.height) {
    await page.setViewportSize(viewport);
  }
  const listeners = {
    pageerror: (err) => note(`page error: ${err.stack ?? err}`),
    console: (msg) => {
      if (msg.type() !== "error") return;
      const { url, lineNumber } = msg.location();
      note(`console.error: ${msg.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    },
    response: (res) => {
      if (res.status() >= 400) note(`HTTP ${res.status()} for ${res.url()}`);
    },
    crash: () => note("the page crashed"),
  };
  for (const [event, listener] of Object.entries(listeners)) page.on(event, listener);

  let failed = true;
  try {
    if (goto) {
      const fragment = hash ? `#${String(hash).replace(/^#/, "")}` : "";
      await page.goto(`${origin}${pagePath}${fragment}`, { waitUntil: "load" });
    }
    await fn(page, { origin, problems });
    failed = problems.length > 0;
    if (failed) {
      await screenshot(page, `${t?.name ?? "page"}-failure`).catch(() => {});
    }
  } catch (err) {
    await screenshot(page, `${t?.name ?? "page"}-failure`).catch(() => {});
    if (problems.length) err.message += `\n\nbrowser problems:\n  ${problems.join("\n  ")}`;
    throw err;
  } finally {
    for (const [event, listener] of Object.entries(listeners)) page.off(event, listener);
    held.note = null;
    if (failed || options.fresh) await release(held);
  }
  if (problems.length) {
    throw new Error(`browser problems during "${t?.name ?? "page"}":\n  ${problems.join("\n  ")}`);
  }
}

// The kept page's stop between two tests: the harness answers it (no file of dist/).
const BLANK = "/__harness-blank__";

// The kept pages of this file, by touch screen and locale (see the file's head).
const kept = new Map();

/** A page for `options`: a kept one, or a new context's (kept unless `options.fresh`). */
async function pageFor(browser, origin, options) {
  const hasTouch = options.hasTouch ?? false;
  const key = JSON.stringify([hasTouch, options.locale ?? null]);
  if (!options.fresh && kept.has(key)) return kept.get(key);
  const context = await browser.newContext({
    viewport: options.viewport ?? DEFAULT_VIEWPORT,
    deviceScaleFactor: 1,
    serviceWorkers: "block",
    hasTouch,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  context.setDefaultTimeout(30_000);
  const held = { context, page: null, used: false, note: null, key: options.fresh ? null : key };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === `${origin}${BLANK}`) {
      return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" });
    }
    if (allowedUrl(url, origin)) return route.continue();
    held.note?.(`request outside ${origin}: ${url}`);
    return route.abort("blockedbyclient");
  });
  held.page = await context.newPage();
  if (held.key) kept.set(held.key, held);
  return held;
}

/** Closes `held`'s context; the next test asking for its options gets a new one. */
async function release(held) {
  if (held.key && kept.get(held.key) === held) kept.delete(held.key);
  await held.context.close().catch(() => {});
}
