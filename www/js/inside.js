// Inside the training: small curves of every layer's statistics and of the weight norm, the
// dropout's training mode beside test mode, and the formulas of the running configuration.
// lab.inside (crates/nnlab-core/src/view/inside.rs) gives every number, sentence, polyline
// and MathML element; this module fills the static markup of index.html (#inside-panel), at
// most every 200 ms while the run moves.

import { fitCanvas, h, setHidden, setText, sizeOf, strokePolyline } from "./dom.js";
import { createThrottle } from "./throttle.js";

const MIN_INTERVAL_MS = 200;

/** The panel `root` (index.html's #inside-panel); `app` is app.js's handle, `theme` the
 *  page's colours. Returns {update(snapshot), tick(now)}. */
export function createInside(root, app, theme) {
  const part = (name) => root.querySelector(`[data-inside="${name}"]`);
  const sparks = [...root.querySelectorAll("[data-spark]")];
  let formulas = "";
  let legend = "";
  const throttle = createThrottle(MIN_INTERVAL_MS, draw, app);
  // Their canvases are redrawn at a new size.
  for (const figure of sparks) sizeOf(figure.querySelector("canvas"), throttle.soon);

  function draw() {
    const { width, height } = sizeOf(sparks[0].querySelector("canvas"));
    const v = app.lab().inside(width, height);
    setText(part("caption"), v.caption);
    setHidden(part("dropoutBox"), !v.mask);
    setText(part("dropout"), v.dropout ?? "");
    setText(part("mask"), v.mask ?? "");
    if (legend !== v.layerNames.join()) {
      legend = v.layerNames.join();
      part("legend").replaceChildren(
        ...v.layerNames.map((name, l) => {
          const swatch = h("i", { class: "inside-swatch", "aria-hidden": "true" });
          swatch.style.background = theme.layers[l % theme.layers.length];
          return h("li", {}, swatch, name);
        }),
      );
    }
    let line = 0;
    sparks.forEach((figure, k) => {
      // The network decides the curves (a regression's output cannot saturate): a slot
      // without one is hidden; before the first sample the others show their titles.
      const s = v.sparks[k];
      setHidden(figure, !s);
      setText(figure.querySelector(".spark-title"), s?.title ?? "");
      setText(figure.querySelector(".spark-now"), s?.now ?? "");
      setText(figure.querySelector(".spark-top"), s?.top ?? "");
      const c = figure.querySelector("canvas");
      const { width, height } = sizeOf(c);
      const ctx = fitCanvas(c, width, height);
      ctx.clearRect(0, 0, width, height);
      ctx.lineWidth = 1.5;
      for (const l of s?.layers ?? []) {
        ctx.strokeStyle = theme.layers[l % theme.layers.length];
        strokePolyline(ctx, v.lines[line++]);
      }
    });
    const text = v.formulas.map((f) => f.mathml).join();
    if (text !== formulas) {
      formulas = text;
      // MathML built by the engine from configuration numbers; parsed as XML, never innerHTML.
      const parser = new DOMParser();
      part("formulas").replaceChildren(
        ...v.formulas.flatMap((f) => {
          const math = parser.parseFromString(f.mathml, "application/xml").documentElement;
          return [h("dt", {}, f.title), h("dd", {}, document.importNode(math, true))];
        }),
      );
    }
    root.dataset.iteration = String(v.latest?.iteration ?? "");
  }

  return { update: throttle.update, tick: throttle.tick, relabel: throttle.soon };
}
