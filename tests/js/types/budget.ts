// Type-checked with tsc --noEmit: the .d.ts must accept exactly what the budget engine accepts.
import init, { alertTiers, backtestAlerts, errorBudget, fromOpenSlo, prometheusRules, SloHistory } from "opscore";
import type {
  Backtest,
  BudgetReport,
  ErrorBudgetInput,
  OpenSloImport,
  OpscoreError,
  ReportOptions,
  Slo,
  SliSeries,
  TierSpec,
} from "opscore";

export async function example(): Promise<number> {
  await init();
  const series: SliSeries = {
    start: "2026-01-01T00:00:00Z",
    step: 60,
    bad: new Float64Array(1440),
    total: new Float64Array(1440).fill(100),
  };
  const slo: Slo = { objective: 0.999, window: { duration: "1M", timeZone: "Europe/London" } };
  const options: ReportOptions = {
    asOf: 1767312000000,
    burnWindows: ["5m", 3600],
    policy: { rules: [{ state: "healthy", above: 0.5 }], otherwise: "freeze" },
    whatIf: { incidents: [{ duration: "20m", errorRate: 0.5 }], objective: 0.99 },
  };
  const input: ErrorBudgetInput = { slo, series, options };
  const r: BudgetReport = errorBudget(input);
  const left: number = r.remaining.fraction + (r.scenario?.remaining.seconds ?? 0) + (r.sli ?? 0);
  const tiers: TierSpec[] = [{ longWindow: "1h", budgetConsumed: 0.02 }, { longWindow: 21600, burnRate: 6 }];
  const b: Backtest = backtestAlerts({ slo, series, options: { tiers, incidents: [{ start: 0, end: 60000 }] } });
  const detected: number | undefined = b.tiers[0].detections[0]?.detectionSeconds;
  const burns: number[] = alertTiers({ slo: { objective: 0.99, window: "28d" } }).tiers.map((t) => t.burnRate);
  const yaml: string = prometheusRules({
    slo: { objective: 0.999, window: "30d" },
    service: "api",
    name: "availability",
    errorQuery: "sum(rate(errors[{{.window}}]))",
    totalQuery: "sum(rate(requests[{{.window}}]))",
    labels: { team: "sre" },
  }).yaml;
  const imp: OpenSloImport = fromOpenSlo({
    apiVersion: "openslo/v1",
    kind: "SLO",
    metadata: { name: "web" },
    spec: { timeWindow: [{ duration: "28d", isRolling: true }], budgetingMethod: "Occurrences", objectives: [{ target: 0.99 }] },
  });
  const h = new SloHistory({ step: 60, t: ["2026-01-01T00:00:00Z"], good: [1], total: [1] });
  const again: BudgetReport = h.errorBudget(imp.objectives[0].slo);
  const bt: Backtest = h.backtestAlerts(slo, { maxFires: 10 });
  h.free();
  try {
    errorBudget({ slo: { objective: 1, window: "30d" }, series });
  } catch (e) {
    const err = e as OpscoreError;
    return err.path.length;
  }
  return left + (detected ?? 0) + burns.length + yaml.length + again.objective + bt.evaluations;
}

// @ts-expect-error: an unknown budgeting method is a type error.
errorBudget({ slo: { objective: 0.9, window: "30d", method: "weekly" }, series: { start: 0, step: 60, total: [1] } });
// @ts-expect-error: the series needs total.
errorBudget({ slo: { objective: 0.9, window: "30d" }, series: { start: 0, step: 60, good: [1] } });
