// Compare two scorecards (the baseline organisation and the current scenario): per service, resource and team,
// each score, status and headline number before and after, with the change in numbers and in words ("better",
// "worse", "raised", "2 days later"), so the comparison never relies on colour. Pure: runs in the worker and in
// Node tests.
import { formatDuration } from "../format.js";

const STATUS_RANK = { noData: 0, healthy: 1, atRisk: 2, critical: 3 };
const STATUS_WORDS = { noData: "no data", healthy: "healthy", atRisk: "at risk", critical: "critical" };
const DAY_MS = 86400000;

const trim = (x, digits) => Number(x.toFixed(digits)).toLocaleString("en", { maximumFractionDigits: digits });

/** How each unit is shown, and how a change in it is written. */
const UNITS = {
  ratio: { show: (v) => `${trim(v * 100, 4)}%`, delta: (d) => `${d > 0 ? "+" : "−"}${trim(Math.abs(d) * 100, 4)} points` },
  seconds: { show: (v) => (v < 0 ? `−${formatDuration(-v)}` : formatDuration(v)), delta: (d) => `${d > 0 ? "+" : "−"}${formatDuration(Math.abs(d))}` },
  count: { show: (v) => trim(v, 0), delta: (d) => `${d > 0 ? "+" : "−"}${trim(Math.abs(d), 0)}` },
  rate: { show: (v) => `${trim(v, 2)}×`, delta: (d) => `${d > 0 ? "+" : "−"}${trim(Math.abs(d), 2)}×` },
  score: { show: (v) => `${trim(v, 1)} of 100`, delta: (d) => `${d > 0 ? "+" : "−"}${trim(Math.abs(d), 1)}` },
  number: { show: (v) => trim(v, 4), delta: (d) => `${d > 0 ? "+" : "−"}${trim(Math.abs(d), 4)}` },
  date: {
    show: (v) => new Date(v).toISOString().slice(0, 10),
    delta: (d) => `${trim(Math.abs(d) / DAY_MS, 1)} day${Math.abs(d) === DAY_MS ? "" : "s"} ${d > 0 ? "later" : "earlier"}`,
  },
};

/**
 * One measure: `better` says which way is good ("higher", "lower", or null for a setting such as a target, where
 * a change is "raised" or "lowered"). `none` is the text for a missing value (a runway beyond the horizon).
 */
function measure(label, unit, before, after, { better = null, none = "none" } = {}) {
  const b = before ?? null;
  const a = after ?? null;
  const u = UNITS[unit];
  const base = { measure: label, unit, before: b, after: a, beforeText: b === null ? none : u.show(b), afterText: a === null ? none : u.show(a) };
  if (b === null && a === null) return { ...base, change: "same", deltaText: "no change" };
  if (b === null || a === null) return { ...base, delta: null, change: "changed", deltaText: b === null ? `now ${base.afterText}` : `now ${none}` };
  const d = a - b;
  const tiny = Math.abs(d) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  if (tiny) return { ...base, delta: 0, change: "same", deltaText: "no change" };
  const word = better === null ? (d > 0 ? (unit === "date" ? "later" : "raised") : unit === "date" ? "earlier" : "lowered") : (d > 0) === (better === "higher") ? "better" : "worse";
  return { ...base, delta: d, change: word, deltaText: `${u.delta(d)} (${word})` };
}

function statusMeasure(before, after) {
  const b = before ?? null;
  const a = after ?? null;
  const base = { measure: "Status", unit: "status", before: b, after: a, beforeText: b ? STATUS_WORDS[b] : "absent", afterText: a ? STATUS_WORDS[a] : "absent" };
  if (b === a) return { ...base, change: "same", deltaText: "no change" };
  if (!b || !a) return { ...base, change: "changed", deltaText: b ? "removed" : "added" };
  const worse = STATUS_RANK[a] > STATUS_RANK[b];
  return { ...base, change: worse ? "worse" : "better", deltaText: `${base.beforeText} → ${base.afterText} (${worse ? "worse" : "better"})` };
}

/** A measure with ordered words (a verdict, a status), whose change is better or worse. */
function rankedMeasure(label, ranks, before, after) {
  const b = before ?? "none";
  const a = after ?? "none";
  const base = { measure: label, unit: "text", before: b, after: a, beforeText: b, afterText: a };
  if (b === a) return { ...base, change: "same", deltaText: "no change" };
  if (!(b in ranks) || !(a in ranks)) return { ...base, change: "changed", deltaText: "changed" };
  const word = ranks[a] > ranks[b] ? "worse" : "better";
  return { ...base, change: word, deltaText: `${b} → ${a} (${word})` };
}
const VERDICT_RANK = { met: 0, breached: 1 };
const STATUS_TEXT_RANK = { healthy: 0, "at risk": 1, critical: 2 };

function textMeasure(label, before, after) {
  const b = before ?? "none";
  const a = after ?? "none";
  return { measure: label, unit: "text", before: b, after: a, beforeText: b, afterText: a, change: b === a ? "same" : "changed", deltaText: b === a ? "no change" : "changed" };
}

const ms = (iso) => (iso ? Date.parse(iso) : null);

function serviceMeasures(b = {}, a = {}) {
  const out = [statusMeasure(b.status, a.status)];
  if (b.sla || a.sla) {
    const s0 = b.sla ?? {};
    const s1 = a.sla ?? {};
    out.push(
      measure("SLA target", "ratio", s0.target, s1.target),
      measure("SLA availability", "ratio", s0.availability, s1.availability, { better: "higher" }),
      measure("SLA downtime", "seconds", s0.downtimeSeconds, s1.downtimeSeconds, { better: "lower" }),
      measure("SLA allowance left", "seconds", s0.remainingAllowanceSeconds, s1.remainingAllowanceSeconds, { better: "higher" }),
      rankedMeasure("SLA verdict", VERDICT_RANK, s0.met === undefined ? undefined : s0.met ? "met" : "breached", s1.met === undefined ? undefined : s1.met ? "met" : "breached"),
      measure("SLA credit owed", "ratio", s0.credit ?? 0, s1.credit ?? 0, { better: "lower" }),
    );
  }
  const names = [...new Set([...(b.slos ?? []), ...(a.slos ?? [])].map((s) => s.name))];
  for (const name of names) {
    const o0 = b.slos?.find((s) => s.name === name) ?? {};
    const o1 = a.slos?.find((s) => s.name === name) ?? {};
    out.push(
      measure(`SLO ${name}: objective`, "ratio", o0.objective, o1.objective),
      measure(`SLO ${name}: budget left`, "ratio", o0.remaining, o1.remaining, { better: "higher" }),
      measure(`SLO ${name}: burn rate`, "rate", o0.burnRate, o1.burnRate, { better: "lower" }),
      rankedMeasure(`SLO ${name}: status`, STATUS_TEXT_RANK, o0.status ? STATUS_WORDS[o0.status] : undefined, o1.status ? STATUS_WORDS[o1.status] : undefined),
    );
  }
  if (b.tickets || a.tickets) {
    out.push(
      measure("Tickets", "count", b.tickets?.tickets, a.tickets?.tickets),
      measure("Ticket clocks within SLA", "ratio", b.tickets?.withinSla, a.tickets?.withinSla, { better: "higher" }),
      measure("Ticket clocks breached", "count", b.tickets?.breached, a.tickets?.breached, { better: "lower" }),
    );
  }
  if (b.incidents || a.incidents) {
    out.push(
      measure("Incidents", "count", b.incidents?.incidents, a.incidents?.incidents, { better: "lower" }),
      measure("Mean time to recover", "seconds", b.incidents?.mttrSeconds, a.incidents?.mttrSeconds, { better: "lower" }),
      measure("Mean time to acknowledge", "seconds", b.incidents?.mttaSeconds, a.incidents?.mttaSeconds, { better: "lower" }),
      measure("Mean time between failures", "seconds", b.incidents?.mtbfSeconds, a.incidents?.mtbfSeconds, { better: "higher" }),
    );
  }
  out.push(textMeasure("Headline", b.headline, a.headline));
  return out;
}

function resourceMeasures(b = {}, a = {}) {
  const beyond = (c) => (c.horizonEnd ? `beyond ${c.horizonEnd.slice(0, 10)}` : "none");
  return [
    statusMeasure(b.status, a.status),
    measure("Runway to", "date", ms(b.runwayAt), ms(a.runwayAt), { better: "higher", none: beyond(a.horizonEnd ? a : b) }),
    measure("Earliest plausible crossing", "date", ms(b.earliestAt), ms(a.earliestAt), { better: "higher", none: beyond(a.horizonEnd ? a : b) }),
    measure("Threshold", "number", b.threshold, a.threshold),
    measure("Headroom", "number", b.headroom, a.headroom, { better: "higher" }),
    textMeasure("Headline", b.headline, a.headline),
  ];
}

function teamMeasures(b = {}, a = {}) {
  return [statusMeasure(b.status, a.status), measure("Team-health score", "score", b.score, a.score, { better: "higher" }), textMeasure("Top driver", b.topDriver, a.topDriver)];
}

function pair(kind, before, after, fn) {
  const ids = [...new Set([...before.map((x) => x.id), ...after.map((x) => x.id)])];
  return ids.map((id) => {
    const b = before.find((x) => x.id === id);
    const a = after.find((x) => x.id === id);
    const measures = fn(b, a);
    const changed = measures.filter((m) => m.change !== "same");
    return { kind, id, name: (a ?? b).name, before: b?.status ?? null, after: a?.status ?? null, measures, changed: changed.length };
  });
}

/**
 * Compare `before` (the baseline scorecard) with `after` (the scenario's). Returns `{items, changedItems,
 * changedMeasures}`: one item per service, resource and team with every measure and how it changed.
 */
export function compareScorecards(before, after) {
  const items = [
    ...pair("service", before.services ?? [], after.services ?? [], serviceMeasures),
    ...pair("resource", before.resources ?? [], after.resources ?? [], resourceMeasures),
    ...pair("team", before.teams ?? [], after.teams ?? [], teamMeasures),
  ];
  return {
    items,
    changedItems: items.filter((i) => i.changed > 0).length,
    changedMeasures: items.reduce((n, i) => n + i.changed, 0),
  };
}
