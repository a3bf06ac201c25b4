// The page in Chinese (issue 17): every lab in lang=zh at desktop and phone size shows no
// English outside the allowed terms and values, nothing overflows or is cut; switching the
// language keeps the run; <html lang> follows; a Chinese browser without lang gets Chinese.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, wasmReady, withPage } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** English words the Chinese page may show: the course's key terms given beside their
 *  Chinese (once per panel), names, symbols, units and file formats. The key table's names
 *  and choices (link syntax: lr, relu, circles...) are added from the engine. */
const TERMS = `initialization regularization dropout keep prob overfitting backpropagation backprop
  gradient checking decision boundary normalizing inputs cost iteration epoch mini batch momentum
  He Xavier ReLU sigmoid tanh Adam std approx rand randn nnlab English PNG CSV JSON NumPy Python
  Ctrl Shift KEY inf NaN train test set label course fixed fresh none loss regression
  classification features feature sin`;

/** Maximal runs of Latin words in `texts` with a word outside `allowed` (lower case). */
function foreignRuns(texts, allowed) {
  const runs = [];
  for (const text of texts) {
    for (const m of text.matchAll(/[A-Za-z][A-Za-z'’]*(?:[\s-]+[A-Za-z][A-Za-z'’]*)*/g)) {
      const words = m[0].split(/[\s-]+/);
      if (words.some((w) => w.length > 2 && !allowed.has(w.toLowerCase()))) runs.push(`${m[0]}  ←  ${text.slice(0, 80)}`);
    }
  }
  return [...new Set(runs)];
}

/** Visible text nodes (outside MathML and the link fields) and every aria-label. */
function pageTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent.trim();
      if (!text || !el || el.closest("math, script, style, template, [hidden], dialog:not([open])")) continue;
      if (el.closest("select") && !(el instanceof HTMLOptionElement && el.selected)) continue;
      if (!el.checkVisibility?.()) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll("[aria-label]")) {
      if (!el.closest("[hidden], template, dialog:not([open])")) out.push(el.getAttribute("aria-label"));
    }
    return out;
  });
}

/** Elements whose text is cut or that stick out: the page wider than the viewport, or a
 *  visible control, button or label with scrollWidth > clientWidth. */
function overflows(page) {
  return page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > innerWidth + 1) out.push(`page ${doc.scrollWidth} px wide in ${innerWidth}`);
    // Inside a box that scrolls sideways (the gradient-check table) sticking out is by design.
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll("button, select, label, legend, dt, th, h1, h2, h3, .preset-label")) {
      if (!el.checkVisibility?.() || el.closest("[hidden]")) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
        out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ${el.scrollWidth} > ${el.clientWidth}`);
      } else if (el.getBoundingClientRect().right > innerWidth + 1 && !scrolls(el)) {
        out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ends at ${el.getBoundingClientRect().right}`);
      }
    }
    return out;
  });
}

async function allowedWords(page) {
  const keys = await page.evaluate(() => [
    ...window.wasmBindings.keys().flatMap((k) => [k.name, ...k.choices]),
    ...window.wasmBindings.presets().map((p) => p.name),
  ]);
  const words = [...TERMS.split(/\s+/), ...keys.flatMap((k) => k.split(/[^A-Za-z]+/))];
  return new Set(words.filter(Boolean).map((w) => w.toLowerCase()));
}

const PRESETS = ["init-zeros", "init-random", "init-he", "reg-none", "reg-l2", "reg-dropout", "gradcheck"];
/** Each lab's link, and the playground's regression over input features (its readouts,
 *  legend and input maps come from the catalogue too). */
const RUNS = [
  ...PRESETS.map((p) => [p, `preset=${p}`]),
  ["regression", "data=gauss&problem=regression&features=x1,x2,x1sq,sinx1"],
];

for (const [size, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
]) {
  test(`every lab in Chinese at ${size} size: no English outside the terms, nothing cut`, async (t) => {
    await withPage(t, { viewport, hash: "preset=init-he&lang=zh" }, async (page) => {
      await wasmReady(page);
      await page.waitForSelector('#stage[data-ready="true"]');
      const allowed = await allowedWords(page);
      for (const [preset, query] of RUNS) {
        await page.evaluate((q) => window.nnlab.setQuery(q), `${query}&lang=zh`);
        await page.getByTestId("step-100").click();
        if (preset === "gradcheck") {
          // The lab opens on the check (its panel open from the link).
          const open = page.getByTestId("gradcheck-open");
          if (await open.isVisible()) await open.click();
          await page.getByTestId("gradcheck-difference").filter({ hasText: /e-/ }).waitFor();
        }
        await page.waitForSelector('#stage[data-idle="true"]'); // the throttled panels (inside, neurons) redraw
        assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
        assert.deepEqual(foreignRuns(await pageTexts(page), allowed), [], `${preset}: English on the Chinese page`);
        assert.deepEqual(await overflows(page), [], `${preset} at ${size}`);
        await screenshot(page, `i18n-zh-${preset}-${size}`);
      }
    });
  });
}

test("switching the language keeps the run; <html lang> and the title follow", async (t) => {
  await withPage(t, { hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    await page.evaluate(() => window.nnlab.pause());
    await page.getByTestId("step-100").click();
    const iteration = await page.getByTestId("iteration").textContent();
    assert.ok(Number(iteration) >= 100, iteration);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    // Only the page's language's catalogue is fetched; the other on the switch.
    const catalogues = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => new URL(e.name).pathname.match(/\/i18n\/(\w+)\.ftl$/)?.[1])
          .filter(Boolean),
      );
    assert.deepEqual(await catalogues(), ["en"]);
    await page.getByTestId("lang-switch").selectOption("zh");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.deepEqual(await catalogues(), ["en", "zh"]);
    assert.equal(await page.getByTestId("iteration").textContent(), iteration, "no reset");
    assert.match(await page.getByTestId("play").textContent(), /训练/);
    assert.match(await page.title(), /神经网络/);
    assert.match(await page.evaluate(() => location.hash), /lang=zh/);
    assert.match(await page.getByTestId("status").textContent(), /[\u4e00-\u9fff]/);
    await page.getByTestId("lang-switch").selectOption("en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await page.getByTestId("iteration").textContent(), iteration, "no reset");
    assert.equal(await page.getByTestId("play").textContent(), "Play");
    assert.equal(await page.title(), "nnlab");
  });
});

test("the language can be switched on every lab, recorded data included", async (t) => {
  for (const hash of ["preset=reg-l2", "preset=gradcheck", "preset=init-he"]) {
    await withPage(t, { hash }, async (page) => {
      await wasmReady(page);
      await page.waitForSelector('#stage[data-ready="true"]');
      assert.ok(await page.getByTestId("lang-switch").isEnabled(), hash);
    });
  }
});

test("a Chinese browser without lang gets Chinese; lang=en overrides it", async (t) => {
  await withPage(t, { locale: "zh-CN", hash: "preset=init-he" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    assert.equal(await page.evaluate(() => navigator.language), "zh-CN");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    assert.equal(await page.getByTestId("lang-switch").inputValue(), "zh");
    assert.match(await page.locator("#settings-title").textContent(), /设置/);
  });
  await withPage(t, { locale: "zh-CN", hash: "preset=init-he&lang=en" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.locator("#settings-title").textContent(), "Settings");
  });
});

/** The intro's paragraph of the He lab: whether a reader sees it, and its text. */
const introShown = (page) =>
  page.evaluate(() => {
    const p = document.querySelector('.intro > p[data-lab-text="initialization"]');
    return { visible: getComputedStyle(p).visibility === "visible", text: p.textContent.trim() };
  });

test("a Chinese link paints no English before the engine starts", async (t) => {
  for (const [options, hash] of [
    [{}, "preset=init-he&lang=zh"],
    [{ locale: "zh-CN" }, "preset=init-he"],
    [{ locale: "zh-CN" }, "preset=init-he&lang=en"],
  ]) {
    const english = hash.endsWith("lang=en");
    await withPage(t, { ...options, goto: false, fresh: true }, async (page, { origin }) => {
      // The engine is held back until the first paint has been looked at.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route("**/*.wasm", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${origin}/#${hash}`, { waitUntil: "domcontentloaded" });
      await page.waitForFunction(() => document.readyState === "complete" || document.body !== null);
      const before = await introShown(page);
      assert.equal(before.visible, english, `${hash}: the static English is ${english ? "shown" : "not shown"}`);
      assert.equal(await page.getByTestId("lang-switch").isVisible(), english, `${hash}: the switch saying English`);
      const box = await page.locator(".intro > p[data-lab-text='initialization']").boundingBox();
      assert.ok(box && box.height > 0, `${hash}: the text keeps its place`);
      release();
      await page.waitForSelector('#stage[data-ready="true"]');
      const after = await introShown(page);
      assert.equal(after.visible, true, hash);
      assert.equal(await page.getByTestId("lang-switch").inputValue(), english ? "en" : "zh", hash);
      assert.ok(await page.getByTestId("lang-switch").isVisible(), hash);
      assert.equal(/[\u4e00-\u9fff]/.test(after.text), !english, `${hash}: ${after.text}`);
    });
  }
});

test("a refused link is explained in its language", async (t) => {
  await withPage(t, { hash: "lang=zh&lr=abc" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    const error = await page.getByTestId("error").textContent();
    assert.match(error, /lr=abc/);
    assert.match(error, /这个链接或设置无效/);
  });
});

test("a switch while training relabels compare's runs and regression's readout at once", async (t) => {
  await withPage(t, { hash: "preset=init-zeros&compare=1" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    const titles = () => page.locator("[data-testid=compare-run] figcaption").allTextContents();
    assert.ok((await titles()).some((title) => title.includes("Zeros")), String(await titles()));
    await page.getByTestId("lang-switch").selectOption("zh");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.ok((await titles()).includes("零初始化"), String(await titles()));
    const rows = await page.locator("#compare-rows th").allTextContents();
    assert.ok(rows.includes("零初始化"), String(rows));
  });
  await withPage(t, { hash: "problem=regression&data=plane&play=1" }, async (page) => {
    await wasmReady(page);
    await page.waitForSelector('#stage[data-ready="true"]');
    const english = await page.locator("#train-label").textContent();
    // The task that switches the page to Chinese (once the catalogue is in) already words
    // the regression's measure in Chinese: no frame shows the classification's words.
    const label = await page.evaluate(
      () =>
        new Promise((resolve) => {
          new MutationObserver((_, observer) => {
            observer.disconnect();
            resolve(document.getElementById("train-label").textContent);
          }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
          const select = document.querySelector('[data-testid="lang-switch"]');
          select.value = "zh";
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }),
    );
    assert.equal(label, "训练集损失（loss）", `was ${english}`);
  });
});
