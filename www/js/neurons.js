// Neuron maps over the network diagram: each hidden unit's output over the input plane as a
// small heat map on its unit, the hovered or focused unit large, units the dropout mask drops
// greyed, and the engine's sentences (units that are copies of each other, maps that do not
// fit). Pixels, places and words come from lab.neuronMaps (crates/nnlab-core/src/view/
// neurons.rs); this module only puts them on the page, at most every 150 ms while the run
// moves. Every drawn map is a button: hover or keyboard focus shows it large.

import { h, setText } from "./dom.js";
import { createThrottle } from "./throttle.js";

const MIN_INTERVAL_MS = 150;

/** The maps over the diagram panel `root` (after createDiagram built it); `app` is app.js's
 *  handle. Returns {update(snapshot), tick(now)}. */
export function createNeurons(root, app) {
  const layer = h("div", { class: "nm-layer", "data-testid": "neuron-maps" });
  const large = h("canvas", { class: "nm-large-canvas", "data-testid": "neuron-large" });
  const largeLabel = h("figcaption", {});
  const largeBox = h("figure", { class: "nm-large", hidden: true }, large, largeLabel);
  const symmetry = h("p", { class: "nm-symmetry", "data-testid": "symmetry", role: "status", hidden: true });
  const note = h("p", { class: "nm-note", "data-testid": "neuron-note", hidden: true });
  layer.append(largeBox);
  root.append(layer, symmetry, note);
  const cells = [];
  let focus = -1;
  const throttle = createThrottle(MIN_INTERVAL_MS, draw, app);
  addEventListener("resize", throttle.soon);

  function cell(u) {
    const canvas = h("canvas", { class: "nm-map" });
    const button = h("button", { type: "button", class: "nm-unit", "data-unit": u }, canvas);
    const show = () => {
      focus = u;
      throttle.soon();
    };
    const hide = () => {
      if (focus !== u) return;
      focus = -1;
      largeBox.hidden = true;
    };
    button.addEventListener("pointerenter", show);
    button.addEventListener("focus", show);
    button.addEventListener("pointerleave", hide);
    button.addEventListener("blur", hide);
    return { button, canvas, ctx: canvas.getContext("2d") };
  }

  /** `side × side` RGBA pixels from `bytes` at `offset` into `canvas`. */
  function put(canvas, ctx, bytes, offset, side) {
    if (canvas.width !== side) canvas.width = canvas.height = side;
    const pixels = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + offset, side * side * 4);
    ctx.putImageData(new ImageData(pixels, side, side), 0, 0);
  }

  function draw() {
    const v = app.lab().neuronMaps(root.clientWidth, focus);
    layer.hidden = !v;
    setText(symmetry, v?.symmetry ?? "");
    symmetry.hidden = !v?.symmetry;
    setText(note, v?.note ?? "");
    note.hidden = !v?.note;
    if (!v) return;
    const canvas = root.querySelector(".nd-canvas");
    layer.style.left = `${canvas.offsetLeft}px`;
    layer.style.top = `${canvas.offsetTop}px`;
    layer.style.width = `${canvas.clientWidth}px`;
    while (cells.length < v.labels.length) {
      cells.push(cell(cells.length));
      layer.append(cells.at(-1).button);
    }
    const bytes = v.side * v.side * 4;
    cells.forEach((c, u) => {
      const side = u < v.labels.length ? v.boxes[3 * u + 2] : 0;
      c.button.hidden = side === 0;
      if (side === 0) return;
      Object.assign(c.button.style, {
        left: `${v.boxes[3 * u]}px`,
        top: `${v.boxes[3 * u + 1]}px`,
        width: `${side}px`,
        height: `${side}px`,
      });
      c.button.setAttribute("aria-label", v.labels[u]);
      c.button.classList.toggle("dropped", v.dropped[u] === 1);
      put(c.canvas, c.ctx, v.maps, u * bytes, v.side);
    });
    largeBox.hidden = !v.large;
    if (v.large) {
      put(large, large.getContext("2d"), v.large, 0, v.largeSide);
      setText(largeLabel, v.labels[focus]);
    }
  }

  return { update: throttle.update, tick: throttle.tick, relabel: throttle.soon };
}
