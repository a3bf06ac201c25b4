// Before the first paint (a classic script in <head>): names the link's preset (or, without
// one, its data set) on the root element, data-link-preset / data-link-data, so that
// js/lesson.css lays the lab's lesson out from the first paint and nothing jumps when the
// engine starts. Only a name of letters and dashes is copied; the engine decides the lab
// (js/presets.js then sets data-lab and removes these).
{
  const value = (key) => new RegExp(`(?:^#\??|&)${key}=([a-z-]{1,32})(?:&|$)`).exec(location.hash)?.[1];
  const root = document.documentElement.dataset;
  const preset = value("preset");
  if (preset) root.linkPreset = preset;
  else if (value("data")) root.linkData = value("data");
}
