// Display helpers for the planning tool.

/** Seconds as "3d 15h 39m 30s"; under ten seconds with two decimals ("0.86s"). */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 10) return `${seconds.toFixed(2)}s`;
  let s = Math.round(seconds);
  const parts = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]]) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join(" ");
}

/** "99.9" or "99.9%" typed by a person → the fraction the engine takes (0.999). Anything else passes through as
 * NaN or a string, so the engine itself reports what is wrong with it. */
export function parsePercent(text) {
  const t = String(text).trim().replace(/%$/, "").trim();
  if (t === "") return Number.NaN;
  const n = Number(t);
  return Number.isNaN(n) ? t : n / 100;
}

const FORMATS = new Map();

/**
 * `x.toLocaleString("en", {minimumFractionDigits: min, maximumFractionDigits: max})` (the defaults: as
 * `x.toLocaleString("en")`), with one Intl.NumberFormat kept per pair of digits: toLocaleString builds a new one on
 * every call, a tenth of a millisecond each, and a what-if move formats dozens of numbers.
 */
export function localeNumber(x, max = 3, min = 0) {
  const key = `${min}:${max}`;
  let f = FORMATS.get(key);
  if (!f) FORMATS.set(key, (f = new Intl.NumberFormat("en", { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f.format(x);
}
