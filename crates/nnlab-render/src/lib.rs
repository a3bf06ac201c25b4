//! The engine's texts in a wasm module of the page: the core renders every sentence
//! through `i18n::set_renderer`, and in the page that renderer is the page's
//! `globalThis.nnlabFormat` (`www/js/i18n.js`: `@fluent/bundle` over the catalogue files
//! the build writes, `i18n/<lang>.ftl`). Both of the page's modules use it: the web crate
//! (`setLang`) and the tools (`crates/nnlab-tools`, whose CSV import words its summary and
//! its errors). No `#[wasm_bindgen]` export lives here, so a module that links this crate
//! exports nothing more.

use nnlab_core::i18n::{self, Lang};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = nnlabFormat)]
    fn format_js(lang: &str, id: &str, args: JsValue) -> Result<String, JsValue>;
}

/// Renders through the page's `globalThis.nnlabFormat`; without one (the
/// wasm-bindgen tests), the id and its arguments.
fn render_js(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let object = js_sys::Object::new();
    for &(name, value) in args {
        let _ = js_sys::Reflect::set(&object, &name.into(), &value.into());
    }
    format_js(lang.name(), id, object.into()).unwrap_or_else(|_| i18n::unrendered(id, args))
}

/// Every text the engine returns from now on in language `name` (`"en"` |
/// `"zh"`; anything else is English), rendered by the page.
pub fn use_page_renderer(name: &str) {
    let lang = Lang::ALL
        .into_iter()
        .find(|l| l.name() == name)
        .unwrap_or_default();
    i18n::set_renderer(render_js);
    i18n::set_lang(lang);
}

/// Every number the engine reads from text from now on (links, CSV files, the point
/// editor's value, quiz answers) converted by JavaScript's `parseFloat`
/// (`nnlab_core::format::number`: the engine checks the text against Rust's grammar first
/// and reads `inf` and `nan` itself), so the module carries no float parser of its own.
pub fn use_page_numbers() {
    nnlab_core::format::number::set_reader(js_sys::parse_float);
}
