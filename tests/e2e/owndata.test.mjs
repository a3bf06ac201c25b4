// Own data in the page: paste and upload a CSV, draw points with mouse and touch, undo and
// redo, export the points, reopen the link in a new page for the same accuracies; a bad CSV
// or a bad points= link gives the engine's message and keeps the run and the text. Under
// regression a CSV's labels are numbers: the page trains them to the CLI's bits, and the
// editor adds points of a typed value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { REPO, screenshot, wasmReady, withPage } from "./harness.mjs";

const ready = (page) =>
  page.waitForFunction(() => document.querySelector("#stage")?.dataset.ready === "true");

/** Four clusters in units of hundreds (an XOR of cat and dog); the centre is empty. */
function ownCsv() {
  const rows = ["x1;x2;label"];
  for (let i = 0; i < 48; i++) {
    const corner = i % 4;
    const x = (corner & 1 ? 850 : 100) + ((i * 37) % 60);
    const y = (corner & 2 ? 850 : 100) + ((i * 53) % 60);
    rows.push(`${x};${y};${corner === 0 || corner === 3 ? "cat" : "dog"}`);
  }
  return rows.join("\r\n");
}

const pointCount = (page) =>
  page.evaluate(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1);

/** Page coordinates of data-space fraction (u, v) of the regions plot (0,0 top left). */
async function plotPoint(page, u, v) {
  await page.getByTestId("regions").scrollIntoViewIfNeeded();
  const box = await page.getByTestId("regions").boundingBox();
  const r = await page.evaluate(() => {
    const c = document.getElementById("regions-canvas");
    const g = window.nnlab.lab().regions(c.width, c.height, false);
    return { x0: g.x0, y0: g.y0, side: g.side, scale: c.clientWidth / c.width };
  });
  return {
    x: box.x + (r.x0 + u * r.side) * r.scale,
    y: box.y + (r.y0 + v * r.side) * r.scale,
  };
}

const accuracies = (page) =>
  page.evaluate(() => {
    const s = window.nnlab.lab().snapshot();
    return [s.trainAccuracyText, s.testAccuracyText, s.iteration];
  });

async function runToEnd(page) {
  await page.getByTestId("run-to-end").click();
  await page.waitForFunction(() => window.nnlab.lab().status() === "done", null, { timeout: 20_000 });
}

test("a CSV is read in the page's language (the tools' module, loaded on first use)", async (t) => {
  await withPage(t, { hash: "preset=init-he&iters=50&lang=zh" }, async (page) => {
    await ready(page);
    await page.getByTestId("data-text").fill("x1,x2,label\n1,2,0\n3,abc,1\n");
    await page.getByTestId("data-use").click();
    const error = page.getByTestId("data-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(), "第 3 行第 2 列（x2）：“abc”：应为 数字，例如 0.25 或 -1e3");
  });
});

test("paste, upload, edit, export and reopen own points", async (t) => {
  await withPage(t, { hash: "preset=init-he&iters=300", fresh: true }, async (page, { origin }) => {
    await wasmReady(page);
    await ready(page);
    // Paste.
    await page.getByTestId("data-text").fill(ownCsv());
    await page.getByTestId("data-use").click();
    await page.waitForFunction(() => location.hash.includes("data=custom"));
    assert.match(await page.evaluate(() => location.hash), /points=[A-Za-z0-9_-]{100,}/);
    assert.equal(
      await page.getByTestId("data-status").textContent(),
      "48 points, split by testFrac and dataSeed; labels: cat → 0, dog → 1",
    );
    assert.equal(await pointCount(page), 48);
    await page.getByTestId("step-10").click();
    const hash = await page.evaluate(() => location.hash);

    // A bad CSV: the message names line and column; the text, the link and the run stay.
    const bad = "x1,x2,label\n1,2,0\n3,abc,1\n";
    await page.getByTestId("data-text").fill(bad);
    await page.getByTestId("data-use").click();
    const error = page.getByTestId("data-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(), 'line 3, column 2 (x2): "abc": expected a number such as 0.25 or -1e3');
    assert.equal(await page.getByTestId("data-text").inputValue(), bad);
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.equal((await accuracies(page))[2], 10, "the run goes on from where it was");

    // Too many rows for a link: refused after counting, quickly, with the limit named.
    const big = "x1,x2,label\n" + "1,2,0\n3,4,1\n".repeat(60_000);
    await page.getByTestId("data-file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(big) });
    await page.waitForFunction(() => /120000 rows: at most 2000 points/.test(document.getElementById("data-error").textContent));
    assert.equal(await page.evaluate(() => location.hash), hash);

    // Upload (the file holds a set column: the split is fixed).
    const uploaded = ownCsv().replace("x1;x2;label", "x1;x2;label;set").replace(/\r\n(\d+;\d+;\w+)/g, (m, row, at) => `\r\n${row};${at % 5 ? "train" : "test"}`);
    await page.getByTestId("data-file").setInputFiles({ name: "own.csv", mimeType: "text/csv", buffer: Buffer.from(uploaded) });
    await page.waitForFunction((h) => location.hash !== h && location.hash.includes("points="), hash);
    assert.match(await page.getByTestId("data-status").textContent(), /^48 points, split by the set column/);
    assert.equal(await error.isHidden(), true);

    // Edit with the mouse: click the empty centre (adds the chosen class), shift-click
    // beside it (the other class), click the first point again (removes it).
    await page.getByTestId("edit-points").click();
    assert.equal(await page.getByTestId("edit-points").getAttribute("aria-pressed"), "true");
    await page.getByTestId("edit-class").selectOption("1");
    const centre = await plotPoint(page, 0.5, 0.5);
    await page.mouse.click(centre.x, centre.y);
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 49);
    const csvAfterAdd = await page.evaluate(() => window.nnlab.lab().pointsCsv());
    assert.match(csvAfterAdd, /,1,train\n/);
    const beside = await plotPoint(page, 0.3, 0.5);
    await page.keyboard.down("Shift");
    await page.mouse.click(beside.x, beside.y);
    await page.keyboard.up("Shift");
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 50);
    await page.mouse.click(centre.x, centre.y);
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 49);
    assert.equal(await page.evaluate(() => window.nnlab.lab().snapshot().iteration), 0, "training restarts");
    // Undo and redo with the keyboard.
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 50);
    await page.keyboard.press("Control+Shift+z");
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 49);
    await screenshot(page, "owndata-edit-desktop");

    // Export: the download is the engine's CSV, its name tells the configuration apart.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("data-export").click()]);
    const name = download.suggestedFilename();
    assert.match(name, /^nnlab-data-custom_points-[0-9a-f]{8}_iters-300-0\.points\.csv$/);
    const body = await fs.readFile(await download.path(), "utf8");
    assert.equal(body, await page.evaluate(() => window.nnlab.lab().pointsCsv()));
    assert.equal(body.split("\n")[0], "x1,x2,label,set");

    // Importing the exported file gives the same link.
    const link = await page.evaluate(() => location.hash);
    await page.getByTestId("data-text").fill(body);
    await page.getByTestId("data-use").click();
    await page.waitForFunction(() => document.getElementById("data-status").textContent.startsWith("49 points"));
    assert.equal(await page.evaluate(() => location.hash), link);

    // Reopen the link in a new page: the same accuracies at the end.
    await runToEnd(page);
    const here = await accuracies(page);
    const other = await page.context().newPage();
    await other.goto(`${origin}/${link}`);
    await wasmReady(other);
    await ready(other);
    await runToEnd(other);
    assert.deepEqual(await accuracies(other), here);
    await other.close();

    // A bad points= link: the engine's message; the run stays.
    await page.evaluate(() => {
      location.hash = "data=custom&points=AQAwAAAAAAAAAAAAAAAA";
    });
    const banner = page.getByTestId("error");
    await banner.waitFor({ state: "visible" });
    assert.match(await banner.textContent(), /points=AQAwAAAAAAAAAAAAAAAA: \d+ bytes where the header says \d+: the link was cut or changed/);
    assert.deepEqual(await accuracies(page), here);
    await screenshot(page, "owndata-desktop");
  });
});

test("draw points with touch on a phone", async (t) => {
  await withPage(t, { viewport: { width: 390, height: 844 }, hasTouch: true, hash: "data=moons&n=40&iters=100" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    assert.equal(await pointCount(page), 53, "40 training and 13 test points of the moons");
    await page.getByTestId("edit-points").tap();
    const corner = await plotPoint(page, 0.05, 0.05);
    await page.touchscreen.tap(corner.x, corner.y);
    await page.waitForFunction(() => location.hash.includes("data=custom&"));
    assert.equal(await pointCount(page), 54);
    await page.getByTestId("edit-undo").tap();
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 53);
    await page.getByTestId("edit-redo").tap();
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 54);
    await screenshot(page, "owndata-phone");
  });
});

/** `nnlab train --json query` (the CLI built by `cargo test --workspace`). */
function cli(query) {
  const bin = ["debug", "release"].map((p) => path.join(REPO, "target", p, "nnlab")).find(existsSync);
  assert.ok(bin, "target/{debug,release}/nnlab missing: run cargo test --workspace (or cargo build -p nnlab-cli) first");
  return JSON.parse(execFileSync(bin, ["train", "--json", query], { encoding: "utf8" }));
}

/** Four clusters in units of hundreds with a value each point (a tilted surface); the centre is empty. */
function valuedCsv() {
  const rows = ["x1,x2,height"];
  for (let i = 0; i < 48; i++) {
    const corner = i % 4;
    const x = (corner & 1 ? 850 : 100) + ((i * 37) % 60);
    const y = (corner & 2 ? 850 : 100) + ((i * 53) % 60);
    rows.push(`${x},${y},${((x - y) / 250).toFixed(3)}`);
  }
  return rows.join("\n");
}

test("regression: a numeric CSV trains to the CLI's bits and the editor adds valued points", async (t) => {
  await withPage(t, { hash: "data=moons&normalize=1&iters=300" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    // Paste numbers into a classification: more than two numbers are values, and the link
    // turns to regression by itself.
    await page.getByTestId("data-text").fill(valuedCsv());
    await page.getByTestId("data-use").click();
    await page.waitForFunction(() => location.hash.includes("data=custom"));
    assert.equal(
      await page.getByTestId("data-status").textContent(),
      "48 points, split by testFrac and dataSeed; labels: numbers from -3.224 to 3.112: " +
        "more than two numbers, so the link now fits them (problem=regression)",
    );
    const query = (await page.evaluate(() => location.hash)).slice(1);
    assert.match(query, /^data=custom&problem=regression&normalize=1&points=[A-Za-z0-9_-]{100,}&iters=300$/);
    await runToEnd(page);
    const s = await page.evaluate(() => window.nnlab.lab().snapshot());
    const want = cli(query);
    assert.equal(want.query, query, "the CLI reads the page's link");
    assert.equal(s.cost, want.costs.at(-1)[1], "the page's last cost is the CLI's bits");
    assert.deepEqual(s.losses, [want.train_loss, want.test_loss]);
    assert.ok(want.train_loss < want.costs[0][1] / 5, `it learns: ${want.costs[0][1]} → ${want.train_loss}`);
    // The points carry their values' colours (the engine's diverging scale), one list.
    const colours = await page.evaluate(() => {
      const c = document.getElementById("regions-canvas");
      const r = window.nnlab.lab().regions(c.width, c.height, true);
      return { sets: r.train.length, points: r.train[0].length / 2, rgb: r.trainRgb.length, test: r.testRgb.length };
    });
    assert.deepEqual(colours, { sets: 1, points: 36, rgb: 108, test: 36 });

    // The editor offers a value instead of a class; a click adds a point of that value,
    // shift-click its negative; undo walks back; a value that is no number is named.
    await page.getByTestId("edit-points").click();
    assert.equal(await page.getByTestId("edit-class").isVisible(), false);
    const value = page.getByTestId("edit-value");
    assert.equal(await value.isVisible(), true);
    assert.match(await page.locator("#edit-hint").textContent(), /shift-click: its negative/);
    // Values beyond the data's range become the range's ends, which the link keeps exactly.
    await value.fill("5");
    const centre = await plotPoint(page, 0.5, 0.5);
    await page.mouse.click(centre.x, centre.y);
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 49);
    assert.match(await page.evaluate(() => window.nnlab.lab().pointsCsv()), /,5\.0,train\n/);
    const beside = await plotPoint(page, 0.3, 0.5);
    await page.keyboard.down("Shift");
    await page.mouse.click(beside.x, beside.y);
    await page.keyboard.up("Shift");
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 50);
    assert.match(await page.evaluate(() => window.nnlab.lab().pointsCsv()), /,-5\.0,train\n/);
    assert.match(await page.evaluate(() => location.hash), /^#data=custom&problem=regression&/);
    await page.getByTestId("edit-undo").click();
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 49);
    await screenshot(page, "owndata-values-desktop");
    const hash = await page.evaluate(() => location.hash);
    await value.fill("abc");
    await page.mouse.click(beside.x, beside.y);
    const error = page.getByTestId("data-error");
    await error.waitFor({ state: "visible" });
    assert.equal(await error.textContent(), 'value "abc": expected a finite number from -1e12 to 1e12');
    assert.equal(await page.evaluate(() => location.hash), hash, "the link and the run stay");
    // The same link, reopened, is the CLI's run too.
    const edited = hash.slice(1);
    const got = await page.evaluate(() => {
      const lab = window.nnlab.lab();
      lab.step(1e6);
      return lab.snapshot().cost;
    });
    assert.equal(got, cli(edited).costs.at(-1)[1]);
  });
});

test("regression: a phone adds a valued point with touch", async (t) => {
  await withPage(t, { viewport: { width: 390, height: 844 }, hasTouch: true, hash: "data=gauss&problem=regression&n=40&iters=100" }, async (page) => {
    await wasmReady(page);
    await ready(page);
    await page.getByTestId("edit-points").tap();
    await page.getByTestId("edit-value").fill("-3");
    const corner = await plotPoint(page, 0.03, 0.03);
    await page.touchscreen.tap(corner.x, corner.y);
    await page.waitForFunction(() => location.hash.includes("data=custom&problem=regression&"));
    assert.equal(await pointCount(page), 54);
    assert.match(await page.evaluate(() => window.nnlab.lab().pointsCsv()), /,-3\.0,train\n/);
    await screenshot(page, "owndata-values-phone");
    await page.getByTestId("edit-undo").tap();
    await page.waitForFunction(() => window.nnlab.lab().pointsCsv().trim().split("\n").length - 1 === 53);
  });
});
