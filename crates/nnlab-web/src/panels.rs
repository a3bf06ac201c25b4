//! The gradient-check panel, the network diagram and the exports: bindings
//! only. The core computes each view ([`nnlab_core::view`],
//! [`nnlab_core::run::export`]); each call returns one plain object (numbers
//! already formatted, colours already chosen) plus typed arrays for
//! everything that has one value per parameter or per link (never one call
//! per weight). `www/js/{gradcheck,diagram,exporter}.js` only lay them out
//! and draw.

use crate::js::set;
use crate::lab::Lab;
use crate::serializer;
use js_sys::{Float32Array, Float64Array, Uint8Array};
use nnlab_core::run::export;
use nnlab_core::run::gradcheck::diagnose;
use nnlab_core::view::diagram::{diagram_data, DiagramLayout};
use nnlab_core::view::gradcheck::gradcheck_view;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Sets each `(key, values)` on `obj` as a `Float64Array`.
fn set_f64_arrays(obj: &JsValue, fields: [(&str, &[f64]); 3]) -> Result<(), JsError> {
    for (key, values) in fields {
        set(obj, key, &Float64Array::from(values))?;
    }
    Ok(())
}

#[wasm_bindgen]
impl Lab {
    /// Checks this run's current weights (up to 16 training examples, its λ
    /// and planted bugs, its ε): `{difference, differenceText, threshold,
    /// oldThreshold, passes, passesOld, verdict, verdictText, epsilon, cost,
    /// examples, iteration, summary,
    /// params: [{name, rows, cols, offset, worst, difference, share, suspect,
    /// color}], suspects, course, courseText, oneD, legend, entries: [{label,
    /// analytic, numerical, relativeError, color}]}` (every number already
    /// formatted as text) plus typed arrays `analytic`, `numerical`,
    /// `relativeError` (Float64Array) and `colors` (RGBA bytes, one cell per
    /// scalar parameter). Fails (with a message naming `layers`) for networks
    /// over 3000 parameters.
    pub fn gradcheck(&self) -> Result<JsValue, JsError> {
        let diagnosis = diagnose(&self.trainer).map_err(|e| JsError::new(&e.to_string()))?;
        let (view, arrays) = gradcheck_view(&diagnosis);
        let obj = view.serialize(&serializer())?;
        set_f64_arrays(
            &obj,
            [
                ("analytic", &arrays.analytic),
                ("numerical", &arrays.numerical),
                ("relativeError", &arrays.relative_error),
            ],
        )?;
        set(&obj, "colors", &Uint8Array::from(arrays.colors.as_slice()))?;
        Ok(obj)
    }

    /// The network diagram in a panel `panel_width` CSS pixels wide:
    /// `{sizes, mode, maxAbs, caption, description, dropout, dropped, dead,
    /// hidden, health, healthLevel, positiveColor, negativeColor}` plus
    /// `widths` (Float32Array, 0..1, one per link in `W[l][j, i]` row-major
    /// order), `colors` (RGBA per link), `units` (flags per unit, input
    /// layer first: 1 dropped for the first training point, 2 dead) and
    /// `layout`, in CSS pixels: `{width, height, radius, cross, labels:
    /// [{text, x, y}], strokes: [css colour per link]}` plus `centres` (unit
    /// `[x, y, ...]`), `links` (`[x0, y0, x1, y1, ...]`) and `lineWidths`
    /// (Float64Array); see `DiagramLayout`.
    #[wasm_bindgen(js_name = networkView)]
    pub fn network_view(&self, by_gradient: bool, panel_width: f64) -> Result<JsValue, JsError> {
        let (data, arrays) = diagram_data(&self.trainer, by_gradient);
        let layout = DiagramLayout::new(&data.sizes, &arrays, panel_width);
        let obj = data.serialize(&serializer())?;
        set(
            &obj,
            "widths",
            &Float32Array::from(arrays.widths.as_slice()),
        )?;
        set(&obj, "colors", &Uint8Array::from(arrays.colors.as_slice()))?;
        set(&obj, "units", &Uint8Array::from(arrays.units.as_slice()))?;
        let geometry = layout.serialize(&serializer())?;
        set_f64_arrays(
            &geometry,
            [
                ("centres", &layout.centres),
                ("links", &layout.links),
                ("lineWidths", &layout.line_widths),
            ],
        )?;
        set(&obj, "layout", &geometry)?;
        Ok(obj)
    }

    /// The cost history as CSV: `iteration,cost` lines, `inf` when infinite.
    #[wasm_bindgen(js_name = historyCsv)]
    pub fn history_csv(&self) -> String {
        export::history_csv(&self.trainer)
    }

    /// The weights as JSON: `{query, iteration, sizes, params: {W1: {shape, data}, ...}}`.
    #[wasm_bindgen(js_name = weightsJson)]
    pub fn weights_json(&self) -> String {
        export::weights_json(&self.trainer, &self.query())
    }

    /// A base name for exported files: `nnlab-init-he-15000`.
    #[wasm_bindgen(js_name = exportName)]
    pub fn export_name(&self) -> String {
        export::export_basename(&self.trainer)
    }
}
