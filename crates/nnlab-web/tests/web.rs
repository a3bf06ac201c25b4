//! wasm-bindgen tests in headless Chromium: `cargo xtask test`, or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p nnlab-web`.
//!
//! They drive the `Lab` handle as the page does: build from a link, step in chunks,
//! read snapshots and histories, paint into a real canvas, draw the chart.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use nnlab_web::{Chart, Lab};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("an object")
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn canvas(width: u32, height: u32) -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into::<CanvasRenderingContext2d>()
        .unwrap();
    (canvas, ctx)
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    let v = nnlab_web::version();
    assert!(!v.is_empty());
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
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
    assert_eq!(bits(&a.checkpoints()), bits(&b.checkpoints()));
    let (sa, sb) = (a.snapshot().unwrap(), b.snapshot().unwrap());
    assert_eq!(get(&sa, "iteration").as_f64(), Some(1000.0));
    assert_eq!(get(&sa, "costIteration").as_f64(), Some(999.0));
    assert_eq!(
        get(&sa, "cost").as_f64().unwrap().to_bits(),
        get(&sb, "cost").as_f64().unwrap().to_bits()
    );
    assert_eq!(get(&sa, "costText"), get(&sb, "costText"));
    // The course's cost at iteration 0 (within the core's 1e-9 relative).
    let first = a.checkpoints()[1];
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

#[wasm_bindgen_test]
fn paints_regions_points_and_axes_into_a_canvas() {
    let mut lab = Lab::new("preset=init-he").unwrap();
    lab.step(3000);
    let (canvas, ctx) = canvas(420, 420);
    let start = js_sys::Date::now();
    lab.paint(&ctx, canvas.width(), canvas.height(), true)
        .unwrap();
    let took = js_sys::Date::now() - start;
    let pixels = ctx.get_image_data(0.0, 0.0, 420.0, 420.0).unwrap().data();
    let (mut orange, mut blue) = (0, 0);
    for p in pixels.chunks(4) {
        // Shades of the core's orange (230,159,0) and blue (0,114,178).
        if p[0] > 200 && p[2] < 120 {
            orange += 1;
        }
        if p[2] > 150 && p[0] < 100 {
            blue += 1;
        }
    }
    assert!(orange > 1000 && blue > 1000, "orange {orange}, blue {blue}");
    // A 200 × 200 grid evaluation plus 400 points: well under a frame even in debug builds.
    assert!(took < 200.0, "paint took {took} ms");
    // Painting again after more steps changes the picture.
    lab.step(3000);
    lab.paint(&ctx, 420, 420, false).unwrap();
    let again = ctx.get_image_data(0.0, 0.0, 420.0, 420.0).unwrap().data();
    assert_ne!(pixels.to_vec(), again.to_vec());
    // Data with 4 features has no plane: paint says so instead of failing.
    let mut grad = Lab::new("preset=gradcheck").unwrap();
    grad.paint(&ctx, 200, 200, false).unwrap();
}

#[wasm_bindgen_test]
fn chart_draws_and_hovers() {
    let mut lab = Lab::new("preset=init-he").unwrap();
    lab.step(500);
    let (canvas, ctx) = canvas(600, 340);
    let mut chart = Chart::new();
    chart.add(&lab, "#1d2330", "");
    chart
        .draw(&ctx, canvas.width(), canvas.height(), false, 1.0)
        .unwrap();
    chart
        .draw(&ctx, canvas.width(), canvas.height(), true, 2.0)
        .unwrap();
    let miss = chart.hover(1.0, 1.0).unwrap();
    assert!(miss.is_null());
    let hit = chart.hover(300.0, 150.0).unwrap();
    assert!(!hit.is_null());
    let text = get(&hit, "text").as_string().unwrap();
    assert!(text.starts_with("iteration "), "{text}");
}

#[wasm_bindgen_test]
fn page_tables_and_seeds() {
    let presets = js_sys::Array::from(&nnlab_web::presets().unwrap());
    assert_eq!(presets.length(), 7);
    let keys = js_sys::Array::from(&nnlab_web::keys().unwrap());
    let table = nnlab_core::config::keys::KEYS;
    assert_eq!(keys.length() as usize, table.len());
    for (j, key) in keys.iter().zip(table) {
        assert_eq!(get(&j, "name").as_string().unwrap(), key.name);
        assert_eq!(get(&j, "label").as_string().unwrap(), key.label);
        assert_eq!(get(&j, "kind").as_string().unwrap(), key.kind.name());
        assert_eq!(get(&j, "group").as_string().unwrap(), key.group.name());
        assert_eq!(
            get(&j, "groupTitle").as_string().unwrap(),
            key.group.title()
        );
        assert_eq!(get(&j, "optional").as_bool().unwrap(), key.optional());
        assert_eq!(get(&j, "view").as_bool().unwrap(), key.is_view());
    }
    let a = nnlab_web::random_seed().unwrap();
    let b = nnlab_web::random_seed().unwrap();
    let c = nnlab_web::random_seed().unwrap();
    assert!(a != b || b != c, "the browser's entropy is not constant");
}
