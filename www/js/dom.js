// Shared DOM helpers of the page modules: element building with textContent only
// (link-derived text never goes through innerHTML), text updates, canvas sizing, the
// page's colours.

/** Ends the current task: resolves in a later one, after the browser had the chance to
 *  paint and answer input. The page's start-up is a series of such steps, none of them a
 *  long task on a slow phone. */
export function nextTask() {
  return globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve, 0));
}

/** `document.createElement(tag)` with attributes and optional text (textContent). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) el.setAttribute(k, "");
    else if (v !== false && v !== undefined && v !== null) el.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** Sets text only when it changed (no layout work for identical frames). */
export function setText(el, value) {
  const v = String(value ?? "");
  if (el.textContent !== v) el.textContent = v;
}

/** Sets an attribute only when its value changed: the per-frame paths write through these, so
 *  that a frame whose words did not change invalidates no style, layout or paint (a rewrite
 *  of the same value still does). */
export function setAttr(el, name, value) {
  const v = String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

/** `el.hidden = hidden`, only when it changed (see setAttr). */
export function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/** `el.disabled = disabled`, only when it changed (see setAttr). */
export function setDisabled(el, disabled) {
  if (el.disabled !== disabled) el.disabled = disabled;
}

// Elements' sizes as the browser last laid them out, reported by one ResizeObserver: a view
// that sizes its canvas from them forces no layout in the middle of a frame.
const sizes = new WeakMap();
const onResizes = new WeakMap();
const observer = new ResizeObserver((entries) => {
  for (const { target, contentBoxSize } of entries) {
    const size = { width: Math.round(contentBoxSize[0].inlineSize), height: Math.round(contentBoxSize[0].blockSize) };
    const last = sizes.get(target);
    sizes.set(target, size);
    if (last.width !== size.width || last.height !== size.height) onResizes.get(target)?.();
  }
});

/** `el`'s CSS content-box size `{width, height}` (whole pixels) as last laid out. The first
 *  call measures it (a layout, once) and starts watching it; `onResize`, when given, runs
 *  whenever the size changes after that. */
export function sizeOf(el, onResize) {
  if (onResize) onResizes.set(el, onResize);
  let size = sizes.get(el);
  if (!size) {
    size = { width: el.clientWidth, height: el.clientHeight };
    sizes.set(el, size);
    observer.observe(el);
  }
  return size;
}

/**
 * Sizes `canvas`'s backing store to its CSS box (or `cssWidth × cssHeight`) times `ratio`;
 * true if it changed.
 */
export function fitBacking(canvas, ratio, cssWidth = sizeOf(canvas).width, cssHeight = sizeOf(canvas).height) {
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width === width && canvas.height === height) return false;
  canvas.width = width;
  canvas.height = height;
  return true;
}

/** A canvas sized to `cssWidth × cssHeight` at the device's pixel ratio (at most 3), drawn
 *  in CSS pixels; returns its 2-D context. */
export function fitCanvas(canvas, cssWidth, cssHeight) {
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  fitBacking(canvas, ratio, cssWidth, cssHeight);
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/**
 * The page's colours and canvas font, read once from style.css's custom properties (after
 * `applyPalette`): `{ink, muted, faint, grid, frame, panel, legendBack, font, dropped, dead,
 * classes: [0, 1], series: [3], curves: {test, ce, l2}, layers: [7], qrDark, qrLight}`.
 */
export function readTheme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(`--${name}`).trim();
  return {
    ink: v("ink"),
    muted: v("muted"),
    faint: v("faint"),
    grid: v("grid"),
    frame: v("frame"),
    panel: v("panel"),
    legendBack: v("legend-back"),
    font: v("canvas-font"),
    dropped: v("dropped"),
    dead: v("dead"),
    classes: [v("orange"), v("accent")],
    series: [v("series-0"), v("series-1"), v("series-2")],
    curves: { test: v("curve-test"), ce: v("curve-ce"), l2: v("curve-l2") },
    layers: [1, 2, 3, 4, 5, 6, 7].map((k) => v(`layer-${k}`)),
    qrDark: v("qr-dark"),
    qrLight: v("qr-light"),
  };
}

/** Strokes the polyline `line` (`[x0, y0, x1, y1, ...]`; a NaN pair lifts the pen) in the
 *  context's current style. */
export function strokePolyline(ctx, line) {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < line.length; i += 2) {
    if (Number.isNaN(line[i])) pen = false;
    else if (pen) ctx.lineTo(line[i], line[i + 1]);
    else {
      ctx.moveTo(line[i], line[i + 1]);
      pen = true;
    }
  }
  ctx.stroke();
}

/** Sets the engine's data colours (wasm `palette()`) as the page's custom properties. */
export function applyPalette(palette) {
  const root = document.documentElement.style;
  root.setProperty("--orange", palette.class0);
  root.setProperty("--accent", palette.class1);
  palette.series.forEach((c, k) => root.setProperty(`--series-${k}`, c));
}

/** The error text of a thrown value (JsError from the engine, Error, string). */
export function messageOf(err) {
  return String(err?.message ?? err);
}
