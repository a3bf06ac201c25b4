// Each lab opens on its lesson: the engine's lesson table (presets()[i].lesson, from
// crates/nnlab-core/src/config/lesson.rs) decides which panels of the main column come first;
// js/lesson.css applies it, from the link's preset before the engine starts. The other panels
// stay below and usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

/** The page's element of each panel name of the lesson table, and the panels after them. */
const PANELS = { training: "single-view", check: "gradcheck-panel", network: "diagram-panel", inside: "inside-panel" };
const LAST = ["settings", "export-panel"];

/** The main column's panels in the order they are seen (top to bottom), as lesson names
 *  (settings and export by id); hidden ones left out. */
function seenOrder(page) {
  return page.evaluate(
    ([panels, last]) => {
      const name = new Map(Object.entries(panels).map(([k, id]) => [id, k]));
      return [...Object.values(panels), ...last]
        .map((id) => [name.get(id) ?? id, document.getElementById(id).getBoundingClientRect()])
        .filter(([, r]) => r.height > 0)
        .sort((a, b) => a[1].top - b[1].top)
        .map(([n]) => n);
    },
    [PANELS, LAST],
  );
}

/** The intro texts a reader sees (data-lab-text of each visible paragraph). */
const shownIntro = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll(".intro > [data-lab-text]")]
      .filter((p) => getComputedStyle(p).visibility === "visible" && getComputedStyle(p).display !== "none")
      .map((p) => p.dataset.labText),
  );

/** The heading a reader sees before the engine starts: its shown titles (data-lab-title). */
const shownTitle = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("#intro-title > [data-lab-title]")]
      .filter((s) => getComputedStyle(s).display !== "none")
      .map((s) => s.textContent),
  );

/** The lesson of each lab, from the engine. */
const lessons = (page) =>
  page.evaluate(() => Object.fromEntries(window.wasmBindings.presets().map((p) => [p.lab, p.lesson])));

/** Asserts the seen order: the lab's lesson, then the other panels, settings and export last. */
async function assertOpensOn(page, lesson, what) {
  const seen = await seenOrder(page);
  assert.deepEqual(seen.slice(0, lesson.length), lesson, `${what}: ${seen}`);
  assert.deepEqual(seen.slice(-2), LAST, `${what}: ${seen}`);
  assert.equal(seen.length, Object.keys(PANELS).length + LAST.length, `${what}: every panel shown: ${seen}`);
}

test("each lab opens on its lesson, the other panels below and usable (desktop)", async (t) => {
  await withPage(t, { hash: "preset=gradcheck" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    const lesson = await lessons(page);
    assert.deepEqual(lesson.gradcheck[0], "check");
    assert.deepEqual(lesson.initialization[0], "training");
    assert.deepEqual(lesson.regularization[0], "training");
    await assertOpensOn(page, lesson.gradcheck, "gradcheck");
    // The check's verdict is above the fold, without scrolling.
    await page.getByTestId("gradcheck-difference").filter({ hasText: /e-/ }).waitFor();
    const fold = page.viewportSize().height;
    for (const id of ["gradcheck-difference", "gradcheck-verdict", "threshold-new"]) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box && box.y + box.height <= fold, `${id} above the fold: ${JSON.stringify(box)}`);
    }
    assert.ok((await page.getByTestId("chart").boundingBox()).y > fold, "the cost chart is not in the way");
    await screenshot(page, "lesson-gradcheck-desktop");
    // The training below still works.
    await page.getByTestId("step-1").click();
    await page.waitForFunction(() => document.getElementById("iteration").textContent === "1");

    for (const [preset, lab] of [
      ["init-zeros", "initialization"],
      ["reg-l2", "regularization"],
    ]) {
      await page.getByTestId(`preset-${preset}`).click();
      await page.waitForFunction((p) => location.hash.startsWith(`#preset=${p}`), preset);
      await assertOpensOn(page, lesson[lab], preset);
      // The check, now after the lesson, still opens.
      await page.getByTestId("gradcheck-open").click();
      await page.getByTestId("gradcheck-table").locator("tbody tr").first().waitFor();
      await page.getByTestId("gradcheck-close").click();
    }
    await page.locator("#export-panel").scrollIntoViewIfNeeded();
    await screenshot(page, "lesson-regularization-desktop");
    // Compare mode takes the lesson's place: the three runs, their transport, then the rest.
    await page.getByTestId("compare-toggle").click();
    await page.getByTestId("compare").waitFor();
    const tops = await page.evaluate(() =>
      ["intro", "compare-view", "single-view", "inside-panel"].map((id) => document.getElementById(id).getBoundingClientRect().top),
    );
    assert.deepEqual([...tops].sort((a, b) => a - b), tops, `compare mode: ${tops}`);
  });
});

test("the link's preset lays the lesson out before the engine starts; a phone opens on it too", async (t) => {
  // No wasm: only the page's HTML, CSS and js/lesson.js act on the link.
  const allow = [/wasm|Failed to load resource|TypeError|net::/];
  await withPage(t, { viewport: { width: 390, height: 844 }, goto: false, allow, fresh: true }, async (page, { origin }) => {
    await page.route("**/*.wasm", (route) => route.abort());
    await page.goto(`${origin}/#preset=gradcheck&eps=1e-5`, { waitUntil: "load" });
    const seen = await seenOrder(page);
    assert.equal(seen[0], "check", `before the engine: ${seen}`);
    // Laid out open (reserve.css keeps the stage invisible until the engine has started,
    // so this asks for the box, not for visibility).
    const eps = await page.getByTestId("eps-1e-7").boundingBox();
    assert.ok(eps && eps.width > 0 && eps.height > 0, `the check is laid out open: ${JSON.stringify(eps)}`);
    assert.equal(await page.getByTestId("gradcheck-open").isVisible(), false);
    assert.deepEqual(await shownIntro(page), ["gradcheck"], "the lab's intro text from the first paint");
    assert.deepEqual(await shownTitle(page), ["Gradient checking"], "the lab's title from the first paint");
    await page.goto(`${origin}/index.html#data=football`, { waitUntil: "load" }); // a new document
    assert.equal((await seenOrder(page))[0], "training");
    assert.deepEqual(await shownIntro(page), ["regularization"]);
    assert.deepEqual(await shownTitle(page), ["Regularization"]);
    await page.goto(`${origin}/#data=spiral`, { waitUntil: "load" });
    assert.deepEqual(await shownIntro(page), ["custom"]);
    assert.deepEqual(await shownTitle(page), ["Playground"]);
    await page.goto(`${origin}/index.html`, { waitUntil: "load" });
    assert.deepEqual(await shownTitle(page), ["Initialization"], "no link: the default lab's title");
  });
  await withPage(t, { viewport: { width: 390, height: 844 }, hash: "preset=gradcheck" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    await assertOpensOn(page, (await lessons(page)).gradcheck, "gradcheck on a phone");
    const box = await page.getByTestId("gradcheck-difference").boundingBox();
    assert.ok(box.y + box.height <= 844, `the difference above the fold: ${box.y}`);
    await screenshot(page, "lesson-gradcheck-phone");
  });
});
