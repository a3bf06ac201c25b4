// The one way this project starts Chromium, shared by the end-to-end tests
// (harness.mjs) and the benchmark (bench/wasm_chromium.mjs): Debian's
// /usr/bin/chromium (or $CHROMIUM) through playwright-core, never a
// downloaded browser, with a fresh temporary profile each launch.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// Headless, no sandbox (CI runs as root), and no traffic of Chromium's own.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium; `extraArgs` come after the defaults. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  });
}
