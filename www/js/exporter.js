// Export: the decision regions as PNG (the regions canvas), the cost history as CSV and
// the weights as JSON (both written by the engine: lab.historyCsv(), lab.weightsJson()),
// the run as a NumPy script (the tools' module, window.nnlabTools(), loaded on first use),
// downloaded through a Blob and an object URL. Nothing leaves the browser.

import { t } from "./i18n.js";
import { h, messageOf, setAttr, setDisabled, setText } from "./dom.js";

/** How long a download's object URL lives. */
const REVOKE_MS = 10_000;

/** The export panel in `root`; `app` is app.js's handle (lab(), regionsCanvas(), wake()). */
export function createExporter(root, app) {
  const ui = {};
  /** Object URLs to revoke: [url, when]. */
  let urls = [];
  root.classList.add("card", "ex");
  root.setAttribute("data-testid", "export-panel");
  root.replaceChildren();
  ui.png = h("button", { type: "button", "data-testid": "export-png", "data-i18n": "ex-png" }, t("ex-png"));
  ui.csv = h("button", { type: "button", "data-testid": "export-csv", "data-i18n": "ex-csv" }, t("ex-csv"));
  ui.json = h("button", { type: "button", "data-testid": "export-json", "data-i18n": "ex-json" }, t("ex-json"));
  ui.python = h("button", { type: "button", "data-testid": "export-python", "data-i18n": "ex-python" }, t("ex-python"));
  ui.status = h("p", { class: "ex-status", role: "status", "data-testid": "export-status" });
  ui.png.addEventListener("click", exportPng);
  // The NumPy script is the tools' module's (loaded on first use): it writes the run of
  // the lab's canonical query.
  ui.python.addEventListener("click", () =>
    exportText("py", "text/x-python", (lab) => {
      const query = lab.query();
      return window.nnlabTools().then((tools) => tools.python(query));
    }),
  );
  ui.csv.addEventListener("click", () =>
    exportText("csv", "text/csv", (lab) => lab.historyCsv()),
  );
  ui.json.addEventListener("click", () =>
    exportText("json", "application/json", (lab) => lab.weightsJson()),
  );
  root.append(
    h("h2", { id: "ex-title", "data-i18n": "ex-title" }, t("ex-title")),
    h("div", { class: "ex-buttons" }, ui.png, ui.csv, ui.json, ui.python),
    ui.status,
  );
  root.setAttribute("role", "region");
  root.setAttribute("aria-labelledby", "ex-title");

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    urls.push([url, performance.now() + REVOKE_MS]);
    app.wake();
    setText(ui.status, t("ex-saved", { name }));
  }

  /** Downloads `make(lab)` (text, or a promise of it) as `<exportName>.<ext>`. */
  async function exportText(ext, type, make) {
    const lab = app.lab();
    if (!lab) return;
    try {
      const name = `${lab.exportName()}.${ext}`;
      download(new Blob([await make(lab)], { type }), name);
    } catch (err) {
      setText(ui.status, t("ex-failed", { message: messageOf(err) }));
    }
  }

  function exportPng() {
    const lab = app.lab();
    const canvas = app.regionsCanvas?.();
    if (!lab || !canvas) return;
    const name = `${lab.exportName()}.png`;
    canvas.toBlob((blob) => {
      if (blob) download(blob, name);
      else setText(ui.status, t("ex-failed", { message: t("ex-no-image") }));
    }, "image/png");
  }

  return {
    /** Downloads `make(lab)` as `<exportName>.<ext>` (the Data panel's points, too). */
    save: exportText,
    update(snapshot) {
      if (!snapshot) return;
      const plane = snapshot.plane !== false;
      setDisabled(ui.png, !plane);
      setAttr(ui.png, "title", plane ? "" : t("ex-no-plane"));
    },
    /** Revokes the object URLs that are due; true while some wait. */
    tick(now) {
      for (const [url, when] of urls) if (now >= when) URL.revokeObjectURL(url);
      urls = urls.filter(([, when]) => now < when);
      return urls.length > 0;
    },
  };
}
