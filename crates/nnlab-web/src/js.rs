//! Typed arrays attached to the plain objects serde builds (bulk numbers
//! stay typed arrays: one copy, no per-number conversion).

use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::prelude::*;

/// Sets `obj[key] = value`.
pub(crate) fn set(obj: &JsValue, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(crate::lab::js_err)
}

/// Sets `obj[key]` to an array of `Float64Array`s, one per list.
pub(crate) fn set_f64_arrays(obj: &JsValue, key: &str, lists: &[Vec<f64>]) -> Result<(), JsError> {
    let arrays: Array = lists
        .iter()
        .map(|l| JsValue::from(Float64Array::from(&l[..])))
        .collect();
    set(obj, key, &arrays)
}
