// A lane timeline in SVG: one row per lane (an alert tier, the incidents), with bars for intervals (when the tier
// was firing, when an incident ran), drawn under a uPlot chart and aligned to its plot area so both share one time
// axis. Text is set with textContent; colours come from classes in style.css (no inline styles, CSP-safe), and each
// lane's label says in words what its bars mean, so colour never carries meaning alone.

import { setText } from "../dom.js";

const SVG = "http://www.w3.org/2000/svg";

function node(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

/**
 * Create a timeline in `container`. `update(spec)` draws:
 * spec: { from, to (ms), description, lanes: [{label, kind, bars: [{start, end (ms), label}]}],
 *         plot?: {left, right} or a function returning it: the margins (CSS px) of a chart's plot area in a container
 *         of the same width, to align with it; a function is asked again on every redraw, a resize included;
 *         alignWith?: the element whose box `plot` measures (watched, so the timeline follows its resizes) }
 * Bars are clipped to [from, to]; a bar shorter than 2 px is drawn 2 px wide so a short fire stays visible.
 */
export function createTimeline(container) {
  const host = document.createElement("div");
  host.className = "timeline";
  container.replaceChildren(host);
  let current = null;

  let drawnWith = null;
  const margins = () => (typeof current?.plot === "function" ? current.plot() : current?.plot) ?? null;
  let width = 0;
  let laneKeys = null; // per lane, what it was last drawn from
  let laneGeometry = null; // the plot's position and the time span the lanes were last drawn for
  const keyOf = new WeakMap(); // a bar's rect → the key of its drawing
  /** Draw with fresh measurements, or (`cached`) with the last ones: no forced layout in a what-if's hot path. */
  function draw(cached = false) {
    const s = current;
    if (!s) return;
    if (!cached || !drawnWith || !width) {
      width = Math.max(240, host.clientWidth || container.clientWidth || 600);
      drawnWith = margins();
    }
    const plot = drawnWith;
    const left = plot?.left ?? 8;
    const plotWidth = Math.max(40, width - left - (plot?.right ?? 8));
    const laneH = 26;
    const labelH = 13;
    const height = s.lanes.length * laneH + 4;
    const span = Math.max(1, s.to - s.from);
    const xOf = (t) => left + ((Math.min(Math.max(t, s.from), s.to) - s.from) / span) * plotWidth;
    const barH = laneH - labelH - 3;
    // A bar's drawing: its rect's attributes (in the order a fresh one is made with) and its tooltip. The key is all
    // of it, so a bar with the same key is drawn exactly alike and can stay on screen as it is.
    // Bars drawn alike (the same outage imported twice) get keys of their own: "#n" counts the earlier ones.
    const barsOf = (lane, k) => {
      const y = k * laneH + 2 + labelH;
      const out = [];
      const seen = new Map();
      for (const b of lane.bars) {
        if (b.end < s.from || b.start > s.to) continue;
        const x0 = xOf(b.start);
        const x1 = Math.max(x0 + 2, xOf(b.end));
        const attrs = { class: `bar bar-${b.kind ?? lane.kind ?? "tier"}`, x: x0, y, width: x1 - x0, height: barH };
        const drawing = `${attrs.class}|${x0}|${x1}|${y}|${b.label ?? ""}`;
        const n = seen.get(drawing) ?? 0;
        seen.set(drawing, n + 1);
        out.push({ key: `${drawing}#${n}`, attrs, label: b.label });
      }
      return out;
    };
    const barNode = (bar) => {
      const r = node("rect", bar.attrs);
      if (bar.label) r.append(node("title", {}, bar.label));
      keyOf.set(r, bar.key);
      return r;
    };
    const laneNode = (lane, k) => {
      const y = k * laneH + 2;
      const g = node("g", { class: `lane lane-${lane.kind ?? "tier"}` });
      g.append(node("rect", { class: "lane-bg", x: left, y: y + labelH, width: plotWidth, height: barH }));
      // Labels start at the left edge (not the plot's), so a long one still fits at phone width.
      g.append(node("text", { class: "lane-label", x: 2, y: y + labelH - 3 }, lane.label));
      for (const bar of barsOf(lane, k)) g.append(barNode(bar));
      return g;
    };
    /**
     * Make lane `g` (drawn for the same geometry and position) show `lane`: its label's text set, bars whose drawing
     * is unchanged left where they are, the others removed or made, in the order a fresh drawing has them. A move of
     * a what-if adds or removes a few fires near the incident, out of up to a hundred in a lane.
     */
    const patchLane = (g, lane, k) => {
      const label = g.childNodes[1];
      setText(label, lane.label);
      const kept = new Map();
      for (let n = label.nextSibling; n; n = n.nextSibling) kept.set(keyOf.get(n), n);
      let at = label.nextSibling;
      for (const bar of barsOf(lane, k)) {
        const n = kept.get(bar.key);
        if (n) {
          kept.delete(bar.key);
          if (n === at) at = at.nextSibling;
          else g.insertBefore(n, at);
        } else g.insertBefore(barNode(bar), at);
      }
      for (const n of kept.values()) n.remove();
    };
    // What each lane was drawn from: a lane whose key is unchanged is left as it is on screen (a what-if move often
    // changes one lane's bars, and a tight objective can put a hundred fires in a lane).
    const geometry = [left, plotWidth, s.from, s.to];
    const keys = s.lanes.map((lane, k) => JSON.stringify([geometry, k, lane.label, lane.kind, lane.bars]));
    const attrs = { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": s.description ?? "Timeline" };
    const live = host.firstChild;
    const geometryKey = JSON.stringify(geometry);
    const sameGeometry = laneGeometry === geometryKey;
    laneGeometry = geometryKey;
    if (live && laneKeys && laneKeys.length === keys.length && live.childNodes.length === keys.length) {
      for (const [k, v] of Object.entries(attrs)) if (live.getAttribute(k) !== String(v)) live.setAttribute(k, String(v));
      keys.forEach((key, k) => {
        if (key === laneKeys[k]) return;
        const old = live.childNodes[k];
        const kind = `lane lane-${s.lanes[k].kind ?? "tier"}`;
        // Patched in place when drawn for the same geometry and of the same kind, else replaced.
        if (sameGeometry && old.getAttribute("class") === kind) patchLane(old, s.lanes[k], k);
        else old.replaceWith(laneNode(s.lanes[k], k));
      });
      laneKeys = keys;
      return;
    }
    const svg = node("svg", attrs);
    s.lanes.forEach((lane, k) => svg.append(laneNode(lane, k)));
    // (The first drawing, or another number of lanes: later moves patch the lanes above.)
    host.replaceChildren(svg);
    laneKeys = keys;
  }

  // A chart laid out in the same pass may settle its plot area a moment later (uPlot commits sizes in a
  // microtask): draw now with the last measurements, then check them on the next frame and redraw if they moved.
  let frame = 0;
  function drawTwice(cached = true) {
    draw(cached);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const before = drawnWith;
      const w = host.clientWidth;
      const m = margins();
      const moved = (a, b) => Math.abs((a ?? -1) - (b ?? -1)) > 0.5;
      if (moved(w, width) || moved(m?.left, before?.left) || moved(m?.right, before?.right)) draw();
    });
  }
  // Redraw when this box or the element it aligns with (a chart's plot area) changes size.
  const resize = new ResizeObserver(() => current && drawTwice(false));
  resize.observe(host);
  let aligned = null;

  return {
    update(spec) {
      current = spec;
      if (spec.alignWith !== aligned) {
        if (aligned) resize.unobserve(aligned);
        aligned = spec.alignWith ?? null;
        if (aligned) resize.observe(aligned);
        drawTwice();
        return;
      }
      // Aligned with the same element as before: a change of its box or of this one reaches the ResizeObserver
      // (in the same frame, after layout), so there is nothing to re-measure in the next frame. This keeps a forced
      // layout out of every what-if repaint.
      if (aligned) draw(true);
      else drawTwice();
    },
    destroy() {
      cancelAnimationFrame(frame);
      resize.disconnect();
      host.remove();
    },
  };
}
