// nnlab page: bootstrap and the single requestAnimationFrame loop.
//
// ── Contract with the page modules (js/gradcheck.js, js/diagram.js, js/exporter.js,
//    js/banner.js) ─────────────────────────────────────────────────────────────────
// At start, once:  gradcheck.mount(document.getElementById("gradcheck-panel"), app)
//                  diagram.mount(document.getElementById("diagram-panel"), app)
//                  exporter.mount(document.getElementById("export-panel"), app)
//                  installBanner(app)                  (banner element: #banner)
// Then gradcheck.update(snapshot), diagram.update(snapshot), exporter.update(snapshot)
// after every frame that changed something and after every rebuild, where `snapshot` is
// `app.lab().snapshot()` (see crates/nnlab-web/src/lab.rs `Snapshot`).
// `app` is:
//   wasm               the wasm module's exports (window.wasmBindings)
//   lab()              the current Lab handle (owned by the page: never free it)
//   query()            the canonical query of the current lab ("preset=init-he&play=1")
//   setQuery(q)        rebuilds the lab from q (a query or link; parsed by the engine) and
//                      rewrites the URL; returns false (and shows the engine's message) on a
//                      bad one, keeping the current lab
//   pause()            stops training (e.g. before a long computation)
//   regionsCanvas()    the decision-region <canvas>
// #gradcheck-panel starts hidden; the gradcheck module shows it (open for the
// gradient-checking lab, snapshot.lab === "gradcheck"). The other slots are always there.
// ──────────────────────────────────────────────────────────────────────────────────
//
// The loop: while playing, each frame steps the active labs (one, or three in compare
// mode) for at most STEP_BUDGET_MS of wall time and at most the chosen iterations per
// frame, then draws once: regions (painted by Rust), the cost chart (drawn by Rust), the
// numbers. All numerics, formatting and link handling are in the engine.
//
// How this module reaches the wasm exports (trunk 0.21): trunk replaces the
// <link data-trunk rel="rust"> tag with a module script that does
//     import init, * as bindings from '/nnlab-web-<hash>.js';
//     const wasm = await init(...);
//     window.wasmBindings = bindings;
//     dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
// Module scripts start in document order, but that script's top-level await does
// not hold this one back, so wait for whichever comes first: bindings already set,
// or the event. Both happen only after init() resolved, so every export is usable
// (and `#[wasm_bindgen(start)]` has already run).

import { createState } from "./js/state.js";
import { createControls } from "./js/controls.js";
import { createRegions } from "./js/regions.js";
import { createChart, SINGLE_COLOUR } from "./js/chart.js";
import { createCompare } from "./js/compare.js";
import { createReadout } from "./js/readout.js";
import * as gradcheck from "./js/gradcheck.js";
import * as diagram from "./js/diagram.js";
import * as exporter from "./js/exporter.js";
import { install as installBanner } from "./js/banner.js";

/** Wall time per frame spent stepping while playing (less when drawing took long). */
const STEP_BUDGET_MS = 8;
const MIN_STEP_BUDGET_MS = 3;
/** Stepping plus drawing should fit in this much of a 16.7 ms frame. */
const FRAME_BUDGET_MS = 14;
/** While training, painting decision regions takes at most this share of the wall time
 *  (a slow paint is then skipped on some frames; the chart and numbers never are). */
const REGIONS_SHARE = 0.3;
/** ... and while "run to end" hurries (still one paint per frame, so the page stays live). */
const RUN_TO_END_BUDGET_MS = 40;
/** One step() call should take about this long: the chunk size adapts to it. */
const CHUNK_TARGET_MS = 1;
const MAX_CHUNK = 4096;
/** The lab a link that does not open falls back to. */
const FALLBACK_QUERY = "preset=init-he";
/** How long "Copied" stays beside the copy button. */
const COPIED_MS = 2000;

export function wasmReady() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  return new Promise((resolve) => {
    window.addEventListener("TrunkApplicationStarted", () => resolve(window.wasmBindings), {
      once: true,
    });
  });
}

const wasm = await wasmReady();
const $ = (id) => document.getElementById(id);
$("stage").dataset.ready = "loading";
document.querySelector('[data-testid="wasm-version"]').textContent = `v${wasm.version()}`;

// ── Views ──────────────────────────────────────────────────────────────────────
const state = createState(wasm);
const presetList = wasm.presets();
const titles = new Map(presetList.map((p) => [p.name, p.title]));
const regions = createRegions($("regions-canvas"));
const chart = createChart(wasm, $("chart-canvas"), $("chart-tooltip"));
const readout = createReadout();
const compare = createCompare(wasm, {
  section: $("compare-view"),
  panelsBox: $("compare-panels"),
  rows: $("compare-rows"),
  titles,
});

// ── Loop state ─────────────────────────────────────────────────────────────────
let playing = false;
let runToEnd = false;
let maxPerFrame = speedOf($("speed").value);
let chunk = 16;
let dirty = true;
let framePending = false;
let snapshot = null;
let drawMs = 0;
let regionsMs = 0;
let regionsAt = -Infinity;

/** The speed menu's value as a cap on iterations per frame. */
function speedOf(value) {
  return value === "max" ? Infinity : Number(value);
}

function activeLabs() {
  return compare.active ? compare.labs() : [state.lab];
}

function schedule() {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(frame);
}

function markDirty() {
  dirty = true;
  schedule();
}

/** Steps the active labs within the frame's budget; returns the iterations run. */
function stepWithinBudget() {
  const labs = activeLabs();
  const budget = runToEnd
    ? RUN_TO_END_BUDGET_MS
    : Math.max(MIN_STEP_BUDGET_MS, Math.min(STEP_BUDGET_MS, FRAME_BUDGET_MS - drawMs));
  const cap = runToEnd ? Infinity : maxPerFrame;
  const start = performance.now();
  let planned = 0;
  let ran = 0;
  while (planned < cap && performance.now() - start < budget) {
    const n = Math.min(chunk, cap - planned);
    const t = performance.now();
    let most = 0;
    for (const lab of labs) most = Math.max(most, lab.step(n));
    const took = performance.now() - t;
    if (most === 0) break;
    planned += n;
    ran += most;
    if (took < CHUNK_TARGET_MS / 2 && chunk < MAX_CHUNK) chunk *= 2;
    else if (took > CHUNK_TARGET_MS * 2 && chunk > 1) chunk = Math.max(1, chunk >> 1);
  }
  return ran;
}

function frame() {
  framePending = false;
  if (playing || runToEnd) {
    const ran = stepWithinBudget();
    if (ran > 0) dirty = true;
    else stop();
  }
  if (dirty) {
    dirty = false;
    draw();
  }
  if (playing || runToEnd) schedule();
}

function draw() {
  const start = performance.now();
  const lab = state.lab;
  snapshot = lab.snapshot();
  const showTest = snapshot.showTest;
  const training = playing || runToEnd;
  const regionsDue = !training || start - regionsAt >= regionsMs / REGIONS_SHARE;
  if (regionsDue) {
    if (compare.active) compare.draw(showTest);
    else {
      regions.draw(
        lab,
        showTest,
        `Decision regions after ${snapshot.iteration} iterations; train accuracy ${snapshot.trainAccuracyText}`,
      );
    }
    regionsAt = start;
    regionsMs = performance.now() - start;
  }
  if (compare.active) chart.draw(compare.series(), snapshot.logCost);
  else chart.draw([{ lab, colour: SINGLE_COLOUR, label: "" }], snapshot.logCost);
  if (compare.active) readout.status(snapshot, training, compare.snapshots());
  else readout.update(snapshot, training);
  // Stop at a divergence (the labs also refuse to step, but say it once, plainly).
  if (!compare.active && snapshot.status === "diverged") stop();
  updateTransport();
  notifyPanels();
  drawMs = performance.now() - start;
}

function notifyPanels() {
  for (const panel of [gradcheck, diagram, exporter]) {
    try {
      panel.update(snapshot);
    } catch (err) {
      console.warn("panel update failed", err);
    }
  }
}

// ── Transport ──────────────────────────────────────────────────────────────────
function finished() {
  return activeLabs().every((lab) => lab.status() !== "training");
}

function play() {
  if (finished()) return;
  playing = true;
  markDirty();
}

function stop() {
  playing = false;
  runToEnd = false;
  markDirty();
}

function updateTransport() {
  const busy = playing || runToEnd;
  const done = finished();
  const button = $("play");
  button.textContent = busy ? "Pause" : "Play";
  button.setAttribute("aria-pressed", String(busy));
  button.disabled = done && !busy;
  for (const b of document.querySelectorAll("[data-step]")) b.disabled = done;
  $("run-to-end").disabled = done;
  $("reset").classList.toggle("attention", snapshot?.status === "diverged");
  $("compare-toggle").setAttribute("aria-pressed", String(compare.active));
  document.body.classList.toggle("comparing", compare.active);
}

$("play").addEventListener("click", () => (playing || runToEnd ? stop() : play()));
for (const b of document.querySelectorAll("[data-step]")) {
  b.addEventListener("click", () => {
    const n = Number(b.dataset.step);
    for (const lab of activeLabs()) lab.step(n);
    markDirty();
  });
}
$("run-to-end").addEventListener("click", () => {
  if (finished()) return;
  runToEnd = true;
  markDirty();
});
$("reset").addEventListener("click", () => {
  for (const lab of activeLabs()) lab.reset();
  if (compare.active) state.lab.reset();
  stop();
});
$("speed").addEventListener("change", (e) => (maxPerFrame = speedOf(e.target.value)));
$("compare-toggle").addEventListener("click", () => {
  setQuery(state.lab.withKey("compare", compare.active ? "0" : "1"));
});

// Keyboard: Space plays/pauses, → steps once (not while typing in a field).
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest?.("input, select, textarea, button, a, [contenteditable]")) return;
  if (e.key === " ") {
    e.preventDefault();
    $("play").click();
  } else if (e.key === "ArrowRight") {
    e.preventDefault();
    document.querySelector('[data-step="1"]').click();
  }
});

// ── Messages ───────────────────────────────────────────────────────────────────
function showError(message) {
  const el = $("error");
  el.textContent = message ? `This link or setting does not work: ${message}` : "";
  el.hidden = !message;
}

function showWarnings(list) {
  const el = $("warnings");
  el.textContent = list.length ? `Ignored: ${list.join("; ")}` : "";
  el.hidden = list.length === 0;
}

function showLab(s) {
  const lab = s.lab ?? "custom";
  const titleOf = { initialization: "Initialization", regularization: "Regularization", gradcheck: "Gradient checking", custom: "Playground" };
  const named = s.preset && titles.has(s.preset) && lab !== "gradcheck";
  $("intro-title").textContent = titleOf[lab] + (named ? ` — ${titles.get(s.preset)}` : "");
  for (const p of document.querySelectorAll("[data-lab-text]")) p.hidden = p.dataset.labText !== lab;
  for (const b of document.querySelectorAll("[data-preset]")) {
    b.setAttribute("aria-pressed", String(b.dataset.preset === s.preset && !!s.expected));
  }
  $("regions-figure").hidden = !s.plane;
  $("single-view").classList.toggle("no-plane", !s.plane);
  $("compare-toggle").disabled = s.lab !== "initialization" && s.lab !== "regularization";
}

// ── Rebuild ────────────────────────────────────────────────────────────────────
/**
 * Rebuilds from `text` (a query or link); a change of view settings only keeps the run
 * going. `autoplay`: true/false forces playing, undefined keeps the play state; `fresh`
 * restarts even an unchanged run. Returns false (showing the engine's message) on a bad
 * link.
 */
function setQuery(text, { autoplay, fresh = false } = {}) {
  const comparing = compare.active;
  const result = state.load(text, { fresh });
  if (!result.ok) {
    showError(result.error);
    return false;
  }
  showError("");
  showWarnings(result.warnings);
  state.writeUrl();
  const s = state.lab.snapshot();
  if (!result.kept || comparing !== s.compare) {
    if (!compare.rebuild(state.lab, s.compare) && s.compare) {
      showWarnings([...result.warnings, "compare=1: this lab has no three course runs to compare"]);
    }
    chunk = 16;
    runToEnd = false;
  }
  controls.update(state.lab, s);
  showLab(s);
  $("link-output").value = state.link();
  if (autoplay !== undefined) playing = autoplay;
  if (playing && finished()) playing = false;
  markDirty();
  return true;
}

const controls = createControls($("controls"), {
  wasm,
  getLab: () => state.lab,
  onQuery: (q) => setQuery(q),
  onError: showError,
});

// Presets: one click loads the course's configuration and starts it.
function buildPresets() {
  const nav = $("presets");
  const groups = [
    ["initialization", "Initialization"],
    ["regularization", "Regularization"],
    ["gradcheck", "Gradient checking"],
  ];
  for (const [lab, title] of groups) {
    const group = document.createElement("div");
    group.className = "preset-group";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", title);
    const label = document.createElement("span");
    label.className = "preset-label";
    label.textContent = title;
    group.append(label);
    for (const p of presetList.filter((p) => p.lab === lab)) {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.preset = p.name;
      b.dataset.testid = `preset-${p.name}`;
      b.setAttribute("aria-pressed", "false");
      b.textContent = lab === "gradcheck" ? "Check backprop" : p.title;
      if (p.expected) b.title = `course: train ${p.expected.trainText}, test ${p.expected.testText}`;
      b.addEventListener("click", () => {
        try {
          setQuery(state.lab.withPreset(p.name), { autoplay: lab !== "gradcheck", fresh: true });
        } catch (err) {
          showError(String(err?.message ?? err));
        }
      });
      group.append(b);
    }
    nav.append(group);
  }
}

// Copy link: the clipboard when allowed, else select the read-only field for Ctrl-C.
$("copy-link").addEventListener("click", async () => {
  const field = $("link-output");
  field.value = state.link();
  let copied = false;
  try {
    await navigator.clipboard.writeText(field.value);
    copied = true;
  } catch {
    copied = false;
  }
  if (!copied) {
    field.focus();
    field.select();
  }
  $("copied").textContent = copied ? "Copied" : "Press Ctrl-C (or ⌘-C) to copy";
  setTimeout(() => ($("copied").textContent = ""), COPIED_MS);
});

// The user edited the hash: reload from it (a bad one keeps the current lab).
window.addEventListener("hashchange", () => {
  if (location.hash === `#${state.query}`) return;
  if (setQuery(location.hash)) playing = state.lab.snapshot().play && !finished();
  markDirty();
});

// Canvases repaint when their size changes (layout, rotation, zoom).
new ResizeObserver(markDirty).observe($("regions-canvas"));
new ResizeObserver(markDirty).observe($("chart-canvas"));
new ResizeObserver(markDirty).observe($("compare-panels"));

// ── Start ──────────────────────────────────────────────────────────────────────
buildPresets();
if (!setQuery(state.urlQuery())) {
  const message = $("error").textContent;
  setQuery(FALLBACK_QUERY, { autoplay: false });
  $("error").textContent = message;
  $("error").hidden = false;
}
playing = state.lab.snapshot().play && !finished();

const app = {
  wasm,
  lab: () => state.lab,
  query: () => state.query,
  setQuery: (q) => setQuery(q),
  pause: () => stop(),
  regionsCanvas: () => $("regions-canvas"),
};
for (const [panel, id] of [
  [gradcheck, "gradcheck-panel"],
  [diagram, "diagram-panel"],
  [exporter, "export-panel"],
]) {
  try {
    panel.mount($(id), app);
  } catch (err) {
    console.warn("panel mount failed", err);
  }
}
installBanner(app);
markDirty();
$("stage").dataset.ready = "true";
// For tests and the console: the same object the panels get.
window.nnlab = app;
