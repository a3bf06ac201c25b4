// Form controls ↔ link keys. The form is built from the engine's key table (wasm.keys(): name,
// label, help, kind, group and its title, choices, optional): one control per key, grouped,
// in table order. A key that already has a control beside its view ([data-key=NAME] in the
// page, such as the show-test and log-scale boxes) is not repeated in the form. A change asks
// the current Lab for the canonical query with that key changed (lab.withKey / withLayers /
// withCourseData) and hands it to `onQuery`; the engine's error message (naming key and value)
// goes to `onError`. Values shown come from lab.values(); no link text is parsed or built here.

import { h, messageOf } from "./dom.js";
import { t } from "./i18n.js";

const INPUT_MODES = { number: "decimal", count: "numeric", seed: "numeric" };

/**
 * Builds the controls into `form`.
 *   wasm     the module's exports
 *   getLab   () => the current Lab handle
 *   onQuery  (canonicalQuery) => void   rebuild from it
 *   onError  (message) => void          show a bad value's message
 */
export function createControls(form, { wasm, getLab, onQuery, onError }) {
  let keys = wasm.keys();
  /** Keys that recorded data cannot take (absent = the course's data). */
  const optional = keys.filter((k) => k.optional).map((k) => k.name);
  const inputs = new Map(); // key -> input/select element
  let layersBox = null;
  let courseButton = null;
  let dataSeedDice = null;

  function submit(build) {
    let query;
    try {
      query = build(getLab());
    } catch (err) {
      onError(messageOf(err));
      return false;
    }
    onQuery(query);
    return true;
  }

  function change(key, value, input) {
    const ok = submit((lab) => lab.withKey(key, value));
    if (input) input.setAttribute("aria-invalid", ok ? "false" : "true");
  }

  function newSeed(key) {
    submit((lab) => lab.withKey(key, String(wasm.randomSeed())));
  }

  function field(info) {
    const id = `key-${info.name}`;
    const wrap = h("div", { class: `field field-${info.kind}`, "data-field": info.name });
    const label = h("label", { for: id, title: info.help }, info.label);
    wrap.append(label);
    let input;
    if (info.kind === "choice") {
      input = h("select", { id, name: info.name, "data-testid": `key-${info.name}`, title: info.help });
      for (const choice of info.choices) input.append(h("option", { value: choice }, choice));
      input.addEventListener("change", () => change(info.name, input.value, input));
    } else if (info.kind === "flag") {
      wrap.classList.add("field-inline");
      input = h("input", { id, type: "checkbox", name: info.name, "data-testid": `key-${info.name}`, title: info.help });
      input.addEventListener("change", () => change(info.name, input.checked ? "1" : "0", input));
      wrap.prepend(input);
    } else {
      input = h("input", {
        id,
        type: "text",
        name: info.name,
        "data-testid": `key-${info.name}`,
        inputmode: INPUT_MODES[info.kind] ?? "text",
        autocomplete: "off",
        spellcheck: "false",
        title: info.help,
        placeholder: info.optional ? t("controls-course-placeholder") : undefined,
      });
      input.addEventListener("change", () => change(info.name, input.value, input));
    }
    if (info.kind !== "flag") wrap.append(input);
    inputs.set(info.name, input);

    if (info.kind === "seed") {
      // A data seed draws new data; the others a fresh seed.
      const isData = info.group === "data";
      const dice = h(
        "button",
        {
          type: "button",
          class: "dice",
          "data-testid": isData ? "new-data" : `new-${info.name}`,
          title: t(isData ? "controls-new-data-title" : "controls-new-seed-title", { label: info.label }),
        },
        t(isData ? "controls-new-data" : "controls-new-seed"),
      );
      dice.addEventListener("click", () => newSeed(info.name));
      wrap.append(dice);
      if (isData) dataSeedDice = dice;
    }
    return wrap;
  }

  /** The editor of a list key (the hidden layers): one −/+/× group per item. */
  function listField(info) {
    const wrap = h("div", { class: "field field-layers", "data-field": info.name, title: info.help });
    wrap.append(h("span", { class: "field-label", id: "layers-label" }, info.label));
    layersBox = h("div", { class: "layers", role: "group", "aria-labelledby": "layers-label", "data-testid": "layers" });
    wrap.append(layersBox);
    return wrap;
  }

  function renderLayers(sizes) {
    layersBox.replaceChildren();
    sizes.forEach((units, i) => {
      const n = i + 1;
      const layer = h("span", { class: "layer", "data-testid": `layer-${n}` });
      const button = (action, label, title) => {
        const b = h("button", { type: "button", "aria-label": title, title }, label);
        b.addEventListener("click", () => submit((lab) => lab.withLayers(action, i)));
        return b;
      };
      layer.append(
        button("dec", "−", t("controls-layer-dec", { n: String(n) })),
        h("output", { "aria-label": t("controls-layer-units", { n: String(n) }) }, String(units)),
        button("inc", "+", t("controls-layer-inc", { n: String(n) })),
      );
      if (sizes.length > 1) layer.append(button("remove", "×", t("controls-layer-remove", { n: String(n) })));
      layersBox.append(layer);
    });
    if (sizes.length < wasm.maxHiddenLayers()) {
      const add = h("button", { type: "button", class: "add-layer", "data-testid": "add-layer" }, t("controls-add-layer"));
      add.addEventListener("click", () => submit((lab) => lab.withLayers("add", 0)));
      layersBox.append(add);
    }
  }

  // Build: one fieldset per group, in the engine's key order.
  form.addEventListener("submit", (e) => e.preventDefault());
  const elsewhere = (name) => document.querySelector(`[data-key="${name}"]`) !== null;
  /** One fieldset per group; the labels beside their views. Again in a new language. */
  function build() {
    form.replaceChildren();
    for (const [key, input] of inputs) if (form.contains(input) || !input.isConnected) inputs.delete(key);
    const groups = [...new Set(keys.map((k) => k.group))];
    for (const group of groups) {
      const infos = keys.filter((k) => k.group === group && !elsewhere(k.name));
      if (!infos.length) continue;
      const set = h("fieldset", { class: `group group-${group}` });
      set.append(h("legend", {}, infos[0].groupTitle));
      for (const info of infos) set.append(info.kind === "list" ? listField(info) : field(info));
      // Optional keys (absent = the course's data) get a way back to the course's data.
      if (infos.some((k) => k.optional)) {
        courseButton = h("button", { type: "button", class: "course-data", "data-testid": "course-data" }, t("controls-course-data"));
        courseButton.addEventListener("click", () => submit((lab) => lab.withCourseData()));
        set.append(courseButton);
      }
      form.append(set);
    }

    // Controls beside their view show the table's label ([data-key-label=NAME]).
    for (const el of document.querySelectorAll("[data-key-label]")) {
      el.textContent = keys.find((k) => k.name === el.dataset.keyLabel).label;
    }
    for (const el of document.querySelectorAll("[data-key]:is(select, input)")) el.title = keys.find((k) => k.name === el.dataset.key).help;
  }
  build();
  // Flags that live beside their view (show test points, log scale) use the same path.
  for (const box of document.querySelectorAll("input[type=checkbox][data-key]")) {
    box.addEventListener("change", () => change(box.dataset.key, box.checked ? "1" : "0", box));
    inputs.set(box.dataset.key, box);
  }
  // Menus that live elsewhere (the language switch in the header) too.
  for (const select of document.querySelectorAll("select[data-key]")) {
    select.addEventListener("change", () => change(select.dataset.key, select.value, select));
    inputs.set(select.dataset.key, select);
  }

  return {
    /** Rebuilds the form from the key table in the engine's new language. */
    relabel() {
      keys = wasm.keys();
      build();
    },
    /** Shows the current lab's values in every control. */
    update(lab, snapshot) {
      const values = lab.values();
      for (const [key, input] of inputs) {
        const value = values[key] ?? "";
        if (input.type === "checkbox") input.checked = value === "1";
        else if (input.value !== value) input.value = value;
        input.setAttribute("aria-invalid", "false");
      }
      renderLayers(Array.from(lab.hiddenLayers()));
      const recorded = snapshot.recordedData;
      for (const key of optional) {
        const input = inputs.get(key);
        if (input) input.disabled = recorded;
      }
      if (dataSeedDice) dataSeedDice.disabled = recorded;
      if (courseButton) courseButton.hidden = snapshot.courseData || recorded;
    },
  };
}
