// The gradient-check panel, the network diagram and the exports, in the built page.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { canvasInk, screenshot, wasmReady, withPage } from "./harness.mjs";

const COURSE_CORRECT = "1.1890913024229996e-07";
const COURSE_BUGS = "0.2850931567761623";

async function ready(page) {
  await wasmReady(page);
  await page.waitForFunction(() => document.getElementById("stage")?.dataset.ready === "true");
}

const difference = (page) => page.getByTestId("gradcheck-difference").textContent();

/** Polls the shown difference until `ok(text)` (no eval in the page: the CSP forbids it). */
async function waitForDifference(page, ok, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  let text = "";
  while (Date.now() < end) {
    text = (await page.getByTestId("gradcheck-difference").textContent().catch(() => "")) ?? "";
    if (text !== "" && ok(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: the difference shown is ${JSON.stringify(text)}`);
}

/** The parameter names whose table rows / chips are marked suspect. */
async function suspects(page) {
  return page.$$eval('[data-testid^="gradcheck-param-"][data-suspect="true"]', (els) =>
    els.map((e) => e.dataset.param),
  );
}

test("gradcheck lab: course numbers, thresholds, planted bugs, ε and the 1-D check", async (t) => {
  await withPage(t, { hash: "preset=gradcheck" }, async (page) => {
    await ready(page);
    const panel = page.getByTestId("gradcheck-panel");
    await panel.waitFor();
    assert.equal(await panel.isVisible(), true, "the panel shows for the gradcheck lab");
    await page.getByTestId("gradcheck-difference").waitFor();
    await waitForDifference(page, (t) => /e-07$/.test(t), "correct backprop");
    const live = Number(await difference(page));
    assert.ok(Math.abs(live - Number(COURSE_CORRECT)) / Number(COURSE_CORRECT) < 1e-9, `${live}`);
    const course = await page.getByTestId("gradcheck-course").textContent();
    assert.match(course, new RegExp(COURSE_CORRECT.replace(/\./g, "\\.")));
    assert.match(await page.getByTestId("threshold-new").textContent(), /2e-07.*passes/);
    assert.match(await page.getByTestId("threshold-old").textContent(), /1e-07.*flags/);
    assert.equal(await page.getByTestId("gradcheck-verdict").getAttribute("data-verdict"), "round-off");
    assert.deepEqual(await suspects(page), []);
    // 47 rows: W1 (20) b1 (5) W2 (15) b2 (3) W3 (3) b3 (1)
    assert.equal(await page.locator('[data-testid="gradcheck-table"] tbody tr').count(), 47);
    assert.match(await page.getByTestId("gradcheck-1d").textContent(), /2\.919335883291695e-10/);
    // The engine's numbers through the binding (typed arrays, not one call per weight).
    const shape = await page.evaluate(() => {
      const r = window.nnlab.lab().gradcheck();
      return {
        analytic: r.analytic.constructor.name,
        rel: r.relativeError.constructor.name,
        colors: r.colors.constructor.name,
        n: r.analytic.length,
        params: r.params.map((p) => `${p.name}:${p.rows}x${p.cols}`).join(" "),
        threshold: r.threshold,
        old: r.oldThreshold,
        epsilon: r.epsilon,
        oneD: r.oneD.difference,
      };
    });
    assert.deepEqual(shape, {
      analytic: "Float64Array",
      rel: "Float64Array",
      colors: "Uint8Array",
      n: 47,
      params: "W1:5x4 b1:5x1 W2:3x5 b2:3x1 W3:1x3 b3:1x1",
      threshold: 2e-7,
      old: 1e-7,
      epsilon: 1e-7,
      oneD: 2.919335883291695e-10,
    });
    await screenshot(page, "gradcheck-correct");

    // Plant both bugs: the link says bugs=w2,b1 and exactly W2 and b1 light up.
    await page.getByTestId("bug-w2").check();
    await page.waitForFunction(() => location.hash.includes("bugs=w2"));
    await page.getByTestId("bug-b1").check();
    await page.waitForFunction(() => location.hash.includes("bugs=w2,b1"));
    await waitForDifference(page, (t) => t.startsWith("0.28"), "both bugs");
    assert.equal(await difference(page), COURSE_BUGS);
    assert.match(await page.getByTestId("gradcheck-course").textContent(), /0\.2850931567761623/);
    assert.equal(await page.getByTestId("gradcheck-verdict").getAttribute("data-verdict"), "fail");
    assert.deepEqual((await suspects(page)).sort(), ["W2", "b1"]);
    const lit = await page.$$eval('[data-testid="gradcheck-table"] tbody tr.suspect', (rows) => [
      ...new Set(rows.map((r) => r.dataset.param)),
    ]);
    assert.deepEqual(lit.sort(), ["W2", "b1"]);
    assert.match(await page.getByTestId("gradcheck-verdict-text").textContent(), /b1 and W2/);
    await screenshot(page, "gradcheck-bugs");

    // The table filters to one parameter.
    await page.getByTestId("gradcheck-param-W2").click();
    assert.equal(await page.locator('[data-testid="gradcheck-table"] tbody tr').count(), 15);

    // Remove the bugs again: back to the course's correct number; the link says so.
    await page.getByTestId("bug-w2").uncheck();
    await page.getByTestId("bug-b1").uncheck();
    await page.waitForFunction(() => !location.hash.includes("bugs=w2") && !location.hash.includes("b1"));
    await waitForDifference(page, (t) => /e-07$/.test(t), "bugs removed");

    // ε: round-off grows as ε shrinks; the quick buttons write eps= into the link.
    const seen = {};
    for (const eps of ["1e-3", "1e-5", "1e-7", "1e-9", "1e-11"]) {
      await page.getByTestId(`eps-${eps}`).click();
      await page.waitForFunction(
        (e) => document.querySelector(`[data-testid="eps-${e}"]`)?.getAttribute("aria-pressed") === "true",
        eps,
      );
      await waitForDifference(page, (t) => t !== String(seen.previous), `ε = ${eps}`);
      seen[eps] = Number(await difference(page));
      seen.previous = await difference(page);
      const hash = await page.evaluate(() => location.hash);
      assert.equal(hash.includes("eps="), eps !== "1e-7", `${eps}: ${hash}`);
    }
    delete seen.previous;
    t.diagnostic(`difference by ε: ${JSON.stringify(seen)}`);
    assert.ok(seen["1e-11"] > 1e-4, "round-off swamps ε = 1e-11");
    assert.ok(seen["1e-9"] > seen["1e-7"], "1e-9 is worse than 1e-7");
    assert.ok(seen["1e-5"] < seen["1e-7"], "1e-5 beats 1e-7 on this case");
    assert.ok(seen["1e-7"] < 2e-7);
    await screenshot(page, "gradcheck-eps");
  });
});

test("any network can be checked: the button, then a planted bug shows in its table", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await ready(page);
    const open = page.getByTestId("gradcheck-open");
    await open.waitFor();
    assert.equal(await page.getByTestId("gradcheck-difference").isVisible(), false);
    await page.getByTestId("step-100").click();
    await open.click();
    await page.getByTestId("gradcheck-difference").waitFor({ state: "visible" });
    await waitForDifference(page, (t) => Number(t) < 2e-7, "He after 100 iterations");
    assert.equal(await page.getByTestId("gradcheck-course").isVisible(), true);
    // The He network: 2-10-5-1 = 20 + 10 + 50 + 5 + 5 + 1 = 91 parameters.
    assert.equal(await page.locator('[data-testid="gradcheck-table"] tbody tr').count(), 91);
    await page.getByTestId("bug-b1").check();
    await page.waitForFunction(() => location.hash.includes("bugs=b1"));
    await waitForDifference(page, (t) => Number(t) > 1e-3, "b1 bug on He");
    assert.deepEqual(await suspects(page), ["b1"]);
    await screenshot(page, "gradcheck-any-network");
  });
});

test("the diagram draws weights and gradients, greys dropped units, explains a dead network", async (t) => {
  await withPage(t, { hash: "preset=reg-dropout" }, async (page) => {
    await ready(page);
    const diagram = page.getByTestId("diagram");
    await diagram.waitFor();
    const view = await page.evaluate(() => {
      const v = window.nnlab.lab().networkView(false);
      return { sizes: [...v.sizes], links: v.widths.length, units: v.units.length, type: v.widths.constructor.name };
    });
    assert.deepEqual(view, { sizes: [2, 20, 3, 1], links: 103, units: 26, type: "Float32Array" });
    await page.getByTestId("step-10").click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="diagram-panel"]')?.dataset.dropped) > 0);
    assert.match(await page.getByTestId("diagram-caption").textContent(), /dropped/);
    await page.getByTestId("diagram-gradients").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="diagram-panel"]')?.dataset.mode === "gradients");
    assert.match(await page.getByTestId("diagram-caption").textContent(), /gradient/);
    // On screen, something is drawn: the canvas is not blank.
    await page.getByTestId("diagram").scrollIntoViewIfNeeded();
    await page.waitForFunction(canvasInk, "diagram"); // one frame paints it all
    const inked = await page.evaluate(canvasInk, "diagram");
    assert.ok(inked > 0.02, `diagram ink ${inked}`);
    await screenshot(page, "diagram-dropout");
  });

  await withPage(t, { hash: "preset=init-he&lr=10" }, async (page) => {
    await ready(page);
    await page.getByTestId("step-100").click();
    const health = page.getByTestId("diagram-health");
    await health.waitFor({ state: "visible" });
    // The diagram redraws at most every 100 ms: wait for the redraw after the steps.
    await page.waitForFunction(() => /hidden layer 2 is dead/.test(document.querySelector('[data-testid="diagram-health"]').textContent));
    assert.match(await health.textContent(), /hidden layer 2 is dead/);
    await page.getByTestId("diagram").scrollIntoViewIfNeeded();
    await screenshot(page, "diagram-dead-network");
  });
});

test("exports: PNG of the regions, CSV of the costs, JSON of the weights", async (t) => {
  await withPage(t, { hash: "preset=init-random&iters=50" }, async (page) => {
    await ready(page);
    await page.getByTestId("run-to-end").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "done");
    const save = async (id) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(id).click()]);
      const file = await download.path();
      return { name: download.suggestedFilename(), body: await fs.readFile(file) };
    };
    const csv = await save("export-csv");
    assert.equal(csv.name, "nnlab-init-random_iters-50-50.csv");
    const lines = csv.body.toString("utf8").trim().split("\n");
    assert.equal(lines[0], "iteration,cost");
    assert.equal(lines[1], "0,inf", "the course's infinite first cost, written honestly");
    assert.equal(lines.length, 51);
    const json = await save("export-json");
    assert.equal(json.name, "nnlab-init-random_iters-50-50.json");
    const w = JSON.parse(json.body.toString("utf8"));
    assert.equal(w.query, "preset=init-random&iters=50");
    assert.deepEqual(w.sizes, [2, 10, 5, 1]);
    assert.deepEqual(Object.keys(w.params), ["W1", "b1", "W2", "b2", "W3", "b3"]);
    assert.deepEqual(w.params.W1.shape, [10, 2]);
    assert.equal(w.params.W1.data.length, 20);
    const png = await save("export-png");
    assert.equal(png.name, "nnlab-init-random_iters-50-50.png");
    assert.deepEqual([...png.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.body.length > 1000);
    assert.match(await page.getByTestId("export-status").textContent(), /Saved nnlab-init-random_iters-50-50\.png/);
  });
});

test("the panels fit a phone: no horizontal scroll at 390 px", async (t) => {
  await withPage(t, { hash: "preset=gradcheck&bugs=w2,b1", viewport: { width: 390, height: 844 } }, async (page) => {
    await ready(page);
    await page.getByTestId("gradcheck-difference").waitFor();
    await waitForDifference(page, (t) => t.startsWith("0.28"), "phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    // Keyboard: the bug switches and ε buttons are reachable and show focus.
    await page.getByTestId("eps-1e-3").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({
      id: document.activeElement?.dataset.testid,
      outline: getComputedStyle(document.activeElement).outlineStyle,
    }));
    assert.deepEqual(focused, { id: "eps-1e-5", outline: "solid" });
    await screenshot(page, "gradcheck-phone");
  });
});
