// Worker tasks of the SLA view: ticket SLAs, the composite tree and incident metrics, over the sample the worker
// holds. The support tickets are parsed once into the engine's TicketSet (per sample), so a target or calendar
// edit re-runs `evaluate` without sending or re-reading a ticket. Every result is the engine's own report.
import { TicketSet, compositeAvailability, incidentMetrics, slaReport } from "opscore";
import { engineTicket, incidentsOf } from "./org.js";
import { CHECKOUT_TOPOLOGY } from "../sample/topology.js";
import { incidentsSource, orgSources, ticketSource } from "./org-sources.js";

const fail = (message, path, code = "invalid_type") => {
  throw Object.assign(new Error(message), { name: "OpscoreError", code, path });
};
const sampleOf = (held) => held.org ?? fail("No sample organisation is loaded: load the sample first.", "org", "unknown_reference");

/** Per sample object: its TicketSet, and each service's measured availability over the year. */
const perSample = new WeakMap();
let lastSet = null;

function entryFor(sample) {
  let e = perSample.get(sample);
  if (!e) {
    // One set at a time: free the previous sample's wasm memory when the sample changes.
    lastSet?.free();
    lastSet = null;
    e = { tickets: null, measured: new Map() };
    perSample.set(sample, e);
  }
  return e;
}

function ticketSet(sample) {
  const e = entryFor(sample);
  if (!e.tickets) {
    e.tickets = new TicketSet(sample.support.tickets.map(engineTicket));
    lastSet = e.tickets;
  }
  return e.tickets;
}

/** A service's availability over the sample's year (slaReport over its per-minute buckets, maintenance cut out). */
function measured(sample, id) {
  const e = entryFor(sample);
  if (!e.measured.has(id)) {
    const s = sample.services.find((x) => x.id === id);
    if (!s) fail(`The sample has no service "${id}".`, "service", "unknown_reference");
    const r = slaReport({
      target: s.sla.target,
      period: { start: sample.meta.start, end: sample.meta.end },
      timeZone: "UTC",
      samples: s.sli,
      maintenance: sample.outages.filter((o) => o.service === id && o.maintenance).map((o) => ({ start: o.start, end: o.end })),
    });
    e.measured.set(id, { availability: r.availability, source: `${s.name}: measured over the year (SLA engine)` });
  }
  return e.measured.get(id);
}

/** The topology with every leaf's availability filled in, and the list of leaves with where each figure came from. */
function buildTree(sample, node, leaves, overrides) {
  if (node.children) return { name: node.name, kind: node.kind, children: node.children.map((c) => buildTree(sample, c, leaves, overrides)) };
  const base = node.service ? measured(sample, node.service) : { availability: node.availability, source: node.source };
  const changed = Object.hasOwn(overrides, node.name);
  leaves.push({ name: node.name, service: node.service ?? null, baseline: base.availability, source: base.source, changed });
  // A what-if value goes to the engine as it is: a bad one comes back as the engine's own error, with its path.
  return { name: node.name, availability: changed ? overrides[node.name] : base.availability };
}

/**
 * With the scenario's `imports` in the input: the desk holding imported tickets (org-sources.js), as `{set,
 * defaults, name, imported, total}`, or null when no tickets were imported (the sample's desk is used).
 */
function importedTickets(held, input) {
  if (!Array.isArray(input?.imports) || !input.imports.some((r) => r?.kind === "tickets")) return null;
  return ticketSource(orgSources(held, input.imports), held.org);
}

export const slaTasks = (held) => ({
  /**
   * The sample's tickets against `{targets?, calendar?, asOf?, worstOffenders?}` (defaults: the sample's own
   * targets, calendar and asOf). Returns `{report, targets, calendar, asOf}`: the engine's per-priority report
   * (no per-ticket detail) and the options it was given.
   */
  "sla.tickets"(input = {}) {
    // Imported tickets (input.imports): the desk they joined, its tickets parsed once per set of imports.
    const imported = importedTickets(held, input);
    const sample = imported ? null : sampleOf(held);
    const defaults = imported?.defaults ?? { targets: sample.support.targets, calendar: sample.support.calendar, asOf: sample.meta.asOf };
    const options = {
      targets: input?.targets ?? defaults.targets,
      calendar: input?.calendar ?? defaults.calendar,
      asOf: input?.asOf ?? defaults.asOf,
      worstOffenders: input?.worstOffenders ?? 5,
      detail: "none",
    };
    const report = (imported ? imported.set : ticketSet(sample)).evaluate(options);
    const desk = imported ? { id: imported.id, name: imported.name, imported: imported.imported, total: imported.total } : null;
    return { report, targets: options.targets, calendar: options.calendar, asOf: options.asOf, desk };
  },
  /**
   * The checkout journey's composite availability (sample/topology.js), each service leaf at its measured
   * availability, with `{overrides: {leafName: availability}}` applied. Returns `{result, baseline, leaves}`:
   * the engine's result under the overrides, the baseline composite, and each leaf's baseline and source.
   */
  "sla.composite"(input = {}) {
    const sample = sampleOf(held);
    const overrides = input?.overrides && typeof input.overrides === "object" ? input.overrides : {};
    const leaves = [];
    const root = buildTree(sample, CHECKOUT_TOPOLOGY, leaves, overrides);
    const result = compositeAvailability({ root });
    const baseline = leaves.some((l) => l.changed) ? compositeAvailability({ root: buildTree(sample, CHECKOUT_TOPOLOGY, [], {}) }).availability : result.availability;
    return { result, baseline, leaves };
  },
  /** Incident metrics of one sample service `{service, statistic?}`, over the sample's year, per severity. */
  "sla.incidents"(input = {}) {
    if (typeof input?.service !== "string") fail("Name a service: {service: \"checkout\"}.", "service");
    // A service with imported outages (input.imports): its incidents as the merged organisation holds them.
    const merged = Array.isArray(input.imports) ? incidentsSource(orgSources(held, input.imports), input.service) : null;
    if (merged) return incidentMetrics({ ...merged, statistic: input.statistic ?? "mean" });
    const sample = sampleOf(held);
    if (!sample.services.some((s) => s.id === input.service)) fail(`The sample has no service "${input.service}".`, "service", "unknown_reference");
    return incidentMetrics({
      incidents: incidentsOf(sample, input.service),
      statistic: input.statistic ?? "mean",
      period: { start: sample.meta.start, end: sample.meta.end },
    });
  },
});
