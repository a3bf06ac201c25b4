// The one-file page's loader (dist/nnlab.html, `cargo xtask dist`): what js/boot.js does,
// with the bindings bundled in (crates/xtask/offline.mjs) and the wasm read from the page
// itself, a base64 text in <script type="application/wasm" id="nnlab-wasm"> (the tools'
// module in id="nnlab-tools-wasm", started when first asked for), and every
// language's catalogue from <script type="text/x-fluent" data-nnlab-catalogue="NAME"> (no
// fetch: the file works from disk, with no network).
import * as bindings from "../nnlab-web.js";
import * as toolsBindings from "../nnlab-tools.js";
import { failed, started } from "./start.js";

/** The bytes of the wasm module in the page's data block `id` (base64). */
const moduleIn = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
try {
  const wasm = await bindings.default({ module_or_path: moduleIn("nnlab-wasm") });
  let tools;
  window.nnlabTools = () =>
    (tools ??= toolsBindings.default({ module_or_path: moduleIn("nnlab-tools-wasm") }).then(() => toolsBindings));
  window.nnlabCatalogue = async (name) => {
    const block = document.querySelector(`script[data-nnlab-catalogue="${name}"]`);
    if (!block) throw new Error(`catalogue ${name}: not in this page`);
    return block.textContent;
  };
  started(bindings, wasm);
} catch (err) {
  failed(err);
}
