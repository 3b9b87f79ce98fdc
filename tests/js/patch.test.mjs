// Repainting what-if results in place (www/views/patch.js, www/charts/bars.js): the live nodes end up equal to the
// freshly built ones, the nodes themselves are kept when the shape is the same, and a new shape replaces them.
// These need a DOM: they run in Chromium (tests/e2e/js-suite.test.mjs) and are skipped in Node.
import { test } from "node:test";
import assert from "node:assert/strict";

const skip = typeof document === "undefined" && "needs a DOM (runs in Chromium)";

/** A table row as the views build it: a header cell, then cells with text and a data-value. */
function row(tier, cells) {
  const tr = document.createElement("tr");
  tr.dataset.tier = tier;
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = tier;
  tr.append(th);
  for (const [text, value] of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    if (value !== undefined) td.dataset.value = String(value);
    tr.append(td);
  }
  return tr;
}

test("patchChildren: the same shape keeps the nodes and changes only text and attributes", { skip }, async () => {
  const { patchChildren } = await import("../../www/views/patch.js");
  const body = document.createElement("tbody");
  body.append(row("page-1h", [["Quiet", 0], ["3 fires", 3]]), row("ticket-3d", [["Firing", 1], ["1 fire", 1]]));
  const [first, second] = body.children;
  const cell = first.children[2];
  patchChildren(body, [row("page-1h", [["Quiet", 0], ["5 fires", 5]]), row("ticket-1d", [["Firing", 1], ["1 fire"]])]);
  // The same row and cell objects, now with the new text and attributes (and data-value dropped where absent).
  assert.equal(body.children[0], first);
  assert.equal(body.children[1], second);
  assert.equal(first.children[2], cell);
  assert.equal(cell.textContent, "5 fires");
  assert.equal(cell.dataset.value, "5");
  assert.equal(second.dataset.tier, "ticket-1d");
  assert.equal(second.children[0].textContent, "ticket-1d");
  assert.equal(second.children[2].hasAttribute("data-value"), false);
  // What is on screen is what a rebuild would show.
  const rebuilt = document.createElement("tbody");
  rebuilt.append(row("page-1h", [["Quiet", 0], ["5 fires", 5]]), row("ticket-1d", [["Firing", 1], ["1 fire"]]));
  assert.equal(body.innerHTML, rebuilt.innerHTML);
});

test("patchChildren: another number of rows, or another element, replaces the children", { skip }, async () => {
  const { patchChildren } = await import("../../www/views/patch.js");
  const body = document.createElement("tbody");
  body.append(row("a", [["1", 1]]));
  const old = body.firstChild;
  patchChildren(body, [row("a", [["1", 1]]), row("b", [["2", 2]])]);
  assert.equal(body.children.length, 2);
  assert.notEqual(body.firstChild, old);
  // A cell with an element inside (a shape change below the row) is rebuilt too.
  const fresh = row("a", [["1", 1]]);
  fresh.children[1].replaceChildren(document.createElement("strong"));
  const kept = body.firstChild;
  patchChildren(body, [fresh]);
  assert.equal(body.children.length, 1);
  assert.notEqual(body.firstChild, kept);
  assert.equal(body.querySelectorAll("strong").length, 1);
});

test("stackedBars: the same rows and segments update the bars in place; other rows rebuild the figure", { skip }, async () => {
  const { stackedBars } = await import("../../www/charts/bars.js");
  const host = document.createElement("div");
  document.body.append(host);
  try {
    const spec = (met, labels = ["P1 response", "P2 response"]) => ({
      title: "Tickets",
      description: `met ${met}`,
      segments: ["Met", "Breached", "Running"],
      rows: labels.map((label) => ({ label, values: [met, 10 - met, 0] })),
    });
    const figure = stackedBars(host, spec(5));
    const widths = () => [...host.querySelectorAll("svg.bar rect.seg")].map((r) => r.getAttribute("width"));
    // Each row: met 5 of a total of 10 is 50% wide, breached 50%, running (0) 0% wide.
    assert.deepEqual(widths(), ["50%", "50%", "0%", "50%", "50%", "0%"]);
    assert.equal(stackedBars(host, spec(8)), figure);
    assert.deepEqual(widths(), ["80%", "20%", "0%", "80%", "20%", "0%"]);
    // The textured overlay of the breached segment moves with it (x after the met part).
    const overlay = host.querySelector('svg.bar rect[data-segment="1"]:not(.seg)');
    assert.equal(overlay.getAttribute("x"), "80%");
    assert.equal(overlay.getAttribute("width"), "20%");
    assert.equal(host.querySelector(".bars-body").getAttribute("aria-label"), "met 8");
    assert.equal(host.querySelector(".bars-row .bars-value").textContent, "10");
    // Other rows: a new figure.
    assert.notEqual(stackedBars(host, spec(8, ["P1 response"])), figure);
    assert.equal(host.querySelectorAll(".bars-row").length, 1);
  } finally {
    host.remove();
  }
});
