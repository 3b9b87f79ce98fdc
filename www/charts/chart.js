// A small wrapper around uPlot: themed from the page's CSS custom properties (so light and dark follow the
// system), sized to its container, with markers (vertical lines with labels: outages, launches, "runway ends
// here"), thresholds (horizontal lines: warning, limit, SLO) and fan-chart bands. Each chart also carries a text
// description for screen readers, since a canvas says nothing by itself.
import uPlot from "uplot";
import { setText } from "../dom.js";
import { bandAlpha, buildFan, withAlpha } from "./fan.js";

const PALETTE = ["--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-5"];

function theme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v("--fg", "#1b1f24"),
    muted: v("--muted", "#57606a"),
    grid: v("--border", "#d0d7de"),
    bad: v("--bad", "#b3261e"),
    warn: v("--warn", "#9a6700"),
    colors: PALETTE.map((p, i) => v(p, ["#0b5cad", "#b35900", "#1a7f37", "#8250df", "#bf3989"][i])),
  };
}

/** Draw markers and thresholds on top of the plot (a uPlot "draw" hook). */
function overlay(markers, thresholds, t) {
  return (u) => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const dpr = devicePixelRatio || 1;
    ctx.save();
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.lineWidth = dpr;
    for (const th of thresholds) {
      const y = u.valToPos(th.value, th.scale ?? "y", true);
      if (!(y >= top && y <= top + height)) continue;
      ctx.strokeStyle = th.color ?? t.bad;
      ctx.setLineDash(th.dash ?? [6 * dpr, 4 * dpr]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.fillStyle = th.color ?? t.bad;
      ctx.textAlign = "right";
      ctx.fillText(th.label, left + width - 4 * dpr, y - 4 * dpr);
    }
    for (const m of markers) {
      const x = u.valToPos(m.x, "x", true);
      if (!(x >= left && x <= left + width)) continue;
      const x2 = m.to !== undefined ? u.valToPos(m.to, "x", true) : x;
      ctx.setLineDash(m.dash ?? []);
      if (x2 - x > dpr) {
        ctx.fillStyle = withAlpha(m.color ?? t.bad, 0.15);
        ctx.fillRect(x, top, x2 - x, height);
      }
      ctx.strokeStyle = m.color ?? t.muted;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      if (m.label) {
        ctx.fillStyle = m.color ?? t.muted;
        ctx.textAlign = x > left + width / 2 ? "right" : "left";
        ctx.fillText(m.label, x + (x > left + width / 2 ? -4 : 4) * dpr, top + 12 * dpr);
      }
    }
    ctx.restore();
  };
}

/**
 * Create a chart in `container` (an element; the chart fills its width).
 * spec: {
 *   title, description (text for screen readers), height?, yLabel?, yRange?: [min, max],
 *   x: seconds[] | Float64Array,
 *   series: [{label, values, color?, dash?, width?, fill?}],
 *   markers?: [{x, to?, label?, color?}], thresholds?: [{value, label, color?}],
 *   fan?: {history?, median, bands: [{lower, upper, label}]}   (instead of, or before, `series`)
 * }
 * Returns {update(spec), destroy(), plot}.
 */
export function createChart(container, spec) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  const canvasHost = document.createElement("div");
  canvasHost.setAttribute("role", "img");
  const caption = document.createElement("figcaption");
  caption.className = "chart-caption";
  figure.append(caption, canvasHost);
  container.replaceChildren(figure);
  let plot = null;
  let current = spec;
  let colors = null; // the theme the chart was built with (a rebuild follows a colour-scheme change)

  function build() {
    plot?.destroy();
    const t = (colors = theme());
    const s = current;
    caption.textContent = s.title ?? "";
    canvasHost.setAttribute("aria-label", s.description ?? s.title ?? "Chart");
    const data = [s.x];
    const series = [{ label: "Time" }];
    const bands = [];
    if (s.fan) {
      const fan = buildFan({ x: s.x, ...s.fan });
      const count = s.fan.bands?.length ?? 0;
      fan.series.slice(1).forEach((f, i) => {
        data.push(fan.data[i + 1]);
        if (f.role === "history") series.push({ label: f.label, stroke: t.fg, width: 1.5 });
        else if (f.role === "median") series.push({ label: f.label, stroke: t.colors[0], width: 2, dash: [6, 3] });
        else series.push({ label: f.label, stroke: withAlpha(t.colors[0], 0.35), width: 0.5 });
      });
      for (const b of fan.bands) bands.push({ series: b.series, fill: withAlpha(t.colors[0], bandAlpha(b.band, count)) });
    }
    (s.series ?? []).forEach((x, i) => {
      data.push(x.values);
      const color = x.color ?? t.colors[(i + (s.fan ? 1 : 0)) % t.colors.length];
      series.push({ label: x.label, stroke: color, width: x.width ?? 1.5, dash: x.dash, fill: x.fill ? withAlpha(color, 0.12) : undefined, points: { show: false } });
    });
    const axis = { stroke: t.muted, grid: { stroke: withAlpha(t.grid.startsWith("#") ? t.grid : "#888888", 0.6), width: 1 }, ticks: { stroke: t.grid } };
    const width = Math.max(240, canvasHost.clientWidth || container.clientWidth || 600);
    plot = new uPlot(
      {
        width,
        height: s.height ?? 260,
        series,
        bands,
        scales: { x: { time: true }, y: s.yRange ? { range: s.yRange } : {} },
        axes: [axis, { ...axis, label: s.yLabel, labelSize: s.yLabel ? 18 : 0, size: 56 }],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        hooks: { draw: [overlay(s.markers ?? [], s.thresholds ?? [], t)] },
      },
      data,
      canvasHost,
    );
  }

  build();
  const resize = new ResizeObserver(() => {
    const w = Math.max(240, canvasHost.clientWidth);
    if (plot && Math.abs(plot.width - w) > 2) plot.setSize({ width: w, height: plot.height });
  });
  resize.observe(canvasHost);
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  const rebuild = () => build();
  scheme.addEventListener("change", rebuild);

  return {
    get plot() {
      return plot;
    },
    update(next) {
      current = next;
      build();
    },
    /**
     * Like update, for what-if controls: when the series are the same ones (count and labels, no fan) only the data,
     * title, description, markers and thresholds change, and uPlot redraws them without rebuilding the chart.
     */
    refresh(next) {
      const prev = current.series ?? [];
      const same =
        plot && !next.fan && !current.fan && next.yLabel === current.yLabel && String(next.yRange) === String(current.yRange) &&
        (next.series ?? []).length === prev.length && next.series.every((x, i) => x.label === prev[i].label);
      if (!same) return this.update(next);
      current = next;
      // (Only what changed is written: the same text written again still makes the browser lay the caption out.)
      setText(caption, next.title ?? "");
      const label = next.description ?? next.title ?? "Chart";
      if (canvasHost.getAttribute("aria-label") !== label) canvasHost.setAttribute("aria-label", label);
      // The built theme, not a fresh getComputedStyle: that would force a style recalculation of the page's new
      // content in the middle of a what-if's repaint.
      plot.hooks.draw = [overlay(next.markers ?? [], next.thresholds ?? [], colors)];
      plot.setData([next.x, ...next.series.map((x) => x.values)]);
    },
    destroy() {
      resize.disconnect();
      scheme.removeEventListener("change", rebuild);
      plot?.destroy();
      figure.remove();
    },
  };
}
