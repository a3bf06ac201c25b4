// nnlab page script (ES module).
//
// How this module reaches the wasm exports (trunk 0.21): trunk replaces the
// <link data-trunk rel="rust"> tag with a module script that does
//     import init, * as bindings from '/nnlab-web-<hash>.js';
//     const wasm = await init(...);
//     window.wasmBindings = bindings;
//     dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
// Module scripts start in document order, but that script's top-level await does
// not hold this one back, so wait for whichever comes first: bindings already set,
// or the event. Both happen only after init() resolved, so every export is usable
// (and `#[wasm_bindgen(start)]` has already run).
export function wasmReady() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  return new Promise((resolve) => {
    window.addEventListener("TrunkApplicationStarted", () => resolve(window.wasmBindings), {
      once: true,
    });
  });
}

const wasm = await wasmReady();
document.querySelector('[data-testid="wasm-version"]').textContent = `v${wasm.version()}`;
