//! wasm-bindgen tests in headless Chromium: `cargo xtask test`, or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p nnlab-web`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
