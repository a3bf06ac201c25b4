// Redraws of a view that follows the run, at most every `ms` milliseconds: `update(snapshot)`
// draws now, or once later with the latest state, when the run moved (another link or
// iteration); the loop's `tick(now)` runs that trailing redraw (no setTimeout: app.js's loop
// drives every timer).

/** `draw()` at most every `ms`; `app` is app.js's handle (query, wake). Returns
 *  {update(snapshot), soon(), tick(now)}: the panel's update and tick. */
export function createThrottle(ms, draw, app) {
  let last = -Infinity;
  let due = 0;
  let seen = "";
  function run(now) {
    last = now;
    due = 0;
    draw();
  }
  return {
    /** Draws (now if the interval has passed, else once when it has) if the run moved. */
    update(snapshot) {
      const moved = `${app.query()}@${snapshot.iteration}`;
      if (moved === seen) return;
      seen = moved;
      const now = performance.now();
      if (now - last >= ms) run(now);
      else if (!due) due = last + ms;
    },
    /** Draws on the loop's next frame. */
    soon() {
      due = performance.now();
      app.wake();
    },
    /** The trailing redraw, when due; true while one waits. */
    tick(now) {
      if (due && now >= due) run(now);
      return due > 0;
    },
  };
}
