//! wasm-bindgen tests in headless Chromium: `cargo xtask test`, or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p nnlab-web
//! --profile web` (the profile is optional: the test profile works too).
//!
//! They drive the `Lab` handle as the page does: build from a link, step in chunks,
//! read snapshots and histories, render the regions and lay out the chart.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Float64Array, Reflect, Uint8ClampedArray};
use nnlab_web::{Chart, Lab};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("an object")
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// Element `k` of a JS array.
fn at(arr: &JsValue, k: u32) -> JsValue {
    Array::from(arr).get(k)
}

#[wasm_bindgen_test]
fn start_marks_the_document() {
    let window = web_sys::window().expect("runs in a browser");
    let root = window
        .document()
        .and_then(|d| d.document_element())
        .expect("a document element");
    root.remove_attribute("data-nnlab-wasm").unwrap();
    nnlab_web::start();
    assert_eq!(
        root.get_attribute("data-nnlab-wasm").as_deref(),
        Some("started")
    );
}

#[wasm_bindgen_test]
fn same_link_same_bits_whatever_the_chunking() {
    let mut a = Lab::new("#preset=init-he&play=1").unwrap();
    let mut b = Lab::new("preset=init-he&play=1").unwrap();
    assert_eq!(a.query(), "preset=init-he&play=1");
    assert_eq!(a.step(1000), 1000);
    let mut ran = 0;
    for chunk in [1, 2, 3, 7, 100, 387, 500] {
        ran += b.step(chunk.min(1000 - ran));
    }
    assert_eq!(ran, 1000);
    assert_eq!(bits(&a.history()), bits(&b.history()));
    let (sa, sb) = (a.snapshot().unwrap(), b.snapshot().unwrap());
    assert_eq!(get(&sa, "iteration").as_f64(), Some(1000.0));
    assert_eq!(get(&sa, "costIteration").as_f64(), Some(999.0));
    assert_eq!(
        get(&sa, "cost").as_f64().unwrap().to_bits(),
        get(&sb, "cost").as_f64().unwrap().to_bits()
    );
    assert_eq!(get(&sa, "costText"), get(&sb, "costText"));
    // The course's cost at iteration 0 (within the core's 1e-9 relative).
    let first = a.history()[1];
    assert!((first - 0.8830537463419761).abs() < 1e-9, "{first}");
    // Reset starts the same run again.
    a.reset().unwrap();
    a.step(1000);
    assert_eq!(bits(&a.history()), bits(&b.history()));
}

#[wasm_bindgen_test]
fn bad_links_name_key_and_value() {
    let err = match Lab::new("preset=init-he&lr=abc") {
        Ok(_) => panic!("lr=abc must not build"),
        Err(e) => js_sys::Error::from(JsValue::from(e)),
    };
    let message = String::from(err.message());
    assert!(message.contains("lr=abc"), "{message}");
    let lab = Lab::new("preset=init-he").unwrap();
    let err = js_sys::Error::from(JsValue::from(lab.with_key("keep", "7").unwrap_err()));
    assert!(String::from(err.message()).starts_with("keep=7"));
    assert_eq!(
        lab.with_key("lr", "0.02").unwrap(),
        "preset=init-he&lr=0.02"
    );
}

#[wasm_bindgen_test]
fn snapshot_is_a_plain_object() {
    let mut lab = Lab::new("preset=init-random").unwrap();
    let s = lab.snapshot().unwrap();
    assert_eq!(get(&s, "status").as_string().as_deref(), Some("training"));
    assert!(get(&s, "cost").is_null(), "no cost before the first step");
    assert_eq!(
        get(&s, "preset").as_string().as_deref(),
        Some("init-random")
    );
    let expected = get(&s, "expected");
    assert_eq!(
        get(&expected, "trainText").as_string().as_deref(),
        Some("83.0%")
    );
    lab.step(1);
    let s = lab.snapshot().unwrap();
    assert_eq!(get(&s, "cost").as_f64(), Some(f64::INFINITY));
    assert_eq!(get(&s, "costText").as_string().as_deref(), Some("∞"));
    assert_eq!(get(&s, "costInfinite").as_bool(), Some(true));
    let values = lab.values().unwrap();
    assert_eq!(get(&values, "init").as_string().as_deref(), Some("random"));
    assert_eq!(get(&values, "dataSeed").as_string().as_deref(), Some(""));
}

/// Copies the grid's pixels out of wasm memory (as the page does: a JS-side copy first,
/// since allocating the `Vec` may grow wasm memory and detach the view).
fn pixels(regions: &JsValue) -> Vec<u8> {
    let view = get(regions, "pixels")
        .dyn_into::<Uint8ClampedArray>()
        .expect("a Uint8ClampedArray");
    Uint8ClampedArray::new(&view).to_vec()
}

#[wasm_bindgen_test]
fn renders_regions_and_lays_out_points_and_axes() {
    let mut lab = Lab::new("preset=init-he").unwrap();
    lab.step(3000);
    let r = lab.regions(420, 420, true).unwrap();
    assert_eq!(get(&r, "grid").as_f64(), Some(200.0));
    let rgba = pixels(&r);
    assert_eq!(rgba.len(), 200 * 200 * 4);
    let (mut orange, mut blue) = (0, 0);
    for p in rgba.chunks(4) {
        // Tints of the core's orange (230,159,0) and blue (0,114,178): pale where the
        // network is unsure, as it still is after 3000 iterations.
        if p[0] as i32 > p[2] as i32 + 10 {
            orange += 1;
        }
        if p[2] as i32 > p[0] as i32 + 10 {
            blue += 1;
        }
    }
    assert!(orange > 1000 && blue > 1000, "orange {orange}, blue {blue}");
    // The course's circles: 300 training and 100 test points, as [x, y] pairs per label.
    let count = |kind: &str| -> u32 {
        (0..2)
            .map(|k| Float64Array::from(at(&get(&r, kind), k)).length() / 2)
            .sum()
    };
    assert_eq!((count("train"), count("test")), (300, 100));
    assert!(Array::from(&get(&r, "xTicks")).length() >= 3);
    assert!(get(&at(&get(&r, "yTicks"), 0), "label").is_string());
    // Rendering again after more steps changes the picture; no test points without show_test.
    lab.step(3000);
    let again = lab.regions(420, 420, false).unwrap();
    assert_ne!(rgba, pixels(&again));
    assert_eq!(Array::from(&get(&again, "test")).length(), 0);
    // Too small a panel: nothing to draw. Data with 4 features has no plane: a message.
    assert!(lab.regions(10, 10, false).unwrap().is_null());
    let mut grad = Lab::new("preset=gradcheck").unwrap();
    let message = get(&grad.regions(200, 200, false).unwrap(), "message");
    assert_eq!(
        message.as_string().as_deref(),
        Some("4-D data: no plane to paint")
    );
}

#[wasm_bindgen_test]
fn chart_lays_out_and_hovers() {
    let mut lab = Lab::new("preset=init-he").unwrap();
    lab.step(500);
    let mut chart = Chart::new();
    chart.add(&lab, "");
    chart.add(&lab, "again");
    let g = chart.layout(600, 340, true, 2.0).unwrap();
    assert_eq!(get(&g, "font").as_f64(), Some(24.0));
    assert_eq!(
        get(&g, "yTitleText").as_string().as_deref(),
        Some("cost (log scale)")
    );
    let line = Float64Array::from(at(&get(&g, "lines"), 0));
    assert!(line.length() >= 4 && line.length() % 2 == 0);
    assert_eq!(Array::from(&get(&g, "legend")).length(), 1);
    chart.layout(600, 340, false, 1.0).unwrap();
    assert!(chart.hover(1.0, 1.0).unwrap().is_null());
    let hit = chart.hover(300.0, 150.0).unwrap();
    let text = get(&hit, "text").as_string().unwrap();
    assert!(text.contains("iteration "), "{text}");
}

#[wasm_bindgen_test]
fn diagram_and_gradcheck_come_laid_out_and_formatted() {
    let mut lab = Lab::new("preset=reg-dropout").unwrap();
    lab.step(10);
    let view = lab.network_view(false, 524.0).unwrap();
    let layout = get(&view, "layout");
    assert_eq!(get(&layout, "width").as_f64(), Some(500.0));
    assert_eq!(get(&layout, "height").as_f64(), Some(306.0));
    let centres = Float64Array::from(get(&layout, "centres"));
    assert_eq!(centres.length(), 2 * 26);
    let links = Float64Array::from(get(&layout, "links"));
    assert_eq!(links.length(), 4 * 103);
    assert_eq!(Float64Array::from(get(&layout, "lineWidths")).length(), 103);
    let stroke = at(&get(&layout, "strokes"), 0).as_string().unwrap();
    assert!(stroke.starts_with("rgba("), "{stroke}");
    let label = at(&get(&layout, "labels"), 1);
    assert_eq!(
        get(&label, "text").as_string().as_deref(),
        Some("hidden 1 (20)")
    );
    let description = get(&view, "description").as_string().unwrap();
    assert!(
        description.starts_with("Network 2-20-3-1: "),
        "{description}"
    );

    let check = Lab::new("preset=gradcheck").unwrap().gradcheck().unwrap();
    let entry = at(&get(&check, "entries"), 0);
    assert_eq!(get(&entry, "label").as_string().as_deref(), Some("W1[0,0]"));
    let analytic = get(&entry, "analytic").as_string().unwrap();
    assert!(analytic.ends_with("e-01"), "{analytic}");
    assert!(get(&entry, "color")
        .as_string()
        .unwrap()
        .starts_with("rgb("));
    assert!(get(&check, "summary")
        .as_string()
        .unwrap()
        .starts_with("47 parameters"));
}

#[wasm_bindgen_test]
fn page_tables_and_seeds() {
    let presets = js_sys::Array::from(&nnlab_web::presets().unwrap());
    assert_eq!(presets.length(), 7);
    let keys = js_sys::Array::from(&nnlab_web::keys().unwrap());
    let palette = nnlab_web::palette().unwrap();
    assert_eq!(
        get(&palette, "class0").as_string().as_deref(),
        Some("rgb(230,159,0)")
    );
    assert_eq!(Array::from(&get(&palette, "series")).length(), 3);
    let table = nnlab_core::config::keys::KEYS;
    assert_eq!(keys.length() as usize, table.len());
    for (j, key) in keys.iter().zip(table) {
        assert_eq!(get(&j, "name").as_string().unwrap(), key.name);
        assert_eq!(get(&j, "label").as_string().unwrap(), key.label());
        assert_eq!(get(&j, "kind").as_string().unwrap(), key.kind.name());
        assert_eq!(get(&j, "group").as_string().unwrap(), key.group.name());
        assert_eq!(
            get(&j, "groupTitle").as_string().unwrap(),
            key.group.title()
        );
        assert_eq!(get(&j, "optional").as_bool().unwrap(), key.info().optional);
        assert_eq!(get(&j, "view").as_bool().unwrap(), key.is_view());
    }
    let a = nnlab_web::random_seed().unwrap();
    let b = nnlab_web::random_seed().unwrap();
    let c = nnlab_web::random_seed().unwrap();
    assert!(a != b || b != c, "the browser's entropy is not constant");
}

#[wasm_bindgen_test]
fn the_page_gets_its_words_from_the_engine() {
    assert_eq!(nnlab_web::fallback_query(), "preset=init-he");
    let gradcheck = at(&nnlab_web::presets().unwrap(), 6);
    assert_eq!(
        get(&gradcheck, "label").as_string().as_deref(),
        Some("Check backprop")
    );
    assert_eq!(
        get(&gradcheck, "labTitle").as_string().as_deref(),
        Some("Gradient checking")
    );
    let line = nnlab_web::compare_status(false, false, true, vec!["Zeros".into()]);
    assert!(
        line.starts_with("Paused. Learning has stopped in Zeros:"),
        "{line}"
    );
    let s = Lab::new("preset=reg-l2").unwrap().snapshot().unwrap();
    assert_eq!(
        get(&s, "statusText").as_string().as_deref(),
        Some("Ready: press Play or step.")
    );
    assert_eq!(
        get(&s, "heading").as_string().as_deref(),
        Some("Regularization — L2")
    );
    assert_eq!(get(&s, "canCompare").as_bool(), Some(true));
    assert!(get(&s, "costNote").is_null());
}

/// The page's modules read numbers with JavaScript's `parseFloat` after the engine's
/// grammar check (`nnlab_render::use_page_numbers`, `nnlab_core::format::number`): the
/// same bits as Rust's parser for every text it reads, and `None` where it refuses.
#[wasm_bindgen_test]
fn the_pages_number_reader_reads_as_rust_does() {
    use nnlab_core::format::number::{read_number, sample_texts};
    nnlab_render::use_page_numbers();
    for text in sample_texts(30_000) {
        assert_eq!(
            read_number(&text).map(f64::to_bits),
            text.parse::<f64>().ok().map(f64::to_bits),
            "{text:?}"
        );
    }
}
