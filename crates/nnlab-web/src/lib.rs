//! nnlab's browser bindings.
//!
//! One opaque handle, [`Lab`], owns a training run in wasm memory; the page
//! gets small copyable results (a snapshot object, typed arrays, strings).
//! [`Chart`] lays out the cost curves of one or more labs. Free functions give
//! the page what it needs to build its controls ([`presets`], [`keys`]), its
//! data colours ([`palette`]) and fresh seeds ([`random_seed`]).
//!
//! The drawing rule: Rust fills pixel buffers (the decision regions' RGBA) and
//! computes every number of a drawing (scales, ticks, pixel positions,
//! colours, formatted text, through `nnlab_core::view`); JavaScript strokes
//! and fills what it is given, measuring text only to fit labels.

use nnlab_core::config::keys::{KeyInfo, KEYS};
use nnlab_core::config::limits;
use nnlab_core::i18n::{self, Lang};
use nnlab_core::run::snapshot::PresetInfo;
use nnlab_core::Preset;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "testing")]
mod bench;
mod chart;
mod classroom;
mod js;
mod lab;
mod owndata;
mod panels;
mod panic;
mod regions;
mod views;

pub use chart::Chart;
pub use lab::Lab;

/// The nnlab version compiled into the wasm module (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Runs once when the module is initialised: in the page, and also under wasm-bindgen-test
/// (in Node there is no `window`, so this must not fail without one).
#[wasm_bindgen(start)]
pub fn start() {
    panic::install();
    if !cfg!(target_arch = "wasm32") {
        return; // native unit tests: no JavaScript to talk to
    }
    nnlab_render::use_page_numbers();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // Lets tests and scripts see that the module started.
    let _ = root.set_attribute("data-nnlab-wasm", "started");
}

/// A fresh seed from the browser's entropy (`crypto.getRandomValues`), for
/// the page's "new seed" and "new data" buttons.
#[wasm_bindgen(js_name = randomSeed)]
pub fn random_seed() -> Result<u32, JsError> {
    getrandom::u32().map_err(|e| JsError::new(&format!("no randomness available: {e}")))
}

/// The serializer for every object handed to the page: plain objects, `null`
/// for absent values.
pub(crate) fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true)
}

/// The course presets, for the page's one-click buttons:
/// `[{name, title, lab, expected: {train, test, firstCost, trainText, testText, firstCostText} | null,
/// lesson: ["check" | "training" | "network" | "inside"]}]` (the panels the lab opens on).
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    let list: Vec<PresetInfo> = Preset::ALL.iter().map(|&p| PresetInfo::of(p)).collect();
    Ok(list.serialize(&serializer())?)
}

/// The link keys, once, for the page's controls (the core's key table):
/// `[{name, label, help, kind, group, groupTitle, choices, range, length,
/// optional, view}]` in table order.
#[wasm_bindgen]
pub fn keys() -> Result<JsValue, JsError> {
    let infos: Vec<KeyInfo> = KEYS.iter().map(|k| k.info()).collect();
    Ok(infos.serialize(&serializer())?)
}

/// The data colours, as CSS colours: `{class0, class1, series: [3]}` (the
/// regions' and points' Okabe–Ito orange and blue; compare mode's three
/// curves). The page sets them as CSS custom properties at start, so its
/// stylesheets and canvases agree.
#[wasm_bindgen]
pub fn palette() -> Result<JsValue, JsError> {
    use nnlab_core::run::regions::{COLOR_0, COLOR_1};
    use nnlab_core::view::chart::SERIES_COLOURS;
    use nnlab_core::view::heat::css;
    #[derive(Serialize)]
    struct Palette {
        class0: String,
        class1: String,
        series: Vec<String>,
    }
    let palette = Palette {
        class0: css(COLOR_0),
        class1: css(COLOR_1),
        series: SERIES_COLOURS.iter().map(|&c| css(c)).collect(),
    };
    Ok(palette.serialize(&serializer())?)
}

/// Limits the page shows beside its controls.
#[wasm_bindgen(js_name = maxHiddenLayers)]
pub fn max_hidden_layers() -> u32 {
    limits::MAX_HIDDEN_LAYERS as u32
}

/// The query of the lab a link that does not open falls back to.
#[wasm_bindgen(js_name = fallbackQuery)]
pub fn fallback_query() -> String {
    nnlab_core::config::edit::fallback_query()
}

/// Compare mode's status line ([`nnlab_core::run::health::compare_status_line`]):
/// all runs `done`, the page `playing`, some run `started`, the titles of the
/// `stalled` runs.
#[wasm_bindgen(js_name = compareStatus)]
pub fn compare_status(done: bool, playing: bool, started: bool, stalled: Vec<String>) -> String {
    nnlab_core::run::health::compare_status_line(done, playing, started, &stalled)
}

/// Sets the language of every text the engine returns from now on (`"en"` |
/// `"zh"`; anything else is English), rendered by the page (`nnlab-render`).
#[wasm_bindgen(js_name = setLang)]
pub fn set_lang(name: &str) {
    nnlab_render::use_page_renderer(name);
}

/// The language texts are in now (`"en"` | `"zh"`; `setLang`'s), which the
/// tools' module is handed.
#[wasm_bindgen(js_name = currentLang)]
pub fn current_lang() -> String {
    i18n::lang().name().to_string()
}

/// The page's languages: `[{name, html}]` (`lang=` value, `<html lang>`), English first.
#[wasm_bindgen]
pub fn languages() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Language {
        name: &'static str,
        html: &'static str,
    }
    let list: Vec<Language> = Lang::ALL
        .iter()
        .map(|l| Language {
            name: l.name(),
            html: l.html(),
        })
        .collect();
    Ok(list.serialize(&serializer())?)
}

/// The page's language for link `text` (its `lang`, even when the rest of
/// the link is refused) and the browser's `navigator.language` (without
/// `lang`: `"zh"` for `zh*`, else `"en"`).
#[wasm_bindgen(js_name = pageLang)]
pub fn page_lang(text: &str, browser: &str) -> String {
    nnlab_core::config::link::lang_of(text)
        .unwrap_or_else(|| Lang::of_browser(browser))
        .name()
        .to_string()
}

/// Message `id` in the current language, with `args` (an object of already
/// formatted strings; others are skipped).
#[wasm_bindgen]
pub fn t(id: &str, args: JsValue) -> String {
    let mut pairs: Vec<(String, String)> = vec![];
    if args.is_object() {
        for entry in js_sys::Object::entries(&args.unchecked_into()).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
    }
    let args: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    i18n::text(id, &args)
}
