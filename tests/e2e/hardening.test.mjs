// Hardening: hostile links, numeric blow-ups, a Rust panic, a failed start, a strict
// Content-Security-Policy, and no request outside the page's origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, screenshot, wasmReady, withPage } from "./harness.mjs";

/** The policy the page ships in its <meta http-equiv="Content-Security-Policy">. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'";

async function ready(page) {
  await wasmReady(page);
  await page.waitForFunction(() => document.getElementById("stage")?.dataset.ready === "true");
}

/** Every request the page makes, to check they all stay on the origin. */
function recordRequests(page) {
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

function assertSameOrigin(urls, origin) {
  const outside = urls.filter(
    (u) => !u.startsWith(`${origin}/`) && !u.startsWith("blob:") && !u.startsWith("data:"),
  );
  assert.deepEqual(outside, [], "requests outside the origin");
}

/** Steps the current lab by `n` with the page's own button and returns the iteration shown. */
async function stepBy(page, n) {
  const before = Number(await page.getByTestId("iteration").textContent());
  await page.getByTestId(`step-${n}`).click();
  await page.waitForFunction(
    ([b, k]) => Number(document.querySelector('[data-testid="iteration"]')?.textContent) >= b + k,
    [before, n],
  );
  return Number(await page.getByTestId("iteration").textContent());
}

// 5 kB of deterministic garbage: printable ASCII with '&', '=', '%' and '#' among it.
function garbage(bytes) {
  let x = 12345;
  let s = "";
  while (s.length < bytes) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(33 + (x % 94));
  }
  return s;
}

const HOSTILE = [
  // [hash, text the message must contain (key=value), "error" | "warning"]
  ["lr=NaN", "lr=NaN", "error"],
  ["keep=0", "keep=0", "error"],
  ["layers=100000", "layers=100000", "error"],
  ["layers=1,1,1,1,1,1,1,1,1,1", "layers=1,1,1,1,1,1,1,1,1,1", "error"],
  ["iters=1e99", "iters=1e99", "error"],
  ["lr=%D9%A3", "lr=٣", "error"],
  ["%ZZ%%", "%ZZ%%", "warning"],
  ["ключ=значение&🙂=🙃", "ключ=значение", "warning"],
  ["<script>alert(1)</script>", "<script>alert(1)</script>", "warning"],
  ["preset=init-he&data=<img src=x onerror=alert(1)>", "data=<img src=x onerror=alert(1)>", "error"],
];

test("hostile links: a message names the key and the value, and the default lab trains", async (t) => {
  for (const [hash, named, kind] of HOSTILE) {
    await withPage(t, { hash }, async (page, { origin }) => {
      const urls = recordRequests(page);
      page.on("dialog", (d) => {
        throw new Error(`a dialog opened: ${d.message()}`);
      });
      await ready(page);
      const box = page.getByTestId(kind === "error" ? "error" : "warnings");
      await box.waitFor({ state: "visible" });
      const text = await box.textContent();
      assert.ok(text.includes(named), `${hash}: "${text}" should name ${named}`);
      // Shown as text: nothing the link contained became an element.
      assert.equal(await page.locator("#error script, #warnings script, #error img, #warnings img").count(), 0);
      assert.equal(await page.evaluate(() => document.querySelectorAll("img").length), 0);
      // The page still trains (the default lab after an error).
      if (kind === "error") {
        assert.equal(await page.evaluate(() => window.nnlab.query()), "preset=init-he");
      }
      assert.ok((await stepBy(page, 10)) >= 10, `${hash}: trains`);
      assertSameOrigin(urls, origin);
    });
  }
});

test("5 kB of garbage in the link: no crash, a message, the page trains", async (t) => {
  await withPage(t, { hash: garbage(5000) }, async (page, { origin }) => {
    const urls = recordRequests(page);
    await ready(page);
    const shown = await page.evaluate(() =>
      ["error", "warnings"].filter((id) => !document.getElementById(id).hidden),
    );
    assert.ok(shown.length > 0, "an error or a warning is shown");
    for (const id of shown) {
      const len = (await page.locator(`#${id}`).textContent()).length;
      assert.ok(len < 20_000, `#${id} is ${len} characters`);
    }
    assert.ok((await stepBy(page, 10)) >= 10);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    assertSameOrigin(urls, origin);
    await screenshot(page, "hardening-garbage");
  });
});

/** Runs a link with play=1 until its status leaves "training". */
async function runUntilStopped(page, timeout = 60_000) {
  await page.getByTestId("speed").selectOption("max");
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="status"]')?.dataset.state;
      return s === "done" || s === "diverged";
    },
    null,
    { timeout },
  );
  return page.evaluate(() => window.nnlab.lab().snapshot());
}

/** Share of the regions canvas in opaque, finite colours (no garbage, not blank). */
async function regionsInk(page) {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="regions"]');
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let opaque = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] === 255) opaque++;
    return opaque / (d.length / 4);
  });
}

test("numeric blow-ups say so plainly, stop cleanly and offer a reset", async (t) => {
  // A real overflow: L2 with a huge λ and lr = 10 diverges within a few iterations.
  await withPage(t, { hash: "preset=reg-l2&lambda=1000&lr=10&play=1" }, async (page, { origin }) => {
    const urls = recordRequests(page);
    await ready(page);
    const s = await runUntilStopped(page);
    assert.equal(s.status, "diverged");
    const status = await page.getByTestId("status").textContent();
    assert.match(status, /diverged at iteration \d+/);
    assert.equal(await page.getByTestId("play").textContent(), "Play", "the loop stopped");
    const health = page.getByTestId("diagram-health");
    await health.waitFor({ state: "visible" });
    assert.match(await health.textContent(), /diverged/);
    assert.ok((await regionsInk(page)) > 0.5, "the regions are painted");
    await screenshot(page, "hardening-diverged");
    await page.getByTestId("reset").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === "training");
    assert.equal(await page.getByTestId("iteration").textContent(), "0");
    assertSameOrigin(urls, origin);
  });

  // He with lr = 10: no overflow, the ReLUs die; the page says the layer is dead.
  await withPage(t, { hash: "preset=init-he&lr=10&play=1" }, async (page) => {
    await ready(page);
    const s = await runUntilStopped(page);
    assert.equal(s.status, "done");
    assert.ok(s.cost > 1, `the cost rose to ${s.cost}`);
    const health = page.getByTestId("diagram-health");
    await health.waitFor({ state: "visible" });
    assert.match(await health.textContent(), /hidden layer 2 is dead.*cost rose/s);
    // The status line says so too, not just "Done".
    assert.match(await page.getByTestId("status").textContent(), /^Done: 15000 iterations\. Learning has stopped/);
    assert.ok((await regionsInk(page)) > 0.5);
    await screenshot(page, "hardening-he-lr10");
  });

  // Random × 1000: the first cost is infinite (saturated sigmoid): shown as ∞ and explained.
  await withPage(t, { hash: "preset=init-random&scale=1000" }, async (page) => {
    await ready(page);
    await page.getByTestId("step-1").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="cost"]')?.textContent === "∞");
    assert.equal(await page.getByTestId("cost-note").isVisible(), true);
    assert.match(await page.getByTestId("cost-note").textContent(), /∞/);
    assert.match(await page.getByTestId("diagram-health").textContent(), /∞|dead/);
    await page.getByTestId("speed").selectOption("max");
    await page.getByTestId("run-to-end").click();
    const s = await runUntilStopped(page);
    assert.equal(s.status, "done");
    assert.ok((await regionsInk(page)) > 0.5);
    // The CSV says inf, honestly.
    const csv = await page.evaluate(() => window.nnlab.lab().historyCsv());
    assert.match(csv, /^iteration,cost\n0,inf\n/);
    await screenshot(page, "hardening-random-1000");
  });
});

test("a failed start says why on the page: the wasm or the catalogue not loaded", async (t) => {
  // The failures themselves are logged by the browser (and app.js stops with the reason).
  const allow = [/Failed to load resource|Failed to fetch|net::ERR_FAILED|HTTP 404|catalogue en/];
  await withPage(t, { goto: false, allow, fresh: true }, async (page, { origin }) => {
    const box = page.getByTestId("start-error");
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto(`${origin}/#preset=init-he`, { waitUntil: "load" });
    await box.waitFor();
    assert.match(await box.textContent(), /The lab could not start\. Reload the page to try again\./);
    assert.notEqual((await page.locator("#start-reason").textContent()).trim(), "", "the reason is said");
    assert.equal(await page.getByTestId("wasm-version").isVisible(), false, "no 'loading…' for ever");
    assert.equal(await page.locator("#intro").isVisible(), true, "the intro text stays");
    await screenshot(page, "start-failed-no-wasm");
    await page.unroute("**/*.wasm");
    await page.route("**/i18n/*.ftl", (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto(`${origin}/index.html#preset=init-he`, { waitUntil: "load" });
    await box.waitFor();
    assert.equal(await page.locator("#start-reason").textContent(), "catalogue en: HTTP 404");
  });
  // A started page never shows it.
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await page.waitForFunction(() => document.getElementById("stage")?.dataset.ready === "true");
    assert.equal(await page.getByTestId("start-error").isVisible(), false);
  });
});

test("a Rust panic shows the error banner; its reset gives a working page", async (t) => {
  const allow = [/nnlab: internal error \(Rust panic\): debugPanic/, /unreachable/i, /nnlab-test rejection/];
  await withPage(t, { hash: "preset=init-he&play=1", allow }, async (page, { origin }) => {
    const urls = recordRequests(page);
    await ready(page);
    const banner = page.getByTestId("banner");
    assert.equal(await banner.isVisible(), false);
    const thrown = await page.evaluate(() => {
      try {
        window.wasmBindings.debugPanic();
        return "no error";
      } catch (err) {
        return String(err);
      }
    });
    assert.match(thrown, /unreachable/i, "the panic traps the wasm call");
    await banner.waitFor({ state: "visible" });
    assert.equal(await banner.getAttribute("role"), "alert");
    assert.match(await page.getByTestId("banner-message").textContent(), /debugPanic: a deliberate panic/);
    assert.equal(await page.getByTestId("play").textContent(), "Play", "training paused");
    await screenshot(page, "hardening-panic-banner");
    // Reset: a fresh page (new wasm instance) on the default lab.
    await Promise.all([page.waitForEvent("load"), page.getByTestId("banner-reset").click()]);
    await ready(page);
    assert.equal(await page.getByTestId("banner").isVisible(), false);
    // The default lab, not the link that was open (a link could be what broke it).
    assert.equal(await page.evaluate(() => location.hash), "");
    assert.equal(await page.getByTestId("play").textContent(), "Play");
    assert.ok((await stepBy(page, 10)) >= 10, "trains after the reset");

    // An unhandled rejection also reaches the banner, and can be dismissed.
    await page.evaluate(() => {
      Promise.reject(new Error("nnlab-test rejection"));
    });
    await page.getByTestId("banner").waitFor({ state: "visible" });
    assert.match(await page.getByTestId("banner-message").textContent(), /nnlab-test rejection/);
    await page.getByTestId("banner-dismiss").click();
    assert.equal(await page.getByTestId("banner").isVisible(), false);
    assertSameOrigin(urls, origin);
  });
});

test("strict Content-Security-Policy: the page works with no violation", async (t) => {
  // The built page carries the policy in a <meta> tag ...
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
  assert.ok(meta, "dist/index.html has a Content-Security-Policy meta tag");
  const directives = (p) =>
    p
      .split(";")
      .map((d) => d.trim().replace(/\s+/g, " "))
      .filter(Boolean)
      .sort();
  assert.deepEqual(directives(meta[1]), directives(CSP));
  // ... and no inline script (the loader is js/boot.js, crates/xtask/src/site.rs).
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== "",
  );
  assert.deepEqual(inline.map((m) => m[0].slice(0, 80)), [], "inline scripts");

  // The inline script refused at the end logs one console error on purpose (a violation
  // anywhere else is caught by the securitypolicyviolation listener below).
  const allow = [/Executing inline script violates the following Content Security Policy directive/];
  await withPage(t, { goto: false, allow, fresh: true }, async (page, { origin }) => {
    const urls = recordRequests(page);
    // The same policy as an HTTP header too (a header and a meta tag both apply).
    await page.route(`${origin}/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": CSP } });
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    await page.goto(`${origin}/#preset=gradcheck&bugs=w2,b1`);
    await ready(page);
    // Exercise every part: gradient check, training, charts, diagram, compare, exports.
    await page.getByTestId("gradcheck-difference").waitFor();
    await page.getByTestId("gradcheck-param-W2").click();
    await page.getByTestId("eps-1e-5").click();
    await page.waitForFunction(() => location.hash.includes("eps="));
    await stepBy(page, 100);
    await page.getByTestId("diagram-gradients").click();
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    assert.match(csv.suggestedFilename(), /\.csv$/);
    await page.evaluate(() => window.nnlab.setQuery("preset=reg-dropout&compare=1"));
    await page.getByTestId("compare").waitFor({ state: "visible" });
    await page.getByTestId("play").click();
    await page.waitForTimeout(1000);
    await page.getByTestId("play").click();
    await page.evaluate(() => window.nnlab.setQuery("preset=reg-dropout"));
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png").click()]);
    assert.match(png.suggestedFilename(), /\.png$/);
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(violations, []);
    // The policy really applies: an inline script is refused (and reported).
    const blocked = await page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return { ran: window.__inlineRan === true, reported: window.__cspViolations.length > 0 };
    });
    // (reported once per policy: the header's and the meta tag's)
    assert.deepEqual(blocked, { ran: false, reported: true });
    assertSameOrigin(urls, origin);
    await screenshot(page, "hardening-csp");
  });
});

test("a panel that throws fails the test: reported as a console error, never swallowed", async (t) => {
  await assert.rejects(
    withPage(t, { hash: "preset=init-he" }, async (page) => {
      await ready(page);
      // Break the export panel's update (it reads its PNG button's title every frame, to write
      // it only when it changed): no test hook in the page, only a DOM method that throws.
      await page.evaluate(() => {
        document.querySelector('[data-testid="export-png"]').getAttribute = () => {
          throw new Error("nnlab-test panel failure");
        };
      });
      await page.locator('[data-step="10"]').click();
      await page.waitForFunction(() => window.nnlab.lab().snapshot().iteration === 10);
      // The other views still drew the frame.
      assert.equal(await page.getByTestId("iteration").textContent(), "10");
    }),
    /console\.error: nnlab: panel update failed.*nnlab-test panel failure/s,
  );
});
