// A teacher's link on the page: locked controls read-only with a badge, hidden controls
// gone, the task's text, the compact embed view and its "open the full lab" link. The
// engine resolves the link (lab.classroom(): keys, not groups; the task cut to its limit)
// and refuses later links that change what is locked (lab.allows, in state.js); this module
// only marks the page. The task is set with textContent only: nothing in it is markup.

/** Elements that show key `name`: its form field, a control beside its view, a panel's
 *  fieldset (data-lock-key). */
function controlsOf(name) {
  return document.querySelectorAll(`[data-field="${name}"], [data-key="${name}"], [data-lock-key="${name}"]`);
}

/** The element to hide for a control: a checkbox's label, else the control itself. */
function boxOf(el) {
  return el.matches("input") ? (el.closest("label") ?? el) : el;
}

/** Binds the page's classroom elements (ids from index.html). */
export function createClassroom(doc = document) {
  const $ = (id) => doc.getElementById(id);
  const badge = $("locked-badge");
  /** What apply() changed, for clear(): [element, property, old value]; badges added. */
  let marks = [];
  let badges = [];

  function mark(el, prop, value) {
    marks.push([el, prop, el[prop]]);
    el[prop] = value;
  }

  function lock(el) {
    const inputs = el.matches("input, select, button, fieldset, textarea")
      ? [el]
      : [...el.querySelectorAll("input, select, button, textarea")];
    for (const input of inputs) mark(input, "disabled", true);
    const b = badge.content.firstElementChild.cloneNode(true);
    // Inside a field or a checkbox's label; after a button, whose text it would join.
    if (el.matches("button")) el.after(b);
    else (el.matches("input") ? boxOf(el) : el).append(b);
    badges.push(b);
  }

  function hide(el) {
    mark(boxOf(el), "hidden", true);
  }

  return {
    /** Undoes apply()'s marks (before the controls show another link). */
    clear() {
      for (const [el, prop, old] of marks.reverse()) el[prop] = old;
      for (const b of badges) b.remove();
      marks = [];
      badges = [];
    },

    /** Marks the page for `lab`'s link (after the controls show it: they rebuild some
     *  buttons and enable fields). Returns the link's classroom info. */
    apply(lab) {
      const info = lab.classroom();
      for (const name of info.locked) for (const el of controlsOf(name)) lock(el);
      for (const name of info.hidden) for (const el of controlsOf(name)) hide(el);
      // A group whose every field is hidden goes too.
      for (const set of doc.querySelectorAll("#controls fieldset.group")) {
        const fields = [...set.querySelectorAll("[data-field]")];
        if (fields.length && fields.every((f) => f.hidden)) hide(set);
      }
      $("locked-note").hidden = info.locked.length === 0;
      $("task-text").textContent = info.task;
      $("task-panel").hidden = info.task === "";
      doc.body.classList.toggle("embed", info.embed);
      const full = $("full-lab");
      full.hidden = !info.embed;
      full.href = `${location.origin}${location.pathname}${location.search}#${info.fullQuery}`;
      return info;
    },
  };
}
