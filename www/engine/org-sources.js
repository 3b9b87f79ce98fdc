// What the detail views can choose from once imported data is merged into the organisation (org-imports.js):
// the error-budget view's SLI series and the team view's teams, looked up in the same merged OrgDocument the
// overview scores (tasks-org.js `buildOrg`), so an import attached to a service or team shows in every view.
//
// - Budget: every SLO of the merged organisation that is not a sample service's own (an imported SLI series, an
//   OpenSLO objective, an imported organisation's SLO), as a "service-like" entry `{id, name, sli, slo}` the
//   budget tasks read exactly as they read a sample service, with its incidents and maintenance as outages. The
//   entries join the sample's services in one organisation-shaped object (`budgetOrg`), built once per set of
//   imports, so the budget tasks' indexed histories are kept while the person moves between services.
// - Team: every team of the merged organisation in the shape the team tasks read (responders, pages, shifts,
//   deployments, toil, surveys), for a team made of imported pages or deployments, or the sample team with
//   imported rows added. The sample team without imports is left to `org/teams/<id>` as before.
import { TicketSet } from "opscore";
import { buildOrg } from "./tasks-org.js";
import { SUPPORT_ID } from "./org.js";
import { IMPORTED_SERVICE } from "./org-imports.js";
import { paintOutages } from "./org-whatif.js";
import { dailyTotals, teamSummary as sampleTeamSummary } from "../sample/index.js";

const DAY_MS = 86400000;

/** Whole days of an SLO window such as "28d" or "4w"; null for anything else (a calendar window, hours). */
export function windowDaysOf(window) {
  const m = /^(\d+)([dw])$/.exec(String(window ?? "").trim());
  if (!m) return null;
  const days = Number(m[1]) * (m[2] === "w" ? 7 : 1);
  return days >= 1 ? days : null;
}

const toMs = (t) => (typeof t === "number" ? t : Date.parse(t));
const f64 = (v) => (v instanceof Float64Array ? v : Float64Array.from(v ?? [], (x) => (x === null || x === undefined ? Number.NaN : Number(x))));

/**
 * An SLI series as the engine takes it (`{start, step, good | bad, total, t?}`) → `{start, step, good, total}` on
 * its regular grid, gaps and `null`s as missing (NaN). Null when it cannot be read as one.
 */
export function regularSeries(series) {
  if (!series || !(series.step >= 1) || !series.total) return null;
  const total = f64(series.total);
  const given = series.good ? f64(series.good) : series.bad ? f64(series.bad) : null;
  if (!given || given.length !== total.length) return null;
  const good = series.good ? given : Float64Array.from(total, (x, i) => x - given[i]);
  if (!series.t) {
    const start = toMs(series.start);
    return Number.isFinite(start) ? { start: new Date(start).toISOString(), step: series.step, good, total } : null;
  }
  const t = Array.from(series.t, toMs);
  if (!t.length || t.length !== total.length || !t.every(Number.isFinite)) return null;
  const stepMs = series.step * 1000;
  const size = Math.floor((t[t.length - 1] - t[0]) / stepMs) + 1;
  if (!(size > 0 && size <= 2_000_000)) return null;
  const g = new Float64Array(size).fill(Number.NaN);
  const tot = new Float64Array(size).fill(Number.NaN);
  for (let k = 0; k < t.length; k++) {
    const i = Math.floor((t[k] - t[0]) / stepMs);
    if (i >= 0 && i < size) (tot[i] = total[k]), (g[i] = good[k]);
  }
  return { start: new Date(t[0]).toISOString(), step: series.step, good: g, total: tot };
}

/**
 * Coverage of a regular series: `{start, end, step, points, missing, ratio}` (missing: buckets with no total;
 * ratio: every bucket one event, as a ratio series becomes, org-imports.js `ratioSli`).
 */
export function coverageOf(sli) {
  let missing = 0;
  let ratio = true;
  for (const x of sli.total) {
    if (!Number.isFinite(x)) missing++;
    else if (x !== 1) ratio = false;
  }
  const start = Date.parse(sli.start);
  return { start: sli.start, end: new Date(start + sli.total.length * sli.step * 1000).toISOString(), step: sli.step, points: sli.total.length, missing, ratio: ratio && missing < sli.total.length };
}

/** The budget entries of a merged service: each SLO that is not the sample service's own first one. */
function budgetEntries(service, sampleService, notes) {
  const out = [];
  (service.slos ?? []).forEach((slo, k) => {
    if (sampleService && k === 0) return; // the sample's own SLO: the budget view reads the sample's year for it
    const sloLabel = slo.name ?? `SLO ${k + 1}`;
    const name = service.id === IMPORTED_SERVICE ? sloLabel : `${service.name ?? service.id}, ${sloLabel}`;
    const days = windowDaysOf(slo.slo?.window);
    // An OpenSLO objective over a sample service's own buckets reads the sample's whole year (lead-in included).
    const own = sampleService && slo.series?.good?.buffer === sampleService.sli.good.buffer;
    const sli = own ? sampleService.sli : regularSeries(slo.series);
    if (!sli || !days) {
      notes.push(`${name}: not shown in the error-budget view, ${!sli ? "its SLI series is not on a regular step" : `its window "${slo.slo?.window}" is not a whole number of days`}.`);
      return;
    }
    out.push({ id: `${service.id}~${k}`, serviceId: service.id, name, sli, exclude: slo.series?.exclude ?? [], slo: { target: slo.slo.objective, windowDays: days }, imported: true });
  });
  return out;
}

/** A merged team in the shape the team tasks read (engine/tasks-team.js), plus the period it covers. */
function viewTeam(doc, sampleTeam, samplePeriod) {
  const oc = doc.onCall;
  const added = (list, from) => (list ?? []).slice(from);
  const person = (r) => ({ id: r.id, name: r.id, timeZone: r.timeZone ?? "UTC", site: r.timeZone ?? "UTC" });
  if (sampleTeam) {
    const pages = added(oc?.pages, sampleTeam.pages.length);
    const deployments = added(doc.dora?.deployments, sampleTeam.deployments.length);
    if (!pages.length && !deployments.length) return null; // nothing imported: the sample team as it is
    return {
      team: {
        ...sampleTeam,
        responders: [...sampleTeam.responders, ...added(oc?.responders, sampleTeam.responders.length).map(person)],
        pages: [...sampleTeam.pages, ...pages],
        deployments: [...sampleTeam.deployments, ...deployments],
      },
      period: samplePeriod,
      imported: { pages: pages.length, deployments: deployments.length },
    };
  }
  const team = {
    id: doc.id,
    name: doc.name ?? doc.id,
    responders: (oc?.responders ?? []).map(person),
    pages: oc?.pages ?? [],
    shifts: oc?.shifts ?? [],
    deployments: doc.dora?.deployments ?? [],
    toil: doc.toil?.entries ?? [],
    squadVotes: doc.surveys?.squadHealth ?? [],
    enps: doc.surveys?.enps ?? [],
  };
  // One period for every part: the team's own when it has one, else whole UTC days around all its events.
  let period = oc?.period ?? doc.dora?.period ?? null;
  if (!period) {
    const times = [...team.pages.map((p) => toMs(p.at)), ...team.deployments.flatMap((d) => [toMs(d.at), d.recoveredAt ? toMs(d.recoveredAt) : Number.NaN])].filter(Number.isFinite);
    if (!times.length) return null;
    const lo = Math.floor(Math.min(...times) / DAY_MS) * DAY_MS;
    const hi = Math.floor(Math.max(...times) / DAY_MS) * DAY_MS + DAY_MS;
    period = { start: new Date(lo).toISOString(), end: new Date(hi).toISOString() };
  }
  return { team, period, imported: { pages: team.pages.length, deployments: team.deployments.length } };
}

/**
 * The SLA view's services with imported data: a sample service whose imported outages (full outages, as the
 * overview paints them: org-imports.js) are painted into a copy of its year of buckets, with its imported
 * maintenance; and every other service of the organisation with an SLA (the imported service judged on outage
 * records, an imported organisation's services). `period` is the organisation's.
 */
function slaEntries(doc, sample, period) {
  const out = [];
  for (const s of doc.services) {
    if (!s.sla) continue;
    const own = sample?.services.find((x) => x.id === s.id);
    if (own) {
      const added = (s.incidents?.incidents ?? []).filter((i) => String(i.id).startsWith("imported-"));
      const ownMaintenance = sample.outages.filter((o) => o.service === s.id && o.maintenance).length;
      const maintenance = (s.sla.maintenance ?? []).slice(ownMaintenance);
      if (!added.length && !maintenance.length) continue;
      const sli = paintOutages(own.sli, added.map((i) => ({ start: i.start, end: i.resolvedAt })));
      const outages = [
        ...added.map((i) => ({ id: i.id, service: s.id, start: i.start, end: i.resolvedAt, severity: i.severity === "imported" ? "imported" : i.severity, title: "Imported outage", imported: true })),
        ...maintenance.map((m, k) => ({ id: `imported-maintenance-${k + 1}`, service: s.id, start: m.start, end: m.end, maintenance: true, title: "Imported maintenance", imported: true })),
      ];
      out.push({ id: s.id, name: s.name ?? s.id, source: "sample+import", target: s.sla.target, credits: s.sla.credits, period, sli, outages, evidence: "samples" });
      continue;
    }
    const samples = s.sla.samples ? regularSeries(s.sla.samples) : null;
    const outages = (s.sla.outages ?? []).map((o, k) => ({ id: `imported-${k + 1}`, service: s.id, start: o.start, end: o.end, impact: o.impact ?? 1, severity: "imported", title: "Imported outage", imported: true }));
    for (const [k, m] of (s.sla.maintenance ?? []).entries()) outages.push({ id: `imported-maintenance-${k + 1}`, service: s.id, start: m.start, end: m.end, maintenance: true, title: "Imported maintenance", imported: true });
    out.push({ id: s.id, name: s.name ?? s.id, source: "import", target: s.sla.target, credits: s.sla.credits, period, sli: samples, outages, evidence: samples ? "samples" : "outages" });
  }
  return out;
}

/** The team's summary for the page, as `summarise` gives the sample's (sample/index.js), with where it came from. */
function teamSummary(t, period, source, imported) {
  return { ...sampleTeamSummary(t, period.start, period.end), source, imported, period };
}

/**
 * The sources of the organisation the worker holds (`held`: sample and imported datasets) under `imports`
 * (`[{id, name, kind, attach}]`), built once per sample and set of imports: `{key, asOf, budgetOrg, budget,
 * teams, notes}`. Throws (as buildOrg does) when there is neither a sample nor imported data.
 */
export function orgSources(held, imports) {
  const list = (Array.isArray(imports) ? imports : [])
    .filter((r) => r && typeof r.id === "string")
    .map((r) => ({ id: r.id, name: String(r.name ?? r.id), kind: String(r.kind ?? ""), attach: typeof r.attach === "string" ? r.attach : "auto" }));
  const key = JSON.stringify([held.seed, held.org?.meta.generator ?? null, list, list.map((r) => Boolean(held.imports[r.id]))]);
  if (held.current?.key === key && held.current.org === held.org) return held.current;
  const { doc, asOf, period } = buildOrg(held, list);
  const sample = held.org;
  const notes = [];
  const budget = doc.services.flatMap((s) => budgetEntries(s, sample?.services.find((x) => x.id === s.id), notes));
  // Incidents and maintenance of an entry's service, as the budget tasks read outages.
  const outages = [];
  for (const e of budget) {
    const s = doc.services.find((x) => x.id === e.serviceId);
    for (const x of e.exclude) outages.push({ id: `maintenance ${x.start}`, service: e.id, start: x.start, end: x.end, maintenance: true });
    for (const i of s?.incidents?.incidents ?? []) if (i.resolvedAt) outages.push({ id: i.id, service: e.id, start: i.start, end: i.resolvedAt, severity: i.severity });
  }
  const starts = budget.map((e) => Date.parse(e.sli.start));
  const start = sample ? Math.min(Date.parse(sample.meta.start), ...starts) : starts.length ? Math.min(...starts) : Date.parse(asOf);
  const samplePeriod = sample ? { start: sample.meta.start, end: sample.meta.end } : period;
  const teams = [];
  for (const t of doc.teams) {
    const sampleTeam = sample?.teams.find((x) => x.id === t.id);
    const v = viewTeam(t, sampleTeam, samplePeriod);
    if (v) teams.push({ ...v, summary: teamSummary(v.team, v.period, sampleTeam ? "sample+import" : "import", v.imported) });
  }
  // Imported data alone: from the first UTC month its outages or series touch, to asOf.
  const firsts = [start, ...doc.services.flatMap((x) => [...(x.sla?.outages ?? []), ...(x.sla?.maintenance ?? [])].map((o) => Date.parse(o.start)))].filter(Number.isFinite);
  const first = new Date(Math.min(...firsts));
  const orgPeriod = samplePeriod ?? { start: new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)).toISOString(), end: asOf };
  const sla = slaEntries(doc, sample, orgPeriod);
  // A sample service with imported outages: its painted year, and the imported outages marked as incidents.
  const painted = new Map(sla.filter((e) => e.source === "sample+import").map((e) => [e.id, e]));
  const budgetOrg = {
    meta: { asOf, start: new Date(start).toISOString(), seed: key },
    services: [...(sample?.services ?? []).map((x) => (painted.has(x.id) ? { ...x, sli: painted.get(x.id).sli } : x)), ...budget],
    outages: [...(sample?.outages ?? []), ...[...painted.values()].flatMap((e) => e.outages), ...outages],
  };
  held.current = { key, org: held.org, doc, asOf, budgetOrg, budget, teams, sla, notes, refs: { teams: teams.map((t) => t.team), sla } };
  return held.current;
}

/**
 * The desk whose tickets the SLA view shows once tickets are imported: the support desk with imported tickets
 * added, else the first other service holding imported tickets; null when no tickets were imported. Its
 * TicketSet (the engine's parsed tickets) is built once per set of imports; the previous one is freed.
 */
let heldTickets = null;
export function ticketSource(src, sample) {
  if (src.tickets !== undefined) return src.tickets;
  const sampleCount = sample?.support?.tickets.length ?? 0;
  const desks = src.doc.services.filter((x) => x.tickets?.tickets?.length);
  const desk = desks.find((x) => x.id === SUPPORT_ID && x.tickets.tickets.length > sampleCount) ?? desks.find((x) => x.id !== SUPPORT_ID) ?? null;
  if (!desk) return (src.tickets = null);
  heldTickets?.set.free();
  const t = desk.tickets;
  heldTickets = {
    id: desk.id,
    name: desk.name ?? desk.id,
    imported: t.tickets.length - (desk.id === SUPPORT_ID ? sampleCount : 0),
    total: t.tickets.length,
    defaults: { targets: t.targets, calendar: t.calendar, asOf: t.asOf },
    set: new TicketSet(t.tickets),
  };
  return (src.tickets = heldTickets);
}

/** Incidents of a service of the merged organisation, as incidentMetrics takes them, or null. */
export function incidentsSource(src, serviceId) {
  const s = src.doc.services.find((x) => x.id === serviceId);
  const e = src.sla.find((x) => x.id === serviceId);
  if (!s?.incidents || !e) return null;
  return { incidents: s.incidents.incidents, period: s.incidents.period ?? e.period };
}

/** What the page lists: the budget entries (without their buckets) and the teams' summaries (fresh copies). */
export function sourcesSummary(src, sample = null) {
  ticketSource(src, sample);
  return {
    asOf: src.asOf,
    budget: src.budget.map((e) => ({ id: e.id, serviceId: e.serviceId, name: e.name, slo: e.slo, coverage: coverageOf(e.sli) })),
    // Fresh weekly columns each time: the worker transfers a result's buffers, and these summaries are kept.
    teams: src.teams.map(({ summary: t }) => ({ ...t, weekly: Object.fromEntries(Object.entries(t.weekly).map(([k, v]) => [k, ArrayBuffer.isView(v) ? v.slice() : v])) })),
    // Per-day availability for the chart (sample services' own day boundaries), without the buckets.
    sla: src.sla.map(({ sli, ...e }) => ({ ...e, ...(sli && 86400 % sli.step === 0 ? { daily: dailyTotals(sli) } : {}) })),
    tickets: src.tickets ? { id: src.tickets.id, name: src.tickets.name, imported: src.tickets.imported, total: src.tickets.total, asOf: src.tickets.defaults.asOf } : null,
    notes: src.notes,
  };
}
