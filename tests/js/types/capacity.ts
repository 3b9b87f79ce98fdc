// Type-checked with tsc --noEmit: the .d.ts must accept exactly what the engine accepts.
import init, { CapacityModel, erlangC, forecast, runway, staffing } from "opscore";
import type {
  ErlangC,
  Forecast,
  ForecastInput,
  ModelReport,
  RunwayQuery,
  RunwayReport,
  Scenario,
  Staffing,
  Transform,
} from "opscore";

export async function example(): Promise<number> {
  await init();
  const input: ForecastInput = {
    series: { start: "2026-01-01T00:00:00Z", step: 3600, values: new Float64Array(500) },
    horizon: 168,
    levels: [0.8, 0.95],
    model: "ZZZ",
    seasonalPeriods: [24, 168],
    transform: "auto",
  };
  const f: Forecast = forecast(input);
  const m: ModelReport = f.model;
  const t: Transform = m.transform;
  const lambda: number = t.kind === "boxCox" ? t.lambda : 1;
  const trend: "N" | "A" | "Ad" | undefined = m.trend;
  const withNulls: ForecastInput = { series: { timestamps: [0, 3600000, "2026-01-01T02:00:00Z"], values: [1, null, 3] }, horizon: 2 };
  const scenario: Scenario = { growth: 1.5, steps: [{ at: "2026-02-01T00:00:00Z", factor: 1.3 }], capacityChanges: [{ at: 0, delta: -10 }] };
  const query: RunwayQuery = { capacity: 100, utilisationTarget: 0.8, largestUnit: 10, direction: "above", scenarios: [scenario] };
  const model = new CapacityModel(withNulls);
  const r: RunwayReport = model.runway(query);
  const days: number = r.baseline.runway.mean?.seconds ?? Infinity;
  const one: RunwayReport = runway({ series: input.series, horizon: 10, capacity: 5, level: 0.8 });
  const q: ErlangC = erlangC({ arrivalRate: 1, meanServiceTime: 0.5, servers: 2, targetWait: 0.2, percentiles: [0.95] });
  const s: Staffing = staffing({ arrivalRate: 1, meanServiceTime: 0.5, target: { maxMeanWait: 1, maxUtilisation: 0.8 } });
  model.free();
  return lambda + days + q.pWait + s.servers + one.horizon + (trend ? 1 : 0);
}

// @ts-expect-error: the horizon is required.
forecast({ series: { start: 0, step: 60, values: [1, 2, 3] } });
// @ts-expect-error: an unknown transform is a type error.
forecast({ series: { start: 0, step: 60, values: [1] }, horizon: 1, transform: "sqrt" });
// @ts-expect-error: direction is "above" or "below".
runway({ series: { start: 0, step: 60, values: [1] }, horizon: 1, capacity: 1, direction: "up" });
