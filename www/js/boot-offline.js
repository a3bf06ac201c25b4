// The one-file page's loader (dist/nnlab.html, `cargo xtask dist`): what js/boot.js does,
// with the bindings bundled in (crates/xtask/offline.mjs) and the wasm read from the page
// itself, a base64 text in <script type="application/wasm" id="nnlab-wasm"> (no fetch:
// the file works from disk, with no network).
import * as bindings from "../nnlab-web.js";

const text = document.getElementById("nnlab-wasm").textContent.trim();
const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const wasm = await bindings.default({ module_or_path: bytes });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
