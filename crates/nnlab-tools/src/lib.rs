//! The page's tools that the first paint never runs, as a second wasm module the page
//! loads when one is first used (`window.nnlabTools()`, `www/js/boot.js`): the share
//! dialog's QR code (the `qrcode` crate), the run as a NumPy script (`run::python`) and
//! a CSV file's points into a link (`config::import`). Measured (README "Size"): in the
//! page's module the first two were 22.6 kB of its 276 kB gzipped (the QR code's tables
//! and the script's Python text included), the CSV import 8.7 kB more.
//!
//! Each function takes what it needs as text (a link's canonical query, the link to
//! encode), so this module holds no run: the page's module (`nnlab-web`) keeps the lab.

use js_sys::{Object, Reflect, Uint8Array};
use nnlab_core::config::{import, link};
use nnlab_core::run::python;
use qrcode::{EcLevel, QrCode};
use wasm_bindgen::prelude::*;

/// Runs once when the module is initialised: numbers are read by the page's `parseFloat`
/// (`nnlab_render::use_page_numbers`), as in the page's module.
#[wasm_bindgen(start)]
pub fn start() {
    if cfg!(target_arch = "wasm32") {
        nnlab_render::use_page_numbers();
    }
}

/// The QR code of `text` at the lowest error correction that fits:
/// `{size, modules}` (`modules` a `Uint8Array` of `size × size`, row by row,
/// 1 = dark, without the quiet zone), or `undefined` when `text` is too long
/// for any QR code (the page's module words why: its `qrRefused`).
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

/// `{query, summary}`: the lab of `query` (a running lab's canonical query) with the
/// points of CSV `text`, and a line about what was read, in language `lang` (the page's:
/// `"en"` | `"zh"`); a bad CSV is an error naming line and column.
#[wasm_bindgen(js_name = withCsv)]
pub fn with_csv(query: &str, text: &str, lang: &str) -> Result<Object, JsError> {
    nnlab_render::use_page_renderer(lang);
    let parsed = link::parse(query).map_err(|e| JsError::new(&e.to_string()))?;
    let imported = import::query_with_csv(&parsed.config, &parsed.view, text)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let obj = Object::new();
    let set = |key: &str, value: &str| Reflect::set(&obj, &key.into(), &value.into());
    set("query", &imported.query).map_err(|_| JsError::new("withCsv: query"))?;
    set("summary", &imported.summary).map_err(|_| JsError::new("withCsv: summary"))?;
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The page hands over the lab's canonical query, not its configuration: the query
    /// must carry everything the script writes.
    #[wasm_bindgen_test(unsupported = test)]
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

    /// The same for a CSV import: the canonical query gives the import the lab itself
    /// would (its configuration and its view's keys kept, a teacher's included).
    #[wasm_bindgen_test(unsupported = test)]
    fn a_canonical_query_imports_as_the_lab() {
        let csv = "x1,x2,label\n0,0,a\n1,1,b\n0.5,0.2,a\n0.1,0.9,b\n";
        for link_text in [
            "preset=reg-l2&lock=network&task=Look%20here",
            "data=spiral&layers=8,8&showTest=1",
            "data=plane&problem=regression",
        ] {
            let parsed = link::parse(link_text).unwrap();
            let again = link::parse(&link::serialize(&parsed.config, &parsed.view)).unwrap();
            let direct = import::query_with_csv(&parsed.config, &parsed.view, csv);
            let through = import::query_with_csv(&again.config, &again.view, csv);
            match (direct, through) {
                (Ok(a), Ok(b)) => assert_eq!((a.query, a.summary), (b.query, b.summary)),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{link_text}: {:?} / {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
}
