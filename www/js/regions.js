// The decision-region canvas. The engine renders the regions' pixels and lays the panel
// out (lab.regions: grid RGBA, the square's place, ticks and points in pixels; see
// crates/nnlab-web/src/regions.rs); this module puts the pixels into the square and
// strokes and fills the rest, in the page's colours (theme, dom.js `readTheme`).

import { fitBacking } from "./dom.js";

/** A region view over `canvas`. `draw(lab, showTest, label)` repaints it from the lab. */
export function createRegions(canvas, theme) {
  const ctx = canvas.getContext("2d");
  // The grid's pixels, copied out of wasm memory into a reused buffer and scaled from a
  // small offscreen canvas (crisp: no smoothing).
  let image = null;
  let scratch = null;

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

  /** Test points as rings (outlined), training points filled (outlined), per label. */
  function points(r) {
    const radius = r.radius;
    r.test.forEach((xy, label) => {
      circles(xy, radius * 1.15);
      ctx.strokeStyle = theme.ink;
      ctx.lineWidth = radius * 1.15 * 0.95;
      ctx.stroke();
      ctx.strokeStyle = theme.classes[label];
      ctx.lineWidth = radius * 1.15 * 0.5;
      ctx.stroke();
    });
    r.train.forEach((xy, label) => {
      circles(xy, radius);
      ctx.fillStyle = theme.classes[label];
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
    draw(lab, showTest, label) {
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
        ctx.font = `${r.font}px ${theme.font}`;
        points(r);
        axes(r);
      }
      if (label) canvas.setAttribute("aria-label", label);
    },
  };
}
