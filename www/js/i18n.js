// The page's words in English and Chinese. The catalogues are the engine's (Project Fluent
// files in crates/nnlab-core/i18n/, one file a language in the built site: i18n/<lang>.ftl,
// fetched for the page's language only, outside the wasm); @fluent/bundle (js/fluent/,
// the npm package, copied in by the build) renders them, for the engine's own sentences too
// (globalThis.nnlabFormat, which the engine calls). The current language lives in the engine
// (wasm.setLang); `t(id, args)` asks it. Numbers arrive formatted (the engine's forms), so
// they read the same in both languages; arguments are strings.
//
// Static markup names its messages: data-i18n="id" (the text), data-i18n-title,
// data-i18n-aria-label, data-i18n-placeholder (attributes), data-i18n-args="n=10" (arguments).
// English stays in index.html for the first paint.

import { FluentBundle, FluentResource } from "./fluent/index.js";
import { nextTask } from "./dom.js";

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
 * Installs the renderer over the engine's catalogues, fetched one language at a time
 * (window.nnlabCatalogue, set by js/boot.js: i18n/<name>.ftl; the one-file page's loader reads
 * them from the page). Resolves, once language `first`'s catalogue is in, to {lang, set(name)}:
 * `set` switches the engine's language and rewrites the static markup, the document's title
 * and description and `<html lang>`; true if the language changed now. A language whose
 * catalogue is not in yet is fetched first and set then, followed by `onLate()` (the page
 * relabels what it built); until then the page stays in its language.
 */
export async function createI18n(wasm, first, onLate) {
  const languages = wasm.languages();
  const bundles = new Map();
  const loading = new Map();
  const load = (name) => {
    if (!loading.has(name)) {
      loading.set(
        name,
        window.nnlabCatalogue(name).then((text) => {
          const html = languages.find((l) => l.name === name)?.html ?? "en";
          const bundle = new FluentBundle(html, { useIsolating: false });
          const errors = bundle.addResource(new FluentResource(text));
          if (errors.length) console.error(`nnlab: catalogue ${name}`, errors);
          bundles.set(name, bundle);
        }),
      );
    }
    return loading.get(name);
  };
  // A message missing from a language (the core's catalogue test forbids it) falls back to
  // English when its catalogue is in, else to its id.
  globalThis.nnlabFormat = (lang, id, args) => {
    for (const bundle of [bundles.get(lang), bundles.get(languages[0].name)]) {
      const message = bundle?.getMessage(id);
      if (message?.value) return bundle.formatPattern(message.value, args);
    }
    return id;
  };

  /** The language asked for last (applied once its catalogue is in). */
  let wanted = first;
  const i18n = {
    lang: null,
    set(name) {
      wanted = name;
      if (name === i18n.lang) return false;
      if (!bundles.has(name)) {
        load(name).then(
          () => {
            if (wanted === name && i18n.set(name)) onLate();
          },
          (err) => console.error(`nnlab: ${err.message}`),
        );
        return false;
      }
      wasm.setLang(name);
      i18n.lang = name;
      const html = languages.find((l) => l.name === name)?.html ?? "en";
      document.documentElement.lang = html;
      // The static texts are now in the page's language (reserve.css kept a hint's hidden).
      delete document.documentElement.dataset.linkLang;
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
  await load(first);
  await nextTask(); // the catalogue's parsing and the page's texts: two steps of the start
  i18n.set(first);
  return i18n;
}
