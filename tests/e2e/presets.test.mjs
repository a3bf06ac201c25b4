// Every training preset's link runs to its end (the "Run to end" button) and shows the
// course's accuracies, with a ✓ beside each expected value. Also: one click on a preset
// button loads it and starts training; screenshots of each lab on desktop and phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// The course's printed accuracies (shared/reference), as the page formats them.
const COURSE = [
  ["init-zeros", "50.0%", "50.0%"],
  ["init-random", "83.0%", "86.0%"],
  ["init-he", "99.3%", "96.0%"],
  ["reg-none", "94.8%", "91.5%"],
  ["reg-l2", "93.8%", "93.0%"],
  ["reg-dropout", "92.9%", "95.0%"],
];

const text = (page, id) => page.getByTestId(id).textContent();

async function runToEnd(page) {
  await page.getByTestId("run-to-end").click();
  await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 120_000 });
}

for (const [preset, train, testAcc] of COURSE) {
  test(`${preset} runs to the course's accuracies`, async (t) => {
    await withPage(t, { viewport: DESKTOP, hash: `preset=${preset}&play=1` }, async (page) => {
      await wasmReady(page);
      await page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");
      const started = Date.now();
      await runToEnd(page);
      const seconds = (Date.now() - started) / 1000;
      t.diagnostic(`${preset}: ran to the end in ${seconds.toFixed(1)} s`);
      assert.equal(await text(page, "train-accuracy"), train);
      assert.equal(await text(page, "test-accuracy"), testAcc);
      assert.equal(await text(page, "expected-train"), `course ${train} ✓`);
      assert.equal(await text(page, "expected-test"), `course ${testAcc} ✓`);
      if (preset === "init-random") {
        // The course's first cost is inf: the page says ∞ and explains it.
        const firstCost = await page.evaluate(() => window.nnlab.lab().snapshot().firstCostText);
        assert.equal(firstCost, "∞");
      }
      await screenshot(page, `preset-${preset}-desktop`);
    });
  });
}

test("init-random shows ∞ and why at iteration 0", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "preset=init-random" }, async (page) => {
    await wasmReady(page);
    await page.getByTestId("step-1").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === "1");
    assert.equal(await text(page, "cost"), "∞");
    const note = page.getByTestId("cost-note");
    await note.waitFor();
    assert.match(await note.textContent(), /log 0/);
    await screenshot(page, "preset-init-random-infinite-cost");
  });
});

test("a preset button loads the course configuration and starts training", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await page.getByTestId("preset-reg-l2").click();
    await page.waitForFunction(() => location.hash === "#preset=reg-l2&play=1");
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="iteration"]').textContent) > 0,
    );
    assert.equal(await page.getByTestId("preset-reg-l2").getAttribute("aria-pressed"), "true");
    assert.match(await page.locator("#intro-title").textContent(), /Regularization/);
    assert.equal(await page.getByTestId("key-lambda").inputValue(), "0.7");
  });
});

test("a diverging run says so, stops and offers reset", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "data=moons&lr=1000&layers=64,64,64,64&play=1" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('[data-testid="status"][data-state="diverged"]');
    assert.match(await text(page, "status"), /diverged at iteration \d+/);
    assert.equal(await page.getByTestId("play").textContent(), "Play");
    assert.ok(await page.getByTestId("play").isDisabled());
    assert.match((await page.getByTestId("reset").getAttribute("class")) ?? "", /attention/);
    await page.getByTestId("reset").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === "0");
  });
});

// One screenshot per lab and viewport; the phone has no horizontal scrolling.
for (const [lab, hash] of [
  ["initialization", "preset=init-he&showTest=1"],
  ["regularization", "preset=reg-dropout&showTest=1"],
  ["gradcheck", "preset=gradcheck"],
]) {
  for (const [name, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ]) {
    test(`${lab} lab on ${name}`, async (t) => {
      await withPage(t, { viewport, hash }, async (page) => {
        await wasmReady(page);
        await page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");
        if (lab !== "gradcheck") await runToEnd(page);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth, `no horizontal scroll: ${scrollWidth} > ${innerWidth}`);
        await screenshot(page, `lab-${lab}-${name}`);
      });
    });
  }
}

test("the gradient-check preset opens paused and its link says so (the core decides play)", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "preset=init-he&play=1" }, async (page) => {
    await wasmReady(page);
    await page.getByTestId("preset-gradcheck").click();
    await page.waitForFunction(() => location.hash === "#preset=gradcheck");
    assert.equal(await page.getByTestId("play").textContent(), "Play");
    assert.equal(await page.locator("#intro-title").textContent(), "Gradient checking");
    assert.equal(await page.getByTestId("preset-gradcheck").textContent(), "Check backprop");
    assert.ok(await page.getByTestId("compare-toggle").isDisabled());
    // Headings, labels, status lines and the ∞ note are the engine's words, set as they come.
    const s = await page.evaluate(() => window.nnlab.lab().snapshot());
    assert.equal(await text(page, "status"), s.statusText);
    await page.getByTestId("preset-init-he").click();
    await page.waitForFunction(() => location.hash === "#preset=init-he&play=1");
    assert.equal(await page.getByTestId("play").textContent(), "Pause");
    assert.equal(await page.locator("#intro-title").textContent(), "Initialization — He");
    assert.ok(!(await page.getByTestId("compare-toggle").isDisabled()));
  });
});

test("the ∞ note and the status line are the engine's sentences", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "preset=init-random" }, async (page) => {
    await wasmReady(page);
    await page.getByTestId("step-1").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]').textContent === "1");
    const s = await page.evaluate(() => window.nnlab.lab().snapshot());
    assert.equal(await text(page, "cost-note"), s.costNote);
    assert.equal(await text(page, "status"), s.statusText);
  });
});
