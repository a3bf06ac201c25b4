//! nnlab's browser bindings.
//!
//! One opaque handle, [`Lab`], owns a training run in wasm memory; the page
//! gets small copyable results (a snapshot object, typed arrays, strings) and
//! pixels painted straight into its canvases. [`Chart`] draws cost curves of
//! one or more labs. Free functions give the page what it needs to build its
//! controls ([`presets`], [`keys`]) and fresh seeds ([`random_seed`]).
//!
//! All numerics, formatting, scales and colours of the regions happen here;
//! JavaScript lays out and draws.

use nnlab_core::config::keys::{KeyInfo, KEYS};
use nnlab_core::config::limits;
use nnlab_core::format::{fmt_cost, fmt_cost_short};
use nnlab_core::run::snapshot::PresetInfo;
use nnlab_core::view::ticks::{log_ticks, nice_ticks};
use nnlab_core::Preset;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

mod bench;
mod lab;
mod panels;
mod panic;

use lab::js_err;
pub use lab::Lab;

/// The nnlab version compiled into the wasm module (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Runs once when the module is initialised: in the page, and also under wasm-bindgen-test
/// (in Node there is no `window`, so this must not fail without one).
#[wasm_bindgen(start)]
pub fn start() {
    panic::install();
    if !cfg!(target_arch = "wasm32") {
        return; // native unit tests: no JavaScript to talk to
    }
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // Lets tests and scripts see that the module started.
    let _ = root.set_attribute("data-nnlab-wasm", "started");
}

/// A fresh seed from the browser's entropy (`crypto.getRandomValues`), for
/// the page's "new seed" and "new data" buttons.
#[wasm_bindgen(js_name = randomSeed)]
pub fn random_seed() -> Result<u32, JsError> {
    getrandom::u32().map_err(|e| JsError::new(&format!("no randomness available: {e}")))
}

/// The serializer for every object handed to the page: plain objects, `null`
/// for absent values.
pub(crate) fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true)
}

/// [`fmt_cost`] for the page's modules.
#[wasm_bindgen(js_name = formatCost)]
pub fn format_cost(c: f64) -> String {
    fmt_cost(c)
}

/// The course presets, for the page's one-click buttons:
/// `[{name, title, lab, expected: {train, test, firstCost, trainText, testText, firstCostText} | null}]`.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    let list: Vec<PresetInfo> = Preset::ALL.iter().map(|&p| PresetInfo::of(p)).collect();
    Ok(list.serialize(&serializer())?)
}

/// The link keys, once, for the page's controls (the core's key table):
/// `[{name, label, help, kind, group, groupTitle, choices, range, length,
/// optional, view}]` in table order.
#[wasm_bindgen]
pub fn keys() -> Result<JsValue, JsError> {
    let infos: Vec<KeyInfo> = KEYS.iter().map(|k| k.info()).collect();
    Ok(infos.serialize(&serializer())?)
}

/// Limits the page shows beside its controls.
#[wasm_bindgen(js_name = maxHiddenLayers)]
pub fn max_hidden_layers() -> u32 {
    limits::MAX_HIDDEN_LAYERS as u32
}

// ---------------------------------------------------------------------------
// The cost chart.

const CHART_INK: &str = "#1d2330";
const CHART_MUTED: &str = "#4a5568";
const CHART_GRID: &str = "#e3e7ee";
const CHART_FRAME: &str = "#9aa3b2";
const CHART_FONT: &str = "system-ui, -apple-system, 'Segoe UI', sans-serif";
/// Charts narrower than this (CSS pixels) get smaller text.
const CHART_SMALL_WIDTH: f64 = 480.0;

struct Series {
    label: String,
    colour: String,
    points: Vec<(f64, f64)>,
    iters: f64,
}

/// Where the last drawing put things, for [`Chart::hover`].
#[derive(Clone, Copy)]
struct ChartFrame {
    x0: f64,
    y0: f64,
    w: f64,
    h: f64,
    x_max: f64,
    y_lo: f64,
    y_hi: f64,
    log: bool,
}

impl ChartFrame {
    fn px(&self, i: f64) -> f64 {
        self.x0 + i / self.x_max * self.w
    }

    /// Pixel row of a cost; `None` when it cannot be placed (infinite, or ≤ 0 on a log axis).
    fn py(&self, c: f64) -> Option<f64> {
        if !c.is_finite() || (self.log && c <= 0.0) {
            return None;
        }
        let t = if self.log {
            (c.log10() - self.y_lo.log10()) / (self.y_hi.log10() - self.y_lo.log10())
        } else {
            (c - self.y_lo) / (self.y_hi - self.y_lo)
        };
        Some(self.y0 + (1.0 - t.clamp(0.0, 1.0)) * self.h)
    }
}

/// The cost curves of one or more labs on one pair of axes (linear or log
/// cost), drawn into the page's canvas.
#[wasm_bindgen]
pub struct Chart {
    series: Vec<Series>,
    frame: Option<ChartFrame>,
}

#[derive(Serialize)]
struct Hover {
    x: f64,
    y: f64,
    colour: String,
    text: String,
}

impl Default for Chart {
    fn default() -> Self {
        Chart::new()
    }
}

impl Chart {
    /// The y range: `[0, max]` (linear) or whole decades (log), over every
    /// finite cost.
    fn y_range(&self, log: bool) -> (f64, f64) {
        let finite = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .filter(|c| c.is_finite() && (!log || *c > 0.0));
        let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), c| {
            (a.min(c), b.max(c))
        });
        if !(lo.is_finite() && hi.is_finite()) {
            return if log { (0.01, 1.0) } else { (0.0, 1.0) };
        }
        if log {
            let lo = 10f64.powf(lo.log10().floor());
            let hi = 10f64.powf(hi.log10().ceil());
            (lo, if hi <= lo { lo * 10.0 } else { hi })
        } else {
            let hi = hi.max(1e-3);
            let step = nice_ticks(0.0, hi, 4).get(1).map_or(hi, |t| t.value);
            (0.0, (hi / step).ceil() * step)
        }
    }
}

#[wasm_bindgen]
impl Chart {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Chart {
        Chart {
            series: Vec::new(),
            frame: None,
        }
    }

    /// Forgets every curve.
    pub fn clear(&mut self) {
        self.series.clear();
    }

    /// Adds `lab`'s cost history as a curve in `colour` (any CSS colour),
    /// named `label` in the legend (no legend entry when empty).
    pub fn add(&mut self, lab: &Lab, colour: &str, label: &str) {
        let t = &lab.trainer;
        self.series.push(Series {
            label: label.into(),
            colour: colour.into(),
            points: t
                .history()
                .points()
                .iter()
                .map(|&(i, c)| (i as f64, c))
                .collect(),
            iters: t.config().iters as f64,
        });
    }

    /// Draws axes, grid, the curves (infinite costs as `∞` marks on the top
    /// edge) and a legend into a `width × height` canvas whose pixels are
    /// `pixel_ratio` times the CSS pixels (`devicePixelRatio`: text keeps its
    /// size on every screen).
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width: u32,
        height: u32,
        log: bool,
        pixel_ratio: f64,
    ) -> Result<(), JsError> {
        let (w, h) = (width as f64, height as f64);
        let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
            pixel_ratio
        } else {
            1.0
        };
        let css_font = if w / ratio < CHART_SMALL_WIDTH {
            12.0
        } else {
            14.0
        };
        let font = (css_font * ratio).round();
        let (left, right, top, bottom) = (font * 4.2, font * 1.0, font * 1.2, font * 2.9);
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, w, h);
        let frame = ChartFrame {
            x0: left.round(),
            y0: top.round(),
            w: (w - left - right).max(1.0).floor(),
            h: (h - top - bottom).max(1.0).floor(),
            x_max: self.series.iter().map(|s| s.iters).fold(1.0, f64::max),
            y_lo: 0.0,
            y_hi: 1.0,
            log,
        };
        let (y_lo, y_hi) = self.y_range(log);
        let frame = ChartFrame {
            y_lo,
            y_hi,
            ..frame
        };
        self.frame = Some(frame);
        ctx.set_font(&format!("{font}px {CHART_FONT}"));
        ctx.set_line_width((font / 12.0).max(1.0));

        // Grid and tick labels.
        let y_ticks = if log {
            log_ticks(y_lo, y_hi)
        } else {
            nice_ticks(y_lo, y_hi, 4)
        };
        ctx.set_stroke_style_str(CHART_GRID);
        ctx.set_fill_style_str(CHART_MUTED);
        ctx.begin_path();
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for t in &y_ticks {
            if let Some(py) = frame.py(t.value) {
                let py = py.round() + 0.5;
                ctx.move_to(frame.x0, py);
                ctx.line_to(frame.x0 + frame.w, py);
                ctx.fill_text(&t.label, frame.x0 - font * 0.4, py)
                    .map_err(js_err)?;
            }
        }
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        for t in nice_ticks(0.0, frame.x_max, 4) {
            let px = frame.px(t.value).round() + 0.5;
            ctx.move_to(px, frame.y0);
            ctx.line_to(px, frame.y0 + frame.h);
            // Labels stay inside the canvas (the last one would overhang the right edge).
            let half = ctx.measure_text(&t.label).map(|m| m.width()).unwrap_or(0.0) / 2.0;
            let lx = px.min(w - half - 1.0);
            ctx.fill_text(&t.label, lx, frame.y0 + frame.h + font * 0.35)
                .map_err(js_err)?;
        }
        ctx.stroke();
        ctx.set_stroke_style_str(CHART_FRAME);
        ctx.stroke_rect(frame.x0, frame.y0, frame.w, frame.h);
        ctx.set_fill_style_str(CHART_INK);
        ctx.set_text_baseline("bottom");
        ctx.fill_text("iteration", frame.x0 + frame.w / 2.0, h - font * 0.15)
            .map_err(js_err)?;
        ctx.save();
        ctx.translate(font * 0.9, frame.y0 + frame.h / 2.0)
            .map_err(js_err)?;
        ctx.rotate(-std::f64::consts::FRAC_PI_2).map_err(js_err)?;
        ctx.set_text_baseline("middle");
        ctx.fill_text(if log { "cost (log scale)" } else { "cost" }, 0.0, 0.0)
            .map_err(js_err)?;
        ctx.restore();

        // Curves: at most two points per pixel column, broken at infinite costs.
        ctx.save();
        ctx.begin_path();
        ctx.rect(frame.x0, frame.y0 - font, frame.w, frame.h + font);
        ctx.clip();
        ctx.set_line_join("round");
        ctx.set_line_width((font / 6.0).max(1.5));
        for s in &self.series {
            ctx.set_stroke_style_str(&s.colour);
            ctx.begin_path();
            let mut pen = false;
            let mut last_px = f64::NEG_INFINITY;
            let mut infinite: Vec<f64> = Vec::new();
            for &(i, c) in &s.points {
                let px = frame.px(i);
                match frame.py(c) {
                    Some(py) => {
                        if !pen {
                            ctx.move_to(px, py);
                            pen = true;
                            last_px = px;
                        } else if px - last_px >= 0.5 {
                            ctx.line_to(px, py);
                            last_px = px;
                        }
                    }
                    None => {
                        pen = false;
                        if c.is_infinite() && infinite.last().is_none_or(|&x| px - x >= font * 2.0)
                        {
                            infinite.push(px);
                        }
                    }
                }
            }
            // The last point always shows, even inside a pixel column.
            if let Some(py) = s.points.last().and_then(|&(_, c)| frame.py(c)) {
                if pen {
                    ctx.line_to(frame.px(s.points.last().unwrap().0), py);
                }
            }
            ctx.stroke();
            if !infinite.is_empty() {
                ctx.set_fill_style_str(&s.colour);
                ctx.set_text_align("center");
                ctx.set_text_baseline("top");
                for px in infinite {
                    ctx.fill_text("∞", px + font * 0.35, frame.y0 - font * 0.05)
                        .map_err(js_err)?;
                }
            }
        }
        ctx.restore();

        // Legend (top right), for named curves.
        let named: Vec<&Series> = self.series.iter().filter(|s| !s.label.is_empty()).collect();
        if !named.is_empty() {
            ctx.set_text_align("left");
            ctx.set_text_baseline("middle");
            let widths: Vec<f64> = named
                .iter()
                .map(|s| ctx.measure_text(&s.label).map(|m| m.width()).unwrap_or(0.0))
                .collect();
            let box_w = widths.iter().fold(0.0f64, |a, &b| a.max(b)) + font * 2.6;
            let line = font * 1.3;
            let (bx, by) = (
                frame.x0 + frame.w - box_w - font * 0.4,
                frame.y0 + font * 0.4,
            );
            ctx.set_fill_style_str("rgba(255,255,255,0.88)");
            ctx.fill_rect(bx, by, box_w, line * named.len() as f64 + font * 0.4);
            ctx.set_line_width((font / 6.0).max(1.5));
            for (k, s) in named.iter().enumerate() {
                let cy = by + font * 0.2 + line * (k as f64 + 0.5);
                ctx.set_stroke_style_str(&s.colour);
                ctx.begin_path();
                ctx.move_to(bx + font * 0.4, cy);
                ctx.line_to(bx + font * 1.8, cy);
                ctx.stroke();
                ctx.set_fill_style_str(CHART_INK);
                ctx.fill_text(&s.label, bx + font * 2.2, cy)
                    .map_err(js_err)?;
            }
        }
        Ok(())
    }

    /// The recorded point nearest to canvas pixel `(x, y)` among the curves
    /// of the last drawing: `{x, y, colour, text}` (pixel position and
    /// `"iteration 1200 · cost 0.123457"`), or `null` outside the plot.
    pub fn hover(&self, x: f64, y: f64) -> Result<JsValue, JsError> {
        let Some(f) = self.frame else {
            return Ok(JsValue::NULL);
        };
        if x < f.x0 || x > f.x0 + f.w || y < f.y0 - 20.0 || y > f.y0 + f.h {
            return Ok(JsValue::NULL);
        }
        let target = (x - f.x0) / f.w * f.x_max;
        let mut best: Option<(f64, f64, f64, &Series, f64, f64)> = None;
        for s in &self.series {
            if s.points.is_empty() {
                continue;
            }
            let k = s.points.partition_point(|p| p.0 < target);
            let candidates = [k.saturating_sub(1), k.min(s.points.len() - 1)];
            let &(i, c) = candidates
                .iter()
                .map(|&k| &s.points[k])
                .min_by(|a, b| (a.0 - target).abs().total_cmp(&(b.0 - target).abs()))
                .expect("two candidates");
            let px = f.px(i);
            let py = f.py(c).unwrap_or(f.y0);
            let d = (px - x).abs() + (py - y).abs();
            if best.is_none_or(|b| d < b.0) {
                best = Some((d, px, py, s, i, c));
            }
        }
        let Some((_, px, py, s, i, c)) = best else {
            return Ok(JsValue::NULL);
        };
        let name = if s.label.is_empty() {
            String::new()
        } else {
            format!("{}: ", s.label)
        };
        let hover = Hover {
            x: px,
            y: py,
            colour: s.colour.clone(),
            text: format!("{name}iteration {i} · cost {}", fmt_cost_short(c)),
        };
        Ok(hover.serialize(&serializer())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_crate_version() {
        assert_eq!(super::version(), env!("CARGO_PKG_VERSION"));
        // `start` is a no-op without a browser.
        super::start();
    }

    #[test]
    fn chart_ranges() {
        let mut chart = Chart::new();
        let mut lab = Lab::from_query("preset=init-random").unwrap();
        lab.step(50);
        chart.add(&lab, "#000", "random");
        let (lo, hi) = chart.y_range(false);
        assert_eq!(lo, 0.0);
        assert!(hi.is_finite() && hi > 0.0);
        let (lo, hi) = chart.y_range(true);
        assert!(lo > 0.0 && hi > lo);
    }
}
