// The page's start, between the loader (js/boot.js, or the one-file page's js/boot-offline.js),
// which loads the engine, and app.js, which waits for it. A start that fails (the wasm or a
// catalogue not loaded, a browser without WebAssembly) is said on the page, with its reason,
// instead of "loading…" for ever.

/** Dispatched on window once window.wasmBindings is set; detail: {wasm} (the instance). */
const STARTED = "nnlab-started";
/** Dispatched on window when the loader failed; window.nnlabStartFailure holds its error. */
const FAILED = "nnlab-start-failed";

/** The loader's side: the bindings are ready (`wasm`: the initialised instance). */
export function started(bindings, wasm) {
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent(STARTED, { detail: { wasm } }));
}

/** The loader's side: the start failed with `err`. */
export function failed(err) {
  window.nnlabStartFailure = err;
  dispatchEvent(new CustomEvent(FAILED));
}

/** app.js's side: resolves to the bindings once the loader has started them; rejects with the
 *  loader's error if it failed. */
export function engine() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  if (window.nnlabStartFailure) return Promise.reject(window.nnlabStartFailure);
  return new Promise((resolve, reject) => {
    addEventListener(STARTED, () => resolve(window.wasmBindings), { once: true });
    addEventListener(FAILED, () => reject(window.nnlabStartFailure), { once: true });
  });
}

/** Shows index.html's start-failure message (in the page's language, when its catalogue was
 *  in) with `err`'s reason; returns `err`, for app.js to throw (nothing more can run). */
export function showFailure(err) {
  document.getElementById("start-reason").textContent = reasonOf(err);
  document.getElementById("start-error").hidden = false;
  // The static texts as they are (English, unless the page's language was written in).
  delete document.documentElement.dataset.linkLang;
  document.querySelector('[data-testid="wasm-version"]').hidden = true;
  return err;
}

function reasonOf(err) {
  return String(err?.message ?? err);
}
