//! nnlab's browser bindings. Placeholder: proves the build/test/serve pipeline end to end.

use wasm_bindgen::prelude::*;

mod panels;
mod panic;

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
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // Lets tests and scripts see that the module started.
    let _ = root.set_attribute("data-nnlab-wasm", "started");
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_the_crate_version() {
        // Natively only: web-sys calls panic off wasm, so `start` is tested in tests/web.rs.
        assert_eq!(super::version(), env!("CARGO_PKG_VERSION"));
    }
}
