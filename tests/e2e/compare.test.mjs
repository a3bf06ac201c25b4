// Compare mode: the lab's three presets side by side (three region panels, three curves on
// one chart, a table), stepped by the one loop; the toggle button writes compare=1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

const ready = (page) =>
  page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");

async function runToEnd(page) {
  await page.getByTestId("run-to-end").click();
  await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 180_000 });
}

const cells = (page, id) => page.getByTestId(id).allTextContents();

test("initialization lab: three runs side by side end on the course's numbers", async (t) => {
  await withPage(t, { hash: "preset=init-he&compare=1" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    const runs = page.getByTestId("compare-run");
    assert.equal(await runs.count(), 3);
    for (let i = 0; i < 3; i++) assert.ok(await runs.nth(i).isVisible());
    assert.deepEqual(await runs.locator("figcaption").allTextContents(), ["Zeros", "Random ×10", "He"]);
    assert.ok(await page.getByTestId("chart").isVisible());
    assert.equal(await page.getByTestId("compare-toggle").getAttribute("aria-pressed"), "true");
    await runToEnd(page);
    assert.deepEqual(await cells(page, "compare-train"), ["50.0% (50.0% ✓)", "83.0% (83.0% ✓)", "99.3% (99.3% ✓)"]);
    assert.deepEqual(await cells(page, "compare-test"), ["50.0% (50.0% ✓)", "86.0% (86.0% ✓)", "96.0% (96.0% ✓)"]);
    // Zero weights never break symmetry: the status line names that run.
    assert.equal(
      await page.getByTestId("status").textContent(),
      "Done: all three runs finished. Learning has stopped in Zeros: every weight's gradient is exactly 0.",
    );
    await screenshot(page, "compare-initialization-desktop");
  });
});

test("compare mode carries the user's changes (here lr and iters) into all three runs", async (t) => {
  await withPage(t, { hash: "preset=init-he&lr=0.05&iters=300&compare=1" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    const runs = page.getByTestId("compare-run");
    assert.deepEqual(await runs.locator("figcaption").allTextContents(), ["Zeros", "Random ×10", "He"]);
    await runToEnd(page);
    assert.deepEqual(await cells(page, "compare-iteration"), ["300", "300", "300"]);
    // Not the course's runs any more: no course numbers to tick.
    for (const c of await cells(page, "compare-train")) assert.doesNotMatch(c, /✓/);
  });
});

test("the toggle turns compare mode on and off through the link", async (t) => {
  await withPage(t, { hash: "preset=reg-l2" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    assert.ok(await page.getByTestId("compare").isHidden());
    await page.getByTestId("compare-toggle").click();
    assert.equal(await page.evaluate(() => location.hash), "#preset=reg-l2&compare=1");
    assert.equal(await page.getByTestId("compare-run").count(), 3);
    assert.deepEqual(
      await page.getByTestId("compare-run").locator("figcaption").allTextContents(),
      ["None", "L2", "Dropout"],
    );
    await page.getByTestId("step-1000").click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="compare-cost"]')].every((c) => c.textContent !== "—"),
    );
    assert.equal((await cells(page, "compare-cost")).length, 3);
    await screenshot(page, "compare-regularization-desktop");
    await page.getByTestId("compare-toggle").click();
    assert.equal(await page.evaluate(() => location.hash), "#preset=reg-l2");
    assert.ok(await page.getByTestId("compare").isHidden());
  });
});

test("regression: the compare table's caption and headers name the losses, not accuracy", async (t) => {
  await withPage(t, { hash: "data=plane&problem=regression&n=60&iters=200&compare=1" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await runToEnd(page);
    const header = (id) => page.getByTestId(id).textContent();
    const words = [
      await header("compare-caption"),
      await header("compare-col-train"),
      await header("compare-col-test"),
      await header("compare-col-gap"),
    ];
    for (const w of words) assert.doesNotMatch(w, /accura/i, w);
    assert.match(words[0], /^Loss of the three runs/);
    assert.deepEqual(words.slice(1), ["train loss", "test loss", "gap (test − train)"]);
    // The cells are losses (numbers), not percentages.
    for (const c of await cells(page, "compare-train")) {
      assert.match(c, /^\d/);
      assert.doesNotMatch(c, /%/);
    }
    await screenshot(page, "compare-regression-desktop");
  });
  // And back to classification: the accuracy headers again.
  await withPage(t, { hash: "preset=init-he&iters=10&compare=1" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await page.getByTestId("step-1000").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-train"]')?.textContent.includes("%"));
    assert.match(await page.getByTestId("compare-caption").textContent(), /^Accuracy of the three runs/);
    assert.equal(await page.getByTestId("compare-col-train").textContent(), "train");
  });
});

test("compare mode on a phone: no horizontal scroll", async (t) => {
  await withPage(t, { viewport: { width: 390, height: 844 }, hash: "preset=init-he&compare=1&play=1" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="compare-cost"]')?.textContent) > 0);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
    await screenshot(page, "compare-initialization-phone");
  });
});

test("paused, the three panels are painted once at start and again only when their runs change", async (t) => {
  await withPage(t, { goto: false, fresh: true }, async (page, { origin }) => {
    // Counts the paints of compare mode's region canvases: each starts with one fill of the
    // whole canvas (the points and axes are drawn into a layer, not on the canvas).
    await page.addInitScript(() => {
      window.comparePaints = 0;
      const fillRect = CanvasRenderingContext2D.prototype.fillRect;
      CanvasRenderingContext2D.prototype.fillRect = function (x, y, w, h) {
        const whole = x === 0 && y === 0 && w === this.canvas.width && h === this.canvas.height;
        if (whole && this.canvas.closest?.('[data-testid="compare"]')) window.comparePaints += 1;
        return fillRect.call(this, x, y, w, h);
      };
    });
    await page.goto(`${origin}/#preset=init-he&compare=1`, { waitUntil: "load" });
    await wasmReady(page);
    await ready(page);
    const paints = async () => {
      await page.waitForSelector('#stage[data-idle="true"]');
      return page.evaluate(() => window.comparePaints);
    };
    assert.equal(await paints(), 3, "one paint per run while the page boots");
    await page.evaluate(() => window.nnlab.pause());
    assert.equal(await paints(), 3, "a redraw with nothing new paints none");
    await page.getByTestId("step-10").click();
    assert.equal(await paints(), 6, "ten iterations on: each run painted again");
    assert.deepEqual(await cells(page, "compare-iteration"), ["10", "10", "10"]);
    // Another language: the table's words follow (the runs are repainted with it).
    await page.evaluate(() => window.nnlab.setQuery("preset=init-he&compare=1&lang=zh"));
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await paints();
    assert.match(await page.locator(".compare-stats").first().textContent(), /训练/);
  });
});
