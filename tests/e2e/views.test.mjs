// Inside the training: on the He, L2 and dropout labs, each view (cost curves with the test
// cost and the cost terms, neuron maps on the diagram, layer statistics, weight norm, dropout
// modes and mask, formulas, the smooth 0.5 boundary) is on the page, moves while training, and shows the numbers of
// the core's JSON: `nnlab train --json` (the CLI built by `cargo test --workspace`) at
// iterations 0 and 1000, read back from the page's text. One page for all of it; 390 px
// phone screenshots of each lab.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO, canvasInk, screenshot, wasmReady, withPage } from "./harness.mjs";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The CLI's views at the checkpoints of `query` (0, 1000, ...). */
function cliViews(query) {
  const bin = ["debug", "release"].map((p) => path.join(REPO, "target", p, "nnlab")).find(fs.existsSync);
  assert.ok(bin, "target/{debug,release}/nnlab missing: run cargo test --workspace (or cargo build -p nnlab-cli) first");
  return JSON.parse(execFileSync(bin, ["train", "--json", query], { encoding: "utf8" })).views;
}

/** The numbers in a shown text (`layer 1 0.521 · output 1.2e-05 · 3.4%`). */
const numbers = (text) => [...text.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]\d+)?%?/g)]
  .map(([s]) => (s.endsWith("%") ? Number(s.slice(0, -1)) / 100 : Number(s)))
  .filter((_, k, all) => true);

/** `shown` (3 significant digits, or a percentage with one decimal) agrees with `exact`. */
function agrees(shown, exact, what) {
  const tolerance = Math.max(Math.abs(exact) * 6e-3, 6e-4);
  assert.ok(Math.abs(shown - exact) <= tolerance, `${what}: page ${shown}, CLI ${exact}`);
}

/** Steps the page's lab by `n` (a step button) and waits for the panel's sample of `at`. */
async function stepTo(page, n, at) {
  await page.getByTestId(`step-${n}`).click();
  await page.waitForFunction(
    (at) => document.querySelector("#inside-panel").dataset.iteration === String(at),
    at,
  );
}

/** The shown numbers of every small curve, per title. */
async function sparks(page) {
  return page.$$eval("[data-spark]", (figs) =>
    Object.fromEntries(figs.map((f) => [f.querySelector(".spark-title").textContent, f.querySelector(".spark-now").textContent])),
  );
}

/** Checks the small curves' numbers at the page's latest sample against the CLI's sample. */
async function matchesCli(page, want, layers) {
  const shown = await sparks(page);
  const stat = {
    "spread of z (std)": (l) => l.z_spread,
    "spread of a (std)": (l) => l.a_spread,
    "dead ReLU units": (l) => l.dead_share,
    "saturated outputs (sigmoid, tanh)": (l) => l.saturated_share,
    "‖dW‖ / ‖W‖": (l) => l.grad_ratio,
  };
  for (const [title, get] of Object.entries(stat)) {
    const exact = want.layers.map(get).filter((v) => v !== null);
    // "layer 1 0.52 · layer 2 0.31": drop the layer numbers, keep the values.
    const values = numbers(shown[title]).filter((_, k) => k % 2 === 1 || shown[title].startsWith("output"));
    const got = shown[title].split(" · ").map((part) => numbers(part.replace(/^(layer \d+|output) /, ""))[0]);
    assert.equal(got.length, exact.length, `${title}: ${shown[title]}`);
    got.forEach((v, k) => agrees(v, exact[k], `${title} #${k}`));
    assert.ok(values.length > 0);
  }
  agrees(numbers(shown["weight norm ‖W‖"])[0], want.weight_norm, "weight norm");
  assert.equal(Object.keys(shown).length, 6, `six small curves for ${layers} layers`);
}

test("views of the He, L2 and dropout labs match the core and move while training", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "preset=init-he&iters=2000" }, async (page) => {
    await wasmReady(page);
    await page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");
    const labs = [
      ["init-he", "preset=init-he&iters=2000"],
      ["reg-l2", "preset=reg-l2&iters=2000"],
      ["reg-dropout", "preset=reg-dropout&iters=2000"],
    ];
    for (const [name, query] of labs) {
      const cli = cliViews(query);
      await page.evaluate((q) => window.nnlab.setQuery(q), query);
      await page.waitForFunction((q) => window.nnlab.query() === q, query);

      // Iteration 0 and 1000: the page's numbers are the CLI's.
      for (const [k, n, at] of [[0, 1, 0], [1, 1000, 1000]]) {
        await stepTo(page, n, at);
        const latest = await page.evaluate(() => window.nnlab.lab().inside(200, 50).latest);
        for (const key of ["cost", "cross_entropy", "l2", "test_cost", "weight_norm", "eval_cost"]) {
          const camel = key.replace(/_(.)/g, (_, c) => c.toUpperCase());
          assert.ok(Math.abs(latest[camel] - cli[k][key]) <= 1e-12 * Math.max(1, Math.abs(cli[k][key])), `${name} ${key} at ${at}`);
        }
        await matchesCli(page, cli[k], cli[k].layers.length);
      }

      // The cost chart: the train cost with the test cost (and the two terms when λ > 0).
      const kinds = await page.evaluate(() => {
        const c = new window.nnlab.wasm.Chart();
        c.add(window.nnlab.lab(), "");
        return c.addViews(window.nnlab.lab());
      });
      assert.deepEqual(kinds, name === "reg-l2" ? ["test", "ce", "l2"] : ["test"]);

      // The decision boundary: sub-pixel segments to stroke, no staircase of dark pixels.
      const edge = await page.evaluate(() => {
        const r = window.nnlab.lab().regions(400, 400, false);
        let dark = 0;
        for (let i = 0; i < r.pixels.length; i += 4) dark += r.pixels[i] === 40 && r.pixels[i + 1] === 40 ? 1 : 0;
        return { segments: r.boundary.length / 4, dark, offGrid: [...r.boundary].some((v) => Math.abs(v - Math.round(v)) > 0.01) };
      });
      assert.ok(edge.segments > 20 && edge.offGrid, JSON.stringify(edge));
      assert.equal(edge.dark, 0);

      // Formulas follow the keys.
      const formulas = await page.getByTestId("formulas").textContent();
      if (name === "reg-l2") assert.match(formulas, /0\.7/);
      if (name === "reg-dropout") assert.match(formulas, /0\.86/);
      assert.equal(await page.locator("[data-testid=formulas] math").count(), name === "reg-dropout" ? 5 : 4);

      // Neuron maps: one per hidden unit, over the diagram.
      const units = cli[0].layers.length === 3 && name !== "init-he" ? 23 : 15;
      await page.waitForFunction((n) => document.querySelectorAll(".nm-unit:not([hidden])").length === n, units);

      // Dropout: training mode beside test mode, the CLI's numbers; dropped units greyed.
      const modes = page.getByTestId("dropout-modes");
      if (name === "reg-dropout") {
        const [keep, cost, acc, evalCost, evalAcc] = numbers(await modes.textContent());
        assert.equal(keep, 0.86);
        agrees(cost, cli[1].cost, "training-mode cost");
        agrees(acc, cli[1].train_mode_accuracy, "training-mode accuracy");
        agrees(evalCost, cli[1].eval_cost, "test-mode cost");
        agrees(evalAcc, cli[1].eval_accuracy, "test-mode accuracy");
        const dropped = await page.evaluate(() => [...window.nnlab.lab().neuronMaps(600, -1).dropped].filter((d) => d).length);
        assert.ok(dropped > 0);
        await page.waitForFunction((n) => document.querySelectorAll(".nm-unit.dropped").length === n, dropped);
        assert.match(await page.getByTestId("dropout-mask").textContent(), /Fixed mask/);
      } else {
        assert.equal(await modes.isVisible(), false);
      }

      // While training: the panel's sample and a neuron map change.
      const map = () => page.evaluate(() => document.querySelector(".nm-unit:not([hidden]) canvas").toDataURL());
      const before = { map: await map(), at: await page.evaluate(() => document.querySelector("#inside-panel").dataset.iteration) };
      await page.getByTestId("play").click();
      await page.waitForFunction((at) => Number(document.querySelector("#inside-panel").dataset.iteration) > Number(at) + 200, before.at);
      await page.evaluate(() => window.nnlab.pause());
      await page.waitForSelector('#stage[data-idle="true"]'); // the paused frame and the panels' redraws
      assert.notEqual(await map(), before.map, `${name}: the maps follow the training`);

      // Hover a unit: it shows large.
      await page.locator(".nm-unit:not([hidden])").first().hover();
      await page.waitForFunction(() => !document.querySelector(".nm-large").hidden);
      await screenshot(page, `views-${name}-desktop`);
      await page.mouse.move(0, 0);
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(300);
      await screenshot(page, `views-${name}-phone`);
      await page.setViewportSize(DESKTOP);
    }
  });
});

test("zeros: the diagram says the units are copies; a wide layer's maps are counted", async (t) => {
  await withPage(t, { viewport: PHONE, hash: "preset=init-zeros" }, async (page) => {
    await wasmReady(page);
    await page.getByTestId("step-100").click();
    const sentence = page.getByTestId("symmetry");
    await sentence.waitFor();
    assert.equal(
      await sentence.textContent(),
      "Hidden layer 1: these 10 units compute the same function. Hidden layer 2: these 5 units compute the same function.",
    );
    await screenshot(page, "views-init-zeros-phone");
    // A wide layer: its maps do not fit on a phone, the others' do, and the page says so.
    await page.evaluate(() => window.nnlab.setQuery("preset=init-he&layers=64,4"));
    await page.getByTestId("step-10").click();
    const note = page.getByTestId("neuron-note");
    await note.waitFor();
    assert.equal(await note.textContent(), "The maps of 64 hidden units do not fit at this width.");
    await page.waitForFunction(() => document.querySelectorAll(".nm-unit:not([hidden])").length === 4);
    await screenshot(page, "views-wide-layer-phone");
  });
});

test("while training, a large network's diagram is painted on screen only, once per interval, never again a frame later", async (t) => {
  await withPage(t, { viewport: DESKTOP, goto: false, fresh: true }, async (page, { origin }) => {
    // The times of the diagram's paints (each clears its canvas first).
    await page.addInitScript(() => {
      window.diagramPaints = [];
      const clear = CanvasRenderingContext2D.prototype.clearRect;
      CanvasRenderingContext2D.prototype.clearRect = function (...args) {
        if (this.canvas.classList.contains("nd-canvas")) window.diagramPaints.push(performance.now());
        return clear.apply(this, args);
      };
    });
    // 2-32-32-16-1: 1,616 links, one redraw every 808 ms (diagram.js, LINKS_PER_INTERVAL).
    await page.goto(`${origin}/#layers=32,32,16&play=1`, { waitUntil: "load" });
    await wasmReady(page);
    // Below the first screen, its redraws while training write its texts but paint nothing.
    await page.evaluate(() => {
      window.diagramViews = 0;
      const proto = window.wasmBindings.Lab.prototype;
      const view = proto.networkView;
      proto.networkView = function (...args) {
        window.diagramViews += 1;
        return view.apply(this, args);
      };
    });
    await page.waitForFunction(() => window.diagramViews >= 3, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.diagramPaints.length), 0, "painted off screen");
    assert.match(await page.getByTestId("diagram").getAttribute("aria-label"), /^Network 2-32-32-16-1/);
    // On screen, painted at once, then once per interval.
    await page.getByTestId("diagram").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => window.diagramPaints.length >= 3, null, { timeout: 30_000 });
    const paints = await page.evaluate(() => window.diagramPaints);
    assert.equal(await page.evaluate(() => window.nnlab.lab().status()), "training");
    const gaps = paints.slice(1).map((at, k) => Math.round(at - paints[k]));
    // A busy machine only spreads them further; a second draw of the same turn came a frame later.
    assert.ok(gaps.every((gap) => gap >= 400), `diagram paints ${gaps.join(", ")} ms apart`);
  });
});

test("printed, the diagram's lines are painted wherever the canvas is", async (t) => {
  await withPage(t, { viewport: DESKTOP, hash: "preset=reg-dropout", fresh: true }, async (page) => {
    await wasmReady(page);
    await page.waitForFunction(() => /^Network 2-20-3-1/.test(document.querySelector('[data-testid="diagram"]').getAttribute("aria-label")));
    assert.equal(await page.evaluate(canvasInk, "diagram"), 0, "below the first screen, not painted yet");
    await page.pdf(); // fires beforeprint
    const inked = await page.evaluate(canvasInk, "diagram");
    assert.ok(inked > 0.02, `diagram ink ${inked} after printing`);
  });
});
