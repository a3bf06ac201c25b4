// The preset buttons (one click loads a course configuration) and the intro that names
// the open lab. Titles, labs and expected numbers come from the engine (wasm.presets()).

import { h } from "./dom.js";

const GROUPS = [
  ["initialization", "Initialization"],
  ["regularization", "Regularization"],
  ["gradcheck", "Gradient checking"],
];
const TITLE_OF = Object.fromEntries([...GROUPS, ["custom", "Playground"]]);

/**
 * Builds the preset buttons into `nav` from `presetList` ([{name, title, lab, expected}]);
 * `onPick(preset)` runs on a click. Returns {showLab(snapshot)}.
 */
export function createPresets(nav, presetList, onPick) {
  const titles = new Map(presetList.map((p) => [p.name, p.title]));
  for (const [lab, title] of GROUPS) {
    const group = h("div", { class: "preset-group", role: "group", "aria-label": title });
    group.append(h("span", { class: "preset-label" }, title));
    for (const p of presetList.filter((p) => p.lab === lab)) {
      const course = p.expected && `course: train ${p.expected.trainText}, test ${p.expected.testText}`;
      const b = h(
        "button",
        { type: "button", "data-preset": p.name, "data-testid": `preset-${p.name}`, "aria-pressed": "false", title: course },
        lab === "gradcheck" ? "Check backprop" : p.title,
      );
      b.addEventListener("click", () => onPick(p));
      group.append(b);
    }
    nav.append(group);
  }

  return {
    /** Names the open lab (and its preset), shows its intro text and presses its button. */
    showLab(s) {
      const $ = (id) => document.getElementById(id);
      const lab = s.lab ?? "custom";
      const named = s.preset && titles.has(s.preset) && lab !== "gradcheck";
      $("intro-title").textContent = TITLE_OF[lab] + (named ? ` — ${titles.get(s.preset)}` : "");
      for (const p of document.querySelectorAll("[data-lab-text]")) p.hidden = p.dataset.labText !== lab;
      for (const b of document.querySelectorAll("[data-preset]")) {
        b.setAttribute("aria-pressed", String(b.dataset.preset === s.preset && !!s.expected));
      }
      $("regions-figure").hidden = !s.plane;
      $("single-view").classList.toggle("no-plane", !s.plane);
      $("compare-toggle").disabled = s.lab !== "initialization" && s.lab !== "regularization";
    },
  };
}
