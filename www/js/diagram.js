// The network diagram: units in columns, one line per weight.
//
// lab.networkView(byGradient) gives everything in one call: layer sizes, and per link
// (W[l][j, i], row-major, layer by layer) a width 0..1 and an RGBA colour computed by the
// engine (by weight or by the last gradient), per unit flags (1 = dropped by the current
// dropout mask of the first training point, 2 = dead: ReLU 0 on every training point), a
// caption and a plain health message. This module only places and draws them, at most
// every 100 ms (a late redraw waits for the loop's tick).

import { fitCanvas, h, messageOf, setText } from "./dom.js";

const MIN_INTERVAL_MS = 100;
const DROPPED = 1;
const DEAD = 2;

/** The network diagram panel in `root`; `app` is app.js's handle, `theme` the page's
 *  colours (dom.js readTheme). Returns {update(snapshot), tick(now)}. */
export function createDiagram(root, app, theme) {
  const ui = {};
  const state = { byGradient: false, last: 0, due: 0, snapshot: null, view: null };

  function mount() {
    root.classList.add("nd");
    root.setAttribute("data-testid", "diagram-panel");
    root.replaceChildren();

    ui.weights = h("button", { type: "button", "aria-pressed": "true", "data-testid": "diagram-weights" }, "weights");
    ui.gradients = h("button", { type: "button", "aria-pressed": "false", "data-testid": "diagram-gradients" }, "gradients");
    for (const [b, by] of [
      [ui.weights, false],
      [ui.gradients, true],
    ]) {
      b.addEventListener("click", () => {
        state.byGradient = by;
        ui.weights.setAttribute("aria-pressed", String(!by));
        ui.gradients.setAttribute("aria-pressed", String(by));
        redrawSoon();
      });
    }
    ui.canvas = h("canvas", {
      class: "nd-canvas",
      "data-testid": "diagram",
      role: "img",
      "aria-label": "Network diagram",
    });
    ui.caption = h("span", { class: "nd-caption", "data-testid": "diagram-caption" });
    ui.health = h("p", { class: "nd-health", "data-testid": "diagram-health", role: "status", hidden: true });
    ui.legend = h("span", { class: "nd-legend", "aria-hidden": "true" });
    root.append(
      h(
        "div",
        { class: "nd-head" },
        h("h2", { id: "nd-title" }, "Network"),
        h(
          "div",
          { class: "nd-toggle", role: "group", "aria-label": "Line width and colour show" },
          h("span", { class: "nd-toggle-label" }, "lines show"),
          ui.weights,
          ui.gradients,
        ),
      ),
      ui.canvas,
      h("figcaption", {}, ui.legend, ui.caption),
      ui.health,
    );
    root.setAttribute("aria-labelledby", "nd-title");
    addEventListener("resize", redrawSoon);
  }

  function update(snapshot) {
    if (!root) return;
    state.snapshot = snapshot;
    const wait = state.last + MIN_INTERVAL_MS - performance.now();
    if (wait > 0) {
      // throttle: one trailing redraw with the latest state, from the loop (tick)
      if (!state.due) state.due = state.last + MIN_INTERVAL_MS;
      return;
    }
    draw();
  }

  function draw() {
    const lab = app?.lab();
    if (!lab) return;
    state.last = performance.now();
    let view;
    try {
      view = lab.networkView(state.byGradient);
    } catch (err) {
      setText(ui.caption, messageOf(err));
      return;
    }
    state.view = view;
    const sizes = view.sizes;
    const layers = sizes.length;
    const widest = Math.max(...sizes);
    const width = Math.max(200, root.clientWidth - 2 * 12 || 300);
    const height = Math.min(360, Math.max(170, widest * 13 + 46));
    const ctx = fitCanvas(ui.canvas, width, height);
    ctx.clearRect(0, 0, width, height);

    // layout: one column per layer, units spread evenly
    const padX = 34;
    const top = 12;
    const bottom = 26;
    const colX = (l) => padX + (l * (width - 2 * padX)) / (layers - 1);
    const gap = (n) => (height - top - bottom) / n;
    const unitY = (l, u) => top + (u + 0.5) * gap(sizes[l]);
    const radius = Math.max(2.5, Math.min(9, gap(widest) * 0.38));

    // links, layer by layer, in the engine's order
    const { widths, colors, units } = view;
    let k = 0;
    ctx.lineCap = "round";
    for (let l = 1; l < layers; l++) {
      const x0 = colX(l - 1);
      const x1 = colX(l);
      for (let j = 0; j < sizes[l]; j++) {
        const y1 = unitY(l, j);
        for (let i = 0; i < sizes[l - 1]; i++, k++) {
          ctx.strokeStyle = `rgba(${colors[4 * k]},${colors[4 * k + 1]},${colors[4 * k + 2]},${colors[4 * k + 3] / 255})`;
          ctx.lineWidth = 0.4 + widths[k] * 4.6;
          ctx.beginPath();
          ctx.moveTo(x0, unitY(l - 1, i));
          ctx.lineTo(x1, y1);
          ctx.stroke();
        }
      }
    }

    // units
    let offset = 0;
    for (let l = 0; l < layers; l++) {
      const x = colX(l);
      for (let u = 0; u < sizes[l]; u++) {
        const flags = units[offset + u];
        const y = unitY(l, u);
        ctx.beginPath();
        ctx.arc(x, y, radius, 0, 2 * Math.PI);
        ctx.fillStyle =
          flags & DEAD ? theme.dead : flags & DROPPED ? theme.dropped : l === 0 ? theme.grid : theme.panel;
        ctx.fill();
        ctx.setLineDash(flags & DROPPED ? [2, 2] : []);
        ctx.strokeStyle = flags & DROPPED ? theme.muted : theme.ink;
        ctx.lineWidth = 1.2;
        ctx.stroke();
        ctx.setLineDash([]);
        if (flags & DEAD && radius >= 4) {
          // a cross: dead, whatever the colours
          const r = radius * 0.55;
          ctx.beginPath();
          ctx.moveTo(x - r, y - r);
          ctx.lineTo(x + r, y + r);
          ctx.moveTo(x + r, y - r);
          ctx.lineTo(x - r, y + r);
          ctx.strokeStyle = theme.panel;
          ctx.lineWidth = 1.4;
          ctx.stroke();
        }
      }
      offset += sizes[l];
      // layer label
      ctx.fillStyle = theme.muted;
      ctx.font = `11px ${theme.font}`;
      ctx.textAlign = "center";
      ctx.textBaseline = "alphabetic";
      const name = l === 0 ? "input" : l === layers - 1 ? "output" : `hidden ${l}`;
      ctx.fillText(`${name} (${sizes[l]})`, Math.min(Math.max(x, 30), width - 30), height - 8);
    }

    ui.canvas.setAttribute(
      "aria-label",
      `Network ${sizes.join("-")}: ${view.caption}${view.health ? ` ${view.health}` : ""}`,
    );
    ui.legend.replaceChildren(
      swatch(view.positiveColor, "+"),
      swatch(view.negativeColor, "−"),
    );
    setText(ui.caption, view.caption);
    ui.health.hidden = !view.health;
    setText(ui.health, view.health ?? "");
    ui.health.dataset.level = view.healthLevel ?? "";
    root.dataset.dead = String(view.dead);
    root.dataset.dropped = String(view.dropped);
    root.dataset.mode = view.mode;
  }

  function swatch(color, label) {
    const i = h("i", { class: "nd-swatch" });
    i.style.background = color;
    return h("span", { class: "nd-key" }, i, label);
  }

  /** Redraws on the loop's next frame. */
  function redrawSoon() {
    state.due = performance.now();
    app.wake();
  }

  /** The throttle's trailing redraw, when due; true while it waits. */
  function tick(now) {
    if (state.due && now >= state.due) {
      state.due = 0;
      draw();
    }
    return state.due > 0;
  }

  mount();
  return { update, tick };
}
