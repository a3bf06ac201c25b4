// Walking skeleton: the He initialization lab opens from its link, trains by itself in
// requestAnimationFrame, paints changing decision regions and a falling cost, and ends on
// the course's accuracies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

/** A fingerprint of the region canvas's pixels (read back through getImageData). */
function regionPixels(page, selector = '[data-testid="regions"]') {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      hash = Math.imul(hash ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16)), 16777619);
    }
    return `${canvas.width}x${canvas.height}:${(hash >>> 0).toString(16)}`;
  }, selector);
}

const text = (page, id) => page.getByTestId(id).textContent();
const iteration = async (page) => Number(await text(page, "iteration"));
/** The iteration the region canvas was last painted at, read from its label, if it is past
 *  `after`, else null (while training, a slow paint is skipped on some frames, so the counter can
 *  run ahead of the picture). */
const paintedPast = (after) => {
  const label = document.querySelector('[data-testid="regions"]').getAttribute("aria-label");
  const at = Number(/\d+/.exec(label)?.[0]);
  return at > after ? at : null;
};

test("init-he link trains by itself and ends on the course's numbers", async (t) => {
  await withPage(t, { hash: "preset=init-he&play=1" }, async (page) => {
    await wasmReady(page);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="iteration"]').textContent) > 0,
    );
    const first = {
      it: await iteration(page),
      cost: Number(await text(page, "cost")),
      painted: await page.evaluate(paintedPast, -1),
      px: await regionPixels(page),
    };
    assert.ok(Number.isFinite(first.cost), `cost shows a number: ${first.cost}`);
    assert.ok(Number.isInteger(first.painted), "the region canvas's label names the iteration it shows");
    // Wait for a later paint of the regions, 1500 iterations on.
    await page.waitForFunction(paintedPast, first.painted + 1500);
    const later = { it: await iteration(page), cost: Number(await text(page, "cost")), px: await regionPixels(page) };
    assert.ok(later.it > first.it, "the iteration counter advances");
    assert.ok(later.cost < first.cost, `the cost decreases: ${first.cost} -> ${later.cost}`);
    assert.notEqual(later.px, first.px, "the decision regions change");
    await screenshot(page, "skeleton-he-training");

    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 60_000 });
    assert.equal(await iteration(page), 15000);
    assert.equal(await page.getByTestId("status").textContent(), "Done: 15000 iterations.");
    assert.equal(await text(page, "train-accuracy"), "99.3%");
    assert.equal(await text(page, "test-accuracy"), "96.0%");
    assert.match(await text(page, "expected-train"), /99\.3%.*✓/);
    assert.match(await text(page, "expected-test"), /96\.0%.*✓/);
    // Hovering the cost curve shows the iteration and the cost (of the train or test curve).
    const box = await page.getByTestId("chart").boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tooltip = page.getByTestId("chart-tooltip");
    await tooltip.waitFor();
    assert.match(await tooltip.textContent(), /^(train|test) cost: iteration \d+ · cost \d/);
    // The canonical link is in the address bar.
    assert.equal(new URL(page.url()).hash, "#preset=init-he&play=1");
    await screenshot(page, "skeleton-he-done");
  });
});

test("canvases are drawn again at their new size when the window changes", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-idle="true"]');
    /** Each canvas's backing store and what its CSS box times the pixel ratio asks for. */
    const sizes = () =>
      page.evaluate(() =>
        ["regions", "chart"].map((id) => {
          const c = document.querySelector(`[data-testid="${id}"]`);
          const want = Math.round(c.getBoundingClientRect().width * (window.devicePixelRatio || 1));
          return { id, width: c.width, want };
        }),
      );
    const desktop = await sizes();
    for (const s of desktop) assert.equal(s.width, s.want, `${s.id} fits its box on the desktop`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="regions"]');
      return c.width === Math.round(c.getBoundingClientRect().width * (window.devicePixelRatio || 1));
    });
    await page.waitForSelector('#stage[data-idle="true"]');
    const phone = await sizes();
    for (const [i, s] of phone.entries()) {
      assert.equal(s.width, s.want, `${s.id} fits its box on the phone`);
      assert.notEqual(s.width, desktop[i].width, `${s.id} was drawn again at the phone's size`);
    }
  });
});

test("paused, the regions are painted again only when what they show changes", async (t) => {
  await withPage(t, { goto: false, fresh: true }, async (page, { origin }) => {
    // Counts the region canvas's paints: each sets its label, which names the iteration (even
    // to the same text; the page's words first set the canvas's name, without a number).
    await page.addInitScript(() => {
      window.regionPaints = 0;
      addEventListener("DOMContentLoaded", () => {
        const canvas = document.querySelector('[data-testid="regions"]');
        new MutationObserver((records) => {
          if (/\d/.test(canvas.getAttribute("aria-label"))) window.regionPaints += records.length;
        }).observe(canvas, { attributeFilter: ["aria-label"] });
      });
    });
    await page.goto(`${origin}/#preset=init-he`, { waitUntil: "load" });
    await wasmReady(page);
    const idle = () => page.waitForSelector('#stage[data-idle="true"]');
    const paints = async () => {
      await idle();
      return page.evaluate(() => window.regionPaints);
    };
    // The first frames give the other views their turns: the regions are painted once.
    assert.equal(await paints(), 1, "one paint while the page boots");
    const boot = await regionPixels(page);
    await page.getByTestId("step-10").click();
    assert.equal(await paints(), 2, "ten iterations on: painted again");
    // Pause (already paused) draws the frame again: the regions stay as they are.
    await page.evaluate(() => window.nnlab.pause());
    assert.equal(await paints(), 2, "the same picture is not painted again");
    // Trained, then reset: the starting picture again (a paint made while training is never
    // taken for the reset lab's).
    await page.getByTestId("play").click();
    await page.waitForFunction(() => Number(document.getElementById("iteration").textContent) > 300);
    await page.getByTestId("reset").click();
    await idle();
    assert.equal(await page.evaluate(paintedPast, -1), 0, "the label names iteration 0");
    assert.equal(await regionPixels(page), boot, "the reset lab's picture is the boot's");
    const before = await paints();
    await page.getByTestId("show-test").check();
    assert.equal(await paints(), before + 1, "the test points shown: painted again");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction((n) => window.regionPaints > n, before + 1);
  });
});
