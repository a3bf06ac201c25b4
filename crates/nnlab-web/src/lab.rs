//! `Lab`: the page's one opaque handle on a training run.
//!
//! The `Trainer` (data, weights, optimizer state, cost history) and the
//! decision-region grid stay in wasm memory. JavaScript gets small copyable
//! results: a snapshot object, typed arrays, strings (canonical queries), and
//! pixels painted straight into its canvas. What they hold is computed by the
//! core (query editing: `config::edit`; compare mode: `config::compare`; the
//! snapshot: `run::snapshot`); this file only binds.

use crate::serializer;
use nnlab_core::config::{compare, edit, View};
use nnlab_core::data::dataset::{Bounds, Dataset};
use nnlab_core::run::regions::{grid_side, Regions, COLOR_0, COLOR_1};
use nnlab_core::run::snapshot::Snapshot;
use nnlab_core::view::ticks::nice_ticks;
use nnlab_core::{config::link, Config, ConfigError, Trainer};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{
    CanvasRenderingContext2d, ImageData, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
};

/// Colours of the page's drawing (the regions' own colours come from the core).
const PANEL: &str = "#ffffff";
const INK: &str = "#1d2330";
const MUTED: &str = "#4a5568";
const FRAME: &str = "#9aa3b2";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', sans-serif";

/// One training run behind an opaque handle.
#[wasm_bindgen]
pub struct Lab {
    /// The run (the panels module reads it too).
    pub(crate) trainer: Trainer,
    /// The decision-region grid, built on first paint and rebuilt when the
    /// canvas asks for another resolution.
    pub(crate) regions: Option<Regions>,
    /// The run's configuration (the trainer's).
    config: Config,
    /// How the page shows it ([`Lab::adopt`] changes only this).
    view: View,
    /// The canonical query of the configuration.
    query: String,
    warnings: Vec<String>,
    /// Where the grid's pixels go before being scaled into the page's canvas.
    scratch: Option<(OffscreenCanvas, OffscreenCanvasRenderingContext2d)>,
}

/// A core error as the page's exception: its message names key and value.
fn js(e: ConfigError) -> JsError {
    JsError::new(&e.to_string())
}

impl Lab {
    /// Parses a link (or `#`/`?`/`#?` query) and builds its run.
    pub fn from_query(query: &str) -> Result<Lab, ConfigError> {
        let parsed = link::parse(query)?;
        let trainer = Trainer::new(parsed.config.clone())?;
        Ok(Lab {
            trainer,
            regions: None,
            query: parsed.query(),
            config: parsed.config,
            view: parsed.view,
            warnings: parsed.warnings.iter().map(ToString::to_string).collect(),
            scratch: None,
        })
    }

    /// Takes `link`'s view settings (`play`, `compare`, `showTest`,
    /// `logCost`) when it describes the same run, which goes on training;
    /// false when the run itself differs.
    pub fn adopt_query(&mut self, link: &str) -> Result<bool, ConfigError> {
        let parsed = link::parse(link)?;
        if parsed.config != self.config {
            return Ok(false);
        }
        self.query = parsed.query();
        self.view = parsed.view;
        self.warnings = parsed.warnings.iter().map(ToString::to_string).collect();
        Ok(true)
    }

    /// The snapshot as plain Rust data.
    pub fn snapshot_data(&self) -> Snapshot {
        Snapshot::of(&self.trainer, &self.view)
    }
}

#[wasm_bindgen]
impl Lab {
    /// Builds the run of a link. The error's message names the key and the
    /// value (`lr=abc: expected a number`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Lab, JsError> {
        Lab::from_query(query).map_err(js)
    }

    /// The canonical query (what the page writes back into the URL).
    pub fn query(&self) -> String {
        self.query.clone()
    }

    /// Takes a link's view settings (`play`, `compare`, `showTest`, `logCost`)
    /// when it describes the same run: training goes on, and `true` comes
    /// back. `false`: the run differs, build a new `Lab`. A bad link is an
    /// error, as for `new`.
    pub fn adopt(&mut self, link: &str) -> Result<bool, JsError> {
        self.adopt_query(link).map_err(js)
    }

    /// What the link contained that was ignored (unknown or repeated keys).
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Runs up to `n` iterations; returns how many ran (0 when done or
    /// diverged). The results do not depend on how a run is cut into calls.
    pub fn step(&mut self, n: u32) -> u32 {
        self.trainer.step(u64::from(n)) as u32
    }

    /// Starts the same run again from iteration 0.
    pub fn reset(&mut self) -> Result<(), JsError> {
        self.trainer = Trainer::new(self.config.clone()).map_err(js)?;
        Ok(())
    }

    /// `{iteration, iters, status, divergedAt, cost, costText, ...}`: see
    /// [`Snapshot`].
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        Ok(self.snapshot_data().serialize(&serializer())?)
    }

    /// `"training"`, `"done"` or `"diverged"`: whether the run goes on.
    pub fn status(&self) -> String {
        self.trainer.status().name().into()
    }

    /// The cost history, interleaved `[iteration, cost, iteration, cost, ...]`
    /// (at most 2048 points: the core thins it as the run grows).
    pub fn history(&self) -> Vec<f64> {
        let points = self.trainer.history().points();
        let mut out = Vec::with_capacity(points.len() * 2);
        for &(i, c) in points {
            out.push(i as f64);
            out.push(c);
        }
        out
    }

    /// The hidden layer sizes (`[10, 5]`), for the layer editor.
    #[wasm_bindgen(js_name = hiddenLayers)]
    pub fn hidden_layers(&self) -> Vec<u32> {
        self.config.hidden.iter().map(|&h| h as u32).collect()
    }

    /// The course's checkpoints (cost every 1000 iterations), interleaved
    /// like [`Lab::history`].
    pub fn checkpoints(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for &(i, c) in self.trainer.checkpoints() {
            out.push(i as f64);
            out.push(c);
        }
        out
    }

    /// Every link key's current value as text (`{data: "circles", lr: "0.01",
    /// dataSeed: "", ...}`), for the form controls.
    pub fn values(&self) -> Result<JsValue, JsError> {
        let map: std::collections::BTreeMap<&str, String> =
            edit::values(&self.config, &self.view).into_iter().collect();
        Ok(map.serialize(&serializer())?)
    }

    /// The canonical query with one key changed (see [`edit::query_with`]).
    #[wasm_bindgen(js_name = withKey)]
    pub fn with_key(&self, key: &str, value: &str) -> Result<String, JsError> {
        edit::query_with(&self.config, &self.view, key, value).map_err(js)
    }

    /// The query of a preset, keeping the view settings, with `play=1`.
    #[wasm_bindgen(js_name = withPreset)]
    pub fn with_preset(&self, name: &str) -> Result<String, JsError> {
        edit::query_with_preset(&self.view, name).map_err(js)
    }

    /// The query with the hidden layers edited: `add`, `remove`, `inc`, `dec`.
    #[wasm_bindgen(js_name = withLayers)]
    pub fn with_layers(&self, action: &str, index: u32) -> Result<String, JsError> {
        edit::query_with_layers(&self.config, &self.view, action, index as usize).map_err(js)
    }

    /// The query with the course's recorded data.
    #[wasm_bindgen(js_name = withCourseData)]
    pub fn with_course_data(&self) -> Result<String, JsError> {
        edit::query_with_course_data(&self.config, &self.view).map_err(js)
    }

    /// Compare mode's three queries (`[]` when the lab has no three presets).
    #[wasm_bindgen(js_name = compareQueries)]
    pub fn compare_queries(&self) -> Vec<String> {
        compare::compare_queries(&self.config, &self.view)
    }

    /// Paints the whole panel into a `width × height` canvas: the decision
    /// regions (grid evaluation in Rust, 200 × 200 unless the network is
    /// much bigger than the course's, scaled crisply), axes in data coordinates, the training points (filled
    /// circles) and, with `show_test`, the test points (rings).
    pub fn paint(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width: u32,
        height: u32,
        show_test: bool,
    ) -> Result<(), JsError> {
        let layout = PlotLayout::new(width as f64, height as f64);
        ctx.set_fill_style_str(PANEL);
        ctx.fill_rect(0.0, 0.0, width as f64, height as f64);
        if layout.side < 8.0 {
            return Ok(());
        }
        let (x0, y0, side) = (layout.x0, layout.y0, layout.side);
        ctx.set_font(&format!("{}px {FONT}", layout.font));
        if self.trainer.split().train.features() != 2 {
            ctx.set_fill_style_str(MUTED);
            ctx.set_text_align("center");
            ctx.set_text_baseline("middle");
            let features = self.trainer.split().train.features();
            ctx.fill_text(
                &format!("{features}-D data: no plane to paint"),
                width as f64 / 2.0,
                height as f64 / 2.0,
            )
            .map_err(js_err)?;
            return Ok(());
        }
        let grid = grid_side(&self.config.sizes());
        let bounds = self.trainer.split().bounds();
        if self
            .regions
            .as_ref()
            .is_none_or(|r| r.width() != grid || r.bounds() != bounds)
        {
            self.regions = Some(Regions::new(grid, grid, bounds));
        }
        let regions = self.regions.as_mut().expect("just built");
        let rgba = regions.render(self.trainer.network());
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), grid as u32, grid as u32)
                .map_err(js_err)?;
        if self
            .scratch
            .as_ref()
            .is_none_or(|(c, _)| c.width() != grid as u32)
        {
            let canvas = OffscreenCanvas::new(grid as u32, grid as u32).map_err(js_err)?;
            let context = canvas
                .get_context("2d")
                .map_err(js_err)?
                .ok_or_else(|| JsError::new("no 2d context for the offscreen canvas"))?
                .dyn_into::<OffscreenCanvasRenderingContext2d>()
                .map_err(|_| JsError::new("unexpected offscreen context type"))?;
            self.scratch = Some((canvas, context));
        }
        let (scratch, scratch_ctx) = self.scratch.as_ref().expect("just built");
        scratch_ctx
            .put_image_data(&image, 0.0, 0.0)
            .map_err(js_err)?;
        ctx.set_image_smoothing_enabled(false);
        ctx.draw_image_with_offscreen_canvas_and_dw_and_dh(scratch, x0, y0, side, side)
            .map_err(js_err)?;
        ctx.set_image_smoothing_enabled(true);

        // Points: one path per label and kind keeps the calls into the page few.
        let to_px = |x: f64, y: f64| {
            (
                x0 + (x - bounds.x_min) / (bounds.x_max - bounds.x_min) * side,
                y0 + (bounds.y_max - y) / (bounds.y_max - bounds.y_min) * side,
            )
        };
        let r = (side / 95.0).clamp(2.5, 7.0);
        let split = self.trainer.split();
        if show_test {
            draw_points(ctx, &split.test, &to_px, r * 1.15, PointStyle::Ring)?;
        }
        draw_points(ctx, &split.train, &to_px, r, PointStyle::Filled)?;

        // Frame, ticks and labels in data coordinates.
        ctx.set_stroke_style_str(FRAME);
        ctx.set_line_width((layout.font / 12.0).max(1.0));
        ctx.stroke_rect(x0, y0, side, side);
        draw_axes(ctx, &layout, bounds)?;
        Ok(())
    }
}

pub(crate) fn js_err(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

fn rgb([r, g, b]: [u8; 3]) -> String {
    format!("rgb({r},{g},{b})")
}

/// Where the square plot sits in a panel, with room for tick labels.
pub(crate) struct PlotLayout {
    pub font: f64,
    pub x0: f64,
    pub y0: f64,
    pub side: f64,
}

impl PlotLayout {
    pub fn new(width: f64, height: f64) -> Self {
        let font = (width.min(height) * 0.034).clamp(9.0, 30.0).round();
        let (left, bottom, top, right) = (font * 3.4, font * 2.8, font * 0.7, font * 0.9);
        let side = (width - left - right)
            .min(height - top - bottom)
            .max(0.0)
            .floor();
        let x0 = (left + ((width - left - right) - side) / 2.0).round();
        let y0 = top.round();
        PlotLayout { font, x0, y0, side }
    }
}

enum PointStyle {
    Filled,
    Ring,
}

fn draw_points(
    ctx: &CanvasRenderingContext2d,
    set: &Dataset,
    to_px: &dyn Fn(f64, f64) -> (f64, f64),
    r: f64,
    style: PointStyle,
) -> Result<(), JsError> {
    use std::f64::consts::TAU;
    for (label, colour) in [(0.0, COLOR_0), (1.0, COLOR_1)] {
        ctx.begin_path();
        for j in 0..set.len() {
            if set.y[j] != label {
                continue;
            }
            let (px, py) = to_px(set.x.get(0, j), set.x.get(1, j));
            ctx.move_to(px + r, py);
            ctx.arc(px, py, r, 0.0, TAU).map_err(js_err)?;
        }
        match style {
            PointStyle::Filled => {
                ctx.set_fill_style_str(&rgb(colour));
                ctx.fill();
                ctx.set_stroke_style_str(INK);
                ctx.set_line_width((r * 0.32).max(1.0));
                ctx.stroke();
            }
            PointStyle::Ring => {
                ctx.set_stroke_style_str(INK);
                ctx.set_line_width(r * 0.95);
                ctx.stroke();
                ctx.set_stroke_style_str(&rgb(colour));
                ctx.set_line_width(r * 0.5);
                ctx.stroke();
            }
        }
    }
    Ok(())
}

fn draw_axes(
    ctx: &CanvasRenderingContext2d,
    layout: &PlotLayout,
    b: Bounds,
) -> Result<(), JsError> {
    let PlotLayout { font, x0, y0, side } = *layout;
    let tick = font * 0.4;
    ctx.set_fill_style_str(MUTED);
    ctx.set_stroke_style_str(FRAME);
    ctx.begin_path();
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    for t in nice_ticks(b.x_min, b.x_max, 5) {
        let px = (x0 + (t.value - b.x_min) / (b.x_max - b.x_min) * side).round() + 0.5;
        ctx.move_to(px, y0 + side);
        ctx.line_to(px, y0 + side + tick);
        ctx.fill_text(&t.label, px, y0 + side + tick * 1.5)
            .map_err(js_err)?;
    }
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for t in nice_ticks(b.y_min, b.y_max, 5) {
        let py = (y0 + (b.y_max - t.value) / (b.y_max - b.y_min) * side).round() + 0.5;
        ctx.move_to(x0, py);
        ctx.line_to(x0 - tick, py);
        ctx.fill_text(&t.label, x0 - tick * 1.5, py)
            .map_err(js_err)?;
    }
    ctx.stroke();
    ctx.set_fill_style_str(INK);
    ctx.set_text_align("center");
    ctx.set_text_baseline("bottom");
    ctx.fill_text("x₁", x0 + side / 2.0, y0 + side + font * 2.75)
        .map_err(js_err)?;
    ctx.save();
    ctx.translate(x0 - font * 2.9, y0 + side / 2.0)
        .map_err(js_err)?;
    ctx.rotate(-std::f64::consts::FRAC_PI_2).map_err(js_err)?;
    ctx.set_text_baseline("middle");
    ctx.fill_text("x₂", 0.0, 0.0).map_err(js_err)?;
    ctx.restore();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lab_keeps_its_link() {
        let lab = Lab::from_query("#?preset=init-he&play=1").unwrap();
        assert_eq!(lab.query, "preset=init-he&play=1");
        assert!(lab.warnings.is_empty());
        let s = lab.snapshot_data();
        assert!(s.play && s.expected.is_some());
        assert_eq!(lab.status(), "training");
    }

    #[test]
    fn view_changes_keep_the_run() {
        let mut lab = Lab::from_query("preset=init-he").unwrap();
        lab.step(10);
        assert!(lab
            .adopt_query("preset=init-he&showTest=1&logCost=1")
            .unwrap());
        assert_eq!(lab.trainer.iteration(), 10);
        assert_eq!(lab.query, "preset=init-he&showTest=1&logCost=1");
        let s = lab.snapshot_data();
        assert!(s.show_test && s.log_cost && s.expected.is_some());
        assert!(!lab.adopt_query("preset=init-he&lr=0.02").unwrap());
        assert!(lab.adopt_query("lr=abc").is_err());
        assert_eq!(lab.query, "preset=init-he&showTest=1&logCost=1");
    }

    #[test]
    fn layout_leaves_room_for_labels() {
        let l = PlotLayout::new(400.0, 400.0);
        assert!(l.x0 > 30.0 && l.side > 300.0 && l.x0 + l.side <= 400.0);
        assert!(l.y0 + l.side + l.font * 2.75 <= 400.0);
    }
}
