// "Share as assignment": a <dialog> where a teacher writes the task, ticks what students
// may not change (lock) or see (hide) per group of the engine's key table, toggles the quiz
// and the embed view, and gets the link (built by the engine: lab.assignment), its length
// and a QR code (qr() of the tools' module, window.nnlabTools(), loaded with the dialog:
// the modules of the `qrcode` crate) painted large enough for a projector. The teacher's
// own page and link stay as they are.

import { t } from "./i18n.js";
import { fitCanvas, h, messageOf } from "./dom.js";

/** Quiet zone around a QR code, in modules (the standard's four). */
const QUIET = 4;
/** The QR code's side in CSS pixels at most (the dialog fills a projector's height). */
const QR_MAX_PX = 560;

/** Binds the dialog (ids from index.html). `wasm` the module's exports, `getLab` the Lab,
 *  `theme` the page's colours (qrDark, qrLight), `copy(text, statusEl)` the page's copy. */
export function createShare(wasm, getLab, theme, copy, doc = document) {
  const $ = (id) => doc.getElementById(id);
  const dialog = $("share-dialog");
  const groups = [];
  const keys = wasm.keys();
  for (const g of [...new Set(keys.filter((k) => k.group !== "classroom").map((k) => k.group))]) {
    const title = keys.find((k) => k.group === g).groupTitle;
    const lock = h("input", { type: "checkbox", "data-testid": `share-lock-${g}`, "aria-label": t("share-lock-aria", { group: title }) });
    const hide = h("input", { type: "checkbox", "data-testid": `share-hide-${g}`, "aria-label": t("share-hide-aria", { group: title }) });
    groups.push({ name: g, lock, hide });
    $("share-groups").append(h("tr", {}, h("th", { scope: "row", "data-i18n": `group-${g}` }, title), h("td", {}, lock), h("td", {}, hide)));
  }

  /** The assignment's link from the dialog's fields (null and a message when refused). */
  function link() {
    const names = (which) => groups.filter((g) => g[which].checked).map((g) => g.name).join(",");
    const pairs = [
      ["task", $("share-task").value],
      ["lock", names("lock")],
      ["hide", names("hide")],
      ["quiz", $("share-quiz").checked ? "1" : "0"],
      ["embed", $("share-embed").checked ? "1" : "0"],
    ];
    const query = getLab().assignment(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
    return `${location.origin}${location.pathname}${location.search}#${query}`;
  }

  function paintQr(code) {
    const canvas = $("share-qr");
    const side = Math.min(QR_MAX_PX, canvas.parentElement.clientWidth || QR_MAX_PX);
    const ctx = fitCanvas(canvas, side, side);
    canvas.style.width = `${side}px`;
    const cell = side / (code.size + 2 * QUIET);
    ctx.fillStyle = theme.qrLight;
    ctx.fillRect(0, 0, side, side);
    ctx.fillStyle = theme.qrDark;
    for (let r = 0; r < code.size; r++) {
      for (let c = 0; c < code.size; c++) {
        if (code.modules[r * code.size + c]) {
          // Whole device pixels per edge, so neighbouring modules leave no seams.
          const x0 = Math.floor((QUIET + c) * cell);
          const y0 = Math.floor((QUIET + r) * cell);
          ctx.fillRect(x0, y0, Math.ceil((QUIET + c + 1) * cell) - x0, Math.ceil((QUIET + r + 1) * cell) - y0);
        }
      }
    }
    canvas.hidden = false;
  }

  /** Which refresh is the newest: a QR code that arrives after a newer edit is not painted. */
  let latest = 0;
  async function refresh() {
    const error = $("share-error");
    const ticket = ++latest;
    try {
      const text = link();
      $("share-link").value = text;
      $("share-length").textContent = String(text.length);
      const tools = await window.nnlabTools();
      if (ticket !== latest) return;
      const code = tools.qr(text);
      if (!code) throw new Error(wasm.qrRefused(text));
      paintQr(code);
      error.hidden = true;
    } catch (err) {
      if (ticket !== latest) return;
      error.textContent = messageOf(err);
      error.hidden = false;
      $("share-qr").hidden = true;
    }
  }

  for (const el of dialog.querySelectorAll("input, textarea")) el.addEventListener("input", refresh);
  $("share-open").addEventListener("click", () => {
    dialog.showModal();
    refresh();
  });
  $("share-copy").addEventListener("click", () => copy($("share-link")));
}
