//! Small builders for the plain objects the page's drawing code reads.

use js_sys::{Array, Object, Reflect};
use nnlab_core::view::chart::PixelTick;
use wasm_bindgen::JsValue;

/// `{key: value, ...}`.
pub(crate) fn obj(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// `[{at, label}]`.
pub(crate) fn ticks(list: &[PixelTick]) -> JsValue {
    list.iter()
        .map(|t| obj(&[("at", t.at.into()), ("label", t.label.as_str().into())]))
        .collect::<Array>()
        .into()
}
