// Words for the capacity view: the runway in a sentence, the model in a sentence, the baseline-versus-scenario
// rows. Pure functions (no DOM), so the phrasing can be tested in Node.
import { localeNumber } from "../../format.js";

const DAY_MS = 86400000;

/** "2027-03-14" from an RFC 3339 time (undefined stays undefined). */
export const day = (iso) => (iso ? iso.slice(0, 10) : undefined);

/** A number for people: 2,400 / 85.5 / 0.143, without float noise. */
export function num(x, digits) {
  if (!Number.isFinite(x)) return "–";
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return localeNumber(Number(x.toFixed(d)), d);
}

/** Whole days from `fromIso` to `toIso`. */
export const daysBetween = (fromIso, toIso) => Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS);

/** A signed percentage with one decimal: "+12.5%", "−3%". */
export function signedPercent(f) {
  const v = Number((f * 100).toFixed(1));
  return `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v)}%`;
}

/**
 * The runway in words, for the baseline or a scenario:
 * "runs out around 2027-03-29 (between 2027-02-03 and 2027-06-21, 95% interval); headroom now 19.3% (463 GB below
 * the threshold of 2,400 GB)".
 */
export function runwaySentence(runway, { level, horizonEnd, unit, headroom: withHeadroom = true }) {
  const pct = `${Math.round(level * 100)}% interval`;
  const headroom =
    runway.headroom >= 0
      ? `headroom now ${num(runway.headroomFraction * 100, 1)}% (${num(runway.headroom)} ${unit} below the threshold of ${num(runway.threshold)} ${unit})`
      : `is already past the threshold of ${num(runway.threshold)} ${unit} by ${num(-runway.headroom)} ${unit}`;
  if (runway.headroom < 0) return headroom;
  const tail = withHeadroom ? `; ${headroom}` : "";
  const latest = runway.latest ? day(runway.latest.at) : `after ${day(horizonEnd)}`;
  if (runway.mean) {
    const earliest = day(runway.earliest?.at ?? runway.mean.at);
    return `runs out around ${day(runway.mean.at)} (between ${earliest} and ${latest}, ${pct})${tail}`;
  }
  const early = runway.earliest ? `, though it could at the earliest by ${day(runway.earliest.at)} (${pct})` : "";
  return `does not run out before ${day(horizonEnd)}, the end of the forecast${early}${tail}`;
}

/** "log ETS(A,A,A), chosen by AICc (2,442.9) from 30 models; residual SD 6.82 GB, in-sample MASE 0.34, 365 days". */
export function modelSentence(model, diagnostics, { unit, automatic }) {
  const combined = model.candidates.filter((c) => c.weight > 0).length;
  const how = !automatic
    ? "as chosen in the model list"
    : combined > 1
      ? `${combined} models combined with equal weights, from ${model.candidates.length} compared`
      : `chosen by lowest AICc from ${model.candidates.length} models compared`;
  const head = `${model.name}, ${how}${model.aicc !== undefined ? ` (AICc ${num(model.aicc, 1)})` : ""}`;
  const d = [`residual SD ${num(diagnostics.residualSd)} ${unit}`];
  if (diagnostics.mase !== undefined) d.push(`in-sample MASE ${num(diagnostics.mase, 2)}`);
  d.push(`${diagnostics.n} observations${diagnostics.interpolated ? `, ${diagnostics.interpolated} filled` : ""}`);
  if (model.seasonalPeriods.length) d.push(`season of ${model.seasonalPeriods.join(" and ")} days`);
  return `${head}; ${d.join(", ")}.`;
}

/** Whether the model has a trend for the growth multiplier to act on. */
export const hasTrend = (model) => model.method === "linearTrend" || (model.trend !== undefined && model.trend !== "N");

/** A crossing as "2027-03-29 (in 148 days)", or what its absence means. */
function crossingText(c, asOf, horizonEnd, past) {
  if (past) return "already past";
  if (!c) return `after ${day(horizonEnd)}`;
  return `${day(c.at)} (in ${daysBetween(asOf, c.at)} days)`;
}

/** The difference of two crossings in words: "41 days earlier", "12 days later", "no change". */
export function crossingShift(base, scen, horizonEnd) {
  if (!base && !scen) return "no change";
  if (base && scen) {
    const d = daysBetween(base.at, scen.at);
    return d === 0 ? "no change" : `${Math.abs(d)} days ${d < 0 ? "earlier" : "later"}`;
  }
  return scen ? `earlier: now within the horizon` : `later: now after ${day(horizonEnd)}`;
}

/**
 * The baseline-versus-scenario rows: [measure, baseline, scenario, change] as text, plus a key per row for tests.
 */
export function compareRows(report, unit) {
  const b = report.baseline.runway;
  const s = report.scenarios[0]?.runway ?? b;
  const { asOf, horizonEnd, level } = report;
  const pct = `${Math.round(level * 100)}%`;
  const bPast = b.headroom < 0;
  const sPast = s.headroom < 0;
  const mDays = (r) => (r.mean ? daysBetween(asOf, r.mean.at) : undefined);
  const daysChange = () => {
    const [x, y] = [mDays(b), mDays(s)];
    if (x === undefined || y === undefined) return crossingShift(b.mean, s.mean, horizonEnd);
    return y === x ? "no change" : `${y - x > 0 ? "+" : "−"}${Math.abs(y - x)} days`;
  };
  return [
    ["threshold", "Threshold now", `${num(b.threshold)} ${unit}`, `${num(s.threshold)} ${unit}`, s.threshold === b.threshold ? "no change" : `${s.threshold > b.threshold ? "+" : "−"}${num(Math.abs(s.threshold - b.threshold))} ${unit}`],
    ["headroom", "Headroom now", `${num(b.headroom)} ${unit} (${num(b.headroomFraction * 100, 1)}%)`, `${num(s.headroom)} ${unit} (${num(s.headroomFraction * 100, 1)}%)`, s.headroom === b.headroom ? "no change" : `${s.headroom > b.headroom ? "+" : "−"}${num(Math.abs(s.headroom - b.headroom))} ${unit}`],
    ["mean", "Runs out (forecast mean)", crossingText(b.mean, asOf, horizonEnd, bPast), crossingText(s.mean, asOf, horizonEnd, sPast), crossingShift(b.mean, s.mean, horizonEnd)],
    ["earliest", `Earliest (upper ${pct} bound)`, crossingText(b.earliest, asOf, horizonEnd, bPast), crossingText(s.earliest, asOf, horizonEnd, sPast), crossingShift(b.earliest, s.earliest, horizonEnd)],
    ["latest", `Latest (lower ${pct} bound)`, crossingText(b.latest, asOf, horizonEnd, bPast), crossingText(s.latest, asOf, horizonEnd, sPast), crossingShift(b.latest, s.latest, horizonEnd)],
    ["days", "Days of runway (mean)", mDays(b) === undefined ? `more than ${daysBetween(asOf, horizonEnd)}` : String(mDays(b)), mDays(s) === undefined ? `more than ${daysBetween(asOf, horizonEnd)}` : String(mDays(s)), daysChange()],
  ];
}
