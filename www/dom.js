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

/** "99.95%" from 0.9995, without float noise. */
export const percent = (f, digits = 3) => `${Number((f * 100).toFixed(digits))}%`;
