// The key table reaches the page once (wasm.keys()) and every key gets a control: a form
// field named by the key (data-testid=key-NAME), a control beside its view (data-key=NAME), or
// for a list (the hidden layers) the layers editor. A link written `#?key=value` reads like
// `#key=value` (one parser, the core's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { wasmReady, withPage } from "./harness.mjs";

const ready = (page) =>
  page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");

test("every key of the engine's table has a control on the page", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    const found = await page.evaluate(() =>
      window.wasmBindings.keys().map((k) => {
        const field = document.querySelector(`[data-testid="key-${k.name}"]`);
        const beside = document.querySelector(`[data-key="${k.name}"]`);
        const list = k.kind === "list" ? document.querySelector(`[data-field="${k.name}"] [data-testid="layers"]`) : null;
        const label = document.querySelector(
          `[data-field="${k.name}"] label, [data-field="${k.name}"] .field-label, [data-key-label="${k.name}"]`,
        );
        return { name: k.name, kind: k.kind, label: k.label, control: !!(field || beside || list), shown: label?.textContent ?? null };
      }),
    );
    assert.ok(found.length >= 20, `${found.length} keys`);
    for (const k of found) {
      assert.ok(k.control, `${k.name} has no control`);
      // Every control, in the form or beside its view, carries the table's label.
      assert.equal(k.shown, k.label, k.name);
    }
    assert.ok(found.some((k) => k.kind === "list"), "the layers are a list key");
  });
});

test("a link with '#?' opens like one with '#'", async (t) => {
  await withPage(t, { hash: "?layers=64,64&data=xor" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await page.waitForFunction(() => location.hash === "#data=xor&layers=64,64");
    assert.equal(await page.getByTestId("key-data").inputValue(), "xor");
    assert.equal(await page.getByTestId("layer-2").locator("output").textContent(), "64");
    assert.doesNotMatch(await page.getByTestId("warnings").textContent(), /unknown key/);
  });
});
