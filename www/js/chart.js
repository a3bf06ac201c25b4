// The cost curve(s). The engine's Chart draws axes, ticks, curves and legend (all scales
// are computed in Rust); this module sizes the canvas and shows the hover tooltip.

import { fitCanvas } from "./regions.js";

/** Colour of the single run's curve. */
export const SINGLE_COLOUR = "#1d2330";

/**
 * A chart over `canvas`, with `tooltip` (an absolutely positioned element inside the
 * canvas's positioned parent) for the point under the pointer.
 */
export function createChart(wasm, canvas, tooltip) {
  const ctx = canvas.getContext("2d");
  const chart = new wasm.Chart();
  // A ring on the point the tooltip describes (a sibling of the tooltip).
  const dot = document.createElement("div");
  dot.className = "chart-dot";
  dot.hidden = true;
  tooltip.before(dot);

  function hide() {
    tooltip.hidden = true;
    dot.hidden = true;
  }

  function show(event) {
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / Math.max(1, box.width);
    const hit = chart.hover((event.clientX - box.left) * ratio, (event.clientY - box.top) * ratio);
    if (!hit) return hide();
    tooltip.textContent = hit.text;
    tooltip.style.borderColor = hit.colour;
    tooltip.hidden = false;
    // Keep the tooltip inside the canvas: flip it to the left of the point on the right half.
    const x = hit.x / ratio;
    const y = hit.y / ratio;
    const flip = x > box.width / 2;
    tooltip.style.left = flip ? "" : `${x + 10}px`;
    tooltip.style.right = flip ? `${box.width - x + 10}px` : "";
    tooltip.style.top = `${Math.max(0, y - 34)}px`;
    dot.style.left = `${x}px`;
    dot.style.top = `${y}px`;
    dot.style.borderColor = hit.colour;
    dot.hidden = false;
  }

  canvas.addEventListener("pointermove", show);
  canvas.addEventListener("pointerdown", show);
  canvas.addEventListener("pointerleave", hide);

  return {
    canvas,
    /** Draws `series` = [{ lab, colour, label }] on linear or log axes. */
    draw(series, log) {
      fitCanvas(canvas);
      chart.clear();
      for (const { lab, colour, label } of series) chart.add(lab, colour, label ?? "");
      chart.draw(ctx, canvas.width, canvas.height, log, window.devicePixelRatio || 1);
    },
  };
}
