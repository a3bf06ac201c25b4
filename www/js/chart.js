// The cost curve(s). The engine's Chart lays everything out (frame, ticks, curves as pixel
// polylines, ∞ marks, legend entries, hover lookup; see crates/nnlab-core/src/view/chart.rs);
// this module sizes the canvas, strokes and fills what it is given, and shows the hover
// tooltip. Colours come from the page's CSS custom properties (theme) and, per curve, from
// the caller.

import { fitBacking, strokePolyline } from "./dom.js";

/**
 * A chart over `canvas`, with `tooltip` (an absolutely positioned element inside the
 * canvas's positioned parent) for the point under the pointer. `theme` holds the page's
 * colours and canvas font (dom.js `readTheme`).
 */
export function createChart(wasm, canvas, tooltip, theme) {
  const ctx = canvas.getContext("2d");
  const chart = new wasm.Chart();
  let colours = [];
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
    const colour = colours[hit.series];
    tooltip.textContent = hit.text;
    tooltip.style.borderColor = colour;
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
    dot.style.borderColor = colour;
    dot.hidden = false;
  }

  canvas.addEventListener("pointermove", show);
  canvas.addEventListener("pointerdown", show);
  canvas.addEventListener("pointerleave", hide);

  /** Grid, tick labels, frame and axis titles. */
  function axes(g, width, height) {
    const f = g.frame;
    ctx.lineWidth = g.lineWidth;
    ctx.strokeStyle = theme.grid;
    ctx.fillStyle = theme.muted;
    ctx.beginPath();
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const t of g.yTicks) {
      ctx.moveTo(f.x0, t.at);
      ctx.lineTo(f.x0 + f.w, t.at);
      ctx.fillText(t.label, g.yLabelRight, t.at);
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of g.xTicks) {
      ctx.moveTo(t.at, f.y0);
      ctx.lineTo(t.at, f.y0 + f.h);
      // Labels stay inside the canvas (the last one would overhang the right edge).
      const half = ctx.measureText(t.label).width / 2;
      ctx.fillText(t.label, Math.min(t.at, width - half - 1), g.xLabelTop);
    }
    ctx.stroke();
    ctx.strokeStyle = theme.frame;
    ctx.strokeRect(f.x0, f.y0, f.w, f.h);
    // Mini-batches: epoch marks rising from the x axis, numbered above.
    ctx.beginPath();
    for (const t of g.epochMarks) {
      ctx.moveTo(t.at, f.y0 + f.h);
      ctx.lineTo(t.at, f.y0 + f.h - g.epochMarkHeight);
      ctx.fillText(t.label, t.at, f.y0 + f.h - g.epochMarkHeight * 2.6);
    }
    ctx.stroke();
    ctx.fillStyle = theme.ink;
    ctx.textBaseline = "bottom";
    ctx.fillText(g.xTitleText, g.xTitle[0], g.xTitle[1]);
    ctx.save();
    ctx.translate(g.yTitle[0], g.yTitle[1]);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText(g.yTitleText, 0, 0);
    ctx.restore();
  }

  /** The polylines (a NaN pair lifts the pen) and their ∞ marks, clipped to the plot. */
  function curves(g) {
    const [cx, cy, cw, ch] = g.clip;
    ctx.save();
    ctx.beginPath();
    ctx.rect(cx, cy, cw, ch);
    ctx.clip();
    ctx.lineJoin = "round";
    ctx.lineWidth = g.curveWidth;
    g.lines.forEach((line, k) => {
      ctx.strokeStyle = colours[k];
      strokePolyline(ctx, line);
      const marks = g.infinity[k];
      ctx.fillStyle = colours[k];
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      for (let i = 0; i < marks.length; i += 2) ctx.fillText("∞", marks[i], marks[i + 1]);
    });
    ctx.restore();
  }

  /** The legend box (top right) for the named curves; its width fits the measured labels. */
  function legend(g) {
    if (g.legend.length === 0) return;
    const font = g.font;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    const widest = Math.max(...g.legend.map((e) => ctx.measureText(e.label).width));
    const boxW = widest + font * 2.6;
    const [right, top] = g.legendCorner;
    const bx = right - boxW;
    ctx.fillStyle = theme.legendBack;
    ctx.fillRect(bx, top, boxW, g.legendLine * g.legend.length + font * 0.4);
    ctx.lineWidth = g.curveWidth;
    g.legend.forEach((e, k) => {
      const cy = top + font * 0.2 + g.legendLine * (k + 0.5);
      ctx.strokeStyle = colours[e.series];
      ctx.beginPath();
      ctx.moveTo(bx + font * 0.4, cy);
      ctx.lineTo(bx + font * 1.8, cy);
      ctx.stroke();
      ctx.fillStyle = theme.ink;
      ctx.fillText(e.label, bx + font * 2.2, cy);
    });
  }

  return {
    canvas,
    /** Draws `series` = [{ lab, colour, label, views }] on linear or log axes (`views`: with
     *  the lab's test-cost and cost-term curves). */
    draw(series, log) {
      const ratio = window.devicePixelRatio || 1;
      fitBacking(canvas, ratio);
      chart.clear();
      colours = [];
      for (const { lab, label, colour, views } of series) {
        chart.add(lab, label ?? "");
        colours.push(colour);
        // The run's view curves (test cost, cost terms), coloured by kind.
        if (views) for (const kind of chart.addViews(lab)) colours.push(theme.curves[kind]);
      }
      const { width, height } = canvas;
      const g = chart.layout(width, height, log, ratio);
      ctx.fillStyle = theme.panel;
      ctx.fillRect(0, 0, width, height);
      ctx.font = `${g.font}px ${theme.font}`;
      axes(g, width, height);
      curves(g);
      legend(g);
    },
  };
}
