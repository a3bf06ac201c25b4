// Why a mobile Lighthouse score is what it is (bench only, never in the tests):
// node bench/lighthouse_why.mjs DIST_DIR [LINK]. The same audit as lighthouse.mjs (mobile,
// simulated throttling, dist/ served gzip-compressed), printed for a person: the score, FCP,
// LCP, blocking time, speed index, CLS, then the long tasks, the boot-up time per script, the
// main thread's work by kind, the LCP's element and parts, and the critical request chains.
import path from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/e2e/chromium.mjs";
import { serveDir } from "../tests/e2e/static-server.mjs";
const [dist, link = "preset=init-he"] = process.argv.slice(2);
const server = await serveDir(path.resolve(dist), {}, { gzip: true });
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
const { lhr } = await lighthouse(`${server.origin}/#${link}`, { port: chrome.port, logLevel: "error", output: "json", onlyCategories: ["performance"] });
const a = (id) => Math.round(lhr.audits[id].numericValue);
console.log("perf", Math.round(lhr.categories.performance.score*100), "FCP", a("first-contentful-paint"), "LCP", a("largest-contentful-paint"), "TBT", a("total-blocking-time"), "SI", a("speed-index"), "CLS", lhr.audits["cumulative-layout-shift"].numericValue);
for (const id of ["long-tasks","bootup-time","mainthread-work-breakdown","critical-request-chains","lcp-breakdown-insight","largest-contentful-paint-element","network-dependency-tree-insight"]) { const x = lhr.audits[id]; if (!x) continue; console.log("==", id, x.displayValue || ""); const items = x.details?.items ?? []; for (const i of items.slice(0, 12)) console.log("  ", JSON.stringify(i).slice(0, 300)); }
const chains = lhr.audits["critical-request-chains"]?.details?.chains;
function walk(c, d) { for (const [k, v] of Object.entries(c || {})) { console.log(" ".repeat(d*2) + v.request.url.split("/").slice(-2).join("/"), Math.round((v.request.endTime - v.request.startTime)*1000)); walk(v.children, d+1); } }
walk(chains, 0);
await chrome.kill(); await server.close();
