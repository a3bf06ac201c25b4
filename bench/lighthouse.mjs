// Lighthouse runner (bench only, never in the tests): node bench/lighthouse.mjs DIST_DIR
// Serves the built site gzip-compressed on 127.0.0.1 (tests/e2e/static-server.mjs, as a
// static host would), runs the `lighthouse` npm package (bench/package.json; `cargo xtask
// bench --lighthouse` installs it) with Debian's /usr/bin/chromium on the He lab's link,
// desktop and mobile (Lighthouse's default simulated throttling), and prints one JSON line
// per form factor:
//   {"kind":"lighthouse", formFactor, performance, accessibility, lcpMs, cls, tbtMs, bytes,
//    failing}
// (`bytes`: Lighthouse's total byte weight, what crossed the network, gzipped as served;
// `failing`: the accessibility audits that failed, each with the first elements it names.)
// Scores are 0 to 100. Lighthouse makes no request outside the served origin.
import path from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/e2e/chromium.mjs";
import { serveDir } from "../tests/e2e/static-server.mjs";

const [dist, link = "preset=init-he"] = process.argv.slice(2);
const server = await serveDir(path.resolve(dist), {}, { gzip: true });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
try {
  for (const [formFactor, config] of [["desktop", desktopConfig], ["mobile", undefined]]) {
    const { lhr } = await lighthouse(
      `${server.origin}/#${link}`,
      { port: chrome.port, logLevel: "error", output: "json", onlyCategories: ["performance", "accessibility"] },
      config,
    );
    const score = (c) => Math.round(100 * lhr.categories[c].score);
    const audit = (a) => lhr.audits[a].numericValue;
    const failing = lhr.categories.accessibility.auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "notApplicable")
      .map((a) => {
        const items = (a.details?.items ?? []).slice(0, 3).map((i) => (i.node?.selector ?? "?").replaceAll(`"`, "'"));
        return `${a.id} (${items.join(" ")})`;
      })
      .join("; ");
    console.log(
      JSON.stringify({
        kind: "lighthouse",
        formFactor,
        performance: score("performance"),
        accessibility: score("accessibility"),
        lcpMs: audit("largest-contentful-paint"),
        cls: audit("cumulative-layout-shift"),
        tbtMs: audit("total-blocking-time"),
        bytes: audit("total-byte-weight"),
        failing,
      }),
    );
  }
} finally {
  await chrome.kill();
  await server.close();
}
