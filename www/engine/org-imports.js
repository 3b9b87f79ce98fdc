// Imported data (Data view: CSV, JSON, OpenSLO, Prometheus; io/import.js) merged into the OrgDocument, so an import
// is scored with the organisation rather than only previewed. Each imported dataset carries an `attach` choice:
//   "auto"  rows go where their own `service` column points (a service id or name), the rest to an "Imported
//           data" service; pages and deployments go to the organisation's team (or a new "Imported team");
//   "new"   everything to the "Imported data" service (or "Imported team");
//   "none"  kept in the browser but not scored;
//   <id>    everything to that service (outages, tickets, SLI series, SLOs) or team (pages, deployments).
// An imported opscore organisation document adds its own services, resources and teams.
// Outages on a service with per-minute buckets fail those buckets (see org-whatif.js `addOutages`); on the
// imported service they are the SLA's outage evidence. Every row that cannot be used is counted in a note.
import { addOutages, checkOutage } from "./org-whatif.js";
import { businessCalendar, ticketTargets } from "../sample/support.js";

export const IMPORTED_SERVICE = "imported";
export const IMPORTED_TEAM = "imported-team";
/** The SLA and SLO an imported service is held to until a what-if changes it. */
export const IMPORTED_SLA_TARGET = 0.999;
export const IMPORTED_SLO_TARGET = 0.999;
const MAX_BUCKETS = 2_000_000;

const key = (s) => String(s ?? "").trim().toLowerCase();

/** The service of the document a record's `service` names (by id or display name), or null. */
function serviceNamed(doc, name) {
  const k = key(name);
  if (!k) return null;
  return doc.services.find((s) => key(s.id) === k || key(s.name) === k) ?? null;
}

function importedService(doc, ctx) {
  let s = doc.services.find((x) => x.id === IMPORTED_SERVICE);
  if (!s) {
    s = { id: IMPORTED_SERVICE, name: "Imported data" };
    doc.services.push(s);
  }
  return s;
}

/**
 * A copy of a service to add outages to; the imported service gets an SLA judged on outage evidence (its target,
 * the last whole month) once it has outages.
 */
function withOutageSla(s, ctx) {
  if (s.id !== IMPORTED_SERVICE || s.sla) return { ...s };
  return { ...s, sla: { target: IMPORTED_SLA_TARGET, period: { unit: "month", containing: ctx.lastMonth }, timeZone: "UTC", outages: [], maintenance: [] } };
}

function importedTeam(doc, ctx) {
  let t = doc.teams.find((x) => x.id === IMPORTED_TEAM);
  if (!t) {
    t = { id: IMPORTED_TEAM, name: "Imported team" };
    doc.teams.push(t);
  }
  return t;
}

/** Where a dataset's rows go: a function record → service (or null = the imported one), or a note. */
function serviceTarget(doc, attach) {
  if (attach === "new") return () => null;
  if (attach && attach !== "auto") {
    const s = doc.services.find((x) => x.id === attach);
    return s ? () => s : { error: `the service "${attach}" it was attached to is not in the organisation` };
  }
  return (r) => serviceNamed(doc, r.service);
}

function teamTarget(doc, attach, ctx) {
  if (attach === "new") return importedTeam(doc, ctx);
  if (attach && attach !== "auto") return doc.teams.find((t) => t.id === attach) ?? null;
  return doc.teams.find((t) => t.id !== IMPORTED_TEAM) ?? importedTeam(doc, ctx);
}

function mergeOutages(doc, set, ctx, out) {
  const target = serviceTarget(doc, set.attach);
  if (target.error) return out.notes.push(`${set.name}: not scored, ${target.error}.`);
  const groups = new Map();
  for (const r of set.data.outages ?? []) {
    const s = target(r) ?? importedService(doc, ctx);
    if (!groups.has(s)) groups.set(s, { outages: [], maintenance: [] });
    const c = checkOutage({ start: r.start, end: r.end });
    if (c.error) {
      out.skipped++;
      continue;
    }
    const g = groups.get(s);
    if (r.maintenance) g.maintenance.push({ start: c.outage.start, end: c.outage.end });
    else g.outages.push({ ...c.outage, severity: r.severity || undefined });
  }
  for (const [s, g] of groups) {
    const i = doc.services.indexOf(s);
    const copy = withOutageSla(s, ctx);
    if (g.maintenance.length && copy.sla) {
      copy.sla = { ...copy.sla, maintenance: [...(copy.sla.maintenance ?? []), ...g.maintenance] };
      copy.slos = (copy.slos ?? []).map((slo) => ({ ...slo, series: { ...slo.series, exclude: [...(slo.series.exclude ?? []), ...g.maintenance] } }));
    }
    addOutages(copy, g.outages, { idPrefix: "imported", period: ctx.period });
    doc.services[i] = copy;
    out.attached.add(copy.name ?? copy.id);
    out.rows += g.outages.length + g.maintenance.length;
  }
}

function mergeTickets(doc, set, ctx, out) {
  const target = serviceTarget(doc, set.attach);
  if (target.error) return out.notes.push(`${set.name}: not scored, ${target.error}.`);
  const groups = new Map();
  for (const r of set.data.tickets ?? []) {
    // Tickets rarely name a service: "auto" sends them to the support desk when the organisation has one.
    const s = (set.attach === "auto" || !set.attach ? serviceNamed(doc, r.service) ?? doc.services.find((x) => x.tickets) : target(r)) ?? importedService(doc, ctx);
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s).push(r);
  }
  for (const [s, rows] of groups) {
    const i = doc.services.indexOf(s);
    const tickets = s.tickets ?? { tickets: [], targets: ticketTargets(), calendar: businessCalendar(), asOf: ctx.asOf, detail: "none" };
    const ids = new Set(tickets.tickets.map((t) => t.id));
    const targets = { ...tickets.targets };
    const added = [];
    for (const r of rows) {
      if (Date.parse(r.createdAt) > Date.parse(ctx.asOf)) {
        out.skipped++;
        continue;
      }
      if (!targets[r.priority]) targets[r.priority] = targets.P4 ?? Object.values(targets)[0];
      let id = r.id;
      for (let n = 2; ids.has(id); n++) id = `${r.id} (${set.name} ${n})`;
      ids.add(id);
      added.push({
        id,
        priority: r.priority,
        createdAt: r.createdAt,
        ...(r.firstResponseAt ? { firstResponseAt: r.firstResponseAt } : {}),
        ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
      });
    }
    doc.services[i] = { ...s, tickets: { ...tickets, targets, tickets: [...tickets.tickets, ...added] } };
    out.attached.add(s.name ?? s.id);
    out.rows += added.length;
  }
}

/** Columnar series (io/records.js `toColumns`) → a regular SLI series on its step grid, gaps as missing (NaN). */
export function regularSli(cols) {
  const step = cols.step;
  const n = cols.t?.length ?? 0;
  if (!(step >= 1) || n === 0 || !cols.total || !(cols.good || cols.bad)) return null;
  const t0 = cols.t[0];
  const stepMs = step * 1000;
  const size = Math.floor((cols.t[n - 1] - t0) / stepMs) + 1;
  if (!(size > 0) || size > MAX_BUCKETS) return null;
  const good = new Float64Array(size).fill(Number.NaN);
  const total = new Float64Array(size).fill(Number.NaN);
  for (let k = 0; k < n; k++) {
    const i = Math.floor((cols.t[k] - t0) / stepMs);
    if (!(i >= 0 && i < size) || !Number.isNaN(total[i])) continue;
    const tot = cols.total[k];
    const g = cols.good ? cols.good[k] : tot - cols.bad[k];
    if (!Number.isFinite(tot) || !Number.isFinite(g)) continue;
    total[i] = tot;
    good[i] = g;
  }
  return { start: new Date(t0).toISOString(), step, good, total };
}

/** `name`, or `name (2)`, … : SLO names must be unique within a service (two imports of one file, say). */
function sloName(service, name) {
  const taken = new Set((service.slos ?? []).map((s) => s.name));
  let n = name;
  for (let k = 2; taken.has(n); k++) n = `${name} (${k})`;
  return n;
}

/**
 * A series of values that are all fractions (an availability or success ratio, as a Prometheus query_range of
 * good/total returns it) as an SLI: each step counts as one event, `value` of it good. Null when any value is
 * outside [0, 1] (usage, latency: not a ratio).
 */
export function ratioSli(cols) {
  const v = cols?.values;
  if (!v?.length || !cols.t?.length) return null;
  let any = false;
  for (const x of v) {
    if (Number.isNaN(x)) continue;
    if (!(x >= 0 && x <= 1)) return null;
    any = true;
  }
  if (!any) return null;
  return regularSli({ step: cols.step, t: cols.t, good: v, total: Float64Array.from(v, (x) => (Number.isNaN(x) ? Number.NaN : 1)) });
}

/** Words that mark a series (or its file) as counting failures: an error ratio, bad events. */
const ERROR_WORDS = /error|fail|5xx|5\.\.|\bbad|unavailab/i;

const median = (v) => {
  const x = [...v].filter((y) => !Number.isNaN(y)).sort((a, b) => a - b);
  return x.length ? x[Math.floor(x.length / 2)] : Number.NaN;
};

/**
 * Whether a series of fractions counts failures (an error ratio) rather than successes: its name (or its file's)
 * says so, or its median is below one half (no service held to an SLO succeeds less than half the time).
 */
export function isErrorRatio(name, values) {
  return ERROR_WORDS.test(name) || median(values) < 0.5;
}

/** An error-ratio series (0 to 1, failures) as an SLI of one event per step, `1 − value` of it good. */
export function errorRatioSli(cols) {
  const sli = ratioSli(cols);
  if (!sli) return null;
  for (let i = 0; i < sli.good.length; i++) sli.good[i] = sli.total[i] - sli.good[i];
  return sli;
}

/**
 * Two series of counts on the same timestamps, one never above the other (a Prometheus query_range of good and
 * total, or errors and total, in one response) → an SLI: the larger is the total, the smaller its good events, or
 * its bad ones when its name says so or it is mostly under half the total. Null otherwise.
 */
export function pairSli(a, b) {
  const va = a.cols?.values;
  const vb = b.cols?.values;
  if (!va || !vb || va.length !== vb.length || !va.length || a.cols.step !== b.cols.step) return null;
  if (a.cols.t.some((t, i) => t !== b.cols.t[i])) return null;
  const aSmaller = va.every((x, i) => !(x > vb[i]));
  const bSmaller = vb.every((x, i) => !(x > va[i]));
  if (!aSmaller && !bSmaller) return null;
  const [small, large] = aSmaller && !(bSmaller && ERROR_WORDS.test(b.name)) ? [a, b] : [b, a];
  const vs = small.cols.values;
  const vl = large.cols.values;
  const bad = ERROR_WORDS.test(small.name) || median(Float64Array.from(vs, (x, i) => (vl[i] > 0 ? x / vl[i] : Number.NaN))) < 0.5;
  const sli = regularSli({ step: small.cols.step, t: small.cols.t, total: vl, ...(bad ? { bad: vs } : { good: vs }) });
  return sli ? { sli, small: small.name, large: large.name, bad } : null;
}

function mergeSeries(doc, set, ctx, out) {
  let series = Array.isArray(set.data.series) ? set.data.series.map((s) => ({ name: s.name ?? set.name, cols: s.series })) : [{ name: set.name, cols: set.data.series }];
  const target = serviceTarget(doc, set.attach);
  if (target.error) return out.notes.push(`${set.name}: not scored, ${target.error}.`);
  const chosen = set.attach && set.attach !== "auto";
  const add = (name, sli, points) => {
    const s = target({}) ?? importedService(doc, ctx);
    const i = doc.services.indexOf(s);
    const objective = s.slos?.[0]?.slo.objective ?? IMPORTED_SLO_TARGET;
    doc.services[i] = { ...s, slos: [...(s.slos ?? []), { name: sloName(s, `Imported: ${name}`), slo: { objective, window: "28d" }, series: sli }] };
    out.attached.add(s.name ?? s.id);
    out.rows += points;
  };
  // Two count series in one response: good (or errors) and total.
  // (At least one is not a ratio: two availability ratios are two SLIs.)
  const pair = chosen && series.length === 2 && series.every((x) => x.cols && !regularSli(x.cols)) && series.some((x) => !ratioSli(x.cols)) ? pairSli(series[0], series[1]) : null;
  if (pair) {
    out.notes.push(`${set.name}: "${pair.small}" read as the ${pair.bad ? "bad (failed)" : "good"} events of "${pair.large}", the total.`);
    add(`${pair.small} / ${pair.large}`, pair.sli, series[0].cols.t.length);
    series = [];
  }
  for (const { name, cols } of series) {
    let sli = cols ? regularSli(cols) : null;
    if (!sli && cols && chosen) {
      const errors = cols.values && isErrorRatio(`${set.name} ${name}`, cols.values);
      sli = errors ? errorRatioSli(cols) : ratioSli(cols);
      if (sli && errors) out.notes.push(`${name}: read as an error ratio (each step one event, 1 − value of it good), from its name or its values (mostly under 0.5).`);
    }
    if (!sli) {
      out.notes.push(
        chosen
          ? `${name}: not scored, its values are not an availability ratio between 0 and 1.`
          : `${name}: a series of values is not scored on its own. If it is an availability ratio (0 to 1, say from Prometheus), choose its service under "Scored with"; usage against a capacity is not scored here.`,
      );
      continue;
    }
    add(name, sli, cols.t.length);
  }
}

function mergeSlos(doc, set, ctx, out) {
  for (const slo of set.data.slos ?? []) {
    const s = set.attach && set.attach !== "auto" && set.attach !== "new" ? doc.services.find((x) => x.id === set.attach) : serviceNamed(doc, slo.service);
    const days = Number(slo.windowDays);
    const series = s && Number.isInteger(days) && days >= 1 ? ctx.sliWindow?.(s.id, days) : null;
    if (!series) {
      out.skipped++;
      out.notes.push(`SLO "${slo.name}": not scored, ${s ? "it needs a rolling window in whole days over the service's own SLI data" : `no service "${slo.service}" with SLI data in the organisation`}.`);
      continue;
    }
    const i = doc.services.indexOf(s);
    doc.services[i] = { ...s, slos: [...(s.slos ?? []), { name: sloName(s, `OpenSLO: ${slo.name}`), slo: { objective: slo.target, window: `${days}d` }, series }] };
    out.attached.add(s.name ?? s.id);
    out.rows++;
  }
}

function mergePages(doc, set, ctx, out) {
  const team = teamTarget(doc, set.attach, ctx);
  if (!team) return out.notes.push(`${set.name}: not scored, the team it was attached to is not in the organisation.`);
  const i = doc.teams.indexOf(team);
  const rows = set.data.pages ?? [];
  const times = rows.map((p) => Date.parse(p.at));
  const period = team.onCall?.period ?? ctx.period ?? { start: new Date(Math.min(...times)).toISOString(), end: new Date(Math.max(...times) + 1000).toISOString() };
  const from = Date.parse(period.start);
  const to = Date.parse(period.end);
  const responders = [...(team.onCall?.responders ?? [])];
  const known = new Set(responders.map((r) => r.id));
  const pages = [];
  for (const p of rows) {
    const at = Date.parse(p.at);
    if (!(at >= from && at < to)) {
      out.skipped++;
      continue;
    }
    if (!known.has(p.responder)) {
      known.add(p.responder);
      responders.push({ id: p.responder, timeZone: "UTC" });
    }
    pages.push({ at: p.at, responder: p.responder, urgency: p.urgency ?? "high", ...(p.acknowledgedAt ? { acknowledgedAt: p.acknowledgedAt } : {}), ...(p.incidentId ? { incidentId: p.incidentId } : {}) });
  }
  if (!pages.length) return;
  const onCall = team.onCall ?? { period, responders: [], pages: [], shifts: [] };
  doc.teams[i] = { ...team, onCall: { ...onCall, responders, pages: [...onCall.pages, ...pages] } };
  out.attached.add(team.name ?? team.id);
  out.rows += pages.length;
}

function mergeDeployments(doc, set, ctx, out) {
  const team = teamTarget(doc, set.attach, ctx);
  if (!team) return out.notes.push(`${set.name}: not scored, the team it was attached to is not in the organisation.`);
  const i = doc.teams.indexOf(team);
  const period = team.dora?.period ?? ctx.period;
  const inside = (iso) => !period || (Date.parse(iso) >= Date.parse(period.start) && Date.parse(iso) < Date.parse(period.end));
  const ids = new Set((team.dora?.deployments ?? []).map((d) => d.id));
  const added = [];
  for (const d of set.data.deployments ?? []) {
    if (!inside(d.at)) {
      out.skipped++;
      continue;
    }
    let id = d.id || `${set.name} ${added.length + 1}`;
    for (let n = 2; ids.has(id); n++) id = `${d.id} (${set.name} ${n})`;
    ids.add(id);
    added.push({
      id,
      at: d.at,
      ...(d.leadTimeSeconds !== undefined ? { leadTimeSeconds: d.leadTimeSeconds } : {}),
      ...(d.failed ? { failed: true } : {}),
      ...(d.recoveredAt && inside(d.recoveredAt) ? { recoveredAt: d.recoveredAt } : {}),
    });
  }
  if (!added.length) return;
  const dora = team.dora ?? { ...(period ? { period } : {}), deployments: [] };
  doc.teams[i] = { ...team, dora: { ...dora, deployments: [...dora.deployments, ...added] } };
  out.attached.add(team.name ?? team.id);
  out.rows += added.length;
}

/**
 * An opscore organisation document (version 1): its services, resources and teams join the organisation as they
 * are, so the engine checks them. An id the organisation already has is left out with a note (ids are how
 * services, teams and resources refer to each other, so renaming would change what they mean).
 */
function mergeOrganisation(doc, set, ctx, out) {
  const v = set.data;
  if (v?.version !== 1) return out.notes.push(`${set.name}: not scored, it is not an opscore organisation document of version 1.`);
  const teams = new Set(doc.teams.map((t) => t.id));
  const services = new Set(doc.services.map((x) => x.id));
  const resources = new Set(doc.resources.map((x) => x.id));
  const take = (list, ids, what, push) => {
    for (const x of Array.isArray(list) ? list : []) {
      if (!x || typeof x !== "object") continue;
      if (ids.has(x.id)) {
        out.skipped++;
        out.notes.push(`${set.name}: the ${what} "${x.id}" was left out, the organisation already has one with that id.`);
        continue;
      }
      ids.add(x.id);
      push(x);
      out.attached.add(x.name ?? String(x.id));
      out.rows++;
    }
  };
  take(v.teams, teams, "team", (t) => doc.teams.push(t));
  // A reference to a team or service the merged organisation lacks is dropped, not left dangling.
  const without = (x, key) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== key));
  take(v.services, services, "service", (x) => doc.services.push(x.team !== undefined && !teams.has(x.team) ? without(x, "team") : x));
  take(v.resources, resources, "resource", (r) => doc.resources.push(r.service !== undefined && !services.has(r.service) ? without(r, "service") : r));
}

const MERGE = {
  organisation: mergeOrganisation, outages: mergeOutages, tickets: mergeTickets, series: mergeSeries, slos: mergeSlos, pages: mergePages, deployments: mergeDeployments };

/**
 * Merge imported datasets `[{id, name, kind, attach, data}]` into `doc` (in place; objects replaced, held arrays
 * never written). `ctx`: `{asOf, lastMonth, period, sliWindow(serviceId, days)}`. Returns one summary per dataset:
 * `{id, name, rows, skipped, attached: [names], notes}`.
 */
export function applyImports(doc, imports, ctx) {
  const out = [];
  for (const set of imports) {
    const r = { id: set.id, name: set.name, rows: 0, skipped: 0, attached: new Set(), notes: [] };
    if (set.attach === "none") r.notes.push(`${set.name}: kept in this browser, not scored (its "Scored with" choice is "Not scored").`);
    else if (!set.data) r.notes.push(`${set.name}: its data is not loaded in the engine yet.`);
    else if (MERGE[set.kind]) MERGE[set.kind](doc, set, ctx, r);
    else r.notes.push(`${set.name}: a ${set.kind} file is not merged into the scored organisation.`);
    out.push({ ...r, attached: [...r.attached] });
  }
  return out;
}
