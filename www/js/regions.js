// The decision-region canvas. The engine renders the regions' pixels and lays the panel
// out (lab.regions: grid RGBA, the square's place, ticks and points in pixels; see
// crates/nnlab-web/src/regions.rs); this module puts the pixels into the square and
// strokes and fills the rest, in the page's colours (theme, dom.js `readTheme`).

import { fitBacking, sizeOf } from "./dom.js";

/** A region view over `canvas`. `draw(lab, showTest, label)` repaints it from the lab. */
export function createRegions(canvas, theme) {
  const screen = canvas.getContext("2d");
  /** Where points() and axes() draw: the canvas, or the layer while drawOn() runs. */
  let ctx = screen;
  function drawOn(target, f) {
    ctx = target;
    try {
      f();
    } finally {
      ctx = screen;
    }
  }
  // The grid's pixels, copied out of wasm memory into a reused buffer and scaled from a
  // small offscreen canvas (crisp: no smoothing).
  let image = null;
  let scratch = null;
  // Points, frame, ticks and labels change only with the data, the size or showTest, not
  // while training: drawn once into a layer, then one drawImage a frame (a large data set's
  // thousands of circles would otherwise be rasterised every frame).
  let layer = null;
  let layerKey = "";
  // What the canvas shows: `{lab, key}` (keyOf) of the last paint whose state was known.
  let shown = null;

  /** What a paint of `lab` depends on: its link, the test points' switch, the label, the
   *  caller's `state` (the lab's iteration, and what else its words depend on) and the size
   *  the canvas's box asks for. */
  function keyOf(lab, showTest, label, state) {
    const { width, height } = sizeOf(canvas);
    return `${lab.query()}|${showTest}|${label}|${state}|${width}x${height}@${window.devicePixelRatio || 1}`;
  }

  function putPixels(r) {
    if (!image || image.width !== r.grid) {
      image = new ImageData(r.grid, r.grid);
      scratch = new OffscreenCanvas(r.grid, r.grid).getContext("2d");
    }
    image.data.set(r.pixels);
    scratch.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(scratch.canvas, r.x0, r.y0, r.side, r.side);
    ctx.imageSmoothingEnabled = true;
  }

  /** The 0.5 boundary: the engine's sub-pixel segments, stroked anti-aliased. */
  function boundary(r) {
    const b = r.boundary;
    ctx.beginPath();
    for (let i = 0; i < b.length; i += 4) {
      ctx.moveTo(b[i], b[i + 1]);
      ctx.lineTo(b[i + 2], b[i + 3]);
    }
    ctx.lineCap = "round";
    ctx.strokeStyle = theme.ink;
    ctx.lineWidth = Math.max(r.font / 8, 1.5);
    ctx.stroke();
  }

  /** Circles at `[x, y, ...]`, in one path. */
  function circles(xy, radius) {
    ctx.beginPath();
    for (let i = 0; i < xy.length; i += 2) {
      ctx.moveTo(xy[i] + radius, xy[i + 1]);
      ctx.arc(xy[i], xy[i + 1], radius, 0, 2 * Math.PI);
    }
  }

  /**
   * Draws each group of `sets` (`[Float64Array, ...]`, one per label) with `draw(colour)`: in
   * one path per label in its class colour, or, when the engine gave each point its colour
   * (`rgb`: regression's `[r, g, b, ...]`), one path per point.
   */
  function paint(sets, rgb, radius, draw) {
    sets.forEach((xy, label) => {
      if (!rgb) {
        circles(xy, radius);
        draw(theme.classes[label]);
        return;
      }
      for (let i = 0; 2 * i < xy.length; i++) {
        circles(xy.subarray(2 * i, 2 * i + 2), radius);
        draw(`rgb(${rgb[3 * i]},${rgb[3 * i + 1]},${rgb[3 * i + 2]})`);
      }
    });
  }

  /** Test points as rings (outlined), training points filled (outlined), per label or value. */
  function points(r) {
    const radius = r.radius;
    paint(r.test, r.testRgb, radius * 1.15, (colour) => {
      ctx.strokeStyle = theme.ink;
      ctx.lineWidth = radius * 1.15 * 0.95;
      ctx.stroke();
      ctx.strokeStyle = colour;
      ctx.lineWidth = radius * 1.15 * 0.5;
      ctx.stroke();
    });
    paint(r.train, r.trainRgb, radius, (colour) => {
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.strokeStyle = theme.ink;
      ctx.lineWidth = Math.max(radius * 0.32, 1);
      ctx.stroke();
    });
  }

  /** Frame, tick marks, tick labels and the axis names x₁, x₂. */
  function axes(r) {
    const { font, x0, y0, side, tick } = r;
    ctx.strokeStyle = theme.frame;
    ctx.lineWidth = Math.max(font / 12, 1);
    ctx.strokeRect(x0, y0, side, side);
    ctx.fillStyle = theme.muted;
    ctx.beginPath();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of r.xTicks) {
      ctx.moveTo(t.at, y0 + side);
      ctx.lineTo(t.at, y0 + side + tick);
      ctx.fillText(t.label, t.at, y0 + side + tick * 1.5);
    }
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const t of r.yTicks) {
      ctx.moveTo(x0, t.at);
      ctx.lineTo(x0 - tick, t.at);
      ctx.fillText(t.label, x0 - tick * 1.5, t.at);
    }
    ctx.stroke();
    ctx.fillStyle = theme.ink;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText("x₁", x0 + side / 2, y0 + side + font * 2.75);
    ctx.save();
    ctx.translate(x0 - font * 2.9, y0 + side / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText("x₂", 0, 0);
    ctx.restore();
  }

  return {
    canvas,
    /** Whether the canvas already shows this: a paused frame that redraws for another view
     *  then leaves the regions as they are (the first frames' turns go to the other views).
     *  Never for an unknown `state`. */
    shows(lab, showTest, label, state) {
      return state !== undefined && shown?.lab === lab && shown.key === keyOf(lab, showTest, label, state);
    },
    /** Paints `lab`. `state`: the lab's state now, when the caller knows it (paused: from a
     *  fresh snapshot); while training it is `undefined` (the snapshot, and so the label, may
     *  lag the lab), and a later `shows` never trusts such a paint. */
    draw(lab, showTest, label, state) {
      fitBacking(canvas, window.devicePixelRatio || 1);
      const { width, height } = canvas;
      const r = lab.regions(width, height, showTest);
      ctx.fillStyle = theme.panel;
      ctx.fillRect(0, 0, width, height);
      if (r?.message) {
        ctx.font = `${r.font}px ${theme.font}`;
        ctx.fillStyle = theme.muted;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(r.message, width / 2, height / 2);
      } else if (r) {
        putPixels(r);
        boundary(r);
        const key = `${lab.query()}|${width}x${height}|${showTest}`;
        if (key !== layerKey || !layer) {
          layer ??= new OffscreenCanvas(width, height).getContext("2d");
          [layer.canvas.width, layer.canvas.height] = [width, height];
          drawOn(layer, () => {
            ctx.font = `${r.font}px ${theme.font}`;
            points(r);
            axes(r);
          });
          layerKey = key;
        }
        ctx.drawImage(layer.canvas, 0, 0);
      }
      if (label) canvas.setAttribute("aria-label", label);
      shown = state === undefined ? null : { lab, key: keyOf(lab, showTest, label, state) };
    },
  };
}
