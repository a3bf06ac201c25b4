// Classroom links: locked and hidden controls, the task's text against hostile values, the
// lock refusing a changed link, both quizzes, the "share as assignment" dialog with its QR
// code, the Python download, and the compact view in iframes of 320x240 and 800x500.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { REPO, screenshot, wasmReady, withPage } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };

async function ready(page) {
  await wasmReady(page);
  await page.waitForFunction(() => document.getElementById("stage")?.dataset.ready === "true");
}

/** The task panel's shape: its element tags, and the text of the task paragraph. */
function taskShape(page) {
  return page.evaluate(() => ({
    tags: [...document.querySelectorAll("#task-panel *")].map((e) => e.tagName),
    text: document.getElementById("task-text").textContent,
    hidden: document.getElementById("task-panel").hidden,
    images: document.querySelectorAll("img").length,
    handlers: document.querySelectorAll("[onerror], [onclick]").length,
    links: document.querySelectorAll("#task-panel a").length,
  }));
}

async function goHash(page, hash) {
  await page.evaluate((h) => (location.hash = h), hash);
}

test("a teacher's link locks and hides controls, shows the task, and refuses a changed lock", async (t) => {
  const task = "Why does λ = 0.7 help?\n<img src=x onerror=alert(1)> </div> javascript:alert(1)";
  const hash = `preset=reg-l2&lock=regularization,lr&hide=data&task=${encodeURIComponent(task)}`;
  await withPage(t, { hash }, async (page) => {
    await ready(page);
    assert.equal(await page.getByTestId("key-lambda").isDisabled(), true);
    assert.equal(await page.getByTestId("key-lr").isDisabled(), true);
    assert.equal(await page.getByTestId("key-iters").isDisabled(), false);
    assert.equal(await page.locator('[data-field="lambda"] .locked-badge').count(), 1);
    assert.equal(await page.getByTestId("key-data").isVisible(), false);
    assert.equal(await page.locator("fieldset.group-data").isVisible(), false);
    assert.equal(await page.getByTestId("locked-note").isVisible(), true);
    const shape = await taskShape(page);
    assert.deepEqual(shape.tags, ["H2", "P"], "markup in the task stays text");
    assert.equal(shape.text, task);
    assert.equal(shape.images + shape.handlers + shape.links, 0);
    const lineHeight = await page.getByTestId("task-text").evaluate((e) => getComputedStyle(e).whiteSpace);
    assert.equal(lineHeight, "pre-wrap");
    await screenshot(page, "classroom-locked-desktop");

    // A student edits the link: a locked key, then the lock itself; the run goes on.
    await page.getByTestId("step-100").click();
    await page.waitForFunction(() => document.getElementById("iteration").textContent === "100");
    const query = await page.evaluate(() => window.nnlab.query());
    await goHash(page, query.replace("&task=", "&lambda=0.1&task="));
    await page.getByTestId("error").filter({ hasText: "lambda=0.1" }).waitFor();
    assert.match(await page.getByTestId("error").textContent(), /set by your teacher's link \(kept at lambda=0\.7\)/);
    await goHash(page, query.replace("lock=regularization,lr&", ""));
    await page.getByTestId("error").filter({ hasText: "lock=" }).waitFor();
    assert.equal(await page.getByTestId("iteration").textContent(), "100");
    assert.equal(await page.evaluate(() => window.nnlab.query()), query);
    // Unlocked keys still change, and the run restarts.
    await goHash(page, `${query}&iters=500`);
    await page.waitForFunction(() => window.nnlab.query().includes("iters=500"));
    assert.equal(await page.getByTestId("key-lambda").isDisabled(), true, "still locked");
  });
  await withPage(t, { hash, viewport: PHONE }, async (page) => {
    await ready(page);
    await screenshot(page, "classroom-locked-phone");
  });
});

test("hostile task texts stay plain text; a huge one is cut with a message", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await ready(page);
    assert.equal((await taskShape(page)).hidden, true, "no task, no panel");
    const hostile = [
      "<img src=x onerror=alert(1)>",
      "</div></section><script>alert(1)</script>",
      "javascript:alert(document.cookie)",
      "\u202Eevil text\u202C and \u2066isolated\u2069",
      "line one\nline two\n\nline four",
    ];
    // Counted once every view is drawn (the first frames draw them in turns).
    const count = async () => {
      await page.waitForFunction(() => document.getElementById("stage").dataset.idle === "true");
      return page.evaluate(() => document.getElementsByTagName("*").length);
    };
    await goHash(page, "preset=init-he&task=plain");
    await page.waitForFunction(() => document.getElementById("task-text").textContent === "plain");
    const elements = await count();
    for (const text of hostile) {
      await goHash(page, `preset=init-he&task=${encodeURIComponent(text)}`);
      await page.waitForFunction((want) => document.getElementById("task-text").textContent === want, text);
      assert.equal(await count(), elements, `the page's elements, with ${text}`);
      const shape = await taskShape(page);
      assert.deepEqual(shape.tags, ["H2", "P"], text);
      assert.equal(shape.images + shape.handlers + shape.links, 0, text);
      assert.equal(await page.locator("script:not([src])").count(), 0, text);
    }
    // 1 MB: refused past 1000 characters with a message naming the key; the page stays live.
    const huge = "x".repeat(1 << 20);
    const started = Date.now();
    await goHash(page, `preset=init-he&task=${huge}`);
    await page.getByTestId("warnings").filter({ hasText: "task=xxx" }).waitFor();
    assert.match(await page.getByTestId("warnings").textContent(), /at most 1000 characters \(this one has 1048576/);
    assert.equal((await taskShape(page)).text.length, 1000);
    assert.ok(Date.now() - started < 20_000);
    await page.getByTestId("step-10").click();
    await page.waitForFunction(() => document.getElementById("iteration").textContent === "10");
    // Unknown lock names: a message naming key and value; the rest applies.
    await goHash(page, "preset=init-he&lr=0.02&lock=cats");
    await page.getByTestId("warnings").filter({ hasText: "lock=cats" }).waitFor();
    assert.equal(await page.getByTestId("key-lr").inputValue(), "0.02");
  });
});

test("quiz: pick the wrong gradients, then see them; predict the test accuracy, then see it", async (t) => {
  await withPage(t, { hash: "preset=gradcheck&bugs=w2,b1&quiz=1" }, async (page) => {
    await ready(page);
    await page.getByTestId("quiz-gradients").waitFor();
    await page.getByTestId("gradcheck-difference").waitFor();
    assert.equal(await page.getByTestId("gradcheck-table").isVisible(), false, "errors hidden");
    assert.equal(await page.getByTestId("gradcheck-strip").isVisible(), false);
    assert.equal(await page.getByTestId("bug-w2").isVisible(), false, "the bug switches would tell");
    assert.equal(await page.getByTestId("key-bugs").isVisible(), false);
    const names = await page.locator("#quiz-params input").evaluateAll((l) => l.map((i) => i.value));
    assert.deepEqual(names, ["W1", "b1", "W2", "b2", "W3", "b3"]);
    await page.getByTestId("quiz-pick-W2").check();
    await page.getByTestId("quiz-pick-W1").check();
    await page.getByTestId("quiz-reveal").click();
    const grades = await page.getByTestId("quiz-grades").locator("li").allTextContents();
    assert.equal(grades[0], "You found 1 of the 2 wrong gradients, and picked 1 correct one (W1).");
    assert.ok(grades.includes("b1: missed, its backprop gradient is wrong."));
    assert.equal(await page.getByTestId("gradcheck-table").isVisible(), true, "revealed");
    await screenshot(page, "classroom-quiz-gradients");
    // Nothing to guess without planted bugs.
    await goHash(page, "preset=gradcheck&quiz=1");
    await page.getByTestId("warnings").filter({ hasText: "quiz=1" }).waitFor();
    assert.equal(await page.getByTestId("quiz-gradients").isVisible(), false);
  });
  await withPage(t, { hash: "preset=init-he&quiz=1&iters=2000", viewport: PHONE }, async (page) => {
    await ready(page);
    await page.getByTestId("run-to-end").click();
    await page.waitForFunction(() => document.getElementById("iteration").textContent === "2000");
    assert.equal(await page.getByTestId("test-accuracy").isVisible(), false, "hidden before the guess");
    assert.equal(await page.getByTestId("gap").isVisible(), false);
    await page.getByTestId("quiz-guess").fill("abc");
    await page.getByTestId("quiz-reveal-accuracy").click();
    assert.match(await page.getByTestId("quiz-accuracy-answer").textContent(), /^prediction=abc: /);
    assert.equal(await page.getByTestId("test-accuracy").isVisible(), false);
    await page.getByTestId("quiz-guess").fill("90");
    await page.getByTestId("quiz-reveal-accuracy").click();
    const shown = await page.getByTestId("test-accuracy").textContent();
    assert.match(
      await page.getByTestId("quiz-accuracy-answer").textContent(),
      new RegExp(`^You predicted 90%; the test accuracy at iteration 2000 is ${shown.replace(".", "\\.")}`),
    );
    assert.equal(await page.getByTestId("test-accuracy").isVisible(), true);
    await screenshot(page, "classroom-quiz-accuracy-phone");
  });
});

test("share as assignment: the link, its length and a QR code; Python download", async (t) => {
  await withPage(t, { hash: "preset=reg-l2&showTest=1" }, async (page) => {
    const tools = [];
    page.on("request", (r) => r.url().includes("nnlab-tools") && tools.push(r.url()));
    await ready(page);
    assert.deepEqual(tools, [], "the tools' module is not part of the first load");
    await page.getByTestId("share-open").click();
    await page.getByTestId("share-task").fill("Why does L2 help?\nCompare λ = 0 and 0.7.");
    await page.getByTestId("share-lock-regularization").check();
    await page.getByTestId("share-hide-data").check();
    await page.getByTestId("share-quiz").check();
    const link = await page.getByTestId("share-link").inputValue();
    assert.ok(link.endsWith("#preset=reg-l2&showTest=1&lock=regularization&hide=data&task=Why%20does%20L2%20help%3F%0ACompare%20%CE%BB%20%3D%200%20and%200.7.&quiz=1"), link);
    assert.equal(await page.getByTestId("share-length").textContent(), String(link.length));
    const qr = page.getByTestId("share-qr");
    await qr.waitFor();
    assert.equal(tools.filter((u) => u.endsWith(".wasm")).length, 1, `the dialog loads the tools once: ${tools}`);
    const box = await qr.boundingBox();
    assert.ok(box.width >= 300 && box.width === box.height, `${box.width}x${box.height}`);
    const dark = await qr.evaluate((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) n += d[i] < 128 ? 1 : 0;
      return n / (d.length / 4);
    });
    assert.ok(dark > 0.2 && dark < 0.6, `dark share ${dark}`);
    const size = await page.evaluate(async (l) => (await window.nnlabTools()).qr(l).size, link);
    assert.ok(size >= 21 && (size - 17) % 4 === 0, `QR size ${size}`);
    await screenshot(page, "classroom-share-dialog");
    // Too long for any QR code: no code, and the page's words say why.
    await page.getByTestId("share-task").fill("λ".repeat(1000));
    const refused = page.getByTestId("share-error");
    await refused.waitFor();
    const long = await page.getByTestId("share-link").inputValue();
    assert.equal(await refused.textContent(), `This link has ${long.length} characters, too many for a QR code (at most about 2900): shorten the task text.`);
    assert.equal(await qr.isVisible(), false);
    assert.equal(await page.evaluate(() => window.nnlab.query()), "preset=reg-l2&showTest=1", "own page unchanged");
    // The link opens as the assignment.
    await page.getByTestId("share-close").click();
    await page.goto(link);
    await ready(page);
    assert.equal(await page.getByTestId("key-lambda").isDisabled(), true);
    assert.equal(await page.getByTestId("task-text").textContent(), "Why does L2 help?\nCompare λ = 0 and 0.7.");
    // Download as Python.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-python").click()]);
    const file = path.join(REPO, "tests", "artifacts", download.suggestedFilename());
    await download.saveAs(file);
    const script = fs.readFileSync(file, "utf8");
    assert.ok(script.startsWith("#!/usr/bin/env python3\n\"\"\"nnlab, as a NumPy script: preset=reg-l2\n"));
    assert.match(script, /LAMBD = 0\.7/);
  });
  await withPage(t, { hash: "preset=init-he", viewport: PHONE }, async (page) => {
    await ready(page);
    await page.getByTestId("share-open").click();
    await page.getByTestId("share-qr").waitFor();
    await screenshot(page, "classroom-share-dialog-phone");
  });
});

test("embed=1 fits iframes of 320x240 and 800x500, plays the He preset and reads the accuracy", async (t) => {
  await withPage(t, { goto: false }, async (page, { origin }) => {
    const fixture = fs.readFileSync(path.join(REPO, "tests", "fixtures", "embed.html"), "utf8");
    await page.setContent(fixture.replaceAll("{{ORIGIN}}", origin));
    for (const id of ["small", "large"]) {
      const f = await (await page.locator(`#${id}`).elementHandle()).contentFrame();
      await f.waitForFunction(() => document.getElementById("stage")?.dataset.ready === "true");
    }
    await screenshot(page, "classroom-embed-iframes-open");
    for (const [id, w, h] of [
      ["small", 320, 240],
      ["large", 800, 500],
    ]) {
      const frame = page.frameLocator(`#${id}`);
      const f = await (await page.locator(`#${id}`).elementHandle()).contentFrame();
      const outer = await page.locator(`#${id}`).boundingBox();
      for (const tid of ["regions", "chart", "play", "step-1", "reset", "task-text", "full-lab"]) {
        const box = await frame.getByTestId(tid).boundingBox();
        assert.ok(box && box.width > 0, `${id}: ${tid} shown`);
        assert.ok(box.x >= outer.x && box.x + box.width <= outer.x + outer.width, `${id}: ${tid} inside`);
      }
      assert.equal(await frame.locator("#settings").isVisible(), false);
      const href = await frame.getByTestId("full-lab").getAttribute("href");
      assert.ok(href.endsWith("#preset=init-he&task=Watch%20the%20boundary.") && !href.includes("embed"), href);
      // Nothing scrolls sideways; the regions fit the frame's height.
      const size = await f.evaluate(() => {
        const d = document.documentElement;
        return [d.scrollWidth, innerWidth, d.scrollHeight, innerHeight];
      });
      assert.ok(size[0] <= size[1] && size[2] <= size[3], `${id}: no scrolling (${size})`);
      const regions = await frame.getByTestId("regions").boundingBox();
      assert.ok(regions.height <= h && regions.width <= w, `${id}: regions ${regions.width}x${regions.height}`);
      await frame.getByTestId("play").click();
    }
    for (const id of ["small", "large"]) {
      const f = await (await page.locator(`#${id}`).elementHandle()).contentFrame();
      await f.waitForFunction(() => document.getElementById("iteration").textContent === "15000", null, { timeout: 60_000 });
      assert.equal(await f.locator("#train-accuracy").textContent(), "99.3%", id);
      assert.equal(await f.locator("#test-accuracy").textContent(), "96.0%", id);
    }
    await screenshot(page, "classroom-embed-iframes");
  });
});
