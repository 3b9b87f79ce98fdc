// DOM helpers that only ever create text nodes: user-supplied strings (file names, service names, cells of an
// imported file) are set with textContent, never parsed as HTML.

/** Create an element: el("td", {className: "num"}, "text" | Node | [children]). Props are set as properties. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "attrs") for (const [a, av] of Object.entries(v)) node.setAttribute(a, String(av));
    else node[k] = v;
  }
  for (const c of [].concat(children)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A table row of cells (the first may be a row header). */
export function row(cells, { header = false, className } = {}) {
  return el(
    "tr",
    { className },
    cells.map((c, i) => (header && i === 0 ? el("th", { scope: "row" }, c) : el("td", {}, c))),
  );
}

/** Fill a <select> with [value, label] options, keeping `selected` if it is one of them. */
export function fillSelect(select, options, selected) {
  select.replaceChildren(...options.map(([value, label]) => el("option", { value }, label)));
  if (options.some(([v]) => v === selected)) select.value = selected;
}

export const $ = (id) => document.getElementById(id);

/**
 * Set the text of `node` to `text`, writing only when it differs. A node that holds one text node keeps it and
 * changes its data: a what-if move rewrites dozens of figures, and a fresh text node for each is garbage for the
 * collector and a layout object for the browser to rebuild.
 */
export function setText(node, text) {
  const t = node.firstChild;
  if (t !== null && t === node.lastChild && t.nodeType === Node.TEXT_NODE) {
    if (t.data !== text) t.data = text;
  } else if (node.textContent !== text) node.textContent = text;
}

/** "99.95%" from 0.9995, without float noise. */
export const percent = (f, digits = 3) => `${Number((f * 100).toFixed(digits))}%`;

/**
 * Lay the page out now. A view calls it at the end of the task that painted a what-if result, while the main thread
 * is otherwise idle until the next frame. The frame would do the same layout anyway, at its start: with the pointer
 * over the page, its hover update hit-tests the new layout before the animation callbacks, which delayed the repaint
 * by the layout's 1.5-2 ms. Done here, the frame starts with a clean layout. Call it last: nothing after it may
 * change the page in the same task, or the layout is done twice.
 */
export function layoutNow() {
  void document.body.offsetHeight;
}
