//! The cost chart's binding: the core lays the chart out
//! ([`nnlab_core::view::chart`]); the page strokes and fills what
//! [`Chart::layout`] returns (plain objects and `Float64Array` polylines).

use crate::js::set_f64_arrays;
use crate::{serializer, Lab};
use nnlab_core::view::chart::{CostChart, Frame, Series};
use serde::Serialize;
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
        self.chart.epoch = None;
    }

    /// Adds `lab`'s cost history as the next curve, named `label` in the
    /// legend (no legend entry when empty).
    pub fn add(&mut self, lab: &Lab, label: &str) {
        let t = &lab.trainer;
        let epoch = t.iterations_per_epoch().map(|e| e as f64);
        self.chart.epoch = self.chart.epoch.or(epoch);
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

    /// Adds `lab`'s view curves after its cost curve (the one added last):
    /// test cost, and the cost's two terms when λ > 0
    /// ([`nnlab_core::view::inside::add_view_curves`]); returns their kinds
    /// (`"test"`, `"ce"`, `"l2"`: the page's colours).
    #[wasm_bindgen(js_name = addViews)]
    pub fn add_views(&mut self, lab: &Lab) -> Vec<String> {
        let kinds = nnlab_core::view::inside::add_view_curves(&mut self.chart, &lab.trainer);
        kinds.into_iter().map(String::from).collect()
    }

    /// The chart in a `width × height` canvas whose pixels are `pixel_ratio`
    /// times the CSS pixels: `ChartGeometry` in camelCase (`{font, lineWidth,
    /// curveWidth, frame: {x0, y0, w, h, ...}, xTicks, yTicks: [{at, label}],
    /// xLabelTop, yLabelRight, xTitle, xTitleText, epochMarks: [{at, label}],
    /// epochMarkHeight, yTitle, yTitleText, clip, legendCorner,
    /// legendLine, legend: [{series, label}]}`) plus `lines` and `infinity`,
    /// one `Float64Array` per curve.
    pub fn layout(
        &mut self,
        width: u32,
        height: u32,
        log: bool,
        pixel_ratio: f64,
    ) -> Result<JsValue, JsError> {
        let g = self
            .chart
            .layout(width as f64, height as f64, log, pixel_ratio);
        self.frame = Some(g.frame);
        let out = g.serialize(&serializer())?;
        set_f64_arrays(&out, "lines", &g.lines)?;
        set_f64_arrays(&out, "infinity", &g.infinity)?;
        Ok(out)
    }

    /// The recorded point nearest to canvas pixel `(x, y)` in the last
    /// layout: `{x, y, series, text}` (pixel position, curve index,
    /// `"iteration 1200 · cost 0.123457"`), or `null` outside the plot.
    pub fn hover(&self, x: f64, y: f64) -> Result<JsValue, JsError> {
        let hit = self.frame.and_then(|f| self.chart.hover(&f, x, y));
        Ok(hit.serialize(&serializer())?)
    }
}
