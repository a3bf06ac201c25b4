// Starts the wasm module without an inline script, so the page works under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no 'unsafe-inline').
//
// The site build (crates/xtask/src/site.rs) replaces the <link data-trunk rel="rust"> tag with
//   <script type="module" src="a/<hash>/js/boot.js" data-nnlab-boot
//           data-bindings="a/<hash>/nnlab-web.js" data-wasm="a/<hash>/nnlab-web_bg.wasm"
//           data-tools-bindings="a/<hash>/nnlab-tools.js" data-tools-wasm="a/<hash>/nnlab-tools_bg.wasm"
//           data-catalogues="a/<hash>/i18n/">
// and this file does what trunk's loader did: initialise the bindings and hand them to app.js
// (js/start.js: window.wasmBindings and the "nnlab-started" event, or the reason it failed).
// It also sets window.nnlabCatalogue(name), the language's message catalogue (i18n/<name>.ftl,
// same origin) as a promise of its text, which js/i18n.js asks for the page's language only;
// the likely one is already on its way while the wasm loads. And window.nnlabTools(), the
// tools' module, fetched when first asked for.
import { failed, started } from "./start.js";

/** The longest the engine's downloads wait for the page's first frame (an embed scrolled out
 *  of view may get none). */
const PAINT_WAIT_MS = 1000;

/** Resolves once the page has painted: after the next frame, at once in a hidden tab (it
 *  draws no frames), after PAINT_WAIT_MS at most. The engine's downloads (the wasm, the
 *  catalogue) start then, so that on a slow network they do not compete with the page's
 *  stylesheet and text, the first paint. */
const painted = () =>
  new Promise((resolve) => {
    if (document.visibilityState === "hidden") resolve();
    setTimeout(resolve, PAINT_WAIT_MS);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });

try {
  const tag = document.querySelector("script[data-nnlab-boot]");
  if (!tag) throw new Error("boot.js: no <script data-nnlab-boot> tag (see crates/xtask/src/site.rs)");
  await painted();
  const catalogues = new URL(tag.dataset.catalogues, document.baseURI);
  const fetchCatalogue = async (name) => {
    const answer = await fetch(new URL(`${name}.ftl`, catalogues));
    if (!answer.ok) throw new Error(`catalogue ${name}: HTTP ${answer.status}`);
    return answer.text();
  };
  // The page's catalogue is fetched beside the wasm, not after it: the engine decides the
  // language (wasm.pageLang, js/i18n.js) once it runs, so this fetches js/lesson.js's hint
  // (the link's lang, or without one a Chinese browser) when the page has that language (its
  // switch offers it), else English. A wrong guess costs one fetch, never a wrong language.
  const hint = document.documentElement.dataset.linkLang;
  const offered = [...document.querySelectorAll("#lang-switch option")].map((o) => o.value);
  const guess = offered.includes(hint) ? hint : "en";
  const early = new Map([[guess, fetchCatalogue(guess)]]);
  early.get(guess).catch(() => {}); // reported when asked for (an unused guess fails silently)
  window.nnlabCatalogue = (name) => early.get(name) ?? fetchCatalogue(name);
  // The second module, the page's tools (crates/nnlab-tools: the QR code, the NumPy export,
  // CSV import), loaded the first time one is used: a promise of its initialised bindings.
  let tools;
  window.nnlabTools = () =>
    (tools ??= import(new URL(tag.dataset.toolsBindings, document.baseURI).href).then(async (module) => {
      await module.default({ module_or_path: new URL(tag.dataset.toolsWasm, document.baseURI) });
      return module;
    }));
  const bindings = await import(new URL(tag.dataset.bindings, document.baseURI).href);
  const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
  started(bindings, wasm);
} catch (err) {
  failed(err);
}
