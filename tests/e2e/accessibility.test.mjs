// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules, and axe's best practices) finds no
// violation in any lab state, at desktop and phone size. States: the default lab, compare
// mode (its table scrolls on phones), the gradient check opened (its table scrolls), and a
// custom configuration. axe runs in the page through the DevTools protocol (page.evaluate),
// which the page's strict CSP does not govern, so the page itself stays unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { withPage } from "./harness.mjs";

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const STATES = {
  initialization: { hash: "preset=init-he" },
  compare: { hash: "preset=reg-l2&compare=1" },
  gradcheck: {
    hash: "preset=gradcheck",
    open: async (page) => {
      // The gradient-checking lab opens its check by itself.
      await page.getByTestId("gradcheck-table").locator("tbody tr").first().waitFor();
    },
  },
  custom: { hash: "data=spiral&layers=8,8&lr=0.1" },
};

/** Violations of axe's WCAG A/AA rules and best practices, one line per node. */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ")}`) }));
  });
  return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n}`));
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`axe-core finds no violation in any lab state (${size})`, async (t) => {
    const problems = [];
    for (const [name, state] of Object.entries(STATES)) {
      await withPage(t, { viewport, hash: state.hash }, async (page) => {
        await page.waitForFunction(() => document.getElementById("stage").dataset.ready === "true");
        await state.open?.(page);
        for (const v of await violations(page)) problems.push(`${name}: ${v}`);
      });
    }
    assert.ok(problems.length === 0, `axe-core violations (${size}):\n  ${problems.join("\n  ")}`);
  });
}
