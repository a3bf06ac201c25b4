// Own data: the Data panel (paste or upload a CSV, export the points) and the "edit points"
// mode of the regions canvas. The engine reads the CSV, quantizes the points into the link,
// and keeps the edits with their undo and redo (withCsv of the tools' module, lab.pointsCsv,
// wasm.PointEditor); this module forwards text, files, clicks and keys, and shows the
// engine's messages. A refused CSV or edit changes nothing: the run and the text stay.
// Under regression the edit bar offers a value (its text goes to the engine as typed)
// instead of a class.

import { messageOf, setText } from "./dom.js";
import { t } from "./i18n.js";

/**
 * The Data panel (#data-panel) and the edit bar beside the regions canvas.
 *   app   app.js's handle (lab(), query(), setQuery(q), regionsCanvas(), wasm)
 *   save  (ext, type, make) => void   the export panel's download (exporter.js)
 */
export function createData(app, save) {
  const $ = (id) => document.getElementById(id);
  const ui = {
    text: $("data-text"),
    use: $("data-use"),
    file: $("data-file"),
    exportButton: $("data-export"),
    status: $("data-status"),
    error: $("data-error"),
    edit: $("edit-points"),
    cls: $("edit-class"),
    value: $("edit-value"),
    undo: $("edit-undo"),
    redo: $("edit-redo"),
    hint: $("edit-hint"),
  };
  const canvas = app.regionsCanvas();
  /** The point editor while "edit points" is on, and the query its last edit made. */
  let editor = null;
  let edited = "";
  /** Whether the run is a regression (its points carry values, not classes). */
  let regression = false;

  function showError(message) {
    setText(ui.error, message);
    ui.error.hidden = !message;
  }

  /** Loads a query the engine built; false (the page shows why) when it is refused. */
  function load(query) {
    const ok = app.setQuery(query);
    if (ok) showError("");
    return ok;
  }

  /** Imports CSV `text` into the lab (the tools' module, loaded on first use). */
  async function useText(text) {
    const query = app.lab().query();
    let imported;
    try {
      const tools = await window.nnlabTools();
      imported = tools.withCsv(query, text, app.wasm.currentLang());
    } catch (err) {
      showError(messageOf(err));
      return;
    }
    if (load(imported.query)) {
      setText(ui.status, imported.summary);
      stopEditing();
    }
  }

  ui.use.addEventListener("click", () => useText(ui.text.value));
  ui.file.addEventListener("change", async () => {
    const file = ui.file.files?.[0];
    if (!file) return;
    try {
      await useText(await file.text());
    } catch (err) {
      showError(messageOf(err));
    }
    ui.file.value = "";
  });
  ui.exportButton.addEventListener("click", () =>
    save("points.csv", "text/csv", (lab) => lab.pointsCsv()),
  );

  // ── Edit points ─────────────────────────────────────────────────────────────
  function startEditing() {
    try {
      editor = new app.wasm.PointEditor(app.lab());
    } catch (err) {
      showError(messageOf(err));
      return;
    }
    edited = app.query();
    showError("");
    refresh();
  }

  function stopEditing() {
    editor?.free();
    editor = null;
    refresh();
  }

  /** The class choice, or under regression the value field, and the hint that goes with it. */
  function showLabelControl() {
    ui.cls.closest("label").hidden = regression;
    ui.value.closest("label").hidden = !regression;
    const hint = regression ? "page-edit-hint-value" : "page-edit-hint";
    if (ui.hint.dataset.i18n !== hint) {
      ui.hint.dataset.i18n = hint;
      setText(ui.hint, t(hint));
    }
  }

  function refresh() {
    const on = editor !== null;
    ui.edit.setAttribute("aria-pressed", String(on));
    canvas.classList.toggle("editing", on);
    ui.hint.classList.toggle("on", on);
    ui.undo.disabled = !on;
    ui.redo.disabled = !on;
  }

  /** Applies an edit's result: a new query (training restarts from the same seeds). */
  function apply(run) {
    let query;
    try {
      query = run(app.lab());
    } catch (err) {
      showError(messageOf(err));
      return;
    }
    if (query !== undefined && load(query)) edited = app.query();
  }

  ui.edit.addEventListener("click", () => (editor ? stopEditing() : startEditing()));
  ui.undo.addEventListener("click", () => editor && apply((lab) => editor.undo(lab, false)));
  ui.redo.addEventListener("click", () => editor && apply((lab) => editor.undo(lab, true)));
  canvas.addEventListener("pointerdown", (e) => {
    if (!editor || e.button > 0) return;
    e.preventDefault();
    const label = regression ? ui.value.value : ui.cls.value;
    const size = [canvas.width, canvas.height, canvas.clientWidth];
    apply((lab) => editor.click(lab, size, e.offsetX, e.offsetY, label, e.shiftKey));
  });
  document.addEventListener("keydown", (e) => {
    if (!editor || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "z") return;
    if (e.target.closest?.("input, textarea, select, [contenteditable]")) return;
    e.preventDefault();
    apply((lab) => editor.undo(lab, e.shiftKey));
  });

  return {
    /** Another change of the run (a setting, a preset, the link) ends editing. */
    update(snapshot) {
      if (editor && app.query() !== edited) stopEditing();
      if (snapshot && snapshot.regression !== regression) {
        regression = snapshot.regression;
        showLabelControl();
      }
    },
    tick() {
      return false;
    },
  };
}
