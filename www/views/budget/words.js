// Words for the error-budget view's numbers (no DOM, so Node tests can check them): burn rates said as "how long a
// full budget lasts at this rate", policy states, counts and rough durations.
import { formatDuration, localeNumber } from "../../format.js";

/** 1234.5 → "1,235"; small counts keep one decimal ("0.4"). */
export function count(x) {
  if (!Number.isFinite(x)) return "–";
  return Math.abs(x) < 10 && !Number.isInteger(x) ? x.toFixed(1) : localeNumber(Math.round(x));
}

/** A burn rate as "0.18×", "5.6×", "13.4×". */
export function rate(b) {
  if (!Number.isFinite(b)) return "–";
  return `${b < 10 ? Number(b.toFixed(2)) : Number(b.toFixed(1))}×`;
}

/** Seconds, rounded for reading: "155 days", "7.5 hours", "12m 30s". */
export function roughDuration(seconds) {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds >= 2 * 86400) return `${localeNumber(Math.round(seconds / 86400))} days`;
  if (seconds >= 2 * 3600) return `${Number((seconds / 3600).toFixed(1))} hours`;
  return formatDuration(seconds);
}

const STATES = { healthy: "Healthy", atRisk: "At risk", exhausted: "Exhausted" };
/** The engine's policy state in words. */
export const stateWords = (state) => STATES[state] ?? state;

/**
 * A burn rate in words, against a window of `windowSeconds`: how long a whole budget lasts at that rate.
 * `b` is the burn rate, `hasData` whether the window had any data.
 */
export function burnWords(b, hasData, windowSeconds) {
  if (!hasData) return "No data in this window.";
  if (b === 0) return "Not burning: no errors in this window.";
  const lasts = windowSeconds / b;
  const days = Math.round(windowSeconds / 86400);
  if (Math.abs(b - 1) < 0.005) return `On budget: a full budget lasts exactly the ${days}-day window.`;
  if (b < 1) return `Sustainable: a full budget would last ${roughDuration(lasts)}, longer than the ${days}-day window.`;
  return `Too fast: a full budget would be gone in ${roughDuration(lasts)}, within the ${days}-day window.`;
}

/** The time to exhaustion in words (the engine gives 0 when already spent and undefined when not burning). */
export function exhaustionWords(report) {
  if (report.timeToExhaustion === undefined) return "Never at the current burn (not burning)";
  if (report.timeToExhaustion === 0) return "Already exhausted";
  const at = report.exhaustionAt ? ` (${utc(report.exhaustionAt)} UTC)` : "";
  return `In ${roughDuration(report.timeToExhaustion)} at the current ${report.currentBurnRate.window} burn${at}`;
}

/** "2026-10-20 12:00" from an ISO instant (UTC). */
export const utc = (iso) => (iso ? iso.slice(0, 16).replace("T", " ") : "–");

/** The median of finite numbers (undefined for none). */
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The year-backtest summary of one tier: fires, recall (marked incidents it caught), precision (its fires that
 * overlapped a marked incident), median detection, silent burn.
 */
export function tierSummary(t, incidents) {
  const caught = t.detections.filter((d) => d.detectionSeconds !== undefined);
  const during = t.fireCount - t.firesOutsideIncidents;
  return {
    fires: t.fireCount,
    firingSeconds: t.firingSeconds,
    caught: caught.length,
    incidents,
    recall: incidents ? caught.length / incidents : undefined,
    during,
    precision: t.fireCount ? during / t.fireCount : undefined,
    medianDetection: median(caught.map((d) => d.detectionSeconds)),
    silentShare: t.silent.share,
    silentBudgets: t.silent.budgets,
  };
}
