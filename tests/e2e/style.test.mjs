// The page's colours are named once, as custom properties in style.css's :root; every other
// rule uses var(--name). (A static check of the stylesheets, no browser.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const WWW = new URL("../../www/", import.meta.url);
const SHEETS = ["style.css", "views.css", "js/panels.css"];

test("hex colours appear only in :root", () => {
  for (const name of SHEETS) {
    const css = readFileSync(new URL(name, WWW), "utf8").replace(/:root\s*\{[^}]*\}/g, "");
    const found = css.match(/#[0-9a-f]{3,8}\b/gi) ?? [];
    assert.deepEqual(found, [], `${name} writes colours outside :root`);
  }
});
