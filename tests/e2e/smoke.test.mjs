// Smoke test: the built page loads, its wasm starts, and it shows the engine version.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { REPO, screenshot, wasmReady, withPage } from "./harness.mjs";

// The workspace version ([workspace.package] in Cargo.toml) is what the wasm reports.
function workspaceVersion() {
  const toml = fs.readFileSync(path.join(REPO, "Cargo.toml"), "utf8");
  const table = toml.split(/^\[workspace\.package\]\s*$/m)[1] ?? "";
  const m = table.match(/^version\s*=\s*"([^"]+)"/m);
  assert.ok(m, "Cargo.toml has [workspace.package] version");
  return m[1];
}

test("page loads and shows the version reported by wasm", async (t) => {
  await withPage(t, { viewport: { width: 1024, height: 640 } }, async (page) => {
    await wasmReady(page);
    const version = page.getByTestId("wasm-version");
    await page.waitForFunction(
      () => /^v\d/.test(document.querySelector('[data-testid="wasm-version"]')?.textContent ?? ""),
    );
    assert.equal(await version.textContent(), `v${workspaceVersion()}`);
    assert.equal(await page.evaluate(() => window.wasmBindings.version()), workspaceVersion());
    // #[wasm_bindgen(start)] ran in the page.
    assert.equal(await page.locator("html").getAttribute("data-nnlab-wasm"), "started");
    assert.equal(await page.title(), "nnlab");
    await screenshot(page, "smoke");
  });
});
