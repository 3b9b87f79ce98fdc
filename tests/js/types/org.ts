// tsc --strict over the organisation document types, as a portal would write them.
import { scorecard, validateOrg } from "opscore";
import type { OrgDocument, Scorecard, ScoreStatus, OrgValidation, ServiceCard } from "opscore";

const org: OrgDocument = {
  version: 1,
  name: "Acme",
  services: [
    {
      id: "api",
      team: "core",
      sla: { target: 0.999, period: { unit: "month" }, outages: [{ start: "2026-03-02T10:00:00Z", end: "2026-03-02T10:10:00Z" }] },
      slos: [
        {
          name: "availability",
          slo: { objective: 0.999, window: "28d" },
          series: { start: "2026-02-15T00:00:00Z", step: 60, good: [1, 1], total: [1, 1] },
        },
      ],
    },
  ],
  teams: [{ id: "core", name: "Core", toil: { shares: [{ week: "2026-03-02T00:00:00Z", toilFraction: 0.1 }] } }],
};

const card: Scorecard = scorecard(org, { asOf: "2026-03-15T00:00:00Z", slaAtRiskRemaining: 0.3 });
const first: ServiceCard | undefined = card.services[0];
const status: ScoreStatus | undefined = first?.status;
const remaining: number | undefined = first?.sla?.remainingAllowanceSeconds;
const v: OrgValidation = validateOrg(org, Date.UTC(2026, 2, 15));
console.log(status, remaining, v.valid, v.errors.map((e) => `${e.code} ${e.path}`), card.teams[0]?.topDriver);

// @ts-expect-error: the document format version is 1.
scorecard({ version: 2, name: "x" }, { asOf: 0 });
