//! The cost chart's geometry: frame, ranges, ticks, curves as pixel
//! polylines, `∞` marks, legend anchor and the hover lookup. Pure functions
//! of the series, the canvas size and the pixel ratio; the page only strokes
//! and fills what [`CostChart::layout`] returns.

use super::ticks::{log_ticks, nice_ticks};
use crate::format::fmt_cost_short;
use crate::i18n::text;
use crate::tr;

/// Charts narrower than this (CSS pixels) get smaller text.
pub const SMALL_WIDTH: f64 = 480.0;
/// Frame width per x tick, in fonts (a label such as `15000` is about 3 fonts wide).
const X_TICK_FONTS: f64 = 4.5;

/// The curves' colours in compare mode, one per run: Okabe–Ito vermillion,
/// blue and bluish green (distinct under colour blindness).
pub const SERIES_COLOURS: [[u8; 3]; 3] = [[213, 94, 0], [0, 114, 178], [0, 158, 115]];

/// One curve: recorded `(iteration, cost)` points, the run's planned
/// iterations (the x range) and its legend label (none when empty).
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub points: Vec<(f64, f64)>,
    pub iters: f64,
    pub label: String,
}

/// Where the plot sits in the canvas (device pixels) and what it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Frame {
    pub x0: f64,
    pub y0: f64,
    pub w: f64,
    pub h: f64,
    pub x_max: f64,
    pub y_lo: f64,
    pub y_hi: f64,
    pub log: bool,
}

impl Frame {
    /// Pixel column of iteration `i`.
    pub fn px(&self, i: f64) -> f64 {
        self.x0 + i / self.x_max * self.w
    }

    /// Pixel row of a cost; `None` when it cannot be placed (infinite, or ≤ 0 on a log axis).
    pub fn py(&self, c: f64) -> Option<f64> {
        if !c.is_finite() || (self.log && c <= 0.0) {
            return None;
        }
        let t = if self.log {
            let (lo, hi) = (libm::log10(self.y_lo), libm::log10(self.y_hi));
            (libm::log10(c) - lo) / (hi - lo)
        } else {
            (c - self.y_lo) / (self.y_hi - self.y_lo)
        };
        Some(self.y0 + (1.0 - t.clamp(0.0, 1.0)) * self.h)
    }
}

/// A tick placed on an axis: `at` is its pixel column (x axis) or row (y
/// axis), already on a pixel centre (`round + 0.5`) for crisp grid lines.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct PixelTick {
    pub at: f64,
    pub label: String,
}

/// Everything the page draws for one frame of the chart (device pixels).
/// Serialized without the polylines, which the binding hands over as typed
/// arrays.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct ChartGeometry {
    /// Font size in device pixels.
    pub font: f64,
    /// Width of grid lines and frame.
    pub line_width: f64,
    /// Width of the curves and legend swatches.
    pub curve_width: f64,
    pub frame: Frame,
    /// Grid lines with labels right-aligned at `frame.x0 - font·0.4`.
    pub y_ticks: Vec<PixelTick>,
    /// Grid lines with labels centred below at `y_label_top`.
    pub x_ticks: Vec<PixelTick>,
    /// Top of the x tick labels.
    pub x_label_top: f64,
    /// Right edge of the y tick labels.
    pub y_label_right: f64,
    /// Bottom-centre of the x title, and its text (`iteration`, or with
    /// mini-batches what the epoch marks mean).
    pub x_title: (f64, f64),
    pub x_title_text: String,
    /// With mini-batches: short marks rising from the x axis at epoch
    /// boundaries (every epoch, or every 2, 5, 10, ... so at most
    /// [`MAX_EPOCH_MARKS`] show), labelled with the epoch number.
    pub epoch_marks: Vec<PixelTick>,
    /// Height of the epoch marks.
    pub epoch_mark_height: f64,
    /// Centre of the rotated y title, and its text.
    pub y_title: (f64, f64),
    pub y_title_text: String,
    /// The curves' clip rectangle `(x, y, w, h)` (room for `∞` above the frame).
    pub clip: (f64, f64, f64, f64),
    /// Per series: the polyline `[x0, y0, x1, y1, ...]`, a `NaN, NaN` pair
    /// where the curve breaks (a cost that cannot be placed).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub lines: Vec<Vec<f64>>,
    /// Per series: top-centre positions `[x, y, ...]` of its `∞` marks.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub infinity: Vec<Vec<f64>>,
    /// Top-right corner of the legend box, its line height, and the series
    /// it lists (those with a label).
    pub legend_corner: (f64, f64),
    pub legend_line: f64,
    pub legend: Vec<LegendEntry>,
}

/// One legend line: the series (its colour) and its label.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct LegendEntry {
    pub series: usize,
    pub label: String,
}

/// The recorded point nearest the pointer.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct HoverPoint {
    pub x: f64,
    pub y: f64,
    pub series: usize,
    /// `"label: iteration 1200 · cost 0.123457"` (no prefix without a label).
    pub text: String,
}

/// The cost curves of one or more runs on one pair of axes.
#[derive(Clone, Debug, Default)]
pub struct CostChart {
    pub series: Vec<Series>,
    /// Iterations per epoch with mini-batches (`None`: full batch, every
    /// iteration an epoch).
    pub epoch: Option<f64>,
}

/// At most this many epoch marks show.
pub const MAX_EPOCH_MARKS: f64 = 12.0;

/// The epoch marks in `frame` for `per_epoch` iterations per epoch: every
/// `k`-th epoch boundary, `k` the first of 1, 2, 5, 10, 20, 50, ... giving
/// at most [`MAX_EPOCH_MARKS`]; and the x title that says so.
fn epoch_marks(per_epoch: Option<f64>, frame: &Frame) -> (Vec<PixelTick>, String) {
    let Some(e) = per_epoch.filter(|e| *e >= 1.0) else {
        return (Vec::new(), text("axis-iteration", &[]));
    };
    let epochs = frame.x_max / e;
    let k = [1.0, 2.0, 5.0]
        .iter()
        .flat_map(|m| (0..16).map(move |p| m * libm::pow(10.0, p as f64)))
        .fold(f64::INFINITY, |best, k| {
            if epochs / k <= MAX_EPOCH_MARKS && k < best {
                k
            } else {
                best
            }
        });
    let marks = (1..=(epochs / k).floor() as u64)
        .map(|j| {
            let epoch = j as f64 * k;
            PixelTick {
                at: frame.px(epoch * e).round() + 0.5,
                label: format!("{epoch}"),
            }
        })
        .collect();
    let every = if k == 1.0 {
        text("axis-every-epoch", &[])
    } else {
        tr!("axis-every-epochs", k = k)
    };
    (marks, tr!("axis-iteration-epochs", every = every, e = e))
}

impl CostChart {
    /// The y range: `[0, max]` rounded up to a tick (linear) or whole
    /// decades (log), over every finite cost (> 0 on a log axis).
    pub fn y_range(&self, log: bool) -> (f64, f64) {
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
            let lo = libm::pow(10.0, libm::log10(lo).floor());
            let hi = libm::pow(10.0, libm::log10(hi).ceil());
            (lo, if hi <= lo { lo * 10.0 } else { hi })
        } else {
            let hi = hi.max(1e-3);
            let step = nice_ticks(0.0, hi, 4).get(1).map_or(hi, |t| t.value);
            (0.0, (hi / step).ceil() * step)
        }
    }

    /// The chart in a `width × height` canvas whose pixels are `pixel_ratio`
    /// times the CSS pixels (text keeps its CSS size on every screen); cost
    /// axis linear or `log`. Curves keep at most two points per pixel column
    /// (plus the last point) and break at costs that cannot be placed;
    /// infinite costs get `∞` marks at least two font sizes apart.
    pub fn layout(&self, width: f64, height: f64, log: bool, pixel_ratio: f64) -> ChartGeometry {
        let (w, h) = (width, height);
        let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
            pixel_ratio
        } else {
            1.0
        };
        let css_font = if w / ratio < SMALL_WIDTH { 12.0 } else { 14.0 };
        let font = (css_font * ratio).round();
        let (left, right, top, bottom) = (font * 4.2, font * 1.0, font * 1.2, font * 2.9);
        let (y_lo, y_hi) = self.y_range(log);
        let frame = Frame {
            x0: left.round(),
            y0: top.round(),
            w: (w - left - right).max(1.0).floor(),
            h: (h - top - bottom).max(1.0).floor(),
            x_max: self.series.iter().map(|s| s.iters).fold(1.0, f64::max),
            y_lo,
            y_hi,
            log,
        };
        let y_ticks = if log {
            log_ticks(y_lo, y_hi)
        } else {
            nice_ticks(y_lo, y_hi, 4)
        };
        let y_ticks = y_ticks
            .into_iter()
            .filter_map(|t| {
                frame.py(t.value).map(|py| PixelTick {
                    at: py.round() + 0.5,
                    label: t.label,
                })
            })
            .collect();
        // As many x ticks as fit, at most 4.
        let x_target = ((frame.w / (font * X_TICK_FONTS)).floor() as usize).clamp(1, 4);
        let x_ticks = nice_ticks(0.0, frame.x_max, x_target)
            .into_iter()
            .map(|t| PixelTick {
                at: frame.px(t.value).round() + 0.5,
                label: t.label,
            })
            .collect();
        let (epoch_marks, x_title_text) = epoch_marks(self.epoch, &frame);
        let (lines, infinity) = self
            .series
            .iter()
            .map(|s| polyline(s, &frame, font))
            .unzip();
        ChartGeometry {
            font,
            line_width: (font / 12.0).max(1.0),
            curve_width: (font / 6.0).max(1.5),
            frame,
            y_ticks,
            x_ticks,
            x_label_top: frame.y0 + frame.h + font * 0.35,
            y_label_right: frame.x0 - font * 0.4,
            x_title: (frame.x0 + frame.w / 2.0, h - font * 0.15),
            x_title_text,
            epoch_marks,
            epoch_mark_height: font * 0.6,
            y_title: (font * 0.9, frame.y0 + frame.h / 2.0),
            y_title_text: text(if log { "axis-cost-log" } else { "axis-cost" }, &[]),
            clip: (frame.x0, frame.y0 - font, frame.w, frame.h + font),
            lines,
            infinity,
            legend_corner: (frame.x0 + frame.w - font * 0.4, frame.y0 + font * 0.4),
            legend_line: font * 1.3,
            legend: (0..self.series.len())
                .filter(|&k| !self.series[k].label.is_empty())
                .map(|series| LegendEntry {
                    series,
                    label: self.series[series].label.clone(),
                })
                .collect(),
        }
    }

    /// The recorded point nearest canvas pixel `(x, y)` (by `|dx| + |dy|`)
    /// among the curves laid out in `frame`, or `None` outside the plot
    /// (20 pixels of slack above it, where the `∞` marks are).
    pub fn hover(&self, frame: &Frame, x: f64, y: f64) -> Option<HoverPoint> {
        let f = frame;
        if x < f.x0 || x > f.x0 + f.w || y < f.y0 - 20.0 || y > f.y0 + f.h {
            return None;
        }
        let target = (x - f.x0) / f.w * f.x_max;
        let mut best: Option<(f64, HoverPoint)> = None;
        for (k, s) in self.series.iter().enumerate() {
            if s.points.is_empty() {
                continue;
            }
            let j = s.points.partition_point(|p| p.0 < target);
            let &(i, c) = [j.saturating_sub(1), j.min(s.points.len() - 1)]
                .iter()
                .map(|&j| &s.points[j])
                .min_by(|a, b| (a.0 - target).abs().total_cmp(&(b.0 - target).abs()))
                .expect("two candidates");
            let (px, py) = (f.px(i), f.py(c).unwrap_or(f.y0));
            let d = (px - x).abs() + (py - y).abs();
            if best.as_ref().is_none_or(|b| d < b.0) {
                let name = if s.label.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", s.label)
                };
                let text = tr!(
                    "chart-hover",
                    name = name,
                    iteration = i,
                    cost = fmt_cost_short(c)
                );
                best = Some((
                    d,
                    HoverPoint {
                        x: px,
                        y: py,
                        series: k,
                        text,
                    },
                ));
            }
        }
        best.map(|b| b.1)
    }
}

/// One series' polyline and `∞` marks (see [`ChartGeometry`]).
fn polyline(s: &Series, frame: &Frame, font: f64) -> (Vec<f64>, Vec<f64>) {
    let mut line = Vec::new();
    let mut marks: Vec<f64> = Vec::new();
    let mut pen = false;
    let mut last_px = f64::NEG_INFINITY;
    let mut last_mark = f64::NEG_INFINITY;
    for &(i, c) in &s.points {
        let px = frame.px(i);
        match frame.py(c) {
            Some(py) if !pen || px - last_px >= 0.5 => {
                line.extend([px, py]);
                pen = true;
                last_px = px;
            }
            Some(_) => {}
            None => {
                if pen {
                    line.extend([f64::NAN, f64::NAN]);
                }
                pen = false;
                if c.is_infinite() && px - last_mark >= font * 2.0 {
                    marks.extend([px + font * 0.35, frame.y0 - font * 0.05]);
                    last_mark = px;
                }
            }
        }
    }
    // The last point always shows, even inside a pixel column.
    if let Some(&(i, c)) = s.points.last() {
        if let (true, Some(py)) = (pen, frame.py(c)) {
            let px = frame.px(i);
            if line[line.len() - 2] != px || line[line.len() - 1] != py {
                line.extend([px, py]);
            }
        }
    }
    (line, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(points: Vec<(f64, f64)>, label: &str) -> CostChart {
        CostChart {
            epoch: None,
            series: vec![Series {
                points,
                iters: 1000.0,
                label: label.into(),
            }],
        }
    }

    #[test]
    fn ranges_cover_the_finite_costs() {
        let c = chart(vec![(0.0, 0.7), (10.0, f64::INFINITY), (20.0, 0.03)], "");
        assert_eq!(c.y_range(false), (0.0, 0.8));
        assert_eq!(c.y_range(true), (0.01, 1.0));
        assert_eq!(chart(vec![], "").y_range(true), (0.01, 1.0));
    }

    #[test]
    fn epochs_are_marked_at_most_twelve_times() {
        let mut c = chart(vec![(0.0, 1.0), (99.0, 0.5)], "");
        c.series[0].iters = 100.0;
        let g = c.layout(800.0, 400.0, false, 1.0);
        assert!(g.epoch_marks.is_empty());
        assert_eq!(g.x_title_text, "iteration");
        c.epoch = Some(10.0);
        let g = c.layout(800.0, 400.0, false, 1.0);
        assert_eq!(g.epoch_marks.len(), 10);
        assert_eq!(g.epoch_marks[0].label, "1");
        assert_eq!(g.epoch_marks[0].at, g.frame.px(10.0).round() + 0.5);
        assert_eq!(
            g.x_title_text,
            "iteration (marks: every epoch of 10 iterations)"
        );
        c.epoch = Some(3.0);
        let g = c.layout(800.0, 400.0, false, 1.0);
        let labels: Vec<&str> = g.epoch_marks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["5", "10", "15", "20", "25", "30"]);
        assert_eq!(
            g.x_title_text,
            "iteration (marks: every 5 epochs of 3 iterations)"
        );
    }

    #[test]
    fn layout_places_frame_ticks_and_titles_inside_the_canvas() {
        let c = chart(
            (0..=100)
                .map(|i| (i as f64 * 10.0, 1.0 / (1.0 + i as f64)))
                .collect(),
            "",
        );
        for ratio in [1.0, 2.0] {
            let g = c.layout(600.0 * ratio, 340.0 * ratio, false, ratio);
            assert_eq!(g.font, 14.0 * ratio);
            let f = g.frame;
            assert!(f.x0 > 0.0 && f.x0 + f.w <= 600.0 * ratio && f.y0 + f.h < g.x_label_top);
            assert_eq!(g.x_ticks.first().map(|t| t.label.as_str()), Some("0"));
            assert!(g
                .x_ticks
                .iter()
                .all(|t| t.at >= f.x0 && t.at <= f.x0 + f.w + 1.0));
            assert!(g
                .y_ticks
                .iter()
                .all(|t| t.at >= f.y0 && t.at <= f.y0 + f.h + 1.0));
            assert_eq!(g.y_title_text, "cost");
            assert!(g.legend.is_empty());
        }
        assert_eq!(c.layout(400.0, 300.0, true, 1.0).font, 12.0);
    }

    #[test]
    fn x_tick_labels_keep_apart_in_a_narrow_chart() {
        let c = chart(vec![(0.0, 0.7), (15000.0, 0.1)], "");
        for width in [120.0, 200.0, 320.0, 600.0] {
            let g = c.layout(width, 120.0, false, 1.0);
            let gaps: Vec<f64> = g.x_ticks.windows(2).map(|p| p[1].at - p[0].at).collect();
            assert!(!g.x_ticks.is_empty(), "{width}: no x tick");
            assert!(
                gaps.iter().all(|&d| d >= g.font * 3.0),
                "{width}: ticks {gaps:?} closer than a label"
            );
        }
        assert!(c.layout(600.0, 300.0, false, 1.0).x_ticks.len() >= 3);
    }

    #[test]
    fn curves_break_at_infinity_and_mark_it() {
        let mut points: Vec<(f64, f64)> = (0..10).map(|i| (i as f64 * 100.0, 0.5)).collect();
        points[3].1 = f64::INFINITY;
        points[4].1 = f64::INFINITY;
        let g = chart(points, "run").layout(600.0, 340.0, false, 1.0);
        let line = &g.lines[0];
        // 3 points, a break, 5 points.
        assert_eq!(line.len(), 2 * (3 + 1 + 5));
        assert!(line[6].is_nan() && line[7].is_nan());
        // Two infinite costs 100 iterations (~50 px) apart: two marks above the frame.
        assert_eq!(g.infinity[0].len(), 4);
        assert!(g.infinity[0][1] < g.frame.y0);
        assert_eq!(
            g.legend,
            [LegendEntry {
                series: 0,
                label: "run".into()
            }]
        );
    }

    #[test]
    fn at_most_two_points_per_pixel_column_and_the_last_one() {
        let points: Vec<(f64, f64)> = (0..=10_000).map(|i| (i as f64 / 10.0, 0.5)).collect();
        let g = chart(points, "").layout(600.0, 340.0, false, 1.0);
        let n = g.lines[0].len() / 2;
        assert!(n <= 2 * g.frame.w as usize + 1, "{n}");
        let end = g.frame.px(1000.0);
        assert_eq!(g.lines[0][2 * n - 2], end);
    }

    #[test]
    fn hover_finds_the_nearest_point() {
        let c = chart(vec![(0.0, 0.6), (500.0, 0.4), (1000.0, 0.2)], "he");
        let g = c.layout(600.0, 340.0, false, 1.0);
        assert_eq!(c.hover(&g.frame, 1.0, 1.0), None);
        let x = g.frame.px(480.0);
        let hit = c.hover(&g.frame, x, 150.0).expect("inside the plot");
        assert_eq!(hit.text, "he: iteration 500 · cost 0.400000");
        assert_eq!((hit.x, hit.series), (g.frame.px(500.0), 0));
    }
}
