//! Turns a Rust panic into the page's error banner.
//!
//! The hook writes the panic to the console and dispatches a `nnlab-panic`
//! `CustomEvent` on the global object with `detail: {message}`;
//! `www/js/banner.js` shows it with a reset action. After a panic the wasm
//! instance is not safe to call again (the trap leaves the `Lab` borrowed),
//! so the banner's reset reloads the page.
//!
//! Everything goes through `js_sys::Reflect` on `globalThis`, so the hook
//! works wherever the module runs: in a page, and in Node under
//! wasm-bindgen-test, where there is no `window` and no `dispatchEvent`.

use wasm_bindgen::prelude::*;

/// The event `banner.js` listens for.
pub const EVENT: &str = "nnlab-panic";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Installs the panic hook once. Called from `start`. A no-op off wasm (the
/// native tests keep Rust's own hook).
pub fn install() {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(hook)));
}

fn hook(info: &std::panic::PanicHookInfo<'_>) {
    let message = message_of(info);
    console_error(&format!("nnlab: internal error (Rust panic): {message}"));
    let _ = dispatch(&message);
}

/// `"<payload> (at src/file.rs:12)"`.
fn message_of(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    match info.location() {
        Some(l) => format!("{payload} (at {}:{})", l.file(), l.line()),
        None => payload,
    }
}

/// `globalThis.dispatchEvent(new CustomEvent(EVENT, {detail: {message}}))`,
/// when the global object has both.
fn dispatch(message: &str) -> Result<(), JsValue> {
    use js_sys::{Array, Function, Object, Reflect};
    let global: JsValue = js_sys::global().into();
    let ctor = Reflect::get(&global, &"CustomEvent".into())?;
    let dispatch = Reflect::get(&global, &"dispatchEvent".into())?;
    if !ctor.is_function() || !dispatch.is_function() {
        return Ok(());
    }
    let detail = Object::new();
    Reflect::set(&detail, &"message".into(), &message.into())?;
    let init = Object::new();
    Reflect::set(&init, &"detail".into(), &detail)?;
    let event = Reflect::construct(
        ctor.unchecked_ref::<Function>(),
        &Array::of2(&EVENT.into(), &init),
    )?;
    dispatch
        .unchecked_ref::<Function>()
        .call1(&global, &event)?;
    Ok(())
}

/// Test hook: panics on purpose, so the end-to-end tests can check that a
/// panic shows the error banner and that its reset gives a working page.
/// Exported by the production build on purpose: the end-to-end tests drive
/// the page as shipped, and no user input can panic (user errors are
/// `ConfigError`s), so nothing else reaches the panic hook.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic: a deliberate panic to test the error banner");
}
