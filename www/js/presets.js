// The preset buttons (one click loads a course configuration) and the intro that names
// the open lab. Labels, labs, headings and expected numbers come from the engine
// (wasm.presets() and the snapshot).

import { h } from "./dom.js";
import { t } from "./i18n.js";

/**
 * Builds the preset buttons into `nav` from `presetList` ([{name, label, title, lab, labTitle,
 * expected}], grouped by lab in list order); `onPick(preset)` runs on a click. Returns
 * {relabel(list), showLab(snapshot)}.
 */
export function createPresets(nav, presetList, onPick) {
  function build(list) {
    nav.replaceChildren();
    const labs = [...new Set(list.map((p) => p.lab))];
    for (const lab of labs) {
      const ofLab = list.filter((p) => p.lab === lab);
      const title = ofLab[0].labTitle;
      const group = h("div", { class: "preset-group", role: "group", "aria-label": title });
      group.append(h("span", { class: "preset-label" }, title));
      for (const p of ofLab) {
        const course = p.expected && t("preset-course", { train: p.expected.trainText, test: p.expected.testText });
        const b = h(
          "button",
          { type: "button", "data-preset": p.name, "data-testid": `preset-${p.name}`, "aria-pressed": "false", title: course },
          p.label,
        );
        b.addEventListener("click", () => onPick(p));
        group.append(b);
      }
      nav.append(group);
    }
  }
  build(presetList);

  return {
    /** Rebuilds the buttons from `list` (wasm.presets() in a new language). */
    relabel(list) {
      build(list);
    },
    /** Names the open lab (and its preset), shows its intro text and presses its button. */
    showLab(s) {
      const $ = (id) => document.getElementById(id);
      const lab = s.lab ?? "custom";
      $("intro-title").textContent = s.heading;
      for (const p of document.querySelectorAll("[data-lab-text]")) p.hidden = p.dataset.labText !== lab;
      for (const b of document.querySelectorAll("[data-preset]")) {
        b.setAttribute("aria-pressed", String(b.dataset.preset === s.preset && !!s.expected));
      }
      $("regions-figure").hidden = !s.plane;
      $("single-view").classList.toggle("no-plane", !s.plane);
      $("compare-toggle").disabled = !s.canCompare;
      // The lab's lesson leads (js/lesson.css); the engine now decides it, not the link's preset.
      document.documentElement.dataset.lab = lab;
      delete document.documentElement.dataset.linkPreset;
      delete document.documentElement.dataset.linkData;
    },
  };
}
