// The site build's last step over the asset folder (crates/xtask/src/site.rs):
//   node crates/xtask/minify.mjs STAGE
// STAGE is the asset folder before it is hashed; the files the first load fetches are made
// small in place, with esbuild (the npm package the tests install, as offline.mjs uses):
// - app.js with every module it imports (js/*.js, js/fluent/*.js) bundled into one minified
//   module, and the bundled files removed (one request instead of thirty, and no
//   modulepreload list); the loader js/boot.js with js/start.js, the same way;
// - the wasm-bindgen bindings (nnlab-web.js and the tools' nnlab-tools.js; js/boot.js imports
//   them by URL, and the one-file page's loader bundles them), the classic js/lesson.js and the
//   joined stylesheet page.css, each minified on its own.
// Measured (README "Size"): the first load's scripts and styles from 99 kB to 48 kB gzipped.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const esbuild = createRequire(path.join(repo, "tests/package.json"))("esbuild");
const stage = path.resolve(process.argv[2]);
const at = (rel) => path.join(stage, rel);
const common = { minify: true, target: "es2022", legalComments: "none", logLevel: "error" };

// The page's module and its imports, as one file; the loader likewise (it shares js/start.js
// with app.js: a copy in each, the two meet through window and its events).
const bundle = (entry) =>
  esbuild.buildSync({
    ...common,
    entryPoints: [at(entry)],
    bundle: true,
    format: "esm",
    metafile: true,
    absWorkingDir: stage,
    write: false,
  });
const bundles = new Map(["app.js", "js/boot.js"].map((entry) => [entry, bundle(entry)]));
// What the one-file page's loader imports stays, for crates/xtask/offline.mjs to bundle.
const offline = new Set(Object.keys(bundle("js/boot-offline.js").metafile.inputs));
const bundled = new Set(
  [...bundles.values()]
    .flatMap((b) => Object.keys(b.metafile.inputs))
    .filter((rel) => !bundles.has(rel) && !offline.has(rel)),
);
for (const rel of bundled) fs.rmSync(at(rel));
for (const [entry, b] of bundles) fs.writeFileSync(at(entry), b.outputFiles[0].text);

// Files loaded on their own, minified as they are (modules stay modules, the classic
// script stays classic).
for (const [rel, loader] of [
  ["nnlab-web.js", "js"],
  ["nnlab-tools.js", "js"],
  ["js/lesson.js", "js"],
  ["page.css", "css"],
]) {
  const out = esbuild.transformSync(fs.readFileSync(at(rel), "utf8"), { ...common, loader });
  fs.writeFileSync(at(rel), out.code);
}
console.log(`    minified: app.js and js/boot.js with ${bundled.size} modules bundled, the bindings, js/lesson.js, page.css`);
