// The gradient-check panel: backprop against two-sided numerical gradients.
//
// The engine does the check and every number and colour (lab.gradcheck(): the difference,
// both thresholds, the verdict, per-parameter summaries, one RGBA heat cell per scalar
// parameter, typed arrays of analytic/numerical/relative error). This module lays them out:
// the difference and verdict, the course's number beside it, the planted-bug switches and
// the ε buttons (both change the link through lab.withKey), a heat strip over
// W1 b1 W2 b2 W3 b3, a table, and the 1-D check.
//
// Shown open for the gradient-checking lab; for any other configuration a button opens it.

import { t } from "./i18n.js";
import { fitCanvas, h, messageOf, setHidden, setText } from "./dom.js";

/** Networks up to this many parameters are re-checked live while they train. */
const LIVE_PARAMS = 200;
const LIVE_EVERY_MS = 300;
/** Table rows at most (large networks: one parameter matrix at a time). */
const MAX_ROWS = 400;

/** The gradient-checking panel in `root`; `app` is app.js's handle, `theme` the page's
 *  colours (dom.js readTheme). Returns {update(snapshot), tick(now)}. */
export function createGradcheck(root, app, theme) {
  const ui = {};
  const state = {
    open: false,
    userOpened: false,
    query: null,
    iteration: -1,
    checkedAt: 0,
    result: null,
    selected: null, // parameter name shown in the table, or "all"
    dueAt: 0, // when the live re-check runs (0: none)
  };

  /** Finds the panel's elements (static markup in index.html) and wires them. */
  function mount() {
    for (const el of root.querySelectorAll("[data-gc]")) ui[el.dataset.gc] = el;
    ui.openButton.addEventListener("click", () => {
      state.open = true;
      state.userOpened = true;
      app.pause?.();
      state.query = null; // force a check
      render();
      refresh(true);
      ui.difference.focus?.();
    });
    ui.recheck.addEventListener("click", () => refresh(true));
    ui.close.addEventListener("click", () => {
      state.open = false;
      state.userOpened = false;
      render();
      ui.openButton.focus();
    });
    ui.bugInputs = new Map();
    for (const input of root.querySelectorAll("[data-bug]")) {
      input.addEventListener("change", onBugs);
      ui.bugInputs.set(input.dataset.bug, input);
    }
    ui.epsButtons = new Map();
    for (const b of root.querySelectorAll("[data-eps]")) {
      b.addEventListener("click", () => setKey("eps", b.dataset.eps));
      ui.epsButtons.set(b.dataset.eps, b);
    }
    ui.strip.addEventListener("click", onStripClick);
    root.hidden = false;
    addEventListener("resize", () => {
      state.stripDue = true;
      app.wake();
    });
  }

  function setKey(key, value) {
    const lab = app.lab();
    if (!lab) return;
    let query;
    try {
      query = lab.withKey(key, value);
    } catch (err) {
      showError(messageOf(err));
      return;
    }
    state.open = true;
    app.setQuery(query);
  }

  function onBugs() {
    const on = [...ui.bugInputs].filter(([, input]) => input.checked).map(([k]) => k);
    setKey("bugs", on.length ? on.join(",") : "none");
  }

  function showError(message) {
    ui.error.hidden = !message;
    setText(ui.error, message ?? "");
  }

  function render() {
    setHidden(ui.openBox, state.open);
    setHidden(ui.body, !state.open);
    setHidden(ui.close, state.lastSnapshot?.lab === "gradcheck");
  }

  /** Runs the check on the current weights (always when `force`). */
  function refresh(force = false) {
    const lab = app.lab();
    if (!lab || !state.open) return;
    const query = app.query();
    const snap = state.lastSnapshot;
    const iteration = snap?.iteration ?? 0;
    const changed = query !== state.query;
    const moved = iteration !== state.iteration;
    if (!force && !changed && !moved) return;
    const now = performance.now();
    const small = (state.result?.entries.length ?? 0) <= LIVE_PARAMS;
    if (!force && !changed && moved && (!small || now - state.checkedAt < LIVE_EVERY_MS)) {
      ui.stale.hidden = false;
      setText(ui.stale, t("gc-stale", { iteration: String(state.iteration) }));
      if (small) schedule();
      return;
    }
    let result;
    try {
      result = lab.gradcheck();
    } catch (err) {
      state.result = null;
      state.query = query;
      state.iteration = iteration;
      showError(messageOf(err));
      return;
    }
    showError(null);
    ui.stale.hidden = true;
    if (changed) state.selected = null;
    state.result = result;
    state.query = query;
    state.iteration = iteration;
    state.checkedAt = now;
    show(result);
  }

  /** A live re-check LIVE_EVERY_MS after the last one, from the loop (tick). */
  function schedule() {
    if (state.dueAt) return;
    state.dueAt = state.checkedAt + LIVE_EVERY_MS;
    app.wake();
  }

  function show(r) {
    setText(ui.difference, r.differenceText);
    const badge = { pass: "gc-badge-pass", "round-off": "gc-badge-round-off", fail: "gc-badge-fail", undefined: "gc-badge-undefined" };
    setText(ui.badge, t(badge[r.verdict]));
    ui.badge.dataset.verdict = r.verdict;
    root.dataset.verdict = r.verdict;

    setText(ui.course, r.courseText);
    ui.course.hidden = false;
    ui.course.classList.toggle("gc-course-live", !!r.course);
    setText(
      ui.thresholdNew,
      t(r.passes ? "gc-threshold-new-pass" : "gc-threshold-new-fail", { t: r.thresholdText }),
    );
    setText(
      ui.thresholdOld,
      t(r.passesOld ? "gc-threshold-old-pass" : "gc-threshold-old-fail", { t: r.oldThresholdText }),
    );
    ui.thresholdNew.dataset.pass = String(r.passes);
    ui.thresholdOld.dataset.pass = String(r.passesOld);
    setText(ui.verdict, r.verdictText);
    setText(ui.meta, r.summary);

    for (const [key, input] of ui.bugInputs) input.checked = r.bugs.includes(key);
    setText(ui.epsNow, r.epsilonText);
    for (const [v, b] of ui.epsButtons) b.setAttribute("aria-pressed", String(Number(v) === r.epsilon));

    // strip labels: one per parameter matrix, as wide as its share of the strip
    ui.stripLabels.replaceChildren(
      ...r.params.map((p) => {
        const span = h("span", { class: p.suspect ? "suspect" : "" }, p.name);
        span.style.flexGrow = String(p.rows * p.cols);
        return span;
      }),
    );
    ui.legend.replaceChildren(
      h("span", { class: "gc-legend-title" }, t("gc-legend-title")),
      ...r.legend.map((stop) => {
        const sw = h("i", { class: "gc-swatch", "aria-hidden": "true" });
        sw.style.background = stop.color;
        return h("span", { class: "gc-legend-stop" }, sw, stop.label);
      }),
    );
    ui.chips.replaceChildren(
      chip("all", t("gc-chip-all", { n: String(r.entries.length) }), false, null),
      ...r.params.map((p) =>
        chip(
          p.name,
          t("gc-chip", { name: p.name, mark: p.suspect ? "✗" : "✓", worst: p.worstText }),
          p.suspect,
          p.color,
        ),
      ),
    );
    if (state.selected === null) {
      state.selected = r.entries.length <= MAX_ROWS ? "all" : (r.suspects[0] ?? r.params[0].name);
    }
    drawStrip();
    fillTable();
    setText(ui.oneD, r.oneD.summary);
  }

  function chip(name, label, suspect, color) {
    const b = h(
      "button",
      {
        type: "button",
        class: `gc-chip${suspect ? " suspect" : ""}`,
        "aria-pressed": String(state.selected === name),
        "data-param": name,
        "data-testid": `gradcheck-param-${name}`,
        "data-suspect": String(suspect),
      },
    );
    if (color) {
      const sw = h("i", { class: "gc-swatch", "aria-hidden": "true" });
      sw.style.background = color;
      b.append(sw);
    }
    b.append(label);
    b.addEventListener("click", () => {
      state.selected = name;
      for (const c of ui.chips.children) c.setAttribute("aria-pressed", String(c.dataset.param === name));
      fillTable();
    });
    return b;
  }

  function drawStrip() {
    const r = state.result;
    if (!r) return;
    const n = r.entries.length;
    const width = Math.max(100, ui.strip.parentElement?.clientWidth || 300);
    const height = 28;
    const ctx = fitCanvas(ui.strip, width, height);
    ctx.clearRect(0, 0, width, height);
    // one pixel per parameter, scaled up without smoothing
    const cells = new ImageData(new Uint8ClampedArray(r.colors), n, 1);
    const off = new OffscreenCanvas(n, 1);
    off.getContext("2d").putImageData(cells, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, width, height);
    ctx.strokeStyle = theme.ink;
    ctx.lineWidth = 1.5;
    for (const p of r.params.slice(1)) {
      const x = Math.round((p.offset / n) * width) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
      ctx.stroke();
    }
    ctx.strokeRect(0.5, 0.5, width - 1, height - 1);
  }

  function onStripClick(event) {
    const r = state.result;
    if (!r) return;
    const rect = ui.strip.getBoundingClientRect();
    const k = Math.floor(((event.clientX - rect.left) / rect.width) * r.entries.length);
    const p = r.params.findLast((q) => q.offset <= k);
    if (!p) return;
    ui.chips.querySelector(`[data-param="${p.name}"]`)?.click();
  }

  function fillTable() {
    const r = state.result;
    if (!r) return;
    const all = state.selected === "all";
    const params = all ? r.params : r.params.filter((p) => p.name === state.selected);
    const rows = [];
    let count = 0;
    for (const p of params) {
      for (let k = p.offset; k < p.offset + p.rows * p.cols && count < MAX_ROWS; k++, count++) {
        const e = r.entries[k];
        const sw = h("i", { class: "gc-swatch", "aria-hidden": "true" });
        sw.style.background = e.color;
        rows.push(
          h(
            "tr",
            { class: p.suspect ? "suspect" : "", "data-param": p.name },
            h("th", { scope: "row" }, e.label),
            h("td", { class: "mono" }, e.analytic),
            h("td", { class: "mono" }, e.numerical),
            h("td", { class: "mono" }, sw, e.relativeError),
          ),
        );
      }
    }
    ui.tbody.replaceChildren(...rows);
    setText(
      ui.caption,
      all ? t("gc-caption-all") : t("gc-caption-one", { name: state.selected }),
    );
    const total = params.reduce((s, p) => s + p.rows * p.cols, 0);
    setText(ui.tableNote, total > count ? t("gc-table-note", { count: String(count), total: String(total) }) : "");
    ui.tableNote.hidden = total <= count;
  }

  function update(snapshot) {
    if (!root || !snapshot) return;
    state.lastSnapshot = snapshot;
    // Open for the gradient-checking lab, or when the student asked for it (the button);
    // it stays open through the rebuilds its own switches cause.
    state.open = snapshot.lab === "gradcheck" || state.userOpened;
    // Always in the page: closed, it is the "check this network's gradients" button.
    setHidden(root, false);
    render();
    if (state.open) refresh();
  }

  /** The live re-check and a resized strip's redraw, when due; true while one waits. */
  function tick(now) {
    if (state.stripDue) {
      state.stripDue = false;
      if (state.result) drawStrip();
    }
    if (state.dueAt && now >= state.dueAt) {
      state.dueAt = 0;
      refresh();
    }
    return state.dueAt > 0;
  }

  mount();
  /** In a new language: the same check's words again (same weights, nothing trains). */
  function relabel() {
    if (state.result) refresh(true);
  }

  return { update, tick, relabel };
}
