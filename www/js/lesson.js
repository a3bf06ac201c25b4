// Before the first paint (a classic script in <head>): names the link's preset (or, without
// one, its data set) on the root element, data-link-preset / data-link-data, so that
// js/lesson.css lays the lab's lesson out from the first paint and nothing jumps when the
// engine starts. Only a name of letters and dashes is copied; the engine decides the lab
// (js/presets.js then sets data-lab and removes these).
//
// The same for the page's language: a link's lang, or without one a Chinese browser, names a
// language other than the static English (data-link-lang), and reserve.css keeps the static
// texts invisible, in their places, until js/i18n.js has written them in it (or js/start.js
// says the start failed): no English first, then Chinese. The engine decides the language
// (wasm.pageLang); this is a hint, as the preset's name is.
{
  const value = (key) => new RegExp(`(?:^#\??|&)${key}=([a-z-]{1,32})(?:&|$)`).exec(location.hash)?.[1];
  const root = document.documentElement.dataset;
  const preset = value("preset");
  if (preset) root.linkPreset = preset;
  else if (value("data")) root.linkData = value("data");
  const lang = /(?:^#\??|&)lang=/.test(location.hash) ? value("lang") : /^zh\b/i.test(navigator.language) && "zh";
  if (lang && lang !== "en") root.linkLang = lang;
}
