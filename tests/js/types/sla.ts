// Type-checked with tsc --noEmit: the SLA exports accept and return exactly what the engine does.
import { TicketSet, compositeAvailability, csat, incidentMetrics, slaReport, ticketSla } from "opscore";
import type {
  BusinessCalendar,
  CompositeInput,
  CompositeResult,
  CreditTable,
  IncidentMetrics,
  IncidentMetricsInput,
  PeriodFigures,
  SlaReport,
  SlaReportInput,
  TicketClock,
  TicketColumns,
  TicketSlaInput,
  TicketSlaOptions,
  TicketSlaReport,
} from "opscore";

export function report(): number {
  const credits: CreditTable = { tiers: [{ min: 0.99, max: 0.9999, credit: 0.1 }, { max: 0.99, credit: 0.3 }] };
  const input: SlaReportInput = {
    target: 0.999,
    timeZone: "Europe/London",
    period: { unit: "month", containing: "2026-03-15T00:00:00Z" },
    outages: [{ start: "2026-03-02T10:00:00Z", end: 1772447400000, impact: 0.5 }],
    maintenance: [{ start: "2026-03-03T01:00:00Z", end: "2026-03-03T02:00:00Z" }],
    overlap: "sumCapped",
    breakdown: "week",
    credits,
  };
  const r: SlaReport = slaReport(input);
  const weeks: PeriodFigures[] = r.breakdown ?? [];
  const samples: SlaReport = slaReport({
    target: 0.99,
    period: { start: 0, end: 3600000 },
    samples: { start: 0, step: 60, up: new Float64Array(60).fill(1) },
  });
  const events = slaReport({ target: 0.99, period: { start: 0, end: 1 }, events: { good: 99, total: 100 } });
  return r.availability + weeks.length + (r.credits?.credit ?? 0) + samples.unmeasuredSeconds + events.downtimeSeconds;
}

export function incidents(): number {
  const input: IncidentMetricsInput = {
    statistic: "median",
    mttrFrom: "acknowledged",
    incidents: [{ start: 0, detectedAt: 1000, acknowledgedAt: 2000, resolvedAt: 9000, severity: "SEV1" }],
  };
  const m: IncidentMetrics = incidentMetrics(input);
  const def: string = m.overall.mtbf.definition;
  return (m.overall.mttr.seconds ?? 0) + m.bySeverity[0].mtta.count + def.length;
}

export function tickets(): string {
  const calendar: BusinessCalendar = {
    timeZone: "America/New_York",
    workingHours: { monday: [{ start: "09:00", end: "17:00" }] },
    holidays: ["2026-12-25"],
  };
  const input: TicketSlaInput = {
    calendar,
    asOf: "2026-01-06T00:00:00Z",
    pausesApplyTo: "both",
    detail: "open",
    targets: { P1: { response: { seconds: 900, clock: "business" }, resolution: { seconds: 3600, dueInWorkingHours: true } } },
    tickets: [{ id: "1", priority: "P1", createdAt: 0, pauses: [{ start: 10 }] }],
  };
  const r: TicketSlaReport = ticketSla(input);
  const clock: TicketClock | undefined = r.tickets[0]?.resolution;
  const status: "met" | "breached" | "running" | undefined = clock?.status;
  return `${status}${r.priorities[0].response?.withinSla}`;
}

export function composite(): string {
  const input: CompositeInput = {
    root: { name: "app", kind: "parallel", children: [{ name: "a", availability: 0.99 }, { name: "b", availability: 0.9 }] },
  };
  const r: CompositeResult = compositeAvailability(input);
  return r.bestImprovement + r.contributions[0].gainPerNine + r.tree.kind + csat({ scores: [5] }).csat;
}

export function columns(): number {
  const tickets: TicketColumns = {
    priority: new Uint8Array([0, 1]),
    priorityNames: ["P1", "P2"],
    createdAt: new Float64Array([0, 60000]),
    resolvedAt: new Float64Array([NaN, 120000]),
    pauses: { offsets: new Uint32Array([0, 0, 1]), start: new Float64Array([90000]), end: new Float64Array([100000]) },
  };
  const r = ticketSla({ targets: { P1: {}, P2: { resolution: { seconds: 60 } } }, tickets, asOf: 200000 });
  const set = new TicketSet({ priority: ["P1"], createdAt: [0], ids: ["x"] });
  return r.notYetCreated + set.length;
}

// @ts-expect-error: a column of times is numbers (epoch ms), not RFC 3339 strings.
ticketSla({ targets: {}, tickets: { priority: ["P1"], createdAt: ["2026-01-01T00:00:00Z"] } });

// @ts-expect-error: an unknown overlap rule is a type error.
slaReport({ target: 0.9, period: { start: 0, end: 1 }, outages: [], overlap: "sum" });
// @ts-expect-error: an unknown clock is a type error.
ticketSla({ targets: { P1: { response: { seconds: 1, clock: "wall" } } }, tickets: [] });
// @ts-expect-error: a component kind must be serial or parallel.
compositeAvailability({ root: { name: "x", kind: "mesh", children: [] } });

export function whatIf(): number | undefined {
  const set = new TicketSet([{ id: "1", priority: "P1", createdAt: 0, resolvedAt: 60000 }]);
  const options: TicketSlaOptions = { targets: { P1: { resolution: { seconds: 30 } } }, detail: "none" };
  const n: number = set.length;
  const within = set.evaluate(options).priorities[0].resolution?.withinSla;
  set.free();
  return within === undefined ? undefined : within + n;
}
