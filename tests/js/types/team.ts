// Type-checked with tsc --noEmit: the team-health .d.ts must accept exactly what the engine accepts.
import init, { dora, onCallLoad, surveyHealth, teamHealth, toil } from "opscore";
import type {
  DeploymentColumns,
  DoraInput,
  DoraReport,
  DoraTier,
  HealthPart,
  HealthScenario,
  HealthWeights,
  OnCallInput,
  OnCallPageColumns,
  OnCallReport,
  SurveyInput,
  SurveyReport,
  TeamHealthInput,
  TeamHealthReport,
  ToilEntryColumns,
  ToilInput,
  ToilReport,
} from "opscore";

export function columns(): number {
  const deploymentColumns: DeploymentColumns = {
    at: new Float64Array([1772445600000]),
    commitOffsets: new Uint32Array([0, 1]),
    commitTimes: new Float64Array([1772438400000]),
    failed: new Uint8Array([0]),
  };
  const entryColumns: ToilEntryColumns = {
    people: ["ana"],
    person: new Uint8Array([0]),
    week: new Float64Array([1772445600000]),
    categories: ["deploys"],
    category: new Uint8Array([0]),
    hours: new Float64Array([4]),
  };
  const r = teamHealth({ dora: { deploymentColumns }, toil: { entryColumns } });
  return r.score.score + dora({ deploymentColumns }).changeFailRate.deployments + toil({ entryColumns }).share;
}

// @ts-expect-error: deployment times in columns are epoch milliseconds, not strings.
dora({ deploymentColumns: { at: ["2026-03-02T10:00:00Z"] } });

export async function example(): Promise<number> {
  await init();
  const d: DoraInput = {
    deployments: [
      { at: "2026-03-02T10:00:00Z", commitTimes: ["2026-03-02T08:00:00Z"], causedIncidentIds: ["i1"] },
      { at: 1772445600000, leadTimeSeconds: 3600, failed: false, rework: true },
    ],
    incidents: [{ id: "i1", start: "2026-03-02T10:20:00Z", resolvedAt: "2026-03-02T11:00:00Z" }],
    benchmark: "dora-2021",
    median: "lower",
    timeZone: "Europe/Berlin",
  };
  const dr: DoraReport = dora(d);
  const tier: DoraTier = dr.changeFailRate.classification.tier;
  const lead: number = dr.leadTime?.p90Seconds ?? 0;

  const columns: OnCallPageColumns = { at: Float64Array.of(1772445600000), responder: [0], acknowledgedAt: [null] };
  const o: OnCallInput = {
    period: { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" },
    responders: [{ id: "ana", timeZone: "Europe/Lisbon" }],
    pages: [{ at: "2026-03-03T03:00:00Z", responder: "ana", urgency: "high", channel: "sms", incidentId: "x" }],
    pageColumns: columns,
    shifts: [{ responder: "ana", start: "2026-03-02T00:00:00Z", end: "2026-03-09T00:00:00Z", role: "primary" }],
    rotation: { members: 8, rolesPerShift: 2, sites: 1, shiftHours: 168 },
  };
  const or: OnCallReport = onCallLoad(o);
  const gini: number = or.fairness.gini + (or.rotation?.onCallShare ?? 0) + (or.timeOnCall?.maxShare ?? 0);

  const t: ToilInput = {
    entries: [{ person: "ana", week: "2026-03-02T00:00:00Z", category: "tickets", hours: 6, toil: true }],
    shares: [{ person: "bo", week: 0, toilFraction: 0.2 }],
    hoursPerWeek: 40,
    automate: [{ category: "tickets", fraction: 0.5 }],
  };
  const tr: ToilReport = toil(t);
  const basis: "capacity" | "logged" = tr.basis;

  const s: SurveyInput = {
    squadHealth: [{ team: "core", at: 0, card: "Tech quality", vote: "yellow", trend: "improving" }],
    atlassian: [{ team: "core", at: 0, attribute: "Balanced team", rating: "bitSick" }],
    enps: [{ team: "core", at: 0, score: 9 }],
    csat: [{ team: "core", at: 0, score: 4 }],
  };
  const sr: SurveyReport = surveyHealth(s);
  const verdict: string = sr.squadHealth[0].items[0].verdict;

  const weights: HealthWeights = { sleepPages: 0.3, toil: 0.1 };
  const scenario: HealthScenario = { name: "automate", automate: [{ category: "tickets", fraction: 0.2 }], pageReduction: 0.1 };
  const h: TeamHealthInput = { dora: d, onCall: o, toil: t, surveys: s, weights, whatIf: [scenario] };
  const hr: TeamHealthReport = teamHealth(h);
  const dropped: HealthPart[] = hr.score.dropped;
  return hr.score.score + hr.whatIf[0].scoreChange + gini + lead + tier.length + basis.length + verdict.length + dropped.length;
}

// @ts-expect-error: an unknown benchmark set is a type error.
dora({ deployments: [], benchmark: "dora-2019" });
// @ts-expect-error: responders are required.
onCallLoad({ period: { start: 0, end: 1 } });
// @ts-expect-error: a misspelt weight is a type error (and a runtime error).
teamHealth({ weights: { sleep: 1 } });
// @ts-expect-error: Atlassian ratings are healthy, bitSick or sick.
surveyHealth({ atlassian: [{ team: "t", at: 0, attribute: "x", rating: "fine" }] });
