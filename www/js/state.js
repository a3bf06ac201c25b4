// The current run: its Lab handle (wasm) and canonical query, and the URL's hash.
//
// The link is parsed only by the engine: `load` hands the raw text (location.hash or a
// query the engine built) to `new wasm.Lab(...)`, and the URL gets the engine's canonical
// `lab.query()` back through history.replaceState (which fires no hashchange).

import { messageOf } from "./dom.js";

/** Creates the state holder. `wasm` is the module's exports (window.wasmBindings). */
export function createState(wasm) {
  let lab = null;
  let query = "";

  return {
    /** The current Lab handle (owned here: never free it elsewhere). */
    get lab() {
      return lab;
    },

    /** The canonical query of the current lab. */
    get query() {
      return query;
    },

    /**
     * Loads `text` (a link, a `#`/`?` query or a bare query). When it describes the
     * current run with other view settings only (show test points, log scale, compare,
     * play), the current Lab keeps training and `{ ok: true, kept: true }` comes back;
     * otherwise (or with `fresh`) a new Lab replaces the old one, which is freed. On a bad
     * link nothing changes and `{ ok: false, error }` carries the engine's message (it
     * names the key and the value).
     */
    load(text, { fresh = false } = {}) {
      // A teacher's lock: a link that changes a locked key is refused, the run kept.
      try {
        lab?.allows(text);
      } catch (err) {
        return { ok: false, error: messageOf(err) };
      }
      if (lab && !fresh) {
        try {
          if (lab.adopt(text)) {
            query = lab.query();
            return { ok: true, kept: true, warnings: lab.warnings() };
          }
        } catch (err) {
          return { ok: false, error: messageOf(err) };
        }
      }
      let next;
      try {
        next = new wasm.Lab(text);
      } catch (err) {
        return { ok: false, error: messageOf(err) };
      }
      lab?.free();
      lab = next;
      query = next.query();
      return { ok: true, kept: false, warnings: next.warnings() };
    },

    /** The query in the address bar, as typed. */
    urlQuery() {
      return location.hash;
    },

    /** Writes the canonical query into the address bar without a new history entry. */
    writeUrl() {
      const target = query ? `#${query}` : location.pathname + location.search;
      if (location.hash !== (query ? `#${query}` : "")) history.replaceState(null, "", target);
    },

    /** The shareable link of the current run. */
    link() {
      return `${location.origin}${location.pathname}${location.search}${query ? `#${query}` : ""}`;
    },
  };
}
