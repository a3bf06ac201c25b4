// The playground's options (act, l1, opt with its β/ε, batch, testFrac on generated data,
// discrete, compare=KEY:v1,v2,v3): a link
// with each trains in the page, and its last cost and accuracies are the bits of
// `nnlab train --json` (the CLI built by `cargo test --workspace`); compare mode varies one
// key, typed in its field; a bad value shows the core's message naming key and value. One
// page for all of it; screenshots at 1280 px and 390 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO, screenshot, wasmReady, withPage } from "./harness.mjs";

/** `nnlab train --json query`. */
function cli(query) {
  const bin = ["debug", "release"].map((p) => path.join(REPO, "target", p, "nnlab")).find(fs.existsSync);
  assert.ok(bin, "target/{debug,release}/nnlab missing: run cargo test --workspace (or cargo build -p nnlab-cli) first");
  return JSON.parse(execFileSync(bin, ["train", "--json", query], { encoding: "utf8" }));
}

const ready = (page) =>
  page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");

/** Opens `query` in the page's lab and trains it to the end: its status, snapshot, neuron
 * map labels and the link the page writes. */
const trainInPage = (page, query) =>
  page.evaluate((q) => {
    window.nnlab.setQuery(q);
    const lab = window.nnlab.lab();
    lab.step(1e6);
    const s = lab.snapshot();
    return { status: lab.status(), s, labels: lab.neuronMaps(600, -1)?.labels ?? [], hash: location.hash };
  }, query);

/** Trains `query` in the page and in the CLI; asserts the same end, link and last cost. */
async function sameRun(page, query) {
  const got = await trainInPage(page, query);
  const want = cli(query);
  assert.equal(got.status, "done", query);
  assert.equal(got.hash, `#${want.query}`, "the page writes the CLI's canonical link");
  assert.equal(got.s.cost, want.costs.at(-1)[1], `${query}: last cost`);
  return { got, want };
}

const LINKS = [
  "data=moons&act=tanh&init=xavier&iters=300",
  "data=moons&act=sigmoid&iters=300",
  "data=moons&act=linear&iters=300",
  "data=moons&act=leakyrelu&iters=300",
  "data=moons&l1=0.05&lambda=0.1&iters=300",
  "data=moons&opt=momentum&beta=0.8&lr=0.05&iters=300",
  "data=moons&opt=adam&beta1=0.85&beta2=0.99&epsilon=1e-7&iters=300",
  "data=moons&batch=32&batchSeed=7&act=tanh&opt=adam&iters=300",
  "data=moons&testFrac=0.4&iters=300",
];

test("each option trains in the page to the CLI's bits; compare varies one key", async (t) => {
  await withPage(t, { hash: "data=moons&iters=300" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    for (const query of LINKS) {
      const { got, want } = await sameRun(page, query);
      assert.equal(got.s.trainAccuracy, want.train_accuracy, `${query}: train accuracy`);
      assert.equal(got.s.testAccuracy, want.test_accuracy, `${query}: test accuracy`);
    }
    // Mini-batches: the chart's x axis says what its epoch marks mean.
    await page.evaluate(() => window.nnlab.setQuery("data=moons&batch=100&iters=60&lr=0.1"));
    await page.getByTestId("step-10").click();
    await screenshot(page, "playground-batch-desktop");
    // Discretized view: two flat colours (the key's checkbox turns it on).
    await page.evaluate(() => window.nnlab.setQuery("data=moons&iters=50"));
    await page.getByTestId("key-discrete").check();
    await page.waitForFunction(() => location.hash.includes("discrete=1"));
    const colours = await page.evaluate(() => {
      const lab = window.nnlab.lab();
      lab.step(50);
      const px = lab.regions(400, 400, false).pixels;
      const seen = new Set();
      for (let i = 0; i < px.length; i += 4) seen.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
      return seen.size;
    });
    assert.equal(colours, 2, "two flat classes");
    await screenshot(page, "playground-discrete-desktop");
    // Each option has its control, from the key table.
    for (const key of ["act", "l1", "opt", "beta", "beta1", "beta2", "epsilon", "batch", "batchSeed"]) {
      assert.ok(await page.getByTestId(`key-${key}`).isVisible(), key);
    }

    // Compare: three optimizers, typed in the field; titles and three curves.
    await page.evaluate(() => window.nnlab.setQuery("data=moons&iters=300&lr=0.05"));
    await page.getByTestId("compare-vary").fill("opt:gd,momentum,adam");
    await page.getByTestId("compare-vary").dispatchEvent("change");
    await page.waitForFunction(() => location.hash.includes("compare=opt:gd,momentum,adam"));
    const runs = page.getByTestId("compare-run");
    assert.equal(await runs.count(), 3);
    assert.deepEqual(await runs.locator("figcaption").allTextContents(), ["opt=gd", "opt=momentum", "opt=adam"]);
    await page.getByTestId("run-to-end").click();
    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 20_000 });
    const adam = cli("data=moons&iters=300&lr=0.05&opt=adam");
    const cost = await page.getByTestId("compare-cost").allTextContents();
    assert.equal(cost.length, 3);
    assert.ok(cost[2].length > 0 && cost[2] !== cost[0], `three different costs: ${cost}`);
    const shown = await page.getByTestId("compare-train").allTextContents();
    assert.equal(shown[2], `${(adam.train_accuracy * 100).toFixed(1)}%`, "adam's run is the CLI's");
    await screenshot(page, "playground-compare-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "playground-compare-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    // Another key in the field rebuilds the three runs; compare=1 outside the labs.
    await page.getByTestId("compare-vary").fill("act:relu,tanh,sigmoid");
    await page.getByTestId("compare-vary").dispatchEvent("change");
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-run"] figcaption')?.textContent === "act=relu");
    await page.getByTestId("compare-toggle").click();
    assert.equal(await runs.count(), 0);
    await page.getByTestId("compare-toggle").click();
    assert.deepEqual(await runs.locator("figcaption").allTextContents(), ["opt=gd", "opt=momentum", "opt=adam"]);

    // Bad values: the core's message names the key and the value; the run stays.
    for (const [query, message] of [
      ["data=moons&act=softmax", "act=softmax: expected relu | tanh | sigmoid | linear | leakyrelu"],
      ["data=moons&batch=301", "batch=301: a mini-batch cannot be larger than the 300 training points"],
      ["data=moons&beta=1", "beta=1: out of range, allowed 0 <= beta < 1"],
      ["data=moons&compare=act:relu,tanh", "compare=act:relu,tanh: expected 1, 0, or KEY:v1,v2,v3"],
    ]) {
      await page.evaluate((q) => window.nnlab.setQuery(q), query);
      const error = await page.getByTestId("error").textContent();
      assert.ok(error.includes(message), `${query}: ${error}`);
    }
    await screenshot(page, "playground-error-desktop");
  });
});

// Input features and regression: each trains in the page to the CLI's bits (cost, and the
// accuracies or the losses); the input units get their maps, the readouts name the losses,
// the regions show the predicted value on the diverging scale (no p = ½ boundary).
const MORE = [
  "data=spiral&features=x1,x2,x1x2,sinx1&iters=300",
  "data=moons&features=x1sq,x2sq,x1x2,sinx2&normalize=1&act=tanh&iters=300",
  "data=gauss&problem=regression&layers=8,8&iters=300",
  "data=plane&problem=regression&noise=0.1&opt=adam&iters=300",
];

test("input features and regression train in the page to the CLI's bits", async (t) => {
  await withPage(t, { hash: "data=moons&iters=300" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    for (const query of MORE) {
      const { got, want } = await sameRun(page, query);
      if (query.includes("regression")) {
        assert.deepEqual(got.s.losses, [want.train_loss, want.test_loss], `${query}: losses`);
        assert.equal(got.s.measureLabels[0], "train loss");
      } else {
        assert.equal(got.s.trainAccuracy, want.train_accuracy, `${query}: train accuracy`);
        assert.equal(got.s.testAccuracy, want.test_accuracy, `${query}: test accuracy`);
        assert.ok(got.s.plane, `${query}: the regions of the plane`);
        const inputs = query.match(/features=([^&]*)/)[1].split(",").length;
        assert.equal(got.labels.filter((l) => l.startsWith("input ")).length, inputs, "a map per input unit");
      }
    }
    // The screenshots' links, playing, at desktop and phone width.
    for (const [name, hash] of [
      ["regression", "data=gauss&problem=regression&layers=8,8&play=1"],
      ["features", "features=x1,x2,x1x2,sinx1&data=spiral&play=1"],
    ]) {
      // Opened as a link (play=1 starts training when the page loads).
      await page.evaluate((h) => (location.hash = h), hash);
      await page.reload();
      await wasmReady(page);
      await ready(page);
      await page.waitForFunction(() => window.nnlab.lab().snapshot().iteration > 500, null, { timeout: 30_000 });
      if (name === "regression") {
        assert.equal(await page.locator("#train-label").textContent(), "train loss");
        assert.match(await page.locator("#legend-hint").textContent(), /^shade = predicted value/);
        const { colours, boundary } = await page.evaluate(() => {
          const r = window.nnlab.lab().regions(400, 400, false);
          const seen = new Set();
          for (let i = 0; i < r.pixels.length; i += 4) seen.add(`${r.pixels[i]},${r.pixels[i + 1]},${r.pixels[i + 2]}`);
          return { colours: seen.size, boundary: r.boundary.length };
        });
        assert.ok(colours > 20, `a diverging scale of values: ${colours} colours`);
        assert.equal(boundary, 0, "no p = ½ boundary for values");
        // "Inside the training": a linear output cannot saturate, so five curves, no empty slot.
        await page.waitForFunction(() => document.querySelector("#inside-panel").dataset.iteration !== "");
        const titles = await page.locator(".spark:not([hidden]) .spark-title").allTextContents();
        assert.equal(titles.length, 5, `${titles}`);
        assert.ok(titles.every((title) => title !== "") && !titles.some((title) => /saturated/.test(title)), `${titles}`);
      } else {
        assert.equal(await page.locator("#train-label").textContent(), "train accuracy");
        assert.ok(await page.getByTestId("regions").isVisible(), "the regions with four input features");
      }
      await screenshot(page, `playground-${name}-desktop`);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `playground-${name}-phone`);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    for (const key of ["features", "problem"]) {
      assert.ok(await page.getByTestId(`key-${key}`).isVisible(), key);
    }
    for (const [query, message] of [
      ["data=spiral&problem=regression", "problem=regression: regression needs data whose labels are numbers"],
      ["data=moons&features=x1,x1", 'features=x1,x1: "x1" named twice'],
      ["data=moons&features=x1,cos", 'features=x1,cos: "cos" is not a feature'],
    ]) {
      await page.evaluate((q) => window.nnlab.setQuery(q), query);
      const error = await page.getByTestId("error").textContent();
      assert.ok(error.includes(message), `${query}: ${error}`);
    }
  });
});
