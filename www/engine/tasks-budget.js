// Worker tasks of the error-budget view. A service's per-minute SLI buckets stay in the worker; each task reads them
// through an engine `SloHistory` (validated and indexed once, then re-run cheaply), kept per service and span for
// as long as the same sample is held. A what-if move sends a few numbers and gets back one report, one backtest
// over the SLO window and the generated tiers, all from the engine.
//
// The hypothetical incident: its part before asOf is painted into a copy of the window's buckets with the rule the
// engine's own what-if applies (bad = max(bad, errorRate × total) for the overlapped share of each bucket), and the
// engine reports and backtests that painted history, so the timeline shows whether each alert tier would have
// caught it. Its part after asOf goes to the engine's what-if as future consumption. Indexing a painted month costs
// less than the engine's what-if re-indexing its copy; tests/js/budget-view.node.test.mjs checks that both give the
// same report. The report and backtest without the incident are kept per service, objective and window (the last
// MAX_BASELINES of them), so moving the incident recomputes only the scenario, and typing an objective back to one
// already seen (99.9 → 99.95 → 99.9) costs nothing in the engine. The last incident's painted history is kept too,
// with its scenarios per objective: typing objectives with an incident on indexes nothing again.
import { SloHistory } from "opscore";
import { orgSources } from "./org-sources.js";

const DAY_MS = 86400000;
/** Lead-in before the SLO window, so the longest standard tier window (3 days) is full at the window's start. */
export const LEAD_DAYS = 3;
/** Rolling windows the view offers, in days (one history is indexed per window length and service). */
export const WINDOW_DAYS = [7, 14, 28, 30, 90];
/** Keep at most this many indexed histories of a window (a month of minutes is about 2 MB of wasm memory)… */
const MAX_HISTORIES = 8;
/** Baselines (report and window backtest without an incident) kept, most recently used last: a few kB each. The
 * scenarios with the last incident (report and backtest of its painted history) are kept per objective likewise. */
const MAX_BASELINES = 16;
/** …and one of a whole year (tens of MB), for the service shown. */
const YEAR = "all";

function fail(code, path, message) {
  throw Object.assign(new Error(message), { name: "OpscoreError", code, path });
}

/** The engine needs a bad or good column: the sample holds good and total. */
function badOf(good, total) {
  const bad = new Float64Array(total.length);
  for (let i = 0; i < total.length; i++) bad[i] = total[i] - good[i];
  return bad;
}

/**
 * `xs` (an array) as a Float64Array, each through `f` when given. A plain loop: `Float64Array.from` with a function
 * goes through the iterator protocol, garbage on every move of a control.
 */
function column(xs, f) {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = f ? f(xs[i]) : xs[i];
  return out;
}

/**
 * The buckets of `sli` covering [fromMs, toMs) (clamped to the data), as `{start, step, bad, total, i0}`; `bad` is a
 * fresh array (it may be painted), `total` a view.
 */
export function sliceSli(sli, fromMs, toMs) {
  const t0 = Date.parse(sli.start);
  const stepMs = sli.step * 1000;
  const n = sli.total.length;
  const i0 = Math.max(0, Math.min(n, Math.floor((fromMs - t0) / stepMs)));
  const i1 = Math.max(i0, Math.min(n, Math.ceil((toMs - t0) / stepMs)));
  return {
    start: new Date(t0 + i0 * stepMs).toISOString(),
    step: sli.step,
    bad: badOf(sli.good.subarray(i0, i1), sli.total.subarray(i0, i1)),
    total: sli.total.subarray(i0, i1),
  };
}

/**
 * Paint a hypothetical incident into `series.bad` in place, as the engine's what-if does for the part before
 * `asOfMs`: each bucket it overlaps by a share `ov` gets bad += ov × max(0, errorRate × total − bad).
 * Returns the painted interval [startMs, endMs) (empty when the incident lies wholly after asOf).
 */
export function paintIncident(series, incident, asOfMs) {
  const stepMs = series.step * 1000;
  const t0 = Date.parse(series.start);
  const startMs = Date.parse(incident.start);
  const endMs = Math.min(asOfMs, startMs + Math.round(incident.durationSeconds * 1000));
  if (!(endMs > startMs)) return { startMs, endMs: startMs };
  const first = Math.max(0, Math.floor((startMs - t0) / stepMs));
  const last = Math.min(series.total.length - 1, Math.floor((endMs - 1 - t0) / stepMs));
  for (let b = first; b <= last; b++) {
    const b0 = t0 + b * stepMs;
    const ov = Math.min(1, Math.max(0, (Math.min(endMs, b0 + stepMs) - Math.max(startMs, b0)) / stepMs));
    const tot = series.total[b];
    if (Number.isNaN(tot)) continue;
    const add = Math.max(0, incident.errorRate * tot - series.bad[b]);
    series.bad[b] = Math.min(tot, series.bad[b] + ov * add);
  }
  return { startMs, endMs };
}

/** Maintenance windows of `serviceId` overlapping [fromMs, toMs), as the engine's `exclude`. */
function maintenanceOf(org, serviceId, fromMs, toMs) {
  return org.outages
    .filter((o) => o.service === serviceId && o.maintenance && Date.parse(o.end) > fromMs && Date.parse(o.start) < toMs)
    .map((o) => ({ start: o.start, end: o.end }));
}

/** Real incidents (non-maintenance outages) of `serviceId` overlapping [fromMs, toMs), as marked incidents. */
function incidentsOf(org, serviceId, fromMs, toMs) {
  return org.outages
    .filter((o) => o.service === serviceId && !o.maintenance && Date.parse(o.end) > fromMs && Date.parse(o.start) < toMs)
    .map((o) => ({ name: o.id, start: o.start, end: o.end, severity: o.severity, title: o.title }));
}

/**
 * The organisation a budget task reads: the sample as the worker holds it, or, when the input carries the
 * scenario's `imports`, the sample's services plus every imported SLI series merged as the overview merges it
 * (org-sources.js), each a service-like entry with its own SLO, incidents and maintenance.
 */
function budgetOrgOf(held, input) {
  return Array.isArray(input?.imports) ? orgSources(held, input.imports).budgetOrg : held.org;
}

/**
 * An imported series may end before, or start after, the window the view asks for (the organisation's asOf is
 * the sample's when one is loaded): say so instead of handing the engine an empty history.
 */
function checkCoverage(service, fromMs, toMs) {
  const t0 = Date.parse(service.sli.start);
  const t1 = t0 + service.sli.total.length * service.sli.step * 1000;
  if (t1 > fromMs && t0 < toMs) return;
  const day = (ms) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  fail(
    "insufficient_data",
    "service",
    `${service.name ?? service.id} has data from ${day(t0)} to ${day(t1)} UTC, none of it in this window (${day(fromMs)} to ${day(toMs)} UTC, the organisation's as-of time). ` +
      "With the sample loaded, the organisation is scored at the sample's end: to score imported data at its own time, choose \"Imported data only\" on the Data view.",
  );
}

/** Read and check a task input: the service, the SLO (a rolling window in whole days) and the incident. */
function readInput(org, input) {
  if (!org) fail("unknown_reference", "org", "No sample organisation is loaded.");
  const service = org.services.find((s) => s.id === input?.service);
  if (!service) fail("unknown_reference", "service", `The sample has no service ${JSON.stringify(input?.service)}.`);
  const days = input?.windowDays;
  if (!WINDOW_DAYS.includes(days)) fail("out_of_range", "windowDays", `The window must be one of ${WINDOW_DAYS.join(", ")} days.`);
  // The objective goes to the engine as given, so it reports a bad one (0, 1, NaN, 99.9) with its own code.
  return { service, days, slo: { objective: input.objective, window: `${days}d` } };
}

/**
 * The error-budget tasks, spread into the worker's task table (tasks.js). `held` is the worker's store: the
 * sample organisation is `held.org`.
 */
export function budgetTasks(held) {
  let cachedOrg = null;
  const histories = new Map(); // key → SloHistory, oldest first
  const baselines = new Map(); // key → {report, backtest} per service, objective and window, LRU
  const references = new Map(); // per service and its own SLO: the budget left under it (a few numbers each)
  // The last hypothetical incident painted into its window's buckets and indexed (one at a time: a move of the
  // incident paints a new one), with its scenarios per objective (LRU, as the baselines): typing objectives with an
  // incident on reruns only the engine's report and backtest over that history, and one already typed costs nothing.
  let painted = null; // {key, h: SloHistory, hypothetical, scenarios: Map}
  // The window's buckets before painting (bad, as the engine takes it), for the last service and window painted,
  // and one buffer painted into each time (the engine copies what it indexes): a move of the incident allocates no
  // month-long columns.
  let unpainted = null; // {key, start, step, bad, total}
  let scratch = null;

  /** The indexed history of `service` over `key`'s span, built once per held sample. */
  function history(org, service, key, fromMs, toMs) {
    if (cachedOrg !== org) {
      for (const h of histories.values()) h.free();
      histories.clear();
      baselines.clear();
      references.clear();
      painted?.h.free();
      painted = null;
      unpainted = null;
      cachedOrg = org;
    }
    const id = `${service.id}|${key}`;
    let h = histories.get(id);
    if (h) {
      histories.delete(id); // re-insert: most recently used last
    } else {
      const { bad, total, start, step } = sliceSli(service.sli, fromMs, toMs);
      h = new SloHistory({ start, step, bad, total, exclude: maintenanceOf(org, service.id, fromMs, toMs) });
      const evict = (k) => {
        histories.get(k)?.free();
        histories.delete(k);
      };
      if (key === YEAR) for (const k of [...histories.keys()]) if (k.endsWith(`|${YEAR}`)) evict(k);
      if (histories.size >= MAX_HISTORIES) evict(histories.keys().next().value);
    }
    histories.set(id, h);
    return h;
  }

  /**
   * `inc` (before asOf) painted into the buckets of [leadMs, asOfMs) of `service` and indexed: `{h, hypothetical,
   * scenarios}`, the same for the same incident on the same service and window.
   */
  function paintedHistory(org, service, days, leadMs, asOfMs, inc) {
    const key = JSON.stringify([service.id, days, leadMs, inc.start, inc.durationSeconds, inc.errorRate]);
    if (painted?.key === key) return painted;
    painted?.h.free();
    painted = null;
    const windowKey = JSON.stringify([service.id, leadMs, asOfMs]);
    if (unpainted?.key !== windowKey) unpainted = { key: windowKey, ...sliceSli(service.sli, leadMs, asOfMs) };
    if (scratch?.length !== unpainted.bad.length) scratch = new Float64Array(unpainted.bad.length);
    scratch.set(unpainted.bad);
    const series = { start: unpainted.start, step: unpainted.step, bad: scratch, total: unpainted.total };
    const span = paintIncident(series, inc, asOfMs);
    const h = new SloHistory({ ...series, exclude: maintenanceOf(org, service.id, leadMs, asOfMs) });
    const hypothetical = { start: new Date(span.startMs).toISOString(), end: new Date(span.endMs).toISOString() };
    painted = { key, h, hypothetical, scenarios: new Map() };
    return painted;
  }

  return {
    /**
     * The budget view for one service: `{service, objective, windowDays, incident?: {start, durationSeconds,
     * errorRate}, maxPoints?}` → `{asOf, report, chart, backtest, incidents, hypothetical, reference, timing}`. `report`
     * is the engine's budget report (with `scenario` when an incident is given) without its burn-down, which is in
     * `chart` as columns {t (epoch s), remaining, ideal, scenarioRemaining?}; `backtest` the generated tiers
     * evaluated over the window, the window's real incidents marked, then the hypothetical one (painted into the
     * buckets) marked last; `reference` the budget left under the service's own SLO, when the view's differs.
     */
    "budget.view"(input) {
      const org = budgetOrgOf(held, input);
      const { service, days, slo } = readInput(org, input);
      const t0 = performance.now();
      const asOf = org.meta.asOf;
      const asOfMs = Date.parse(asOf);
      const fromMs = asOfMs - days * DAY_MS;
      const leadMs = fromMs - LEAD_DAYS * DAY_MS;
      if (service.imported) checkCoverage(service, fromMs, asOfMs);
      const h = history(org, service, `${days}d`, leadMs, asOfMs);
      const maxPoints = input.maxPoints ?? 400;
      const marked = incidentsOf(org, service.id, fromMs, asOfMs);
      const options = () => ({ from: new Date(fromMs).toISOString(), incidents: marked.map(({ name, start, end }) => ({ name, start, end })), maxFires: 200 });
      // The baseline (no incident) for this service, objective and window.
      const key = JSON.stringify([org.meta.seed, service.id, slo.objective, days, maxPoints]);
      let baseline = baselines.get(key);
      if (baseline) {
        baselines.delete(key); // re-inserted below: most recently used last
      } else {
        // (Its backtest when it is first shown: with an incident before asOf the view shows the painted one.)
        baseline = { report: h.errorBudget(slo, { asOf, maxPoints }), backtest: null };
        if (baselines.size >= MAX_BASELINES) baselines.delete(baselines.keys().next().value);
      }
      baselines.set(key, baseline);
      // The service's own SLO, for comparison, when the view's objective or window differs from it.
      const own = { objective: service.slo.target, window: `${service.slo.windowDays}d` };
      // (It depends on the service only: computed once per service, not again for every objective typed.)
      let reference = null;
      if (own.objective !== slo.objective || own.window !== slo.window) {
        const refKey = JSON.stringify([org.meta.seed, service.id, own.objective, own.window]);
        reference = references.get(refKey);
        if (!reference) {
          const ownDays = service.slo.windowDays;
          const hr = history(org, service, `${ownDays}d`, asOfMs - (ownDays + LEAD_DAYS) * DAY_MS, asOfMs);
          const r = hr.errorBudget(own, { asOf, maxPoints: 2 });
          reference = { objective: r.objective, windowDays: ownDays, remaining: r.remaining, consumed: r.consumed, policyState: r.policyState };
          references.set(refKey, reference);
        }
      }
      const inc = input.incident ?? null;
      let report = baseline.report;
      let backtest = null;
      let hypothetical = null;
      const t1 = performance.now();
      if (inc) {
        const startMs = Date.parse(inc.start);
        const endMs = startMs + inc.durationSeconds * 1000;
        if (!Number.isFinite(startMs) || startMs < fromMs || startMs > asOfMs) fail("out_of_range", "incident.start", "The incident must start within the window.");
        // After asOf: future consumption, through the engine's what-if.
        const future = endMs > asOfMs ? { whatIf: { incidents: [{ start: asOf, duration: (endMs - asOfMs) / 1000, errorRate: inc.errorRate }] } } : {};
        if (startMs < asOfMs) {
          // Before asOf: paint the buckets, then report and backtest the painted history.
          const p = paintedHistory(org, service, days, leadMs, asOfMs, inc);
          hypothetical = p.hypothetical;
          let sc = p.scenarios.get(key);
          if (sc) {
            p.scenarios.delete(key); // re-inserted below: most recently used last
          } else {
            const r = p.h.errorBudget(slo, { asOf, maxPoints, ...future });
            const o = options();
            o.incidents.push({ name: "hypothetical", ...hypothetical });
            sc = { scenario: future.whatIf ? r.scenario : r, backtest: p.h.backtestAlerts(slo, o) };
            if (p.scenarios.size >= MAX_BASELINES) p.scenarios.delete(p.scenarios.keys().next().value);
          }
          p.scenarios.set(key, sc);
          report = { ...baseline.report, scenario: sc.scenario };
          backtest = sc.backtest;
        } else {
          report = { ...baseline.report, scenario: h.errorBudget(slo, { asOf, maxPoints, ...future }).scenario };
        }
      }
      backtest ??= baseline.backtest ??= h.backtestAlerts(slo, options());
      const t2 = performance.now();
      // The burn-downs travel as fresh Float64Array columns (transferred, not cloned; the page charts them as they
      // are), the reports without them.
      const chart = {
        t: column(report.burnDown.t, (t) => Date.parse(t) / 1000),
        remaining: column(report.burnDown.remaining),
        ideal: column(report.burnDown.ideal),
        ...(report.scenario ? { scenarioRemaining: column(report.scenario.burnDown.remaining) } : {}),
      };
      const { burnDown: _b, scenario, ...rest } = report;
      const scenarioOut = scenario ? (({ burnDown: _s, ...x }) => x)(scenario) : undefined;
      return {
        asOf,
        service: service.id,
        report: scenarioOut ? { ...rest, scenario: scenarioOut } : rest,
        chart,
        backtest,
        incidents: marked,
        hypothetical,
        reference,
        timing: { baselineMs: t1 - t0, scenarioMs: t2 - t1 },
      };
    },

    /**
     * The generated tiers backtested over the service's whole history (the sample's year), its real incidents
     * marked: `{service, objective, windowDays}` → `{backtest, incidents, days, timing}`. Fires are listed up to 500
     * per tier (counts stay exact).
     */
    "budget.yearBacktest"(input) {
      const org = budgetOrgOf(held, input);
      const { service, days, slo } = readInput(org, input);
      const t0 = performance.now();
      // The whole history: the sample's year, or an imported series from its first bucket.
      const startMs = Math.max(Date.parse(org.meta.start), Date.parse(service.sli.start));
      const endMs = Date.parse(org.meta.asOf);
      if (service.imported) checkCoverage(service, startMs, endMs);
      const h = history(org, service, YEAR, startMs, endMs);
      const incidents = incidentsOf(org, service.id, startMs, endMs);
      const backtest = h.backtestAlerts(slo, { incidents: incidents.map(({ name, start, end }) => ({ name, start, end })), maxFires: 500 });
      return { backtest, incidents, windowDays: days, days: (Math.min(endMs, Date.parse(service.sli.start) + service.sli.total.length * service.sli.step * 1000) - startMs) / DAY_MS, timing: { backtestMs: performance.now() - t0 } };
    },
  };
}
