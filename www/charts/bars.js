// Horizontal stacked bars drawn as HTML rows with a small SVG each (no canvas, no inline styles: the CSP allows
// neither a style attribute nor a <style> element, and SVG geometry is attributes). Each segment has a fill colour
// AND a texture (solid, hatched, dotted), named in the legend, so colour never carries the meaning alone; the
// figure's text description and the table the caller puts beside it give every number.
import { el } from "../dom.js";

const NS = "http://www.w3.org/2000/svg";
const TEXTURES = ["solid", "hatch", "dots", "cross"];
let uid = 0;

function svg(tag, attrs = {}, children = []) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

/** Pattern definitions for the textures, ids prefixed so several charts can share a page. */
function defs(prefix) {
  return svg("defs", {}, [
    svg("pattern", { id: `${prefix}-hatch`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, [
      svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "texture-line" }),
    ]),
    svg("pattern", { id: `${prefix}-dots`, width: 5, height: 5, patternUnits: "userSpaceOnUse" }, [svg("circle", { cx: 2.5, cy: 2.5, r: 1.2, class: "texture-dot" })]),
    svg("pattern", { id: `${prefix}-cross`, width: 6, height: 6, patternUnits: "userSpaceOnUse" }, [
      svg("path", { d: "M0 0L6 6M6 0L0 6", class: "texture-line" }),
    ]),
  ]);
}

function swatch(base, k) {
  const texture = TEXTURES[k % TEXTURES.length];
  const prefix = `${base}-s${k}`;
  return svg("svg", { class: "swatch", width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" }, [
    defs(prefix),
    svg("rect", { width: 14, height: 14, class: `seg seg-${k}` }),
    ...(texture === "solid" ? [] : [svg("rect", { width: 14, height: 14, fill: `url(#${prefix}-${texture})` })]),
  ]);
}

/**
 * Draw stacked bars into `container` (replacing its content).
 * spec: { title, description, segments: [label, …], rows: [{label, values: [number per segment], total?}],
 *         max?, format?(value) → text }
 * Returns the figure element.
 */
export function stackedBars(container, spec) {
  const format = spec.format ?? ((v) => String(v));
  const totals = spec.rows.map((r) => r.total ?? r.values.reduce((a, b) => a + b, 0));
  const max = spec.max ?? Math.max(1, ...totals);
  // The same segments and rows as the figure already drawn here (a what-if control moved): change the numbers in
  // place. Rebuilding would make new texture patterns for the browser to rasterise on every move.
  const shape = JSON.stringify([spec.segments, spec.rows.map((r) => r.label)]);
  const drawn = container.firstElementChild;
  if (drawn?.classList.contains("bars") && drawn.dataset.shape === shape) {
    drawn.querySelector("figcaption").textContent = spec.title;
    const body = drawn.querySelector(".bars-body");
    body.setAttribute("aria-label", spec.description ?? spec.title);
    spec.rows.forEach((r, i) => {
      const row = body.children[i];
      const bar = row.querySelector("svg.bar");
      let x = 0;
      r.values.forEach((v, k) => {
        const w = v > 0 ? (100 * v) / max : 0;
        for (const rect of bar.querySelectorAll(`rect[data-segment="${k}"]`)) {
          rect.setAttribute("x", `${x}%`);
          rect.setAttribute("width", `${w}%`);
        }
        x += w;
      });
      row.lastElementChild.textContent = format(totals[i]);
    });
    return drawn;
  }
  const prefix = `bars${++uid}`;
  const figure = el("figure", { className: "bars" });
  const caption = el("figcaption", { className: "chart-caption" }, spec.title);
  const legend = el(
    "ul",
    { className: "bars-legend" },
    spec.segments.map((label, k) => el("li", {}, [swatch(prefix, k), ` ${label} (${TEXTURES[k % TEXTURES.length]})`])),
  );
  const body = el("div", { className: "bars-body", attrs: { role: "img", "aria-label": spec.description ?? spec.title } });
  spec.rows.forEach((r, i) => {
    const bar = svg("svg", { class: "bar", width: "100%", height: 18, "aria-hidden": "true", preserveAspectRatio: "none" }, [defs(`${prefix}-${i}`)]);
    let x = 0;
    // Every segment gets its rects, 0 wide when its value is 0, so an update in place can size them all.
    r.values.forEach((v, k) => {
      const w = v > 0 ? (100 * v) / max : 0;
      const texture = TEXTURES[k % TEXTURES.length];
      bar.append(svg("rect", { x: `${x}%`, y: 1, width: `${w}%`, height: 16, class: `seg seg-${k}`, "data-segment": k }));
      if (texture !== "solid") bar.append(svg("rect", { x: `${x}%`, y: 1, width: `${w}%`, height: 16, fill: `url(#${prefix}-${i}-${texture})`, "data-segment": k }));
      x += w;
    });
    body.append(el("div", { className: "bars-row" }, [el("span", { className: "bars-label" }, r.label), bar, el("span", { className: "bars-value" }, format(totals[i]))]));
  });
  figure.dataset.shape = shape;
  figure.append(caption, legend, body);
  container.replaceChildren(figure);
  return figure;
}
