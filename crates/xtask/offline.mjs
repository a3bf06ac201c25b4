// `cargo xtask dist`'s one-file page: node crates/xtask/offline.mjs DIST
// Reads DIST/index.html (the built site, crates/xtask/src/site.rs) and writes DIST/nnlab.html,
// the same page in one file that works from disk with no network:
// - each stylesheet inlined as a <style>;
// - the loader (www/js/boot-offline.js, with the wasm-bindgen bindings) and the page's module
//   (app.js with its imports) each bundled by esbuild into one inline module script;
// - the wasm as base64 in a <script type="application/wasm" id="nnlab-wasm"> data block (the
//   tools' module, crates/nnlab-tools, in id="nnlab-tools-wasm"), and
//   every language's catalogue (i18n/<lang>.ftl) in a <script type="text/x-fluent"
//   data-nnlab-catalogue="<lang>"> data block (both languages work offline);
// - the Content-Security-Policy kept as strict: script-src and style-src list the SHA-256 of
//   each inline script and style instead of 'self' (no 'unsafe-inline', no data: scripts).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const esbuild = createRequire(path.join(repo, "tests/package.json"))("esbuild");
const dist = path.resolve(process.argv[2] ?? path.join(repo, "dist"));
let html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const local = (url) => path.join(dist, url);
const hashes = { script: [], style: [] };
const sha = (kind, text) => hashes[kind].push(`'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`);

function bundle(entry) {
  const out = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
  }).outputFiles[0].text;
  if (/<\/script/i.test(out)) throw new Error(`${entry}: the bundle contains "</script"`);
  return out;
}
function inline(kind, text) {
  sha(kind, text);
  return kind === "style" ? `<style>${text}</style>` : `<script type="module">${text}</script>`;
}

// Stylesheets, in order.
html = html.replace(/<link rel="stylesheet" href="([^"]+)" \/>/g, (_, href) => {
  const css = fs.readFileSync(local(href), "utf8");
  if (/<\/style/i.test(css)) throw new Error(`${href} contains "</style"`);
  return inline("style", css);
});
// Preloads have nothing to fetch any more.
html = html.replace(/\s*<link rel="(modulepreload|preload)"[^>]*\/>/g, "");
// The loader: the wasm as data, then the bundled boot.
html = html.replace(/<script type="module" src="([^"]+)js\/boot\.js"[^>]*><\/script>/, (_, prefix) => {
  const wasm = fs.readFileSync(local(`${prefix}nnlab-web_bg.wasm`)).toString("base64");
  const tools = fs.readFileSync(local(`${prefix}nnlab-tools_bg.wasm`)).toString("base64");
  const boot = bundle(local(`${prefix}js/boot-offline.js`));
  const catalogues = fs
    .readdirSync(local(`${prefix}i18n`))
    .filter((f) => f.endsWith(".ftl"))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(local(`${prefix}i18n/${f}`), "utf8");
      if (/<\/script|<!--/i.test(text)) throw new Error(`i18n/${f} contains "</script" or "<!--"`);
      return `<script type="text/x-fluent" data-nnlab-catalogue="${f.slice(0, -4)}">${text}</script>\n    `;
    });
  return `<script type="application/wasm" id="nnlab-wasm">${wasm}</script>\n    <script type="application/wasm" id="nnlab-tools-wasm">${tools}</script>\n    ${catalogues.join("")}${inline("script", boot)}`;
});
// Classic scripts (run before the first paint), as they are.
html = html.replace(/<script src="([^"]+)"><\/script>/g, (_, src) => {
  const js = fs.readFileSync(local(src), "utf8");
  if (/<\/script/i.test(js)) throw new Error(`${src} contains "</script"`);
  sha("script", js);
  return `<script>${js}</script>`;
});
// The page's module.
html = html.replace(/<script type="module" src="([^"]+)"><\/script>/g, (_, src) => inline("script", bundle(local(src))));
if (/\b(src|href)="a\//.test(html)) throw new Error("nnlab.html still refers to a file of dist/a/");

// The policy: the same directives, with the inline texts' hashes for scripts and styles.
html = html.replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]+)(")/, (_, open, policy, close) => {
  const directives = policy.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name] = d.split(/\s+/);
    if (name === "script-src") return `script-src 'wasm-unsafe-eval' ${hashes.script.join(" ")}`;
    if (name === "style-src") return `style-src ${hashes.style.join(" ")}`;
    return d;
  });
  return `${open}${directives.join("; ")}${close}`;
});
fs.writeFileSync(path.join(dist, "nnlab.html"), html);
console.log(`    dist/nnlab.html: ${html.length} bytes, ${hashes.script.length} scripts and ${hashes.style.length} styles inline`);
