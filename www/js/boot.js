// Starts the wasm module without an inline script, so the page works under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no 'unsafe-inline').
//
// The site build (crates/xtask/src/site.rs) replaces the <link data-trunk rel="rust"> tag with
//   <script type="module" src="a/<hash>/js/boot.js" data-nnlab-boot
//           data-bindings="a/<hash>/nnlab-web.js" data-wasm="a/<hash>/nnlab-web_bg.wasm"
//           data-catalogues="a/<hash>/i18n/">
// and this file does what trunk's loader did: initialise the bindings and hand them to app.js
// (js/start.js: window.wasmBindings and the "nnlab-started" event, or the reason it failed).
// It also sets window.nnlabCatalogue(name), the language's message catalogue (i18n/<name>.ftl,
// same origin) as a promise of its text, which js/i18n.js asks for the page's language only.
import { failed, started } from "./start.js";

try {
  const tag = document.querySelector("script[data-nnlab-boot]");
  if (!tag) throw new Error("boot.js: no <script data-nnlab-boot> tag (see crates/xtask/src/site.rs)");
  const bindings = await import(new URL(tag.dataset.bindings, document.baseURI).href);
  const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
  const catalogues = new URL(tag.dataset.catalogues, document.baseURI);
  window.nnlabCatalogue = async (name) => {
    const answer = await fetch(new URL(`${name}.ftl`, catalogues));
    if (!answer.ok) throw new Error(`catalogue ${name}: HTTP ${answer.status}`);
    return answer.text();
  };
  started(bindings, wasm);
} catch (err) {
  failed(err);
}
