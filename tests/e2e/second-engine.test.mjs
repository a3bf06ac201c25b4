// "The same link, the same bits, in any browser": the course presets and two playground
// options run in Firefox ESR (the second engine, firefox.mjs) and in Chromium, and both give
// the CLI's bits (the `nnlab` built by `cargo test --workspace`):
// - each run goes to its end in the page (`lab.step` in large chunks: the engine, not the
//   frame loop); its checkpoint costs and last cost are `nnlab train --json`'s f64s exactly
//   (Object.is), its accuracies and correct counts too;
// - its final weights (the page's export, `weightsJson`) are `nnlab weights`' f64s exactly;
// - its decision regions (the core's pixels, 120 × 120) are the same bytes in both engines;
// - the gradient check's difference and verdict, correct and with the two planted bugs, equal
//   `nnlab gradcheck --json`.
// One page per engine for the whole file (a query set per case, as the address bar would).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DIST, REPO, startServer, withPage } from "./harness.mjs";
import { launchFirefox } from "./firefox.mjs";

const CASES = [
  "preset=init-zeros",
  "preset=init-random",
  "preset=init-he",
  "preset=reg-l2",
  "preset=reg-dropout",
  "data=moons&act=tanh&init=xavier&opt=adam&iters=2000",
  "data=spiral&n=300&layers=16,8&batch=32&l1=0.01&iters=1500",
];
const GRADCHECKS = ["preset=gradcheck", "preset=gradcheck&bugs=w2,b1"];

/** `nnlab <args>` (the CLI built by `cargo test --workspace`), parsed as JSON. */
function cli(...args) {
  const bin = ["debug", "release"].map((p) => path.join(REPO, "target", p, "nnlab")).find(fs.existsSync);
  assert.ok(bin, "target/{debug,release}/nnlab missing: run cargo test --workspace (or cargo build -p nnlab-cli) first");
  return JSON.parse(execFileSync(bin, args, { encoding: "utf8" }));
}

/** In the page: `query`'s run to its end; its bits, its weights export and its regions. */
function runInPage(query) {
  window.nnlab.setQuery(query);
  const lab = window.nnlab.lab();
  while (lab.step(5000) > 0);
  const s = lab.snapshot();
  const px = lab.regions(120, 120, false).pixels;
  let hash = 2166136261;
  for (const byte of px) hash = Math.imul(hash ^ byte, 16777619);
  return {
    status: lab.status(),
    history: Array.from(lab.history(), (v) => (Number.isFinite(v) ? v : String(v))),
    last: [s.costIteration, Number.isFinite(s.cost) ? s.cost : String(s.cost)],
    train: [s.trainAccuracy, s.trainCorrect, s.trainTotal],
    test: [s.testAccuracy, s.testCorrect, s.testTotal],
    params: JSON.parse(lab.weightsJson()).params,
    regions: `${px.length}:${(hash >>> 0).toString(16)}`,
  };
}

/** In the page: `query`'s gradient check. */
function gradcheckInPage(query) {
  window.nnlab.setQuery(query);
  const r = window.nnlab.lab().gradcheck();
  return { difference: r.difference, n: r.analytic.length, verdict: r.verdict };
}

const inf = (c) => (c === "inf" ? "Infinity" : c);

/** The page's run agrees bit for bit with the CLI's. */
function sameBitsAsCli(where, got, want, weights) {
  assert.equal(got.status, want.status, where);
  const costs = new Map();
  for (let k = 0; k < got.history.length; k += 2) costs.set(got.history[k], got.history[k + 1]);
  let compared = 0;
  for (const [i, c] of want.costs) {
    if (!costs.has(i)) continue;
    assert.ok(Object.is(costs.get(i), inf(c)), `${where}: cost at ${i}: page ${costs.get(i)}, CLI ${c}`);
    compared += 1;
  }
  const [last, lastCost] = want.costs.at(-1);
  assert.deepEqual(got.last, [last, inf(lastCost)], `${where}: the last cost`);
  // The page's history keeps at most 2048 points, thinned as a run grows: about half of a
  // 30,000-iteration run's checkpoints remain (15 of 31).
  assert.ok(compared >= Math.floor(want.costs.length / 2), `${where}: ${compared} of ${want.costs.length} checkpoints compared`);
  assert.deepEqual(got.train, [want.train_accuracy, want.train_correct, want.train_total], where);
  assert.deepEqual(got.test, [want.test_accuracy, want.test_correct, want.test_total], where);
  // JSON.parse reads the shortest round-trip text back to the same f64: equal values are
  // equal bits (deepStrictEqual compares numbers with Object.is).
  assert.deepEqual(got.params, weights.params, `${where}: the final weights`);
}

let firefox;
let server;
before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "dist/ missing: run `cargo xtask dist`");
  [firefox, server] = await Promise.all([launchFirefox(), startServer(DIST)]);
});
after(async () => {
  await firefox?.close();
  await server?.close();
});

/** Runs `fn(evaluate)` on a fresh Firefox page; fails on any page error or console error and
 * on any request outside the test server. */
async function inFirefox(fn) {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message ?? err}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console.error: ${msg.text()}`));
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== server.origin) {
      problems.push(`request outside ${server.origin}: ${url}`);
    }
  });
  try {
    await page.goto(`${server.origin}/#preset=init-he`, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true", { timeout: 30_000 });
    return await fn((f, arg) => page.evaluate(f, arg));
  } finally {
    await context.close();
    assert.deepEqual(problems, [], "Firefox: page errors, console errors or outside requests");
  }
}

/** `fn(evaluate)` on a Chromium page of the same site (the harness's checks apply). */
function inChromium(t, fn) {
  return withPage(t, { hash: "preset=init-he" }, async (page) => {
    await page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");
    await fn((f, arg) => page.evaluate(f, arg));
  });
}

test("Firefox and Chromium give the CLI's bits: presets, options, weights, regions, gradient checks", async (t) => {
  const want = CASES.map((q) => ({ train: cli("train", "--json", q), weights: cli("weights", q) }));
  const wantChecks = GRADCHECKS.map((q) => cli("gradcheck", "--json", q));
  const runAll = async (engine, evaluate) => {
    const started = Date.now();
    const regions = [];
    for (const [k, query] of CASES.entries()) {
      const got = await evaluate(runInPage, query);
      sameBitsAsCli(`${engine} ${query}`, got, want[k].train, want[k].weights);
      regions.push(got.regions);
    }
    for (const [k, query] of GRADCHECKS.entries()) {
      const got = await evaluate(gradcheckInPage, query);
      const w = wantChecks[k];
      assert.ok(Object.is(got.difference, w.difference), `${engine} ${query}: page ${got.difference}, CLI ${w.difference}`);
      assert.equal(got.verdict, w.verdict, `${engine} ${query}`);
      assert.equal(got.n, 47, `${engine} ${query}: parameters checked`);
    }
    t.diagnostic(`${engine}: ${CASES.length} runs and ${GRADCHECKS.length} checks in ${(Date.now() - started) / 1000} s`);
    return regions;
  };
  const firefoxRegions = await inFirefox((evaluate) => runAll("Firefox", evaluate));
  let chromiumRegions;
  await inChromium(t, async (evaluate) => {
    chromiumRegions = await runAll("Chromium", evaluate);
  });
  assert.deepEqual(firefoxRegions, chromiumRegions, "the decision regions' pixels differ between the engines");
  assert.equal(new Set(firefoxRegions).size, CASES.length, "each run paints its own regions");
  assert.notEqual(wantChecks[0].verdict, wantChecks[1].verdict, "the planted bugs change the verdict");
});
