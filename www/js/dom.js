// Shared DOM helpers of the page modules: element building with textContent only
// (link-derived text never goes through innerHTML), text updates, canvas sizing.

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

let styled = false;
/** Adds js/panels.css to the document once (unless the page links it already). */
export function ensureStyles() {
  if (styled) return;
  styled = true;
  if (document.querySelector('link[data-nnlab-panels], link[href*="panels"][rel="stylesheet"]')) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./panels.css", import.meta.url).href;
  link.dataset.nnlabPanels = "";
  document.head.append(link);
}

/** A canvas sized to its CSS box at the device's pixel ratio; returns its 2-D context. */
export function fitCanvas(canvas, cssWidth, cssHeight) {
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  const w = Math.max(1, Math.round(cssWidth * ratio));
  const hgt = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== hgt) canvas.height = hgt;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** The error text of a thrown value (JsError from the engine, Error, string). */
export function messageOf(err) {
  return String(err?.message ?? err);
}
