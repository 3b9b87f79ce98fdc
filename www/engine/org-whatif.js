// What-ifs applied to an OrgDocument, so the overview's scorecard (and its comparison with the baseline) reflects
// every control that maps onto the organisation. The page turns the scenario's overrides into one plain object
// (www/orgwhatif.js, `orgWhatIf`); the worker builds a fresh document and applies it here:
//
//   { services:  { <id>: { slaTarget?: fraction, sloTarget?: fraction,
//                          outages?: [{ start, end, errorRatio?: fraction (1), label? }],
//                          ticketTargets?: ticketSla targets, ticketCalendar?: BusinessCalendar } },
//     resources: { <id>: { capacityAdded?: units, growth?: trend multiplier (1.5 = 50% faster) } },
//     teams:     { <id>: { rotationMembers?: people, pageReduction?: fraction,
//                          automate?: [{ category, fraction }] } } }
//
// What maps onto the document directly does so: targets replace the document's, a hypothetical outage fails that
// share of the requests in the buckets it covers (a copy of them: the held series are never written) and joins the
// incidents, added capacity raises the runway's capacity. Growth and team changes are the engines' own what-if
// scenarios (runway `scenarios`, teamHealth `whatIf`): they ride in the document and the worker reads each one's
// result in place of the baseline (tasks-org.js), so their meaning is the engines', not re-derived here.

/** Problems with a what-if that did not stop the rest (an unknown service id, a target with nothing to apply to). */
const note = (notes, text) => notes.push(text);

/**
 * Fail `errorRatio` of the requests in every bucket an outage covers, in proportion to the part of the bucket it
 * covers. Returns a new series whose `good` is a copy (only when some bucket changed), or the series itself.
 */
export function paintOutages(series, outages) {
  const t0 = Date.parse(series.start);
  const stepMs = series.step * 1000;
  const n = series.total.length;
  let good = null;
  for (const o of outages) {
    const s = Date.parse(o.start);
    const e = Date.parse(o.end);
    const ratio = o.errorRatio ?? 1;
    if (!(e > s) || !(ratio > 0)) continue;
    const i0 = Math.max(0, Math.floor((s - t0) / stepMs));
    const i1 = Math.min(n, Math.ceil((e - t0) / stepMs));
    for (let i = i0; i < i1; i++) {
      const b0 = t0 + i * stepMs;
      const covered = (Math.min(e, b0 + stepMs) - Math.max(s, b0)) / stepMs;
      if (!(covered > 0)) continue;
      good ??= Float64Array.from(series.good);
      good[i] -= good[i] * covered * Math.min(1, ratio);
    }
  }
  return good ? { ...series, good } : series;
}

/** A checked outage `{start, end, errorRatio}` (RFC 3339 strings), or a reason it cannot be used. */
export function checkOutage(o) {
  const s = Date.parse(o?.start);
  const e = Date.parse(o?.end);
  if (!Number.isFinite(s) || !Number.isFinite(e)) return { error: "its start or end is not a time" };
  if (e <= s) return { error: "it ends before it starts" };
  const ratio = o.errorRatio ?? 1;
  if (!(ratio > 0 && ratio <= 1)) return { error: "its error ratio is not between 0 and 1" };
  return { outage: { start: new Date(s).toISOString(), end: new Date(e).toISOString(), errorRatio: ratio, label: o.label } };
}

/**
 * Add outages to a service of the document: painted into its SLA samples and SLO series (or appended to SLA
 * outage evidence), and added to its incidents. `idPrefix` names the incidents ("what-if", "import").
 */
export function addOutages(service, outages, { idPrefix, period } = {}) {
  if (!outages.length) return;
  if (service.sla?.samples) service.sla = { ...service.sla, samples: paintOutages(service.sla.samples, outages) };
  else if (service.sla?.outages) {
    service.sla = { ...service.sla, outages: [...service.sla.outages, ...outages.map((o) => ({ start: o.start, end: o.end, impact: o.errorRatio ?? 1 }))] };
  }
  service.slos = (service.slos ?? []).map((slo) => (slo.series?.good && slo.series?.total && slo.series.start ? { ...slo, series: paintOutages(slo.series, outages) } : slo));
  const incidents = outages.map((o, k) => ({
    id: `${idPrefix ?? "added"}-${k + 1}`,
    start: o.start,
    resolvedAt: o.end,
    severity: o.severity ?? idPrefix ?? "added",
  }));
  service.incidents = service.incidents
    ? { ...service.incidents, incidents: [...service.incidents.incidents, ...incidents] }
    : { incidents, ...(period ? { period } : {}) };
}

const fraction = (x) => typeof x === "number" && x > 0 && x < 1;

/**
 * Apply `whatIf` to `doc` (a freshly built document; its objects are replaced, never the held arrays inside).
 * Returns `{notes, changed}`: notes about what-ifs that could not apply, and the ids of the services, resources
 * and teams it changed (`{services, resources, teams}`, Sets), so only those need scoring again. `period` is the
 * document's observation period, for services that had no incidents before.
 */
export function applyWhatIf(doc, whatIf = {}, { period } = {}) {
  const notes = [];
  const changed = { services: new Set(), resources: new Set(), teams: new Set() };
  for (const [id, w] of Object.entries(whatIf.services ?? {})) {
    const i = doc.services.findIndex((s) => s.id === id);
    if (i < 0) {
      note(notes, `The what-if for service "${id}" was left out: the organisation has no such service.`);
      continue;
    }
    const s = { ...doc.services[i] };
    if (w.slaTarget !== undefined) {
      // A bad target goes to the engine as it is, so the page shows the engine's own error with its path.
      if (s.sla) s.sla = { ...s.sla, target: w.slaTarget };
      else note(notes, `${s.name ?? id} has no SLA, so its SLA-target what-if does nothing.`);
    }
    if (w.sloTarget !== undefined) {
      if (s.slos?.length) s.slos = s.slos.map((slo) => ({ ...slo, slo: { ...slo.slo, objective: w.sloTarget } }));
      else note(notes, `${s.name ?? id} has no SLO, so its SLO-target what-if does nothing.`);
    }
    if (w.ticketTargets !== undefined || w.ticketCalendar !== undefined) {
      // Ticket targets and calendar replace the document's (a bad one goes to the engine, which names it).
      if (s.tickets) {
        s.tickets = {
          ...s.tickets,
          ...(w.ticketTargets !== undefined ? { targets: w.ticketTargets } : {}),
          ...(w.ticketCalendar !== undefined ? { calendar: w.ticketCalendar } : {}),
        };
      } else note(notes, `${s.name ?? id} has no tickets, so its ticket what-if does nothing.`);
    }
    if (w.outages?.length) {
      const good = [];
      for (const o of w.outages) {
        const c = checkOutage(o);
        if (c.error) note(notes, `A hypothetical outage of ${s.name ?? id} was left out: ${c.error}.`);
        else good.push(c.outage);
      }
      addOutages(s, good, { idPrefix: "what-if", period });
    }
    doc.services[i] = s;
    changed.services.add(id);
  }
  for (const [id, w] of Object.entries(whatIf.resources ?? {})) {
    const i = doc.resources.findIndex((r) => r.id === id);
    if (i < 0) {
      note(notes, `The what-if for resource "${id}" was left out: the organisation has no such resource.`);
      continue;
    }
    const r = doc.resources[i];
    const runway = { ...r.runway };
    if (typeof w.capacityAdded === "number" && w.capacityAdded !== 0) runway.capacity = r.runway.capacity + w.capacityAdded;
    if (typeof w.growth === "number" && w.growth !== 1) runway.scenarios = [{ name: "what-if", growth: w.growth }];
    doc.resources[i] = { ...r, runway };
    changed.resources.add(id);
  }
  for (const [id, w] of Object.entries(whatIf.teams ?? {})) {
    const i = doc.teams.findIndex((t) => t.id === id);
    if (i < 0) {
      note(notes, `The what-if for team "${id}" was left out: the organisation has no such team.`);
      continue;
    }
    const scenario = { name: "what-if" };
    if (Number.isInteger(w.rotationMembers) && w.rotationMembers > 0) scenario.rotationMembers = w.rotationMembers;
    if (fraction(w.pageReduction)) scenario.pageReduction = w.pageReduction;
    const automate = (w.automate ?? []).filter((a) => typeof a?.category === "string" && fraction(a.fraction));
    if (automate.length) scenario.automate = automate.map((a) => ({ category: a.category, fraction: a.fraction }));
    if (Object.keys(scenario).length > 1) {
      doc.teams[i] = { ...doc.teams[i], whatIf: [scenario] };
      changed.teams.add(id);
    }
  }
  return { notes, changed };
}

/** Whether a what-if object changes anything (an empty one scores exactly as the baseline). */
export function isEmptyWhatIf(whatIf) {
  return !whatIf || ["services", "resources", "teams"].every((k) => Object.keys(whatIf[k] ?? {}).length === 0);
}
