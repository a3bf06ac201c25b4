// The page's words in English and Chinese. The catalogues are the engine's (Project Fluent
// files in crates/nnlab-core/i18n/, handed over by wasm.catalogue); @fluent/bundle (js/fluent/,
// the npm package, copied in by the build) renders them, for the engine's own sentences too
// (globalThis.nnlabFormat, which the engine calls). The current language lives in the engine
// (wasm.setLang); `t(id, args)` asks it. Numbers arrive formatted (the engine's forms), so
// they read the same in both languages; arguments are strings.
//
// Static markup names its messages: data-i18n="id" (the text), data-i18n-title,
// data-i18n-aria-label, data-i18n-placeholder (attributes), data-i18n-args="n=10" (arguments).
// English stays in index.html for the first paint.

import { FluentBundle, FluentResource } from "./fluent/index.js";

const ATTRIBUTES = ["title", "aria-label", "placeholder"];

/** Message `id` in the page's current language, with `args` ({name: string}). */
export function t(id, args) {
  return window.wasmBindings.t(id, args);
}

/** The arguments of a static element (data-i18n-args="a=1;b=2"). */
function argsOf(el) {
  const args = {};
  for (const pair of (el.dataset.i18nArgs ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) args[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return args;
}

/**
 * Installs the renderer over the engine's catalogues. Returns {lang, set(name)}: `set`
 * switches the engine's language and rewrites the static markup, the document's title and
 * description and `<html lang>`; true if the language changed.
 */
export function createI18n(wasm) {
  const languages = wasm.languages();
  const bundles = new Map();
  for (const { name, html } of languages) {
    const bundle = new FluentBundle(html, { useIsolating: false });
    const errors = bundle.addResource(new FluentResource(wasm.catalogue(name)));
    if (errors.length) console.error(`nnlab: catalogue ${name}`, errors);
    bundles.set(name, bundle);
  }
  const english = bundles.get(languages[0].name);
  globalThis.nnlabFormat = (lang, id, args) => {
    for (const bundle of [bundles.get(lang), english]) {
      const message = bundle?.getMessage(id);
      if (message?.value) return bundle.formatPattern(message.value, args);
    }
    return id;
  };

  const i18n = {
    lang: null,
    set(name) {
      if (name === i18n.lang) return false;
      wasm.setLang(name);
      i18n.lang = name;
      const html = languages.find((l) => l.name === name)?.html ?? "en";
      document.documentElement.lang = html;
      // The document and its templates' content (cloned later, e.g. the locked badge).
      for (const root of [document, ...[...document.querySelectorAll("template")].map((tpl) => tpl.content)]) {
        for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n, argsOf(el));
        for (const attr of ATTRIBUTES) {
          for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
            el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`), argsOf(el)));
          }
        }
      }
      document.title = t("page-title");
      document.querySelector('meta[name="description"]')?.setAttribute("content", t("page-description"));
      return true;
    },
  };
  return i18n;
}
