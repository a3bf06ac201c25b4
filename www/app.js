// nnlab page: bootstrap and the single requestAnimationFrame loop.
//
// The loop: each frame draws once (regions, the cost chart, the numbers, the panels), and
// training runs after the frame's painting, in the time left before the next frame is due:
// slices of at most SLICE_MS (one MessageChannel message each, so input comes in between)
// until FRAME_MARGIN_MS before the next frame, at most the chosen iterations per frame (none
// at speed "max" and in "run to end"), for the active labs (one, or three in compare mode).
// Every timer of the page is a time check in this loop (no setTimeout/setInterval). All
// numerics, scales, colours, formatting and link handling are in the engine; the views
// draw what it returns (ARCHITECTURE.md, "the drawing rule").
//
// The wasm exports arrive from the loader (js/start.js's `engine()`, after init: every
// export is usable and `#[wasm_bindgen(start)]` has run), or the reason they did not.

import { createState } from "./js/state.js";
import { createControls } from "./js/controls.js";
import { createRegions } from "./js/regions.js";
import { createChart } from "./js/chart.js";
import { createCompare } from "./js/compare.js";
import { createPresets } from "./js/presets.js";
import { createReadout } from "./js/readout.js";
import { createGradcheck } from "./js/gradcheck.js";
import { createDiagram } from "./js/diagram.js";
import { createNeurons } from "./js/neurons.js";
import { createInside } from "./js/inside.js";
import { createExporter } from "./js/exporter.js";
import { createData } from "./js/data.js";
import { createBanner } from "./js/banner.js";
import { createClassroom } from "./js/classroom.js";
import { createQuiz } from "./js/quiz.js";
import { createShare } from "./js/share.js";
import { applyPalette, messageOf, nextTask, readTheme, sizeOf, setAttr, setDisabled, setText } from "./js/dom.js";
import { beginFrame, takeTurn } from "./js/throttle.js";
import { createI18n, t } from "./js/i18n.js";
import { engine, showFailure } from "./js/start.js";

/** Training slices: a task of at most SLICE_MS (the time an input may wait for), until
 *  FRAME_MARGIN_MS before the next frame is due (its rAF time plus the display's period, the
 *  shortest frame interval seen, DEFAULT_PERIOD_MS before one is); no step() call starts that
 *  the last call's time says would end later. A frame whose own work (drawing, then the
 *  browser's style, layout, paint and compositing, all before the first slice) left no time
 *  trains nothing, unless the frame before trained nothing too: then it trains one call, so
 *  a slow device or a large network still progresses. */
const SLICE_MS = 4;
const FRAME_MARGIN_MS = 1;
const DEFAULT_PERIOD_MS = 1000 / 60;
const MIN_PERIOD_MS = 4;
/** At speed "max" and in "run to end", drawing a frame (the page's drawing and the browser's
 *  painting after it, measured up to the first slice) takes at most this share of the wall
 *  time: the other frames only train, and the views refresh 5 to 8 times a second. (Page
 *  bench, He lab at "max", interleaved runs at load 5: a 1 ms margin and 0.1: 63 to 78 % of
 *  the engine's speed at 60 fps; 1 ms and 0.2: 50 to 72 %; 2 ms and 0.2: 40 to 61 %. Later,
 *  quiet, six runs each: 0.1, 55 to 81 % (median 59 %); 0.05, 53 to 74 % (median 70 %).) */
const HURRY_DRAW_SHARE = 0.05;
/** While training, painting decision regions takes at most this share of the wall time
 *  (a slow paint is then skipped on some frames; the chart never is). The share counts the
 *  engine's grid only: its rasterising, as much again, happens after the frame's code. */
const REGIONS_SHARE = 0.15;
/** While training, a fresh snapshot (its accuracies are a forward pass over every point)
 *  takes at most this share of the wall time: a large data set's numbers then refresh a
 *  few times a second instead of every frame. Paused, every frame gets a fresh one. */
const SNAPSHOT_SHARE = 0.1;
/** One step() call should take about this long: the chunk size adapts to it. */
const CHUNK_TARGET_MS = 1;
const MAX_CHUNK = 4096;
/** How many of the last step() calls predict the next one's time. */
const CALL_SAMPLES = 5;
/** How long "Copied" stays beside the copy button. */
const COPIED_MS = 2000;
/** The page's first frames: the views take turns as while training (the regions first, the
 *  largest paint; the cost chart, the neuron maps, "Inside the training" and the diagram one a
 *  frame after),
 *  so that no long task holds the first paint on a slow phone (Lighthouse's blocking time). */
const BOOT_FRAMES = 7;

// A failed start (js/start.js) is said on the page; nothing more can run.
const wasm = await engine().catch((err) => {
  throw showFailure(err);
});
const $ = (id) => document.getElementById(id);
$("stage").dataset.ready = "loading";
document.querySelector('[data-testid="wasm-version"]').textContent = `v${wasm.version()}`;
// The start-up runs in steps (dom.js nextTask): the browser paints and answers between them.
await nextTask();

// ── Views ──────────────────────────────────────────────────────────────────────
applyPalette(wasm.palette());
const theme = readTheme();
const state = createState(wasm);
// The language first (the link's lang, else the browser's): every text below is in it.
// Another language's catalogue arrives after a switch: every text again, the run kept.
const i18n = await createI18n(wasm, wasm.pageLang(state.urlQuery(), navigator.language), () => {
  relabel();
  $("lang-switch").value = i18n.lang;
}).catch((err) => {
  throw showFailure(err);
});
await nextTask();
const presetList = wasm.presets();
// One click on a preset loads the course's configuration; it plays as the link says.
const presets = createPresets($("presets"), presetList, (p) => {
  try {
    const query = state.lab.withPreset(p.name);
    if (setQuery(query, { fresh: true })) playAsLinkSays();
  } catch (err) {
    showError(messageOf(err));
  }
});
const regions = createRegions($("regions-canvas"), theme);
const chart = createChart(wasm, $("chart-canvas"), $("chart-tooltip"), theme);
const readout = createReadout(wasm);
const compare = createCompare(wasm, {
  section: $("compare-view"),
  panelsBox: $("compare-panels"),
  rows: $("compare-rows"),
  theme,
});
const classroom = createClassroom();
const quiz = createQuiz(() => state.lab);
await nextTask();
/** The panels (gradient check, network diagram, export), created at start. */
let panels = [];

// ── Loop state ─────────────────────────────────────────────────────────────────
let playing = false;
let runToEnd = false;
let maxPerFrame = speedOf($("speed").value);
/** Iterations per step() call: the engine's first chunk of a run, then sized by time; and
 *  the milliseconds per iteration of the run's last calls (chunkMs). */
let chunk = 1;
let perIteration = [];
let dirty = true;
let framePending = false;
let snapshot = null;
let regionsMs = 0;
let regionsAt = -Infinity;
let snapshotOf = null;
let snapshotAt = -Infinity;
let snapshotMs = 0;
let lastFrameAt = 0;
let bootFrames = BOOT_FRAMES;
let period = DEFAULT_PERIOD_MS;
/** This frame's training: slices until `until`, at most `capLeft` iterations; `ran`: whether a
 *  step() call ran yet; `drewAt`: when this frame started drawing (0: it did not). */
let trainLeft = { until: 0, capLeft: 0, ran: false, drewAt: 0 };
/** The last drawn frame: when it started drawing, and how long until its first slice. */
let drawnAt = -Infinity;
let drawCost = 0;
/** The link's compare value the three runs were built for. */
let compareSpec = "0";
/** When the "Copied" message goes (0: not shown), and [its element, the text it had]. */
let copiedUntil = 0;
let copiedStatus = null;

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
  markIdle(false);
  requestAnimationFrame(frame);
}

/** `#stage[data-idle]`: "true" once a frame ends with nothing left to train or draw (every view
 *  is up to date), "false" while the loop runs; what tests wait for before they count. */
function markIdle(idle) {
  const value = String(idle);
  if ($("stage").dataset.idle !== value) $("stage").dataset.idle = value;
}

function markDirty() {
  dirty = true;
  schedule();
}

/** Steps the active labs for one slice: calls of `chunk` iterations (sized to take about
 *  CHUNK_TARGET_MS) while the slice is under SLICE_MS and the last call's time says the next
 *  would end within `left` ms (the first call always: the caller checked), at most `cap`
 *  iterations; returns the iterations run (0: the run is over). */
function stepFor(left, cap) {
  const labs = activeLabs();
  const start = performance.now();
  let planned = 0;
  let ran = 0;
  let elapsed = 0;
  while (planned < cap && (planned === 0 || (elapsed < SLICE_MS && elapsed + chunkMs() <= left))) {
    const n = Math.min(chunk, cap - planned);
    const t = performance.now();
    let most = 0;
    for (const lab of labs) most = Math.max(most, lab.step(n));
    const ms = performance.now() - t;
    elapsed = performance.now() - start;
    if (most === 0) break;
    perIteration.push(ms / n);
    if (perIteration.length > CALL_SAMPLES) perIteration.shift();
    planned += n;
    ran += most;
    const typical = chunkMs();
    if (typical < CHUNK_TARGET_MS / 2 && chunk < MAX_CHUNK) chunk *= 2;
    else if (typical > CHUNK_TARGET_MS * 2 && chunk > 1) chunk = Math.max(1, chunk >> 1);
  }
  return ran;
}

/** What a call of `chunk` iterations should take: the median time per iteration of the
 *  run's last CALL_SAMPLES calls (a call slowed by a garbage collection or by the system
 *  neither ends a frame's training early nor halves the chunk); 0 before the first. */
function chunkMs() {
  const sorted = [...perIteration].sort((a, b) => a - b);
  return (sorted[sorted.length >> 1] ?? 0) * chunk;
}

/** Whether the run trains (playing, or running to its end). */
function trains() {
  return playing || runToEnd;
}

// The training slices: one a message, each posting the next until the frame's time is used;
// the next frame (requestAnimationFrame) draws what they trained and starts the next round.
const slices = new MessageChannel();
let slicePending = false;
/** Whether the last frame trained nothing (its own work left no time for a step() call). */
let starved = false;
slices.port1.onmessage = () => {
  slicePending = false;
  if (!trains() || trainLeft.capLeft <= 0) return;
  const left = trainLeft.until - performance.now();
  if (!trainLeft.ran && trainLeft.drewAt) drawCost = performance.now() - trainLeft.drewAt;
  // No call that would end after the next frame is due, but one every other frame at least.
  if (left < chunkMs() && (trainLeft.ran || !starved)) {
    if (!trainLeft.ran) starved = true;
    trainLeft.ran = true;
    return;
  }
  starved = false;
  trainLeft.ran = true;
  const ran = stepFor(left, trainLeft.capLeft);
  trainLeft.capLeft -= ran;
  if (ran > 0) {
    markDirty();
    postSlice();
  } else stop(); // the end (or a diverged run, which refuses to step)
};
function postSlice() {
  if (slicePending || !trains()) return;
  slicePending = true;
  slices.port2.postMessage(null);
}

/** The display's period: the shortest interval between consecutive training frames. */
function measurePeriod(now) {
  const previous = lastFrameAt;
  lastFrameAt = trains() ? now : 0;
  if (previous && lastFrameAt) period = Math.max(MIN_PERIOD_MS, Math.min(period, now - previous));
}

function frame(now) {
  framePending = false;
  if (bootFrames > 0) bootFrames -= 1;
  const draws = drawDue();
  const settling = beginFrame(trains() || bootFrames > 0, draws);
  measurePeriod(now);
  if (trains()) {
    if (finished()) stop();
    else {
      // Trains after this frame's drawing and painting, until the next frame is due.
      trainLeft = { until: now + period - FRAME_MARGIN_MS, capLeft: runToEnd ? Infinity : maxPerFrame, ran: false, drewAt: 0 };
      postSlice();
    }
  }
  if (dirty && draws) {
    dirty = false;
    trainLeft.drewAt = drawnAt = performance.now();
    draw();
    // The frame that painted a stop drew no heavy view: they follow in the next one.
    if (settling) dirty = true;
  }
  // Timers: each is a time check here; the loop keeps running while one waits.
  let waiting = false;
  for (const panel of panels) waiting = panel.tick(now) || waiting;
  if (copiedUntil && now >= copiedUntil) {
    copiedUntil = 0;
    copiedStatus[0].textContent = copiedStatus[1];
  }
  if (trains() || waiting || copiedUntil || dirty || bootFrames > 0) schedule();
  else markIdle(true);
}

/** Whether this frame draws (the loop's views and the panels' redraws): always, but while
 *  training hurries (speed "max", "run to end"), where drawing takes at most HURRY_DRAW_SHARE
 *  of the time. */
function drawDue() {
  const hurrying = runToEnd || (playing && maxPerFrame === Infinity);
  return !hurrying || (performance.now() - drawnAt) * HURRY_DRAW_SHARE >= drawCost;
}

function draw() {
  const start = performance.now();
  const lab = state.lab;
  const training = trains();
  if (!training || snapshotOf !== lab || start - snapshotAt >= snapshotMs / SNAPSHOT_SHARE) {
    snapshot = lab.snapshot();
    [snapshotOf, snapshotAt, snapshotMs] = [lab, start, performance.now() - start];
  }
  const showTest = snapshot.showTest;
  const label = t("page-regions-label", { iteration: String(snapshot.iteration), accuracy: snapshot.trainAccuracyText });
  // Paused, the regions (or compare mode's three) draw whenever the frame is drawn and they
  // show something else (but not in the frame that paints a Pause); in the first frames they
  // take the frame's turn first (draw() runs before the panels' ticks), and the other views
  // wait for theirs. While training the snapshot, and so the label, may lag the lab: no such
  // check, and such a paint is not trusted later (its state unknown).
  const iteration = training ? undefined : snapshot.iteration;
  // Compare mode's three snapshots, taken once a frame (panels, table and status line).
  const runs = compare.active ? compare.snapshots() : null;
  const shown = () => (runs ? compare.shows(showTest, runs) : regions.shows(lab, showTest, label, iteration));
  const regionsDue = training ? start - regionsAt >= regionsMs / REGIONS_SHARE && takeTurn() : !shown() && takeTurn();
  if (regionsDue) {
    if (runs) compare.draw(showTest, runs, !training);
    else regions.draw(lab, showTest, label, iteration);
    regionsAt = start;
    regionsMs = performance.now() - start;
  }
  // In the first frames the chart takes a turn too (after the regions'); until then the
  // frame stays dirty.
  if (bootFrames === 0 || takeTurn()) {
    if (compare.active) chart.draw(compare.series(), snapshot.logCost);
    else chart.draw([{ lab, colour: theme.ink, label: "", views: true }], snapshot.logCost);
  } else dirty = true;
  if (runs) readout.status(snapshot, training, runs);
  else readout.update(snapshot, training);
  // Stop at a divergence (the labs also refuse to step, but say it once, plainly).
  if (!compare.active && snapshot.status === "diverged") stop();
  updateTransport();
  notifyPanels();
}

/** Hands the frame's snapshot to the panels. A panel that throws is a bug: the error is
 *  reported (console.error fails the end-to-end tests) and the other panels still update. */
function notifyPanels() {
  for (const panel of panels) {
    try {
      panel.update(snapshot);
    } catch (err) {
      console.error("nnlab: panel update failed", err);
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
  updateTransport(); // the button answers in the click's own task, before the next frame
  markDirty();
}

/** Plays or pauses as the current link's `play` says (unless the run is finished). */
function playAsLinkSays() {
  playing = state.lab.snapshot().play && !finished();
}

function stop() {
  playing = false;
  runToEnd = false;
  updateTransport();
  markDirty();
}

function updateTransport() {
  const busy = trains();
  const done = finished();
  const button = $("play");
  setText(button, t(busy ? "page-pause" : "page-play"));
  setAttr(button, "aria-pressed", busy);
  setDisabled(button, done && !busy);
  for (const b of document.querySelectorAll("[data-step]")) setDisabled(b, done);
  setDisabled($("run-to-end"), done);
  $("reset").classList.toggle("attention", snapshot?.status === "diverged");
  setAttr($("compare-toggle"), "aria-pressed", compare.active);
  document.body.classList.toggle("comparing", compare.active);
}

$("play").addEventListener("click", () => (trains() ? stop() : play()));
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
  setQuery(state.lab.withKey($("compare-toggle").dataset.key, compare.active ? "0" : "1"));
});
$("compare-vary").addEventListener("change", (e) => {
  const ok = setQuery(state.lab.withKey("compare", e.target.value.trim() || "0"));
  e.target.setAttribute("aria-invalid", ok ? "false" : "true");
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
/** Shows the engine's message about a refused link, and only it: warnings about the
 *  previously accepted link go. An empty message hides it. */
function showError(message) {
  if (message) showWarnings([]);
  const el = $("error");
  el.textContent = message ? t("page-error", { message }) : "";
  el.hidden = !message;
}

function showWarnings(list) {
  const el = $("warnings");
  el.textContent = list.length ? t("page-ignored", { list: list.join("; ") }) : "";
  el.hidden = list.length === 0;
}

/** After a change of language: what was built once is built again in it (the run, its
 *  state and the user's text are kept); what each frame draws follows by itself. */
function relabel() {
  presets.relabel(wasm.presets());
  controls.relabel();
  for (const panel of panels) panel.relabel?.();
  compare.relabel(state.lab);
  // The snapshot's words (readout labels, legend, status) were the old language's: drawn
  // again now, so no frame shows the static markup's words beside a regression's numbers.
  snapshotOf = null;
  draw();
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
  const spec = state.lab.values().compare ?? "0";
  $("compare-vary").value = spec.includes(":") ? spec : "";
  if (!result.kept || comparing !== s.compare || spec !== compareSpec) {
    compareSpec = spec;
    if (!compare.rebuild(state.lab, s.compare) && s.compare) {
      showWarnings([...result.warnings, t("page-no-compare")]);
    }
    chunk = state.lab.firstChunk();
    perIteration = [];
    runToEnd = false;
  }
  // A new language (the link's lang, or the switch): every text again, the run kept.
  if (i18n.set(wasm.pageLang(state.query, navigator.language))) relabel();
  classroom.clear();
  controls.update(state.lab, s);
  $("lang-switch").value = i18n.lang;
  quiz.apply(classroom.apply(state.lab), !result.kept);
  presets.showLab(s);
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

// Copy link: the clipboard when allowed, else select the read-only field for Ctrl-C.
$("copy-link").addEventListener("click", () => {
  $("link-output").value = state.link();
  copyField($("link-output"), $("copied"));
});
createShare(wasm, () => state.lab, theme, (field) => copyField(field, $("share-copy")));
await nextTask();

/** Copies a read-only field's text and says so in `status` for COPIED_MS. */
async function copyField(field, status) {
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
  copiedStatus = [status, status.textContent];
  status.textContent = t(copied ? "page-copied" : "page-press-copy");
  copiedUntil = performance.now() + COPIED_MS;
  schedule();
}

// The user edited the hash: reload from it (a bad one keeps the current lab).
window.addEventListener("hashchange", () => {
  if (location.hash === `#${state.query}`) return;
  if (setQuery(location.hash)) playAsLinkSays();
  markDirty();
});

// Canvases repaint when their size changes (layout, rotation, zoom).
sizeOf($("regions-canvas"), markDirty);
sizeOf($("chart-canvas"), markDirty);
sizeOf($("compare-panels"), markDirty);

// ── Start ──────────────────────────────────────────────────────────────────────
if (!setQuery(state.urlQuery())) {
  const message = $("error").textContent;
  setQuery(wasm.fallbackQuery(), { autoplay: false });
  $("error").textContent = message;
  $("error").hidden = false;
}
playAsLinkSays();
await nextTask();

const app = {
  wasm,
  lab: () => state.lab,
  query: () => state.query,
  setQuery: (q) => setQuery(q),
  pause: () => stop(),
  /** Runs the loop for a frame (a panel's time check waits for it). */
  wake: () => schedule(),
  regionsCanvas: () => $("regions-canvas"),
};
const exporter = createExporter($("export-panel"), app);
for (const create of [
  () => createGradcheck($("gradcheck-panel"), app, theme),
  () => createDiagram($("diagram-panel"), app, theme),
  () => createNeurons($("diagram-panel"), app),
  () => createInside($("inside-panel"), app, theme),
  () => exporter,
  () => createData(app, exporter.save),
]) {
  panels.push(create());
  await nextTask();
}
createBanner(app);
markDirty();
$("stage").dataset.ready = "true";
// For tests and the console: the same object the panels get.
window.nnlab = app;
