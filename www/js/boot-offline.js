// The one-file page's loader (dist/nnlab.html, `cargo xtask dist`): what js/boot.js does,
// with the bindings bundled in (crates/xtask/offline.mjs) and the wasm read from the page
// itself, a base64 text in <script type="application/wasm" id="nnlab-wasm">, and every
// language's catalogue from <script type="text/x-fluent" data-nnlab-catalogue="NAME"> (no
// fetch: the file works from disk, with no network).
import * as bindings from "../nnlab-web.js";
import { failed, started } from "./start.js";

try {
  const text = document.getElementById("nnlab-wasm").textContent.trim();
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const wasm = await bindings.default({ module_or_path: bytes });
  window.nnlabCatalogue = async (name) => {
    const block = document.querySelector(`script[data-nnlab-catalogue="${name}"]`);
    if (!block) throw new Error(`catalogue ${name}: not in this page`);
    return block.textContent;
  };
  started(bindings, wasm);
} catch (err) {
  failed(err);
}
