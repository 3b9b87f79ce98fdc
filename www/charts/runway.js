// The capacity fan chart: history, the forecast median with nested prediction intervals (charts/fan.js builds the
// series), and an overlay that what-if controls move without rebuilding the plot: threshold lines that may step at
// a capacity change, vertical markers ("now", a launch, the runway date) and runway ranges (a bar from the
// earliest to the latest plausible crossing, drawn at the threshold, with a dot at the mean crossing).
//
// The overlay has its own canvas layered over uPlot's, so `setOverlay` redraws a few lines and leaves the plotted
// series alone (unless the y range changes); `setData` rebuilds the plot, for a new resource or model.
import uPlot from "uplot";
import { bandAlpha, buildFan, withAlpha } from "./fan.js";

function theme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v("--fg", "#1b1f24"),
    muted: v("--muted", "#57606a"),
    grid: v("--border", "#d0d7de"),
    bad: v("--bad", "#b3261e"),
    warn: v("--warn", "#8a5a00"),
    accent: v("--chart-1", "#0b5cad"),
    second: v("--chart-2", "#b35900"),
  };
}

/** Resolve a colour role ("bad", "warn", "muted", "accent", "second") or pass a literal colour through. */
const colour = (t, c, fallback) => (c && Object.hasOwn(t, c) ? t[c] : c) ?? fallback;

function drawOverlay(u, o, t, ctx) {
  const { left, top, width, height } = u.bbox;
  const dpr = devicePixelRatio || 1;
  const xPos = (x) => Math.min(left + width, Math.max(left, u.valToPos(x, "x", true)));
  const yPos = (y) => u.valToPos(y, "y", true);
  // On a narrow chart, labels of minor lines and markers are left out (the text beside the chart says it all).
  const compact = width / dpr < 420;
  ctx.save();
  ctx.font = `${11 * dpr}px system-ui, sans-serif`;
  ctx.lineWidth = dpr;
  // Threshold lines: each a list of {from, to, value} segments (seconds), joined by vertical risers.
  for (const line of o.lines ?? []) {
    const c = colour(t, line.color, t.bad);
    ctx.strokeStyle = c;
    ctx.lineWidth = (line.width ?? 1.5) * dpr;
    ctx.setLineDash((line.dash ?? [6, 4]).map((d) => d * dpr));
    ctx.beginPath();
    let first = true;
    for (const s of line.segments) {
      const y = yPos(s.value);
      if (first) ctx.moveTo(xPos(s.from), y);
      else ctx.lineTo(xPos(s.from), y);
      ctx.lineTo(xPos(s.to), y);
      first = false;
    }
    ctx.stroke();
    if (line.label && line.segments.length && !(compact && line.minor)) {
      const last = line.segments[line.segments.length - 1];
      ctx.fillStyle = c;
      ctx.textAlign = "right";
      ctx.fillText(line.label, left + width - 4 * dpr, yPos(last.value) + (line.labelBelow ? 13 : -4) * dpr);
    }
  }
  ctx.lineWidth = dpr;
  // Vertical markers.
  for (const m of o.markers ?? []) {
    const x = u.valToPos(m.x, "x", true);
    if (!(x >= left && x <= left + width)) continue;
    const c = colour(t, m.color, t.muted);
    ctx.strokeStyle = c;
    ctx.setLineDash((m.dash ?? []).map((d) => d * dpr));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    if (m.label && !(compact && m.minor)) {
      const right = x > left + width * 0.6;
      ctx.fillStyle = c;
      ctx.textAlign = right ? "right" : "left";
      ctx.fillText(m.label, x + (right ? -4 : 4) * dpr, top + (12 + 13 * (m.row ?? 0)) * dpr);
    }
  }
  // Runway ranges: earliest → latest at the threshold's height, a dot at the mean crossing.
  ctx.setLineDash([]);
  for (const r of o.ranges ?? []) {
    const c = colour(t, r.color, t.accent);
    const y = yPos(r.y) + (r.offset ?? 0) * dpr;
    if (r.from !== undefined) {
      const x1 = xPos(r.from);
      const x2 = r.to !== undefined ? xPos(r.to) : left + width;
      ctx.fillStyle = withAlpha(c, 0.35);
      ctx.fillRect(x1, y - 3 * dpr, Math.max(dpr, x2 - x1), 6 * dpr);
      ctx.strokeStyle = c;
      ctx.strokeRect(x1, y - 3 * dpr, Math.max(dpr, x2 - x1), 6 * dpr);
    }
    if (r.at !== undefined) {
      ctx.fillStyle = c;
      ctx.beginPath();
      ctx.arc(xPos(r.at), y, 5 * dpr, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}

/**
 * Create the chart in `container`.
 * data: {title, description, x (seconds), history, median, bands: [{lower, upper, label}] (widest first),
 *        historyLabel, medianLabel, yLabel, height?}
 * overlay: {lines: [{segments: [{from, to, value}], label, color, dash, width, minor?}], markers: [{x, label, color,
 *           dash, row, minor?}], ranges: [{y, from?, to?, at?, color, offset}], yRange: [min, max], description?}
 * (`minor` labels are left out on a narrow chart.)
 * Returns {setData(data, overlay), setOverlay(overlay), destroy(), plot}.
 */
export function createRunwayChart(container, data, overlay) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  const canvasHost = document.createElement("div");
  canvasHost.setAttribute("role", "img");
  const caption = document.createElement("figcaption");
  caption.className = "chart-caption";
  figure.append(caption, canvasHost);
  container.replaceChildren(figure);
  let plot = null;
  let layer = null; // the overlay's canvas, over uPlot's
  let d = data;
  let o = overlay;
  let t = theme();

  /** Redraw the overlay layer alone, matching uPlot's canvas size. */
  function drawLayer() {
    if (!plot || !layer) return;
    const base = plot.ctx.canvas;
    if (layer.width !== base.width || layer.height !== base.height) {
      layer.width = base.width;
      layer.height = base.height;
    }
    const ctx = layer.getContext("2d");
    ctx.clearRect(0, 0, layer.width, layer.height);
    drawOverlay(plot, o, t, ctx);
  }

  function describe() {
    canvasHost.setAttribute("aria-label", o.description ?? d.description ?? d.title ?? "Chart");
  }

  function build() {
    plot?.destroy();
    t = theme();
    caption.textContent = d.title ?? "";
    describe();
    const fan = buildFan({ x: d.x, history: d.history, median: d.median, bands: d.bands, historyLabel: d.historyLabel, medianLabel: d.medianLabel });
    const count = d.bands.length;
    const series = [{ label: "Time" }];
    for (const f of fan.series.slice(1)) {
      if (f.role === "history") series.push({ label: f.label, stroke: t.fg, width: 1.25, points: { show: false } });
      else if (f.role === "median") series.push({ label: f.label, stroke: t.accent, width: 2, dash: [6, 3], points: { show: false } });
      else series.push({ label: f.label, stroke: withAlpha(t.accent, 0.35), width: 0.5, points: { show: false } });
    }
    const bands = fan.bands.map((b) => ({ series: b.series, fill: withAlpha(t.accent, bandAlpha(b.band, count)) }));
    const axis = { stroke: t.muted, grid: { stroke: withAlpha(t.grid.startsWith("#") ? t.grid : "#888888", 0.6), width: 1 }, ticks: { stroke: t.grid } };
    const width = Math.max(240, canvasHost.clientWidth || container.clientWidth || 600);
    plot = new uPlot(
      {
        width,
        height: d.height ?? 300,
        series,
        bands,
        scales: { x: { time: true }, y: { range: () => o.yRange } },
        axes: [axis, { ...axis, label: d.yLabel, labelSize: d.yLabel ? 18 : 0, size: 60 }],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        // Whenever uPlot redraws (new scale, new size), the overlay follows.
        hooks: { draw: [drawLayer] },
      },
      fan.data,
      canvasHost,
    );
    layer = document.createElement("canvas");
    layer.className = "runway-layer";
    layer.setAttribute("aria-hidden", "true");
    plot.ctx.canvas.after(layer);
    drawLayer();
  }

  build();
  const resize = new ResizeObserver(() => {
    const w = Math.max(240, canvasHost.clientWidth);
    if (plot && Math.abs(plot.width - w) > 2) plot.setSize({ width: w, height: plot.height });
  });
  resize.observe(canvasHost);
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  scheme.addEventListener("change", build);

  return {
    get plot() {
      return plot;
    },
    setData(next, nextOverlay) {
      d = next;
      o = nextOverlay;
      build();
    },
    setOverlay(next) {
      const rescale = next.yRange[0] !== o.yRange[0] || next.yRange[1] !== o.yRange[1];
      o = next;
      describe();
      // A new y range re-lays the axes and paths (and the draw hook redraws the layer); otherwise only the layer.
      if (rescale) plot.setScale("y", { min: o.yRange[0], max: o.yRange[1] });
      else drawLayer();
    },
    destroy() {
      resize.disconnect();
      scheme.removeEventListener("change", build);
      plot?.destroy();
      figure.remove();
    },
  };
}
