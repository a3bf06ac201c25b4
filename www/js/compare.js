// Compare mode: three runs side by side — compare=1, the current lab's three presets, each
// with the user's other changes carried in; compare=KEY:v1,v2,v3, one key at three values
// (the engine's compareRuns gives their queries, names and titles) — three Labs, three
// region panels, one table — all stepped by app.js's single loop. Their cost curves
// go on the main chart (see `series`).

import { t } from "./i18n.js";
import { h, setText } from "./dom.js";
import { createRegions } from "./regions.js";

/**
 * `section` is shown while comparing; panels go into `panelsBox`, table rows into `rows`.
 * `theme` (dom.js
 * `readTheme`) gives the runs' colours (`theme.series`: the engine's palette).
 */
export function createCompare(wasm, { section, panelsBox, rows, theme }) {
  let runs = [];
  // The caption and the train, test and gap headers: the engine names their messages
  // for the problem (accuracies, or regression's losses); i18n.js re-renders data-i18n.
  const headers = [...section.querySelectorAll("[data-compare-header]")];

  function label(ids) {
    headers.forEach((el, i) => {
      if (el.dataset.i18n === ids[i]) return;
      el.dataset.i18n = ids[i];
      el.textContent = t(ids[i]);
    });
  }

  function clear() {
    for (const run of runs) run.lab.free();
    runs = [];
    panelsBox.replaceChildren();
    rows.replaceChildren();
    section.hidden = true;
  }

  /** A run's state as its panel and row show it (fresh snapshot `s`): its iteration, and the
   *  page's language (the row's words). */
  const stateOf = (s) => `${s.iteration}|${wasm.currentLang()}`;

  function cell(row, testid) {
    const td = h("td", { "data-testid": testid });
    row.append(td);
    return td;
  }

  return {
    /** Whether three runs are shown. */
    get active() {
      return runs.length > 0;
    },

    /** The three Lab handles (stepped together by the loop). */
    labs() {
      return runs.map((r) => r.lab);
    },

    /** The three runs' snapshots, each with its `title`. */
    snapshots() {
      return runs.map((r) => ({ ...r.lab.snapshot(), title: r.title }));
    },

    /** The chart's series: one curve per run, labelled. */
    series() {
      return runs.map((r, i) => ({ lab: r.lab, colour: theme.series[i], label: r.title }));
    },

    /**
     * Rebuilds the three runs of `mainLab`'s lab (or removes them when `on` is false).
     * Returns false when there are no three runs to compare (gradient checking).
     */
    rebuild(mainLab, on) {
      clear();
      if (!on) return true;
      const all = mainLab.compareRuns();
      if (all.length === 0) return false;
      all.forEach(({ query, name, title }, i) => {
        const lab = new wasm.Lab(query);
        const figure = h("figure", { class: "compare-run", "data-testid": "compare-run" });
        const swatch = h("i", { class: "swatch", "aria-hidden": "true" });
        swatch.style.background = theme.series[i];
        const caption = h("figcaption", {}, swatch, h("span", {}, title));
        const canvas = h("canvas", { class: "regions-canvas", role: "img", "aria-label": t("compare-regions-aria", { title }) });
        const stats = h("p", { class: "compare-stats mono" });
        figure.append(caption, canvas, stats);
        panelsBox.append(figure);

        const row = h("tr", { "data-testid": `compare-row-${name}` });
        const th = h("th", { scope: "row" }, swatch.cloneNode(), h("span", {}, title));
        row.append(th);
        const cells = {
          iteration: cell(row, "compare-iteration"),
          cost: cell(row, "compare-cost"),
          train: cell(row, "compare-train"),
          test: cell(row, "compare-test"),
          gap: cell(row),
        };
        rows.append(row);
        const titled = [caption.lastChild, th.lastChild];
        runs.push({ lab, name, title, titled, canvas, regions: createRegions(canvas, theme), stats, cells });
      });
      section.hidden = false;
      return true;
    },

    /** After a change of language: the runs' titles in it (the runs keep training). */
    relabel(mainLab) {
      if (!runs.length) return;
      mainLab.compareRuns().forEach(({ title }, i) => {
        const run = runs[i];
        if (!run) return;
        run.title = title;
        for (const el of run.titled) el.textContent = title;
        run.canvas.setAttribute("aria-label", t("compare-regions-aria", { title }));
      });
    },

    /** Whether the three panels and the table show the runs as `snapshots` (`snapshots()`,
     *  fresh) tell them (paused: a frame with nothing new leaves them). */
    shows(showTest, snapshots) {
      return runs.every((run, i) => run.regions.shows(run.lab, showTest, undefined, stateOf(snapshots[i])));
    },

    /** Repaints the three panels and the table from `snapshots` (`snapshots()`). `current`:
     *  paused, the snapshots tell the runs as they are (see `shows`). */
    draw(showTest, snapshots, current) {
      if (snapshots.length > 0) label(snapshots[0].compareHeaders);
      runs.forEach((run, i) => {
        const s = snapshots[i];
        run.regions.draw(run.lab, showTest, undefined, current ? stateOf(s) : undefined);
        const e = s.expected;
        const course = (live, want, ok) => (want ? `${live} (${want}${ok ? " ✓" : ""})` : live);
        setText(run.stats, t("compare-stats", { train: s.trainAccuracyText, test: s.testAccuracyText }));
        setText(run.cells.iteration, s.iteration);
        setText(run.cells.cost, s.costText);
        setText(run.cells.train, course(s.trainAccuracyText, e?.trainText, e?.trainMatches));
        setText(run.cells.test, course(s.testAccuracyText, e?.testText, e?.testMatches));
        setText(run.cells.gap, s.gapText);
      });
    },

    clear,
  };
}
