//! The cost chart's binding: the core lays the chart out
//! ([`nnlab_core::view::chart`]); the page strokes and fills what
//! [`Chart::layout`] returns (plain objects and `Float64Array` polylines).

use crate::js::{obj, ticks};
use crate::Lab;
use js_sys::Float64Array;
use nnlab_core::view::chart::{ChartGeometry, CostChart, Frame, Series};
use wasm_bindgen::prelude::*;

/// The cost curves of one or more labs on one pair of axes (linear or log
/// cost), and the layout of the last frame (for [`Chart::hover`]).
#[wasm_bindgen]
#[derive(Default)]
pub struct Chart {
    chart: CostChart,
    frame: Option<Frame>,
}

#[wasm_bindgen]
impl Chart {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Chart {
        Chart::default()
    }

    /// Forgets every curve.
    pub fn clear(&mut self) {
        self.chart.series.clear();
    }

    /// Adds `lab`'s cost history as the next curve, named `label` in the
    /// legend (no legend entry when empty).
    pub fn add(&mut self, lab: &Lab, label: &str) {
        let t = &lab.trainer;
        self.chart.series.push(Series {
            label: label.into(),
            points: t
                .history()
                .points()
                .iter()
                .map(|&(i, c)| (i as f64, c))
                .collect(),
            iters: t.config().iters as f64,
        });
    }

    /// The chart in a `width × height` canvas whose pixels are `pixel_ratio`
    /// times the CSS pixels: `{font, lineWidth, curveWidth, frame: {x, y, w, h},
    /// xTicks, yTicks: [{at, label}], xLabelTop, yLabelRight, xTitle: [x, y],
    /// yTitle: [x, y], yTitleText, clip: [x, y, w, h], lines: [Float64Array],
    /// infinity: [Float64Array], legendCorner: [x, y], legendLine, legend:
    /// [{series, label}]}`; see `ChartGeometry` for each field.
    pub fn layout(&mut self, width: u32, height: u32, log: bool, pixel_ratio: f64) -> JsValue {
        let g = self
            .chart
            .layout(width as f64, height as f64, log, pixel_ratio);
        self.frame = Some(g.frame);
        self.to_js(&g)
    }

    /// The recorded point nearest to canvas pixel `(x, y)` in the last
    /// layout: `{x, y, series, text}` (pixel position, curve index,
    /// `"iteration 1200 · cost 0.123457"`), or `null` outside the plot.
    pub fn hover(&self, x: f64, y: f64) -> JsValue {
        let hit = self.frame.and_then(|f| self.chart.hover(&f, x, y));
        match hit {
            None => JsValue::NULL,
            Some(h) => obj(&[
                ("x", h.x.into()),
                ("y", h.y.into()),
                ("series", (h.series as u32).into()),
                ("text", h.text.into()),
            ]),
        }
    }
}

impl Chart {
    fn to_js(&self, g: &ChartGeometry) -> JsValue {
        let pair = |(a, b): (f64, f64)| js_sys::Array::of2(&a.into(), &b.into()).into();
        let arrays = |v: &[Vec<f64>]| -> JsValue {
            v.iter()
                .map(|a| JsValue::from(Float64Array::from(&a[..])))
                .collect::<js_sys::Array>()
                .into()
        };
        let f = &g.frame;
        let (cx, cy, cw, ch) = g.clip;
        obj(&[
            ("font", g.font.into()),
            ("lineWidth", g.line_width.into()),
            ("curveWidth", g.curve_width.into()),
            (
                "frame",
                obj(&[
                    ("x", f.x0.into()),
                    ("y", f.y0.into()),
                    ("w", f.w.into()),
                    ("h", f.h.into()),
                ]),
            ),
            ("xTicks", ticks(&g.x_ticks)),
            ("yTicks", ticks(&g.y_ticks)),
            ("xLabelTop", g.x_label_top.into()),
            ("yLabelRight", g.y_label_right.into()),
            ("xTitle", pair(g.x_title)),
            ("yTitle", pair(g.y_title)),
            ("yTitleText", g.y_title_text.into()),
            ("clip", Float64Array::from(&[cx, cy, cw, ch][..]).into()),
            ("lines", arrays(&g.lines)),
            ("infinity", arrays(&g.infinity)),
            ("legendCorner", pair(g.legend_corner)),
            ("legendLine", g.legend_line.into()),
            (
                "legend",
                g.legend
                    .iter()
                    .map(|&k| {
                        obj(&[
                            ("series", (k as u32).into()),
                            ("label", self.chart.series[k].label.as_str().into()),
                        ])
                    })
                    .collect::<js_sys::Array>()
                    .into(),
            ),
        ])
    }
}
