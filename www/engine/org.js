// The sample organisation as an opscore OrgDocument (README, "Organisation documents"), so the overview is the
// engine's own `scorecard(org, {asOf})`, the same call a Node script or a portal makes. Runs in the worker, next to
// the data: the per-minute SLI buckets go in as views of the Float64Arrays the worker already holds (no copy here).
// Each section is one engine's input, built from the sample's fields with nothing extra (several inputs deny
// unknown fields): per service an SLA, an SLO and its incidents; the support desk's tickets; the capacity
// resources; the team. What-ifs (org-whatif.js) and imported data (org-imports.js) are applied to a fresh copy
// by the worker's "org.scorecard" task (tasks-org.js).

const DAY_MS = 86400000;

/**
 * The buckets of `sli` from `fromMs` on, as subarray views (no copy). The scorecard's SLA needs one month and its
 * SLO one window, not the year: handing the engine only those keeps a what-if re-run fast.
 */
function sliFrom(sli, fromMs) {
  const t0 = Date.parse(sli.start);
  const skip = Math.max(0, Math.min(sli.total.length, Math.floor((fromMs - t0) / (sli.step * 1000))));
  return {
    start: new Date(t0 + skip * sli.step * 1000).toISOString(),
    step: sli.step,
    good: sli.good.subarray(skip),
    total: sli.total.subarray(skip),
  };
}

/**
 * The last `days` of a sample service's buckets before its asOf, with its maintenance excluded: the SLI series of
 * an SLO with that rolling window (an imported OpenSLO objective, say). Null for a service the sample lacks.
 */
export function sliWindowOf(sample, serviceId, days) {
  const s = sample?.services.find((x) => x.id === serviceId);
  if (!s) return null;
  const exclude = sample.outages.filter((o) => o.service === serviceId && o.maintenance).map((o) => ({ start: o.start, end: o.end }));
  return { ...sliFrom(s.sli, Date.parse(sample.meta.asOf) - days * DAY_MS), exclude };
}

/** The instant the sample is scored at: its `meta.asOf` (the end of its year). */
export const asOfOf = (sample) => sample.meta.asOf;

/** The id of the sample's support desk: a service scored on its tickets alone (the sample's tickets name no service). */
export const SUPPORT_ID = "support";

/**
 * Each non-maintenance outage of `serviceId` as an `incidentMetrics` incident: detected at its first page and
 * acknowledged at the first acknowledgement of a page carrying its id (when the team was paged for it).
 */
export function incidentsOf(sample, serviceId) {
  const firstPage = new Map();
  const firstAck = new Map();
  for (const t of sample.teams) {
    for (const p of t.pages) {
      if (!p.incidentId) continue;
      if (!firstPage.has(p.incidentId) || p.at < firstPage.get(p.incidentId)) firstPage.set(p.incidentId, p.at);
      if (p.acknowledgedAt && (!firstAck.has(p.incidentId) || p.acknowledgedAt < firstAck.get(p.incidentId))) firstAck.set(p.incidentId, p.acknowledgedAt);
    }
  }
  return sample.outages
    .filter((o) => o.service === serviceId && !o.maintenance)
    .map((o) => {
      const detected = firstPage.get(o.id);
      const acked = firstAck.get(o.id);
      return {
        id: o.id,
        start: o.start,
        ...(detected && detected <= o.end ? { detectedAt: detected } : {}),
        ...(acked && (!detected || acked >= detected) ? { acknowledgedAt: acked } : {}),
        resolvedAt: o.end,
        ...(o.severity ? { severity: o.severity } : {}),
      };
    });
}

/** A ticket's pauses as the engine takes them (start and end only; the sample's `reason` is for people). */
function pausesOf(t) {
  const pauses = (t.pauses ?? []).map((p) => ({ start: p.start, ...(p.end ? { end: p.end } : {}) }));
  return pauses.length ? { pauses } : {};
}

/** A sample ticket as the engine's `Ticket` (only the fields it reads). */
export const engineTicket = (t) => ({
  id: t.id,
  priority: t.priority,
  createdAt: t.createdAt,
  ...(t.firstResponseAt ? { firstResponseAt: t.firstResponseAt } : {}),
  ...(t.resolvedAt ? { resolvedAt: t.resolvedAt } : {}),
  ...pausesOf(t),
});

/** The sample's support tickets as a `ticketSla` input (only the fields the engine reads), scored at `asOf`. */
function ticketsOf(sample, asOf) {
  const support = sample.support;
  return {
    tickets: support.tickets.map(engineTicket),
    targets: support.targets,
    calendar: support.calendar,
    asOf,
    // Per-priority summaries only: the scorecard reads nothing per ticket, and a what-if re-run stays fast.
    detail: "none",
  };
}

/**
 * Build the OrgDocument for a sample organisation (as `generateOrg` returns it): its five services (SLA, SLO and
 * incidents), a support-desk service carrying the ticket SLAs, the capacity resources and the team. What-ifs and
 * imported data are applied afterwards (org-whatif.js, org-imports.js), to a document built fresh each time.
 */
export function orgDocument(sample) {
  const asOf = asOfOf(sample);
  // The scorecard's SLA is "the month containing a timestamp": the sample's asOf is the midnight its data ends, so
  // the month containing the instant just before it is the last whole month of data (not an empty new month).
  const lastMonth = new Date(Date.parse(asOf) - 1).toISOString();
  const monthStart = Date.UTC(new Date(lastMonth).getUTCFullYear(), new Date(lastMonth).getUTCMonth(), 1);
  const team = sample.teams[0];
  return {
    version: 1,
    name: sample.meta.name,
    // Services: SLA (slaReport over the per-minute good/total buckets, maintenance cut out, the sample's credit
    // table), one availability SLO (errorBudget over the same buckets, its rolling window in days) and the year's
    // incidents (incidentMetrics). Outages are not SLA evidence: their effect is already in the buckets, and
    // passing both would count them twice. The support desk follows, scored on its tickets.
    services: [
      ...sample.services.map((s) => {
        const samples = sliFrom(s.sli, monthStart);
        const window = sliFrom(s.sli, Date.parse(asOf) - s.slo.windowDays * DAY_MS);
        const maintenance = sample.outages
          .filter((o) => o.service === s.id && o.maintenance)
          .map((o) => ({ start: o.start, end: o.end }));
        return {
          id: s.id,
          name: s.name,
          ...(team ? { team: team.id } : {}),
          sla: {
            target: s.sla.target,
            period: { unit: s.sla.period, containing: lastMonth },
            timeZone: "UTC",
            samples,
            maintenance,
            credits: s.sla.credits,
          },
          slos: [
            {
              name: "Availability",
              slo: { objective: s.slo.target, window: `${s.slo.windowDays}d` },
              series: { ...window, exclude: maintenance },
            },
          ],
          incidents: { incidents: incidentsOf(sample, s.id), period: { start: sample.meta.start, end: sample.meta.end } },
        };
      }),
      ...(sample.support?.tickets?.length
        ? [{ id: SUPPORT_ID, name: "Customer support desk", ...(team ? { team: team.id } : {}), tickets: ticketsOf(sample, asOf) }]
        : []),
    ],
    // Resources: runway (forecast of the daily series a year ahead, weekly season) against the hard limit.
    resources: sample.capacity.map((c) => ({
      id: c.id,
      name: c.name,
      service: c.service,
      runway: {
        series: { start: c.series.start, step: c.series.step, values: c.series.values },
        horizon: Math.round((365 * DAY_MS) / (c.series.step * 1000)),
        seasonalPeriods: [7],
        capacity: c.thresholds.limit,
      },
    })),
    // Teams: teamHealth from delivery (DORA deployments), on-call load (pages and shifts), toil and surveys, over
    // the sample's whole period. Only the fields each engine reads are copied.
    teams: sample.teams.map((t) => {
      const period = { start: sample.meta.start, end: sample.meta.end };
      return {
        id: t.id,
        name: t.name,
        dora: {
          period,
          deployments: t.deployments.map((d) => ({
            id: d.id,
            at: d.at,
            ...(d.leadTimeSeconds !== undefined ? { leadTimeSeconds: d.leadTimeSeconds } : {}),
            ...(d.failed ? { failed: true } : {}),
            ...(d.recoveredAt ? { recoveredAt: d.recoveredAt } : {}),
          })),
        },
        onCall: {
          period,
          responders: t.responders.map((r) => ({ id: r.id, timeZone: r.timeZone })),
          pages: t.pages.map((p) => ({
            at: p.at,
            responder: p.responder,
            urgency: p.urgency,
            ...(p.acknowledgedAt ? { acknowledgedAt: p.acknowledgedAt } : {}),
            ...(p.incidentId ? { incidentId: p.incidentId } : {}),
            ...(p.channel ? { channel: p.channel } : {}),
          })),
          shifts: t.shifts.map((s) => ({ responder: s.responder, start: s.start, end: s.end, role: s.role })),
        },
        toil: { entries: t.toil.map((e) => ({ person: e.person, week: e.week, category: e.category, hours: e.hours, toil: e.toil })) },
        surveys: {
          squadHealth: t.squadVotes.map((v) => ({ team: v.team, at: v.at, card: v.card, vote: v.vote, ...(v.trend ? { trend: v.trend } : {}) })),
          enps: t.enps.map((e) => ({ team: e.team, at: e.at, score: e.score })),
        },
      };
    }),
  };
}
