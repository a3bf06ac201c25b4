// The one-file lab (dist/nnlab.html, `cargo xtask dist`): opened from disk (file://) with
// networking disabled, it loads with no request at all, under its strict CSP (hashes, no
// 'unsafe-inline'), plays the He preset to the course's accuracies and switches to Chinese
// (both languages' catalogues are inline; the site fetches only the page's).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, screenshot } from "./harness.mjs";
import { launchChromium } from "./chromium.mjs";

const FILE = path.join(DIST, "nnlab.html");
let browser;
after(() => browser?.close());

test("dist/nnlab.html works from disk with no network", async () => {
  assert.ok(fs.existsSync(FILE), `${FILE} is missing: run \`cargo xtask dist\``);
  const html = fs.readFileSync(FILE, "utf8");
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? "";
  assert.match(csp, /script-src 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/, csp);
  assert.match(csp, /style-src( 'sha256-[A-Za-z0-9+/=]+')+;/, csp);
  const scripts = csp.split(";").find((d) => d.trim().startsWith("script-src"));
  assert.doesNotMatch(scripts, /unsafe-inline|'unsafe-eval'|data:|'self'/, scripts);
  assert.doesNotMatch(csp, /unsafe-inline/, csp);
  assert.doesNotMatch(html, /\b(src|href)="(?!data:|#)[^"]+"/, "no reference to another file");

  browser = await launchChromium();
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 800 } });
  const problems = [];
  const requests = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    requests.push(url);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(e.violatedDirective));
  });
  try {
    await page.goto(`${pathToFileURL(FILE).href}#preset=init-he&play=1`);
    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 60_000 });
    assert.equal(await page.getByTestId("iteration").textContent(), "15000");
    assert.equal(await page.getByTestId("train-accuracy").textContent(), "99.3%");
    assert.equal(await page.getByTestId("test-accuracy").textContent(), "96.0%");
    assert.match(await page.getByTestId("expected-train").textContent(), /99\.3%.*✓/);
    await screenshot(page, "offline-he-done");
    await page.getByTestId("lang-switch").selectOption("zh");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.match(await page.getByTestId("play").textContent(), /训练/);
    assert.equal(await page.getByTestId("iteration").textContent(), "15000", "the run kept");
    // The tools' module (QR code, NumPy export) is in the file too.
    await page.getByTestId("share-open").click();
    await page.getByTestId("share-qr").waitFor();
    await page.getByTestId("share-close").click();
    const script = await page.evaluate(async () => (await window.nnlabTools()).python(window.nnlab.query()));
    assert.ok(script.startsWith("#!/usr/bin/env python3\n\"\"\"nnlab, as a NumPy script: preset=init-he"), script.slice(0, 80));
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], "CSP violations");
  } finally {
    await context.close();
  }
  assert.deepEqual(requests, [], "requests outside the file");
  assert.deepEqual(problems, [], "browser problems");
});
