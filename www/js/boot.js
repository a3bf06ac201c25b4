// Starts the wasm module without an inline script, so the page works under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no 'unsafe-inline').
//
// The site build (crates/xtask/src/site.rs) replaces the <link data-trunk rel="rust"> tag with
//   <script type="module" src="a/<hash>/js/boot.js" data-nnlab-boot
//           data-bindings="a/<hash>/nnlab-web.js" data-wasm="a/<hash>/nnlab-web_bg.wasm">
// and this file does what trunk's loader did (the event keeps its name): initialise the
// bindings, set window.wasmBindings and dispatch "TrunkApplicationStarted" (app.js waits
// for either).

const tag = document.querySelector("script[data-nnlab-boot]");
if (!tag) throw new Error("boot.js: no <script data-nnlab-boot> tag (see crates/xtask/src/site.rs)");
const bindings = await import(new URL(tag.dataset.bindings, document.baseURI).href);
const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
