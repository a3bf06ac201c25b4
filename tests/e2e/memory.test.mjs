// Memory stays flat over a long run: wasm linear memory and the JS heap after a forced
// garbage collection do not keep growing while the page trains at full speed.
//
// Samples: after a warm-up, then after ~25 s more of "run to end" (the page's fastest mode:
// 40 ms of stepping per frame, every frame painting the regions, the chart and the
// diagram; a few hundred thousand iterations on an idle 2-core machine). The wasm memory
// may only grow by one allocator step; the JS heap (measured through the DevTools protocol
// after HeapProfiler.collectGarbage, which needs no browser flag) by a small slack.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

const WARM_UP_MS = 5_000;
const RUN_MS = 25_000;
/** Sanity floor for a loaded CI machine (an idle one does several times more). */
const MIN_ITERATIONS = 50_000;
/** wasm memory may grow by at most this (bytes) between the samples. */
const WASM_SLACK = 1 << 20;
/** The JS heap may grow by at most this (bytes) or 20 %, whichever is larger. */
const HEAP_SLACK = 2 << 20;

test("memory stays flat over a long run at full speed", async (t) => {
  await withPage(t, { goto: false, fresh: true }, async (page, { origin }) => {
    // wasm memory in bytes: the instance's exports come with the start event (js/boot.js);
    // the page itself has no test hook for it.
    await page.addInitScript(() =>
      addEventListener("nnlab-started", (e) => (window.nnlabTestMemory = e.detail.wasm.memory)),
    );
    await page.goto(`${origin}/#preset=init-he&iters=1000000`, { waitUntil: "load" });
    await wasmReady(page);
    await page.waitForFunction(() => document.getElementById("stage")?.dataset.ready === "true");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("HeapProfiler.enable");
    const sample = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = await cdp.send("Runtime.getHeapUsage");
      const s = await page.evaluate(() => ({
        wasm: window.nnlabTestMemory.buffer.byteLength,
        iteration: window.nnlab.lab().snapshot().iteration,
        history: window.nnlab.lab().history().length / 2,
      }));
      return { ...s, heap: heap.usedSize };
    };

    await page.getByTestId("run-to-end").click();
    await page.waitForTimeout(WARM_UP_MS);
    const first = await sample();
    await page.waitForTimeout(RUN_MS / 2);
    const middle = await sample();
    await page.waitForTimeout(RUN_MS / 2);
    const last = await sample();
    // The run may already be over (the core is fast): pause through the app, not the button.
    await page.evaluate(() => window.nnlab.pause());
    t.diagnostic(`first  ${JSON.stringify(first)}`);
    t.diagnostic(`middle ${JSON.stringify(middle)}`);
    t.diagnostic(`last   ${JSON.stringify(last)}`);

    assert.ok(
      last.iteration >= MIN_ITERATIONS,
      `trained ${last.iteration} iterations (want ${MIN_ITERATIONS}+)`,
    );
    assert.ok(last.history <= 2048, `history holds ${last.history} points`);
    assert.ok(
      last.wasm - first.wasm <= WASM_SLACK,
      `wasm memory grew from ${first.wasm} to ${last.wasm} bytes`,
    );
    const heapSlack = Math.max(HEAP_SLACK, first.heap * 0.2);
    assert.ok(
      last.heap - first.heap <= heapSlack,
      `JS heap grew from ${first.heap} to ${last.heap} bytes`,
    );
    // Not growing steadily either: the second half adds no more than the slack.
    assert.ok(last.heap - middle.heap <= heapSlack, `JS heap ${middle.heap} -> ${last.heap}`);
    await screenshot(page, "memory-long-run");
  });
});
