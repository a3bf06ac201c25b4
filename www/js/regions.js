// The decision-region canvas. The engine paints everything into it (grid evaluation,
// colours, boundary, points, axes); this module only keeps the canvas's backing store at
// its displayed size times the device pixel ratio, so the drawing stays crisp.

/** Sizes `canvas`'s backing store to its CSS box × devicePixelRatio; true if it changed. */
export function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width === width && canvas.height === height) return false;
  canvas.width = width;
  canvas.height = height;
  return true;
}

/** A region view over `canvas`. `draw(lab, showTest)` repaints it from the lab. */
export function createRegions(canvas) {
  const ctx = canvas.getContext("2d");
  return {
    canvas,
    draw(lab, showTest, label) {
      fitCanvas(canvas);
      lab.paint(ctx, canvas.width, canvas.height, showTest);
      if (label) canvas.setAttribute("aria-label", label);
    },
  };
}
