//! The page's tools that the first paint never runs, as a second wasm module the page
//! loads when one is first used (`window.nnlabTools()`, `www/js/boot.js`): the share
//! dialog's QR code (the `qrcode` crate) and the run as a NumPy script (`run::python`).
//! Measured (README "Size"): both in the page's module were 22.6 kB of its 276 kB gzipped
//! (the QR code's tables and the script's Python text included).
//!
//! Each function takes what it needs as text (a link's canonical query, the link to
//! encode), so this module holds no run: the page's module (`nnlab-web`) keeps the lab.

use js_sys::{Object, Reflect, Uint8Array};
use nnlab_core::config::link;
use nnlab_core::run::python;
use qrcode::{EcLevel, QrCode};
use wasm_bindgen::prelude::*;

/// The QR code of `text` at the lowest error correction that fits:
/// `{size, modules}` (`modules` a `Uint8Array` of `size × size`, row by row,
/// 1 = dark, without the quiet zone), or `undefined` when `text` is too long
/// for any QR code (the page's module words why: `Lab.qrRefused`).
#[wasm_bindgen]
pub fn qr(text: &str) -> Option<Object> {
    let code = [EcLevel::M, EcLevel::L]
        .into_iter()
        .find_map(|level| QrCode::with_error_correction_level(text, level).ok())?;
    let modules: Vec<u8> = code.to_colors().iter().map(|c| c.select(1, 0)).collect();
    let obj = Object::new();
    let size = JsValue::from(code.width() as u32);
    Reflect::set(&obj, &"size".into(), &size).ok()?;
    Reflect::set(&obj, &"modules".into(), &Uint8Array::from(&modules[..])).ok()?;
    Some(obj)
}

/// The run of `query` (a running lab's canonical query, `Lab.query()`) as a
/// self-contained NumPy script (`run::python::script`).
#[wasm_bindgen]
pub fn python(query: &str) -> Result<String, JsError> {
    let parsed = link::parse(query).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(python::script(&parsed.config))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page hands over the lab's canonical query, not its configuration: the query
    /// must carry everything the script writes.
    #[test]
    fn a_canonical_query_gives_the_configurations_script() {
        for link_text in [
            "preset=reg-l2",
            "preset=reg-dropout&lr=0.1",
            "preset=init-he&act=tanh&opt=adam&batch=64&features=x1,x2,x1x2",
            "data=spiral&n=200&layers=8,8&problem=classification&normalize=1",
            "data=plane&problem=regression&testFrac=0.3",
        ] {
            let parsed = link::parse(link_text).unwrap();
            let query = link::serialize(&parsed.config, &parsed.view);
            assert_eq!(
                python(&query).unwrap(),
                python::script(&parsed.config),
                "{link_text} -> {query}"
            );
        }
    }
}
