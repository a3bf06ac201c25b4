// Neuron maps over the network diagram: each hidden unit's output over the input plane as a
// small heat map on its unit, the hovered or focused unit large, units the dropout mask drops
// greyed, and the engine's sentences (units that are copies of each other, maps that do not
// fit). Pixels, places and words come from lab.neuronMaps (crates/nnlab-core/src/view/
// neurons.rs); this module only puts them on the page, at most every 150 ms while the run
// moves. Each layer's column of maps is one button (the engine's `targets`: at least 24 px a
// side, WCAG 2.2's target size, where a map alone may be 10): the pointer over it, or a
// touch, shows the nearest unit large; keyboard focus shows the layer's current unit, and the
// arrow keys move it.

import { h, setAttr, setHidden, setText } from "./dom.js";
import { t } from "./i18n.js";
import { createThrottle } from "./throttle.js";

const MIN_INTERVAL_MS = 150;
/** Fields of one target in `targets`: x, y, width, height, first map, count. */
const TARGET = 6;

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
  const targets = [];
  /** The unit shown large (-1: none), and the last view's boxes and labels. */
  let focus = -1;
  let view = null;
  const throttle = createThrottle(MIN_INTERVAL_MS, draw, app);
  addEventListener("resize", throttle.soon);

  const show = (u) => {
    focus = u;
    throttle.soon();
  };

  function target() {
    const button = h("button", { type: "button", class: "nm-target" });
    const tg = { button, first: 0, count: 0, current: 0 };
    /** The layer's unit nearest the pointer's height. */
    const nearest = (event) => {
      const y = event.clientY - button.getBoundingClientRect().top + tg.y;
      let best = tg.first;
      for (let u = tg.first; u < tg.first + tg.count; u++) {
        const mid = (b) => view.boxes[3 * b + 1] + view.boxes[3 * b + 2] / 2;
        if (Math.abs(mid(u) - y) < Math.abs(mid(best) - y)) best = u;
      }
      return best;
    };
    const point = (event) => {
      if (!view) return;
      tg.current = nearest(event);
      label(tg);
      show(tg.current);
    };
    button.addEventListener("pointerenter", point);
    button.addEventListener("pointermove", (event) => {
      if (view && nearest(event) !== focus) point(event);
    });
    button.addEventListener("pointerdown", point);
    button.addEventListener("focus", () => show(tg.current));
    const hide = () => {
      if (focus < tg.first || focus >= tg.first + tg.count) return;
      focus = -1;
      largeBox.hidden = true;
    };
    button.addEventListener("pointerleave", () => {
      if (document.activeElement !== button) hide();
    });
    button.addEventListener("blur", hide);
    button.addEventListener("keydown", (event) => {
      const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
      if (!step || !tg.count) return;
      event.preventDefault();
      tg.current = tg.first + ((tg.current - tg.first + step + tg.count) % tg.count);
      label(tg);
      show(tg.current);
    });
    return tg;
  }

  function label(tg) {
    if (!view) return;
    setAttr(tg.button, "aria-label", t("nd-maps-aria", { unit: view.labels[tg.current] ?? "" }));
    for (let u = tg.first; u < tg.first + tg.count; u++) cells[u]?.unit.classList.toggle("current", u === tg.current);
  }

  function cell() {
    const canvas = h("canvas", { class: "nm-map" });
    const unit = h("span", { class: "nm-unit" }, canvas);
    return { unit, canvas, ctx: canvas.getContext("2d") };
  }

  /** `side × side` RGBA pixels from `bytes` at `offset` into `canvas`. */
  function put(canvas, ctx, bytes, offset, side) {
    if (canvas.width !== side) canvas.width = canvas.height = side;
    const pixels = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset + offset, side * side * 4);
    ctx.putImageData(new ImageData(pixels, side, side), 0, 0);
  }

  function draw() {
    const v = app.lab().neuronMaps(root.clientWidth, focus);
    view = v;
    setHidden(layer, !v);
    setText(symmetry, v?.symmetry ?? "");
    setHidden(symmetry, !v?.symmetry);
    setText(note, v?.note ?? "");
    setHidden(note, !v?.note);
    if (!v) return;
    const canvas = root.querySelector(".nd-canvas");
    layer.style.left = `${canvas.offsetLeft}px`;
    layer.style.top = `${canvas.offsetTop}px`;
    layer.style.width = `${canvas.clientWidth}px`;
    while (cells.length < v.labels.length) cells.push(cell());
    const layers = v.targets.length / TARGET;
    while (targets.length < layers) {
      targets.push(target());
      layer.append(targets.at(-1).button);
    }
    targets.forEach((tg, k) => {
      setHidden(tg.button, k >= layers);
      if (k >= layers) return;
      const [x, y, width, height, first, count] = v.targets.subarray(TARGET * k, TARGET * (k + 1));
      Object.assign(tg, { x, y, first, count });
      if (tg.current < first || tg.current >= first + count) tg.current = first;
      Object.assign(tg.button.style, { left: `${x}px`, top: `${y}px`, width: `${width}px`, height: `${height}px` });
      for (let u = first; u < first + count; u++) {
        if (cells[u].unit.parentNode !== tg.button) tg.button.append(cells[u].unit);
      }
      label(tg);
    });
    const bytes = v.side * v.side * 4;
    cells.forEach((c, u) => {
      const side = u < v.labels.length ? v.boxes[3 * u + 2] : 0;
      const owner = targets.find((tg) => !tg.button.hidden && u >= tg.first && u < tg.first + tg.count);
      setHidden(c.unit, side === 0 || !owner);
      if (c.unit.hidden) return;
      Object.assign(c.unit.style, {
        left: `${v.boxes[3 * u] - owner.x}px`,
        top: `${v.boxes[3 * u + 1] - owner.y}px`,
        width: `${side}px`,
        height: `${side}px`,
      });
      c.unit.classList.toggle("dropped", v.dropped[u] === 1);
      put(c.canvas, c.ctx, v.maps, u * bytes, v.side);
    });
    setHidden(largeBox, !v.large);
    if (v.large) {
      put(large, large.getContext("2d"), v.large, 0, v.largeSide);
      setText(largeLabel, v.labels[focus]);
    }
  }

  return { update: throttle.update, tick: throttle.tick, relabel: throttle.soon };
}
