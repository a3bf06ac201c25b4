// No layout jump when the wasm starts: the static page already has the final layout
// (www/reserve.css), for every lab, at desktop and phone size. The shift is summed from
// before the first script until the page is ready (boot-metrics.mjs) and must stay below
// Lighthouse's "good" CLS scale by a wide margin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, withPage } from "./harness.mjs";
import { bootShift, observeBoot } from "./boot-metrics.mjs";

const LIMIT = 0.02;
const LABS = {
  initialization: "",
  regularization: "preset=reg-l2",
  gradcheck: "preset=gradcheck",
  custom: "data=spiral&layers=8,8",
};
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`layout shift while booting stays below ${LIMIT} (${size})`, async (t) => {
    for (const [lab, hash] of Object.entries(LABS)) {
      await withPage(t, { viewport, goto: false, fresh: true }, async (page, { origin }) => {
        await page.addInitScript(observeBoot);
        await page.goto(`${origin}/${hash ? `#${hash}` : ""}`, { waitUntil: "load" });
        const { total, entries } = await bootShift(page);
        if (lab === "initialization") await screenshot(page, `layout-shift-${size}`);
        assert.ok(total < LIMIT, `${lab} lab, ${size}: layout shift ${total.toFixed(4)}\n  ${entries.join("\n  ")}`);
      });
    }
  });
}
