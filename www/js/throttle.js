// Redraws of a view that follows the run, at most every `ms` milliseconds: `update(snapshot)`
// draws now, or once later with the latest state, when the run moved (another link or
// iteration); the loop's `tick(now)` runs that trailing redraw (no setTimeout: app.js's loop
// drives every timer).

// Turns: while training, the views that follow the run (the regions, the neuron maps, the
// "Inside the training" panel, the network diagram) take turns, at most one of these
// redraws a frame, so that no frame carries them all (a 32,32,16 network's regions, maps
// and diagram in one frame made it 50 to 130 ms long). Paused, every view draws at once,
// except in the first frame after training stops: that frame draws none of them, so a
// click on Pause is painted at once; the views catch up in the next frame.
let frameNo = 0;
let takenIn = -1;
let training = false;
let settling = false;
let resting = false;

/** app.js's loop, at the start of each frame: whether views take turns (the run is training, or
 *  the page is in its first frames), and whether this frame draws at all (`draws`: false for
 *  the frames that only train at speed "max"). Returns true for
 *  the first frame after training stopped (no heavy redraw in it; draw again next frame). */
export function beginFrame(isTraining, draws = true) {
  frameNo += 1;
  settling = training && !isTraining;
  training = isTraining;
  resting = !draws;
  return settling;
}

/** Whether a heavy redraw may happen now: paused, always (but not in the frame that settles
 *  a stop); while training, only the frame's first, and none in a frame that does not draw. */
export function takeTurn() {
  if (settling || resting) return false;
  if (!training) return true;
  if (takenIn === frameNo) return false;
  takenIn = frameNo;
  return true;
}

/** `draw()` at most every `ms` (and in its turn, `takeTurn`); `ms` is a number or a function
 *  giving the interval now (the diagram's grows with its links); `app` is app.js's handle
 *  (query, wake). Returns {update(snapshot), soon(), tick(now)}: the panel's update and tick. */
export function createThrottle(ms, draw, app) {
  const interval = typeof ms === "function" ? ms : () => ms;
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
      if (now - last >= interval() && takeTurn()) run(now);
      else if (!due) due = Math.max(now, last + interval());
    },
    /** Draws on the loop's next frame. */
    soon() {
      due = performance.now();
      app.wake();
    },
    /** The trailing redraw, when due; true while one waits. */
    tick(now) {
      if (due && now >= due && takeTurn()) run(now);
      return due > 0;
    },
  };
}
