// The error banner: a Rust panic (the engine's panic hook dispatches `nnlab-panic` on
// window with {detail: {message}}), an uncaught error or an unhandled promise rejection
// shows #banner with the message (as text) and a Reset button. After a panic the wasm
// instance cannot be trusted, so Reset reloads the page without the link's settings
// (the default lab).

import { t } from "./i18n.js";
import { h, setText } from "./dom.js";

const MAX_MESSAGE = 600;
/** Installs the listeners, once. `app.pause()` stops the training loop when it fires. */
export function createBanner(app) {
  let shown = false;
  let banner = document.getElementById("banner");
  if (!banner) {
    banner = h("div", { id: "banner", role: "alert", hidden: true });
    document.body.prepend(banner);
  }
  banner.classList.add("nb");
  banner.setAttribute("data-testid", "banner");
  const title = h("strong", { class: "nb-title", "data-testid": "banner-title" });
  const message = h("span", { class: "nb-message", "data-testid": "banner-message" });
  const reset = h("button", { type: "button", class: "nb-reset", "data-testid": "banner-reset", "data-i18n": "page-reset" }, t("page-reset"));
  const dismiss = h("button", { type: "button", class: "nb-dismiss", "data-testid": "banner-dismiss", "data-i18n": "banner-dismiss" }, t("banner-dismiss"));
  reset.addEventListener("click", () => {
    // Full reload without the hash: a fresh wasm instance and the default lab.
    location.assign(location.pathname + location.search);
  });
  dismiss.addEventListener("click", () => {
    banner.hidden = true;
    shown = false;
  });
  banner.replaceChildren(
    title,
    " ",
    message,
    h(
      "span",
      { class: "nb-actions" },
      reset,
      dismiss,
    ),
  );

  let panicked = false;
  const show = (heading, text, { panic = false } = {}) => {
    // A panic traps the wasm call, which then surfaces as an "unreachable" error: keep
    // the panic's own message.
    if (panicked && !panic) return;
    if (panic) panicked = true;
    try {
      app?.pause?.();
    } catch {
      // the page may be the thing that failed
    }
    setText(title, heading);
    setText(message, String(text ?? "").slice(0, MAX_MESSAGE));
    banner.dataset.kind = panic ? "panic" : "error";
    dismiss.hidden = panic;
    banner.hidden = false;
    if (!shown) reset.focus({ preventScroll: true });
    shown = true;
  };

  addEventListener("nnlab-panic", (e) =>
    show(t("banner-panic"), e.detail?.message ?? t("banner-unknown"), {
      panic: true,
    }),
  );
  addEventListener("error", (e) => {
    // Resource load failures (no message, target is an element) are not script errors.
    if (!(e instanceof ErrorEvent)) return;
    show(t("banner-wrong"), e.message || String(e.error ?? t("banner-unknown")));
  });
  addEventListener("unhandledrejection", (e) => {
    const r = e.reason;
    show(t("banner-wrong"), r?.message ?? String(r));
  });
}
