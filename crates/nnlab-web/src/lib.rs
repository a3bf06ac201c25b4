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

use nnlab_core::config::{limits, DataKind, InitKind};
use nnlab_core::{config::link, Preset};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "testing")]
mod bench;
mod chart;
mod js;
mod lab;
mod panels;
mod panic;
mod regions;

pub use chart::Chart;
use lab::ExpectedInfo;
pub use lab::{Lab, Snapshot};

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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PresetInfo {
    name: &'static str,
    title: &'static str,
    lab: &'static str,
    expected: Option<ExpectedInfo>,
}

/// The course presets, for the page's one-click buttons:
/// `[{name, title, lab, expected: {train, test, firstCost, trainText, testText, firstCostText} | null}]`.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    let list: Vec<PresetInfo> = Preset::ALL
        .iter()
        .map(|&p| PresetInfo {
            name: p.name(),
            title: preset_title(p),
            lab: lab::lab_family(&p.config()).unwrap_or(""),
            expected: p.expected().as_ref().map(ExpectedInfo::of),
        })
        .collect();
    Ok(list.serialize(&serializer())?)
}

/// A preset's button label.
pub fn preset_title(p: Preset) -> &'static str {
    match p {
        Preset::InitZeros => "Zeros",
        Preset::InitRandom => "Random ×10",
        Preset::InitHe => "He",
        Preset::RegNone => "None",
        Preset::RegL2 => "L2",
        Preset::RegDropout => "Dropout",
        Preset::Gradcheck => "Gradient checking",
    }
}

/// What the page needs to build one form control for a link key.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    pub name: &'static str,
    pub help: &'static str,
    /// "choice" | "number" | "count" | "seed" | "layers" | "flag"
    pub kind: &'static str,
    /// "data" | "network" | "training" | "regularization" | "gradcheck" | "view"
    pub group: &'static str,
    /// The values of a "choice".
    pub choices: Vec<&'static str>,
    /// Whether the key may be absent (empty input = the course's data).
    pub optional: bool,
}

/// Every key of the link format with its control's kind, in link order.
pub fn key_infos() -> Vec<KeyInfo> {
    link::KEYS
        .iter()
        .map(|k| {
            let (kind, group, choices): (&str, &str, Vec<&'static str>) = match k.name {
                "data" => (
                    "choice",
                    "data",
                    DataKind::ALL.iter().map(|d| d.name()).collect(),
                ),
                "dataSeed" => ("seed", "data", vec![]),
                "n" => ("count", "data", vec![]),
                "noise" => ("number", "data", vec![]),
                "layers" => ("layers", "network", vec![]),
                "init" => (
                    "choice",
                    "network",
                    InitKind::ALL.iter().map(|i| i.name()).collect(),
                ),
                "scale" => ("number", "network", vec![]),
                "seed" => ("seed", "network", vec![]),
                "lr" => ("number", "training", vec![]),
                "iters" => ("count", "training", vec![]),
                "lambda" | "keep" => ("number", "regularization", vec![]),
                "mask" => ("choice", "regularization", vec!["fixed", "fresh"]),
                "dropSeed" => ("seed", "regularization", vec![]),
                "bugs" => ("choice", "gradcheck", vec!["none", "w2", "b1", "w2,b1"]),
                "eps" => ("number", "gradcheck", vec![]),
                _ => ("flag", "view", vec![]),
            };
            KeyInfo {
                name: k.name,
                help: k.help,
                kind,
                group,
                choices,
                optional: matches!(k.name, "dataSeed" | "n" | "noise"),
            }
        })
        .collect()
}

/// The link keys for the page's controls: `[{name, help, kind, group, choices, optional}]`.
#[wasm_bindgen]
pub fn keys() -> Result<JsValue, JsError> {
    Ok(key_infos().serialize(&serializer())?)
}

/// The data colours, as CSS colours: `{class0, class1, series: [3]}` (the
/// regions' and points' Okabe–Ito orange and blue; compare mode's three
/// curves). The page sets them as CSS custom properties at start, so its
/// stylesheets and canvases agree.
#[wasm_bindgen]
pub fn palette() -> JsValue {
    use nnlab_core::run::regions::{COLOR_0, COLOR_1};
    use nnlab_core::view::chart::SERIES_COLOURS;
    let css = |[r, g, b]: [u8; 3]| JsValue::from(format!("rgb({r},{g},{b})"));
    js::obj(&[
        ("class0", css(COLOR_0)),
        ("class1", css(COLOR_1)),
        (
            "series",
            SERIES_COLOURS
                .iter()
                .map(|&c| css(c))
                .collect::<js_sys::Array>()
                .into(),
        ),
    ])
}

/// Limits the page shows beside its controls.
#[wasm_bindgen(js_name = maxHiddenLayers)]
pub fn max_hidden_layers() -> u32 {
    limits::MAX_HIDDEN_LAYERS as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_key_has_a_control() {
        let infos = key_infos();
        assert_eq!(infos.len(), link::KEYS.len());
        for (i, k) in infos.iter().zip(link::KEYS) {
            assert_eq!(i.name, k.name);
        }
        let flags: Vec<_> = infos
            .iter()
            .filter(|i| i.kind == "flag")
            .map(|i| i.name)
            .collect();
        assert_eq!(flags, ["play", "compare", "showTest", "logCost"]);
    }
}
