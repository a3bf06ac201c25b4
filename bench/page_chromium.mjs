// Page runner: node bench/page_chromium.mjs DIST_DIR [SECONDS]
// Serves the built site (dist/, as `cargo xtask test` builds it) on 127.0.0.1, opens the
// real page in headless Chromium (tests/e2e/chromium.mjs) and prints one JSON line per
// measurement:
//   {"kind":"load", viewport, firstRegionsMs, transferGzip, transferRaw, wasmGzip, requests, layoutShift}
//     time from navigation start to the first painted decision regions; bytes fetched
//     (gzip -9 of each response body, as a static host would serve them); layout shift
//     summed while the page boots (PerformanceObserver "layout-shift").
//   {"kind":"frames", link, fps, p95, median, worst, jsMs, stepMs, engineMs, longest}
//     while the link plays: requestAnimationFrame intervals over SECONDS (default 3), and
//     where a frame's time goes: the page's requestAnimationFrame callbacks per frame
//     (jsMs, mean), of which Lab.step (stepMs) and the other engine calls (engineMs:
//     snapshot, regions, neuron maps, diagram, ...); longest: the engine calls of the
//     frame before the longest interval (what the rest of that interval is not: the
//     browser's own painting, or another process on a busy machine).
//   {"kind":"input", link, clicks, median, worst}
//     while the link plays, a click on Pause: ms from the input (the event's timeStamp) to
//     the end of the scripts of the frame that paints the page paused, over `clicks` clicks.
//   {"kind":"max", pageMs, engineMs, share, fps, p95}
//     the He lab from 0 to 15 000 iterations at speed "max" in the page, against the
//     engine alone (one Lab.step(15000) call) in the same page, the best of three rounds
//     each; share = engine / page; fps and p95 (frame interval): the page's frames during
//     its fastest round.
import path from "node:path";
import zlib from "node:zlib";
import { launchChromium } from "../tests/e2e/chromium.mjs";
import { serveDir } from "../tests/e2e/static-server.mjs";
import { bootShift, observeBoot } from "../tests/e2e/boot-metrics.mjs";

const [dist, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 3);
const server = await serveDir(path.resolve(dist), { "cache-control": "no-store" });
const browser = await launchChromium();

/** The course presets and the two largest configurations a link allows today. */
const FRAME_LINKS = [
  "preset=init-zeros&play=1",
  "preset=init-random&play=1",
  "preset=init-he&play=1",
  "preset=reg-none&play=1",
  "preset=reg-l2&play=1",
  "preset=reg-dropout&play=1",
  "data=spiral&n=2000&layers=32,32,16&play=1",
  "data=moons&n=500&layers=64,48&play=1",
];
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** In the page, before its scripts: times each frame's requestAnimationFrame callbacks
 *  (window.frameLog: {now, js, parts: {LabMethod: ms}} per frame); `probeLab()` then times the
 *  engine's calls by name. */
function frameProbe() {
  const raf = window.requestAnimationFrame.bind(window);
  let current = null;
  window.frameLog = [];
  window.requestAnimationFrame = (cb) =>
    raf((now) => {
      current ??= { now, js: 0, parts: {} };
      const t = performance.now();
      cb(now);
      current.js += performance.now() - t;
    });
  const close = () => {
    if (current) window.frameLog.push(current);
    current = null;
    raf(close);
  };
  raf(close);
  window.probeLab = () => {
    const proto = window.wasmBindings.Lab.prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const f = proto[name];
      if (typeof f !== "function" || name === "constructor") continue;
      proto[name] = function (...args) {
        const t = performance.now();
        try {
          return f.apply(this, args);
        } finally {
          if (current) current.parts[name] = (current.parts[name] ?? 0) + performance.now() - t;
        }
      };
    }
  };
}

async function open(viewport, hash) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.addInitScript(observeBoot);
  await page.addInitScript(frameProbe);
  const bodies = [];
  page.on("response", (res) => bodies.push(res.body().then((b) => ({ url: res.url(), b }), () => ({ url: res.url(), b: Buffer.alloc(0) }))));
  await page.goto(`${server.origin}/${hash ? `#${hash}` : ""}`, { waitUntil: "load" });
  return { context, page, bodies };
}

async function load(name, viewport) {
  const { context, page, bodies } = await open(viewport, "");
  const shift = await bootShift(page);
  await page.waitForFunction(() => window.bootRegionsAt !== undefined);
  const done = await Promise.all(bodies);
  const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length;
  const raw = done.reduce((s, { b }) => s + b.length, 0);
  const gz = done.reduce((s, { b }) => s + gzip(b), 0);
  const wasmGzip = done.filter(({ url }) => url.endsWith(".wasm")).reduce((s, { b }) => s + gzip(b), 0);
  const firstRegionsMs = await page.evaluate(() => window.bootRegionsAt);
  console.log(JSON.stringify({ kind: "load", viewport: name, firstRegionsMs, transferGzip: gz, transferRaw: raw, wasmGzip, requests: done.length, layoutShift: shift.total }));
  await context.close();
}

async function frames(link) {
  const { context, page } = await open(VIEWPORTS.desktop, link);
  await bootShift(page);
  await page.evaluate(() => {
    window.probeLab();
    window.frameLog.length = 0;
  });
  const times = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const t = [];
        const tick = (now) => {
          t.push(now);
          if (now - t[0] < ms) requestAnimationFrame(tick);
          else resolve(t);
        };
        requestAnimationFrame(tick);
      }),
    seconds * 1000,
  );
  const playing = await page.evaluate(() => window.nnlab.lab().status() === "training");
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
  const fps = (gaps.length * 1000) / (times.at(-1) - times[0]);
  const log = await page.evaluate(() => window.frameLog);
  const mean = (f) => log.reduce((s, frame) => s + f(frame), 0) / Math.max(1, log.length);
  const engine = (frame, step) =>
    Object.entries(frame.parts).reduce((s, [name, ms]) => s + ((name === "step") === step ? ms : 0), 0);
  // The frame before the longest interval.
  const intervals = times.slice(1).map((t, i) => [t - times[i], times[i]]);
  const [, before] = intervals.reduce((a, b) => (b[0] > a[0] ? b : a), [0, 0]);
  const parts = Object.entries(log.find((f) => f.now === before)?.parts ?? {}).filter(([, ms]) => ms >= 0.5);
  const longest = parts.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(", ") || "none";
  const jsMs = mean((f) => f.js);
  const stepMs = mean((f) => engine(f, true));
  const engineMs = mean((f) => engine(f, false));
  console.log(JSON.stringify({ kind: "frames", link, fps, p95: q(0.95), median: q(0.5), worst: gaps.at(-1), playing, jsMs, stepMs, engineMs, longest }));
  await context.close();
}

/** Links whose Pause click is timed (the course's He lab, long enough not to end while
 *  timed, and the two largest configurations). */
const INPUT_LINKS = ["preset=init-he&iters=1000000&play=1", FRAME_LINKS.at(-2), FRAME_LINKS.at(-1)];
const CLICKS = 8;

/** A click on Pause while `link` plays, CLICKS times (play resumes between): the time from
 *  the input (the click event's timeStamp: when the browser received it, so a busy main
 *  thread's delay counts) to the end of the script work of the frame that paints the page
 *  paused (the first animation frame after the button's aria-pressed turned "false"). */
async function input(link) {
  const { context, page } = await open(VIEWPORTS.desktop, link);
  await bootShift(page);
  const latencies = [];
  for (let i = 0; i < CLICKS; i++) {
    // Let it train a few frames (a different point of the loop each time).
    await page.evaluate((n) => new Promise((r) => { const f = (k) => (k ? requestAnimationFrame(() => f(k - 1)) : r()); f(n); }), 5 + i);
    const answered = page.evaluate(
      () =>
        new Promise((resolve) => {
          const button = document.getElementById("play");
          let inputAt = null;
          document.addEventListener("click", (e) => (inputAt ??= e.timeStamp), { capture: true, once: true });
          new MutationObserver((_, observer) => {
            if (inputAt !== null && button.getAttribute("aria-pressed") === "false") {
              observer.disconnect();
              // Runs after the page's own callback of that frame (requested earlier): the
              // frame's script work is done, its painting follows.
              requestAnimationFrame(() => resolve(performance.now() - inputAt));
            }
          }).observe(button, { attributes: true, attributeFilter: ["aria-pressed"] });
        }),
    );
    answered.catch(() => {}); // a failed click below reports the error, not this
    await page.click("#play");
    latencies.push(await answered);
    await page.click("#play"); // play again
  }
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({ kind: "input", link, clicks: CLICKS, median: latencies[CLICKS >> 1], worst: latencies.at(-1) }));
  await context.close();
}

async function maxSpeed() {
  const { context, page } = await open(VIEWPORTS.desktop, "preset=init-he");
  await bootShift(page);
  await page.selectOption("#speed", "max");
  // Three rounds of engine then page; the minimum of each (a busy moment slows one run), and
  // the frames of the fastest page round (requestAnimationFrame intervals while it trained).
  const [pageMs, engineMs, frameTimes] = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    let best = [Infinity, Infinity, []];
    for (let round = 0; round < 3; round++) {
      const engine = new window.wasmBindings.Lab("preset=init-he");
      const engineStart = performance.now();
      engine.step(15000);
      const engineMs = performance.now() - engineStart;
      engine.free();
      document.getElementById("reset").click();
      await frame();
      const start = performance.now();
      const times = [];
      document.getElementById("play").click();
      while (window.nnlab.lab().status() === "training") times.push(await frame());
      const pageMs = performance.now() - start;
      if (pageMs < best[0]) best = [pageMs, best[1], times];
      best[1] = Math.min(best[1], engineMs);
    }
    return best;
  });
  const gaps = frameTimes.slice(1).map((t, i) => t - frameTimes[i]).sort((a, b) => a - b);
  const fps = (gaps.length * 1000) / (frameTimes.at(-1) - frameTimes[0]);
  const p95 = gaps[Math.min(gaps.length - 1, Math.floor(0.95 * gaps.length))];
  console.log(JSON.stringify({ kind: "max", pageMs, engineMs, share: engineMs / pageMs, fps, p95 }));
  await context.close();
}

try {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) await load(name, viewport);
  for (const link of FRAME_LINKS) await frames(link);
  for (const link of INPUT_LINKS) await input(link);
  await maxSpeed();
} finally {
  await browser.close();
  await server.close();
}
