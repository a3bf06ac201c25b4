// Starts the wasm module without an inline script, so the page works under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no 'unsafe-inline').
//
// Trunk (Trunk.toml `pattern_script`) replaces the <link data-trunk rel="rust"> tag with
//   <script type="module" src="/js/boot.js" data-nnlab-boot
//           data-bindings="/nnlab-web-<hash>.js" data-wasm="/nnlab-web-<hash>_bg.wasm">
// and this file does what trunk's default inline script does: initialise the bindings,
// set window.wasmBindings and dispatch "TrunkApplicationStarted" (app.js waits for either).

const tag = document.querySelector("script[data-nnlab-boot]");
if (!tag) throw new Error("boot.js: no <script data-nnlab-boot> tag (see Trunk.toml pattern_script)");
const bindings = await import(new URL(tag.dataset.bindings, document.baseURI).href);
const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
