// The network diagram: units in columns, one line per weight.
//
// lab.networkView(byGradient, panelWidth) gives everything in one call: layer sizes, per
// unit flags (1 = dropped by the current dropout mask of the first training point, 2 =
// dead: ReLU 0 on every training point), a caption, a plain health message, and the layout
// in CSS pixels computed by the engine (canvas size, unit centres and radius, one segment,
// line width and stroke colour per link W[l][j, i] by weight or by the last gradient, layer
// labels). This module only draws them, at most every 100 ms, less often for networks of
// many links (throttle.js: a late redraw waits for the loop's tick), and paints the lines
// only while the canvas is on screen (its texts follow the run everywhere).

import { t } from "./i18n.js";
import { fitCanvas, h, messageOf, setAttr, setHidden, setText } from "./dom.js";
import { createThrottle } from "./throttle.js";

const MIN_INTERVAL_MS = 100;
/** A redraw costs about one stroke per link: above this many links the interval between
 *  redraws grows in proportion (a 2-32-32-16-1 network's 1616 links: one redraw in 0.8 s),
 *  so a large network's diagram never takes the frames training needs. */
const LINKS_PER_INTERVAL = 200;
const DROPPED = 1;
const DEAD = 2;
/** How near the viewport the canvas counts as on screen (its lines are painted as it
 *  comes into view, not after). */
const ON_SCREEN_MARGIN = "200px";

/** The network diagram panel in `root`; `app` is app.js's handle, `theme` the page's
 *  colours (dom.js readTheme). Returns {update(snapshot), tick(now)}. */
export function createDiagram(root, app, theme) {
  const ui = {};
  const state = { byGradient: false, view: null, links: 0, legend: "" };
  /** Whether the canvas is on screen (an IntersectionObserver's last report; false until
   *  its first). Off screen, a redraw writes the texts (caption, health, the canvas's name)
   *  but paints no lines: for a large network their painting is the browser's costliest
   *  work of a frame (a 2-64-48-1 network's 3,248 lines: a missed frame each redraw, and
   *  several at a phone's pixel ratio). `stale`: the lines lag the texts; the latest view is
   *  painted as soon as the canvas is on screen (or the page printed). In a cross-origin
   *  frame the margin is ignored: the lines are painted as the canvas shows. */
  const lines = { onScreen: false, stale: false };

  function mount() {
    root.classList.add("nd");
    root.setAttribute("data-testid", "diagram-panel");
    root.replaceChildren();

    ui.weights = h("button", { type: "button", "aria-pressed": "true", "data-testid": "diagram-weights", "data-i18n": "nd-weights" }, t("nd-weights"));
    ui.gradients = h("button", { type: "button", "aria-pressed": "false", "data-testid": "diagram-gradients", "data-i18n": "nd-gradients" }, t("nd-gradients"));
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
      "aria-label": t("nd-aria"),
    });
    ui.caption = h("span", { class: "nd-caption", "data-testid": "diagram-caption" });
    ui.health = h("p", { class: "nd-health", "data-testid": "diagram-health", role: "status", hidden: true });
    ui.legend = h("span", { class: "nd-legend", "aria-hidden": "true" });
    root.append(
      h(
        "div",
        { class: "nd-head" },
        h("h2", { id: "nd-title", "data-i18n": "nd-title" }, t("nd-title")),
        h(
          "div",
          { class: "nd-toggle", role: "group", "aria-label": t("nd-toggle-aria"), "data-i18n-aria-label": "nd-toggle-aria" },
          h("span", { class: "nd-toggle-label", "data-i18n": "nd-toggle" }, t("nd-toggle")),
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
    new IntersectionObserver(
      (entries) => {
        lines.onScreen = entries.at(-1).isIntersecting;
        if (lines.onScreen) paintStale();
      },
      { rootMargin: ON_SCREEN_MARGIN },
    ).observe(ui.canvas);
    // A printed page shows the lines wherever the canvas is.
    addEventListener("beforeprint", paintStale);
  }

  const throttle = createThrottle(() => MIN_INTERVAL_MS * Math.max(1, state.links / LINKS_PER_INTERVAL), draw, app);
  const redrawSoon = throttle.soon;

  function draw() {
    const lab = app?.lab();
    if (!lab) return;
    let view;
    try {
      view = lab.networkView(state.byGradient, root.clientWidth);
    } catch (err) {
      setText(ui.caption, messageOf(err));
      return;
    }
    state.view = view;
    state.links = view.layout.strokes.length;
    // Sized always (the page's layout does not wait for the lines), painted on screen only.
    const ctx = fitCanvas(ui.canvas, view.layout.width, view.layout.height);
    lines.stale = !lines.onScreen;
    if (lines.onScreen) paint(ctx, view);
    setAttr(ui.canvas, "aria-label", view.description);
    const legend = `${view.positiveColor} ${view.negativeColor}`;
    if (legend !== state.legend) {
      state.legend = legend;
      ui.legend.replaceChildren(swatch(view.positiveColor, "+"), swatch(view.negativeColor, "−"));
    }
    setText(ui.caption, view.caption);
    setHidden(ui.health, !view.health);
    setText(ui.health, view.health ?? "");
    setAttr(ui.health, "data-level", view.healthLevel ?? "");
    setAttr(root, "data-dead", view.dead);
    setAttr(root, "data-dropped", view.dropped);
    setAttr(root, "data-mode", view.mode);
  }

  /** Paints the latest view if its lines were not (the canvas is sized for it: a resize
   *  since asks for a new one). */
  function paintStale() {
    if (!lines.stale || !state.view) return;
    lines.stale = false;
    paint(ui.canvas.getContext("2d"), state.view);
  }

  /** Paints `view` (networkView's) with `ctx`, the canvas's: links, units, layer labels. */
  function paint(ctx, view) {
    const g = view.layout;
    const { width, height, radius, cross, centres, links, lineWidths, strokes } = g;
    ctx.clearRect(0, 0, width, height);

    // links, layer by layer, in the engine's order
    ctx.lineCap = "round";
    for (let k = 0; k < strokes.length; k++) {
      ctx.strokeStyle = strokes[k];
      ctx.lineWidth = lineWidths[k];
      ctx.beginPath();
      ctx.moveTo(links[4 * k], links[4 * k + 1]);
      ctx.lineTo(links[4 * k + 2], links[4 * k + 3]);
      ctx.stroke();
    }

    // units, input layer first
    const inputs = view.sizes[0];
    for (let u = 0; u < view.units.length; u++) {
      const flags = view.units[u];
      const x = centres[2 * u];
      const y = centres[2 * u + 1];
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fillStyle = flags & DEAD ? theme.dead : flags & DROPPED ? theme.dropped : u < inputs ? theme.grid : theme.panel;
      ctx.fill();
      ctx.setLineDash(flags & DROPPED ? [2, 2] : []);
      ctx.strokeStyle = flags & DROPPED ? theme.muted : theme.ink;
      ctx.lineWidth = 1.2;
      ctx.stroke();
      ctx.setLineDash([]);
      if (flags & DEAD && cross > 0) {
        // a cross: dead, whatever the colours
        ctx.beginPath();
        ctx.moveTo(x - cross, y - cross);
        ctx.lineTo(x + cross, y + cross);
        ctx.moveTo(x + cross, y - cross);
        ctx.lineTo(x - cross, y + cross);
        ctx.strokeStyle = theme.panel;
        ctx.lineWidth = 1.4;
        ctx.stroke();
      }
    }

    // layer labels
    ctx.fillStyle = theme.muted;
    ctx.font = `11px ${theme.font}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    for (const label of g.labels) ctx.fillText(label.text, label.x, label.y);
  }

  function swatch(color, label) {
    const i = h("i", { class: "nd-swatch" });
    i.style.background = color;
    return h("span", { class: "nd-key" }, i, label);
  }

  mount();
  return { update: throttle.update, tick: throttle.tick, relabel: redrawSoon };
}
