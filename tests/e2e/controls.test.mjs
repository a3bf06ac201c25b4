// Controls ↔ link: every change rebuilds the lab and rewrites the hash with the engine's
// canonical query; editing the hash reloads; a bad value or link shows the engine's
// message (naming key and value) and the page keeps working; a copied link reproduces
// the run exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

const text = (page, id) => page.getByTestId(id).textContent();
const hash = (page) => page.evaluate(() => location.hash);
const ready = (page) =>
  page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");

/** Clicks a step button and waits for the frame that shows iteration `expected`. */
async function step(page, n, expected) {
  await page.getByTestId(`step-${n}`).click();
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="iteration"]').textContent === want,
    String(expected),
  );
}

async function setField(page, key, value) {
  const input = page.getByTestId(`key-${key}`);
  await input.fill(value);
  await input.press("Enter");
}

test("changing a control updates the URL hash", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await setField(page, "lr", "0.02");
    await page.waitForFunction(() => location.hash === "#preset=init-he&lr=0.02");
    await page.getByTestId("key-data").selectOption("moons");
    await page.waitForFunction(() => location.hash === "#preset=init-he&data=moons&lr=0.02");
    await page.getByTestId("add-layer").click();
    assert.equal(await hash(page), "#preset=init-he&data=moons&layers=10,5,5&lr=0.02");
    await page.getByRole("button", { name: "one unit more in layer 1" }).click();
    assert.equal(await hash(page), "#preset=init-he&data=moons&layers=11,5,5&lr=0.02");
    await page.getByTestId("show-test").check();
    assert.match(await hash(page), /&showTest=1$/);
    await page.getByTestId("log-cost").check();
    assert.match(await hash(page), /&showTest=1&logCost=1$/);
    await page.getByTestId("new-data").click();
    assert.match(await hash(page), /&dataSeed=\d+&/);
    await page.getByTestId("new-seed").click();
    assert.match(await hash(page), /&seed=\d+&/);
    // A value equal to the preset's disappears from the canonical link.
    await setField(page, "lr", "0.01");
    assert.doesNotMatch(await hash(page), /lr=/);
    // Back to the course's recorded points.
    await page.getByTestId("key-data").selectOption("circles");
    await page.getByTestId("course-data").click();
    assert.doesNotMatch(await hash(page), /dataSeed/);
    await screenshot(page, "controls-edited");
  });
});

test("view toggles keep the run going; other changes restart it", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await step(page, 100, 100);
    await page.getByTestId("show-test").check();
    await page.getByTestId("log-cost").check();
    assert.equal(await hash(page), "#preset=init-he&showTest=1&logCost=1");
    await step(page, 10, 110);
    await page.getByTestId("compare-toggle").click();
    await page.getByTestId("compare-toggle").click();
    assert.equal(await hash(page), "#preset=init-he&showTest=1&logCost=1");
    await step(page, 10, 120);
    await setField(page, "lr", "0.02");
    await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === "0");
  });
});

test("editing the hash reloads the lab", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await page.evaluate(() => (location.hash = "#preset=reg-l2&lr=0.1"));
    await page.waitForFunction(() => document.querySelector("#intro-title").textContent.includes("Regularization"));
    assert.equal(await page.getByTestId("key-data").inputValue(), "football");
    assert.equal(await page.getByTestId("key-lr").inputValue(), "0.1");
    assert.equal(await page.getByTestId("key-lambda").inputValue(), "0.7");
    // A non-canonical hash is rewritten canonically.
    await page.evaluate(() => (location.hash = "#lr=0.5&preset=init-zeros&foo=1"));
    await page.waitForFunction(() => location.hash === "#preset=init-zeros&lr=0.5");
    assert.match(await text(page, "warnings"), /foo=1: unknown key/);
    // A refused link: only its message shows, not the warnings of the link before it.
    await page.evaluate(() => (location.hash = "#preset=init-he&lr=abc"));
    await page.getByTestId("error").waitFor();
    assert.match(await text(page, "error"), /lr=abc/);
    assert.equal(await page.getByTestId("warnings").isHidden(), true);
    assert.equal(await text(page, "warnings"), "");
  });
});

test("a bad value shows the key and value and keeps the previous lab", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await setField(page, "lr", "abc");
    await page.getByTestId("error").waitFor();
    assert.match(await text(page, "error"), /lr=abc/);
    assert.equal(await hash(page), "#preset=init-he");
    assert.equal(await page.getByTestId("key-lr").getAttribute("aria-invalid"), "true");
    await step(page, 10, 10);
    // A bad hash: message, the lab keeps running.
    await page.evaluate(() => (location.hash = "#preset=init-he&keep=7"));
    await page.waitForFunction(() => document.querySelector('[data-testid="error"]').textContent.includes("keep=7"));
    await step(page, 10, 20);
    // A good edit clears the message.
    await setField(page, "lr", "0.03");
    await page.waitForFunction(() => document.querySelector('[data-testid="error"]').hidden);
  });
});

test("a bad link on load shows the message and a working default lab", async (t) => {
  await withPage(t, { hash: "preset=init-he&layers=10,abc" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    assert.match(await text(page, "error"), /layers=10,abc/);
    assert.ok(await page.getByTestId("regions").isVisible());
    await step(page, 100, 100);
    assert.notEqual(await text(page, "cost"), "—");
    await screenshot(page, "controls-bad-link");
  });
});

test("a copied link opened in a new page gives the same cost after N steps", async (t) => {
  let link;
  let cost;
  await withPage(t, { hash: "preset=init-he", fresh: true }, async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await wasmReady(page);
    await ready(page);
    await page.getByTestId("key-data").selectOption("spiral");
    await page.getByTestId("new-data").click();
    await page.getByTestId("new-seed").click();
    await setField(page, "lr", "0.05");
    await page.getByTestId("copy-link").click();
    await page.waitForFunction(() => document.querySelector("#copied").textContent !== "");
    link = await page.evaluate(() => navigator.clipboard.readText().catch(() => ""));
    if (!link) link = await page.getByTestId("link-output").inputValue();
    assert.equal(link, await page.evaluate(() => location.href));
    for (let k = 1; k <= 3; k++) await step(page, 100, 100 * k);
    cost = await text(page, "cost");
  });
  await withPage(t, { goto: false }, async (page) => {
    await page.goto(link);
    await wasmReady(page);
    await ready(page);
    await step(page, 1000, 1000);
    await page.getByTestId("reset").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === "0");
    for (let k = 1; k <= 3; k++) await step(page, 100, 100 * k);
    assert.equal(await text(page, "cost"), cost);
  });
});

test("keyboard: Space plays and pauses, → steps, focus is visible", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === "1");
    await page.keyboard.press(" ");
    assert.equal(await page.getByTestId("play").getAttribute("aria-pressed"), "true");
    await page.keyboard.press(" ");
    assert.equal(await page.getByTestId("play").getAttribute("aria-pressed"), "false");
    await page.getByTestId("play").focus();
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, "solid");
  });
});
