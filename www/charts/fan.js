// Pure chart-building helpers (no DOM, no uPlot import), so Node can test them: the fan chart's series and band
// list, and how markers and thresholds are described.

/**
 * A fan chart: history, then a forecast median with nested prediction intervals.
 * Input: `{x: seconds[], history?: number[], median: number[], bands: [{lower, upper, label}], historyLabel?,
 * medianLabel?}` where each array has one value per x (NaN where a series has no value: history is NaN over the
 * forecast, the forecast NaN over the history). Bands go from the widest to the narrowest.
 * Returns `{data, series, bands}` for uPlot: series 0 is x; then history, median, and each band's lower/upper
 * pair (drawn as thin lines under a fill between them).
 */
export function buildFan({ x, history, median, bands = [], historyLabel = "History", medianLabel = "Forecast (median)" }) {
  const n = x.length;
  const same = (a, name) => {
    if (a.length !== n) throw new RangeError(`${name} has ${a.length} values for ${n} x positions`);
    return a;
  };
  const data = [x];
  const series = [{}];
  if (history) {
    data.push(same(history, "history"));
    series.push({ label: historyLabel, role: "history" });
  }
  data.push(same(median, "median"));
  series.push({ label: medianLabel, role: "median" });
  const uBands = [];
  bands.forEach((b, k) => {
    data.push(same(b.lower, `bands[${k}].lower`), same(b.upper, `bands[${k}].upper`));
    series.push({ label: `${b.label} lower`, role: "band", band: k }, { label: `${b.label} upper`, role: "band", band: k });
    const lo = data.length - 2;
    uBands.push({ series: [lo + 1, lo], band: k, label: b.label });
  });
  return { data, series, bands: uBands };
}

/** Opacity of band k of `count` (outer bands lighter, inner darker). */
export const bandAlpha = (k, count) => 0.14 + (0.22 * (k + 1)) / Math.max(1, count);

/** A hex colour (#rgb or #rrggbb) with an alpha → rgba(). */
export function withAlpha(hex, alpha) {
  const h = hex.trim().replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const v = Number.parseInt(full, 16);
  if (full.length !== 6 || Number.isNaN(v)) return hex;
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

/** Seconds since the epoch for each step of a regular series (uPlot's x unit). */
export function timeAxis(startIso, stepSeconds, count) {
  const t0 = Date.parse(startIso) / 1000;
  const x = new Float64Array(count);
  for (let i = 0; i < count; i++) x[i] = t0 + i * stepSeconds;
  return x;
}
