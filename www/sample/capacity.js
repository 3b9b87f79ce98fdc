// Daily capacity series per resource: weekly seasonality, growth (some accelerating), noise, one step change from
// a launch, and the thresholds a planner watches (a warning level and the hard limit).
import { DAY, iso } from "./time.js";

/** The sample's resources. `growth` is per day as a fraction of the starting level; `accel` bends it upwards. */
export const RESOURCE_SPECS = [
  { id: "checkout-db-storage", name: "Checkout database storage", unit: "GB", service: "checkout", level: 1180, growth: 0.0011, accel: 0.6, weekly: 0.01, noise: 0.004, warning: 2100, limit: 2400, kind: "cumulative" },
  { id: "search-cpu", name: "Search cluster CPU at daily peak", unit: "%", service: "search", level: 41, growth: 0.0016, accel: 0.2, weekly: 0.12, noise: 0.03, warning: 70, limit: 85, kind: "utilisation" },
  { id: "gateway-rps", name: "API gateway peak requests per second", unit: "req/s", service: "checkout", level: 5200, growth: 0.0012, accel: 0.3, weekly: 0.18, noise: 0.04, warning: 9000, limit: 11000, kind: "throughput", launchDay: 200, launchStep: 0.12 },
  { id: "kafka-disk", name: "Event bus disk", unit: "TB", service: "notifications", level: 18.5, growth: 0.0009, accel: 0, weekly: 0.02, noise: 0.006, warning: 28, limit: 32, kind: "cumulative" },
];

/** One resource's daily series: `{start, step: 86400, values: Float64Array}` plus its thresholds. */
export function generateCapacity(rng, spec, start, days) {
  const values = new Float64Array(days);
  const startDow = new Date(start).getUTCDay();
  let walk = 0;
  for (let d = 0; d < days; d++) {
    const t = d / 365;
    const trend = spec.level * (1 + spec.growth * d * (1 + spec.accel * t));
    const dow = (startDow + d) % 7;
    const season = dow === 0 || dow === 6 ? 1 - spec.weekly : dow === 5 ? 1 - spec.weekly / 3 : 1 + spec.weekly / 5;
    walk = 0.85 * walk + spec.noise * rng.normal();
    const launch = spec.launchDay !== undefined && d >= spec.launchDay ? 1 + spec.launchStep : 1;
    values[d] = Math.round(trend * season * launch * (1 + walk) * 100) / 100;
  }
  return {
    id: spec.id,
    name: spec.name,
    unit: spec.unit,
    service: spec.service,
    kind: spec.kind,
    series: { start: iso(start), step: 86400, values },
    thresholds: { warning: spec.warning, limit: spec.limit },
    ...(spec.launchDay !== undefined ? { events: [{ at: iso(start + spec.launchDay * DAY), label: "Marketplace launch" }] } : {}),
  };
}
