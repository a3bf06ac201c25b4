// The live numbers beside the curve: iteration, cost, accuracies, the course's expected
// values, and plain-language notes for an infinite cost and a diverged run. Every number
// arrives formatted by the engine (snapshot.*Text).

const INFINITE_COST_NOTE =
  "∞: the sigmoid output is exactly 0 or 1 on the wrong side for some point, and log 0 = −∞.";
const STALLED_NOTE =
  "Learning has stopped: every weight's gradient is exactly 0 (see the network diagram), so no weight can change.";
const CHECK = " ✓";

function text(el, value) {
  if (el.textContent !== value) el.textContent = value;
}

/** Binds the readout elements of the page (ids from index.html). */
export function createReadout(doc = document) {
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
    costNote: $("cost-note"),
    status: $("status-note"),
  };

  return {
    /** Shows `s` (a Lab snapshot); `playing` words the status line. */
    update(s, playing) {
      text(el.iteration, String(s.iteration));
      text(el.iters, ` / ${s.iters}`);
      text(el.cost, s.costText);
      el.cost.title = s.costIteration === null ? "" : `cost computed at iteration ${s.costIteration}`;
      text(el.train, s.trainAccuracyText);
      text(el.test, s.testAccuracyText);
      text(el.gap, s.gapText);
      const e = s.expected;
      text(el.expectedTrain, e ? `course ${e.trainText}${e.trainMatches ? CHECK : ""}` : "");
      text(el.expectedTest, e ? `course ${e.testText}${e.testMatches ? CHECK : ""}` : "");
      el.expectedTrain.classList.toggle("match", !!e?.trainMatches);
      el.expectedTest.classList.toggle("match", !!e?.testMatches);

      el.costNote.hidden = !s.costInfinite;
      text(el.costNote, s.costInfinite ? INFINITE_COST_NOTE : "");

      this.status(s, playing);
    },

    /** Only the status line (compare mode shows it for the three runs, `runs`). */
    status(s, playing, runs) {
      let status;
      if (runs) {
        const states = runs.map((r) => r.status);
        const state = states.every((x) => x !== "training") ? "done" : "training";
        if (state === "done") status = "Done: all three runs finished.";
        else if (playing) status = "Training the three runs…";
        else status = runs.every((r) => r.iteration === 0) ? "Ready: press Play or step." : "Paused.";
        const stalled = runs.filter((r) => r.stalled).map((r) => r.title);
        if (stalled.length > 0) {
          status += ` Learning has stopped in ${stalled.join(", ")}: every weight's gradient is exactly 0.`;
        }
        text(el.status, status);
        el.status.classList.remove("diverged");
        el.status.dataset.state = state;
        return;
      }
      if (s.status === "diverged") {
        status =
          `Training diverged at iteration ${s.divergedAt}: a gradient stopped being a finite ` +
          "number, so training stopped. Lower the learning rate, then Reset.";
      } else if (s.status === "done") {
        status = `Done: ${s.iters} iterations.`;
      } else if (playing) {
        status = "Training…";
      } else {
        status = s.iteration === 0 ? "Ready: press Play or step." : "Paused.";
      }
      if (s.stalled) status += ` ${STALLED_NOTE}`;
      text(el.status, status);
      el.status.classList.toggle("diverged", s.status === "diverged");
      el.status.dataset.state = s.status;
    },
  };
}
