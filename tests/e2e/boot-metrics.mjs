// What the page does while it boots, observed from before its first script (page.addInitScript):
// the layout shift summed as Lighthouse's CLS counts it (PerformanceObserver "layout-shift"
// entries without recent input), and when the decision regions are first painted (regions.js
// names the canvas with its iteration on every paint). Shared by the end-to-end tests
// (layout-shift.test.mjs) and the page bench (bench/page_chromium.mjs).

/** Runs in the page: sets window.bootShift and, once painted, window.bootRegionsAt. */
export function observeBoot() {
  window.bootShift = 0;
  window.bootShifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.bootShift += e.value;
      const moved = e.sources?.map((s) => s.node?.id || s.node?.className || s.node?.nodeName) ?? [];
      window.bootShifts.push(`${e.value.toFixed(4)}: ${moved.join(", ")}`);
    }
  }).observe({ type: "layout-shift", buffered: true });
  const watch = () => {
    const canvas = document.getElementById("regions-canvas");
    if (!canvas) return requestAnimationFrame(watch);
    new MutationObserver((_, obs) => {
      window.bootRegionsAt ??= performance.now();
      obs.disconnect();
    }).observe(canvas, { attributes: true, attributeFilter: ["aria-label"] });
  };
  watch();
}

/** After the page is ready: two more frames and a short settle, then the boot's shift
 *  ({ total, entries }: each entry "value: moved elements"). */
export async function bootShift(page) {
  await page.waitForFunction(() => document.getElementById("stage").dataset.ready === "true");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
  return page.evaluate(() => ({ total: window.bootShift, entries: window.bootShifts }));
}
