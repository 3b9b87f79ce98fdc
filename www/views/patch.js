// Repainting a what-if result in place. A view builds its result as fresh nodes (with dom.js's el), as it always
// did, and patchChildren makes the live nodes match them, touching only the attributes and text that differ. When a
// control moves, most of a table stays as it was (labels, headers, unchanged figures), and nodes the browser has
// already styled and laid out are kept: it restyles, lays out and repaints the changed text only. When the shape
// differs (another number of rows, another element), the children are replaced, as before.
// Only for nodes without event listeners or properties that are not attributes (the fresh ones are dropped).

function sameShape(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  if (a.tagName !== b.tagName || a.namespaceURI !== b.namespaceURI || a.childNodes.length !== b.childNodes.length) return false;
  for (let i = 0; i < a.childNodes.length; i++) if (!sameShape(a.childNodes[i], b.childNodes[i])) return false;
  return true;
}

function patchNode(a, b) {
  if (a.nodeType !== Node.ELEMENT_NODE) {
    if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
    return;
  }
  for (const { name, value } of b.attributes) if (a.getAttribute(name) !== value) a.setAttribute(name, value);
  for (const { name } of [...a.attributes]) if (!b.hasAttribute(name)) a.removeAttribute(name);
  for (let i = 0; i < a.childNodes.length; i++) patchNode(a.childNodes[i], b.childNodes[i]);
}

/** Make the children of `parent` equal to `fresh` (nodes not in the document), changing only what differs. */
export function patchChildren(parent, fresh) {
  const old = parent.childNodes;
  if (old.length !== fresh.length || fresh.some((n, i) => !sameShape(old[i], n))) {
    parent.replaceChildren(...fresh);
    return;
  }
  fresh.forEach((n, i) => patchNode(old[i], n));
}
