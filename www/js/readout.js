// The live numbers beside the curve: iteration, cost, accuracies, the course's expected
// values, the note for an infinite cost and the status line. Every number and sentence
// arrives from the engine (snapshot.*Text, costNote; run/health.rs words them).

import { setAttr, setHidden, setText } from "./dom.js";
import { t } from "./i18n.js";

const CHECK = " ✓";

/** Binds the readout elements of the page (ids from index.html); `wasm` words compare mode's line. */
export function createReadout(wasm, doc = document) {
  const $ = (id) => doc.getElementById(id);
  const el = {
    iteration: $("iteration"),
    iters: $("iters"),
    cost: $("cost"),
    train: $("train-accuracy"),
    test: $("test-accuracy"),
    expectedTrain: $("expected-train"),
    expectedTest: $("expected-test"),
    gap: $("gap"),
    labels: [$("train-label"), $("test-label"), $("gap-label")],
    legend: [$("legend-0"), $("legend-1"), $("legend-hint")],
    costNote: $("cost-note"),
    status: $("status-note"),
  };

  return {
    /** Shows `s` (a Lab snapshot); `playing` words the status line. */
    update(s, playing) {
      setText(el.iteration, String(s.iteration));
      setText(el.iters, ` / ${s.iters}`);
      setText(el.cost, s.costText);
      setAttr(el.cost, "title", s.costIteration === null ? "" : t("readout-cost-at", { iteration: String(s.costIteration) }));
      setText(el.train, s.trainAccuracyText);
      setText(el.test, s.testAccuracyText);
      setText(el.gap, s.gapText);
      s.measureLabels.forEach((text, i) => setText(el.labels[i], text));
      s.legend.forEach((text, i) => setText(el.legend[i], text));
      const e = s.expected;
      setText(el.expectedTrain, e ? t("readout-course", { value: e.trainText }) + (e.trainMatches ? CHECK : "") : "");
      setText(el.expectedTest, e ? t("readout-course", { value: e.testText }) + (e.testMatches ? CHECK : "") : "");
      el.expectedTrain.classList.toggle("match", !!e?.trainMatches);
      el.expectedTest.classList.toggle("match", !!e?.testMatches);

      setHidden(el.costNote, !s.costNote);
      setText(el.costNote, s.costNote);

      this.status(s, playing);
    },

    /** Only the status line (compare mode shows it for the three runs, `runs`). */
    status(s, playing, runs) {
      if (runs) {
        const done = runs.every((r) => r.status !== "training");
        const started = runs.some((r) => r.iteration > 0);
        const stalled = runs.filter((r) => r.stalled).map((r) => r.title);
        setText(el.status, wasm.compareStatus(done, playing, started, stalled));
        el.status.classList.remove("diverged");
        setAttr(el.status, "data-state", done ? "done" : "training");
        return;
      }
      const status = playing ? s.playingStatusText : s.statusText;
      setText(el.status, status);
      el.status.classList.toggle("diverged", s.status === "diverged");
      setAttr(el.status, "data-state", s.status);
    },
  };
}
