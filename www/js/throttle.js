// A redraw at most every `ms` milliseconds: `request()` draws now or schedules one trailing
// redraw with the latest state, which the loop's `tick(now)` runs when due (no setTimeout:
// app.js's loop drives every timer).

/** `draw()` at most every `ms`; `wake()` asks the loop for a frame. */
export function createThrottle(ms, draw, wake) {
  let last = -Infinity;
  let due = 0;
  function run(now) {
    last = now;
    due = 0;
    draw();
  }
  return {
    /** Draws now if the interval has passed, else once when it has. */
    request() {
      const now = performance.now();
      if (now - last >= ms) run(now);
      else if (!due) due = last + ms;
    },
    /** Draws on the loop's next frame. */
    soon() {
      due = performance.now();
      wake();
    },
    /** The trailing redraw, when due; true while one waits. */
    tick(now) {
      if (due && now >= due) run(now);
      return due > 0;
    },
  };
}
