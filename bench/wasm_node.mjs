// Node runner: node bench/wasm_node.mjs PKG_DIR RUNS CASE...
// PKG_DIR holds `wasm-bindgen --target nodejs` output (nnlab_web.js).
import { createRequire } from "node:module";
import path from "node:path";
import { runCases } from "./wasm_runner.mjs";

const [dir, runs, ...cases] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const mod = require(path.resolve(dir, "nnlab_web.js"));
runCases(mod, Number(runs), cases, (o) => console.log(JSON.stringify(o)));
