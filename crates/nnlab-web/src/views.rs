//! The views of the training's inside: bindings only. The core computes
//! the views panel ([`nnlab_core::view::inside`]: small curves, dropout
//! modes, symmetry, formulas) and the neuron maps
//! ([`nnlab_core::view::neurons`]); `www/js/{inside,neurons}.js` draw them.

use crate::js::{set, set_f64_arrays};
use crate::{serializer, Lab};
use js_sys::{Float64Array, Uint8Array};
use nnlab_core::view::inside::inside_view;
use nnlab_core::view::neurons::{neuron_view, NeuronMaps};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Lab {
    /// The views panel with small curves `width × height` CSS px:
    /// `InsideView` in camelCase (`{latest, caption, sparks: [{title, now,
    /// top, layers}], layerNames, symmetry, dropout, mask, formulas:
    /// [{title, mathml}]}`) plus `lines`: every spark's polylines in order
    /// (one `Float64Array` per entry of each spark's `layers`).
    pub fn inside(&self, width: f64, height: f64) -> Result<JsValue, JsError> {
        let view = inside_view(&self.trainer, width, height);
        let out = view.serialize(&serializer())?;
        let lines: Vec<Vec<f64>> = view.sparks.into_iter().flat_map(|s| s.lines).collect();
        set_f64_arrays(&out, "lines", &lines)?;
        Ok(out)
    }

    /// The neuron maps over the diagram `panel_width` CSS px wide, or
    /// `null` without 2-D data: `{side, largeSide, note, labels}` plus
    /// `boxes` (Float64Array `[x, y, side, ...]` per hidden unit, side 0 when
    /// not drawn), `targets` (Float64Array `[x, y, width, height, first,
    /// count, ...]`: one pointer target per layer of drawn maps), `dropped` and `maps` (Uint8Array: one flag, and
    /// `side²` RGBA pixels, per hidden unit) and, for `focus >= 0` (a hidden
    /// unit's index), `large` (`largeSide²` RGBA pixels).
    #[wasm_bindgen(js_name = neuronMaps)]
    pub fn neuron_maps(&mut self, panel_width: f64, focus: i32) -> Result<JsValue, JsError> {
        let split = self.trainer.points();
        if split.train.features() != 2 {
            return Ok(JsValue::NULL);
        }
        let bounds = split.bounds();
        let view = neuron_view(&self.trainer, panel_width);
        let out = view.serialize(&serializer())?;
        set(&out, "boxes", &Float64Array::from(&view.boxes[..]))?;
        set(&out, "targets", &Float64Array::from(&view.targets[..]))?;
        set(&out, "dropped", &Uint8Array::from(&view.dropped[..]))?;
        let inputs = self.trainer.inputs();
        let maps = self
            .neurons
            .get_or_insert_with(|| NeuronMaps::new(bounds, inputs));
        let net = self.trainer.network();
        set(&out, "maps", &Uint8Array::from(&maps.maps(net)[..]))?;
        if let Some(large) = usize::try_from(focus).ok().and_then(|u| maps.large(net, u)) {
            set(&out, "large", &Uint8Array::from(&large[..]))?;
        }
        Ok(out)
    }
}
