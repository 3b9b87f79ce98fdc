// The sample organisation's services: a year of per-minute SLI buckets (good and total requests) with daily and
// weekly traffic shapes, growth, incidents, slow burns and maintenance windows, plus the outage list.
import { DAY, MINUTE, iso } from "./time.js";

/** The five sample services. Rates are requests per minute at the daily peak at the start of the year. */
export const SERVICE_SPECS = [
  {
    id: "checkout",
    name: "Checkout API",
    tier: 1,
    slaTarget: 0.9995,
    sloTarget: 0.999,
    peakRate: 1800,
    baseErrorRate: 1.2e-4,
    growth: 0.35,
    peakHourUtc: 19,
    dependsOn: ["payments", "identity"],
  },
  {
    id: "payments",
    name: "Payments gateway",
    tier: 1,
    slaTarget: 0.9999,
    sloTarget: 0.9995,
    peakRate: 650,
    baseErrorRate: 4e-5,
    growth: 0.3,
    peakHourUtc: 19,
    dependsOn: [],
  },
  {
    id: "identity",
    name: "Identity and login",
    tier: 1,
    slaTarget: 0.9995,
    sloTarget: 0.999,
    peakRate: 2400,
    baseErrorRate: 8e-5,
    growth: 0.2,
    peakHourUtc: 9,
    dependsOn: [],
  },
  {
    id: "search",
    name: "Product search",
    tier: 2,
    slaTarget: 0.999,
    sloTarget: 0.998,
    peakRate: 5200,
    baseErrorRate: 3e-4,
    growth: 0.55,
    peakHourUtc: 20,
    dependsOn: [],
  },
  {
    id: "notifications",
    name: "Notifications",
    tier: 3,
    slaTarget: 0.995,
    sloTarget: 0.99,
    peakRate: 900,
    baseErrorRate: 9e-4,
    growth: 0.15,
    peakHourUtc: 8,
    dependsOn: ["identity"],
  },
];

const INCIDENT_TITLES = {
  checkout: ["Cart service connection-pool exhaustion", "Bad config push to the pricing cache", "Checkout pods OOM-killed after release"],
  payments: ["Card processor timeout storm", "TLS certificate expired on the acquirer link", "Database failover took longer than planned"],
  identity: ["Session store eviction storm", "Login rate limiter misconfigured", "Token signing key rotation failed"],
  search: ["Index rebuild saturated the cluster", "Query cache stampede after deploy", "Shard relocation during peak"],
  notifications: ["Email provider throttling", "Push queue backlog", "Template render failures after release"],
};

/**
 * Plan the incidents (hard failures), slow burns (days of elevated errors) and maintenance windows of every
 * service. Identity's worst incident also fails Checkout and Notifications at the same time (a shared
 * dependency), so the composite view has something to show.
 */
export function planEvents(rng, start, days) {
  const plans = new Map(SERVICE_SPECS.map((s) => [s.id, { incidents: [], burns: [], maintenance: [] }]));
  let n = 0;
  for (const spec of SERVICE_SPECS) {
    const plan = plans.get(spec.id);
    const count = rng.int(2, spec.tier === 1 ? 4 : 5);
    for (let i = 0; i < count; i++) {
      // Spread incidents over the year; keep the last ten days quiet-ish so "now" is not mid-incident.
      const day = rng.int(3, days - 12);
      const minuteOfDay = rng.int(0, 1439);
      const startMs = start + day * DAY + minuteOfDay * MINUTE;
      const minutes = Math.round(rng.logNormal(28, 0.6));
      const errorRate = rng.uniform(0.15, 0.85);
      plan.incidents.push({
        id: `INC-${1000 + ++n}`,
        service: spec.id,
        start: startMs,
        end: startMs + Math.max(4, Math.min(240, minutes)) * MINUTE,
        errorRate,
        severity: errorRate > 0.5 ? "sev1" : "sev2",
        title: rng.pick(INCIDENT_TITLES[spec.id]),
      });
    }
    const burns = rng.int(1, 2);
    for (let i = 0; i < burns; i++) {
      const day = rng.int(10, days - 5);
      plan.burns.push({ start: start + day * DAY, end: start + (day + rng.int(1, 4)) * DAY, factor: rng.uniform(4, 12) });
    }
  }
  // The shared-dependency incident.
  const shared = plans.get("identity").incidents[0];
  for (const dep of ["checkout", "notifications"]) {
    plans.get(dep).incidents.push({
      ...shared,
      id: `${shared.id}-${dep}`,
      service: dep,
      errorRate: shared.errorRate * 0.8,
      title: `Login failures upstream (${shared.id})`,
      cause: shared.id,
    });
  }
  // Maintenance: payments and search take a window on the first Sunday of each month, 02:00-03:00 UTC.
  for (const id of ["payments", "search"]) {
    for (let d = 0; d < days; d++) {
      const date = new Date(start + d * DAY);
      if (date.getUTCDay() === 0 && date.getUTCDate() <= 7) {
        const s = start + d * DAY + 2 * 3600_000;
        plans.get(id).maintenance.push({ start: s, end: s + 3600_000 });
      }
    }
  }
  for (const plan of plans.values()) plan.incidents.sort((a, b) => a.start - b.start);
  return plans;
}

/**
 * One service's per-minute buckets. `good` and `total` are Float64Arrays of `days × 1440` values starting at
 * `start`. The traffic curve peaks at the service's local busy hour, weekends are quieter, and traffic grows
 * through the year; the error rate is a low baseline, raised by slow burns and incidents.
 */
export function generateSli(rng, spec, plan, start, days) {
  const n = days * 1440;
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  const daily = new Float64Array(1440);
  for (let m = 0; m < 1440; m++) {
    const phase = ((m / 60 - spec.peakHourUtc) / 24) * 2 * Math.PI;
    daily[m] = 0.18 + 0.82 * Math.pow(0.5 + 0.5 * Math.cos(phase), 1.6);
  }
  // Per-minute error-rate multiplier and incident error rate, painted from the plan.
  const factor = new Float32Array(n).fill(1);
  const hard = new Float32Array(n);
  const trafficCut = new Float32Array(n).fill(1);
  const paint = (s, e, fn) => {
    const i0 = Math.max(0, Math.floor((s - start) / MINUTE));
    const i1 = Math.min(n, Math.ceil((e - start) / MINUTE));
    for (let i = i0; i < i1; i++) fn(i, (i - i0) / Math.max(1, i1 - i0));
  };
  for (const b of plan.burns) paint(b.start, b.end, (i, f) => (factor[i] = 1 + (b.factor - 1) * Math.sin(Math.PI * f)));
  for (const inc of plan.incidents) paint(inc.start, inc.end, (i) => (hard[i] = Math.max(hard[i], inc.errorRate)));
  for (const w of plan.maintenance) {
    paint(w.start, w.end, (i) => {
      trafficCut[i] = 0.25;
      hard[i] = Math.max(hard[i], 0.3);
    });
  }
  // The hot loop (half a million minutes per service) draws from a local xorshift32 stream seeded from `rng`, and
  // takes its normal deviates from a table, so a year of minutes costs a few tens of milliseconds.
  const next = rng.next;
  const normals = new Float64Array(4096);
  for (let k = 0; k < normals.length; k++) normals[k] = rng.normal();
  const sqrtDaily = daily.map(Math.sqrt);
  let x = (Math.floor(next() * 4294967296) | 1) >>> 0;
  const startDow = new Date(start).getUTCDay();
  for (let d = 0; d < days; d++) {
    const dow = (startDow + d) % 7;
    const weekly = dow === 0 || dow === 6 ? 0.72 : dow === 5 ? 0.93 : 1;
    const growth = 1 + (spec.growth * d) / 365;
    // A day-to-day wobble, so no two Mondays look alike.
    const wobble = 1 + 0.05 * (next() + next() - 1);
    const scale = spec.peakRate * weekly * growth * wobble;
    const sqrtScale = Math.sqrt(scale);
    const base = d * 1440;
    for (let m = 0; m < 1440; m++) {
      const i = base + m;
      const cut = trafficCut[i];
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const r = x >>> 0;
      // Roughly Poisson: a normal with variance equal to the mean.
      const sd = cut === 1 ? sqrtScale * sqrtDaily[m] : Math.sqrt(scale * daily[m] * cut);
      let t = Math.round(scale * daily[m] * cut + sd * normals[r & 4095]);
      if (t < 0) t = 0;
      let p = spec.baseErrorRate * factor[i] * (0.6 + 0.8 * ((r >>> 12) & 1023) / 1024);
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const u = (x >>> 0) / 4294967296;
      if (hard[i] > 0) p = Math.min(1, p + hard[i] * (0.85 + 0.3 * u));
      // Stochastic rounding keeps the expected bad count exact even when it is a fraction of one request.
      let bad = Math.floor(t * p + u);
      if (bad > t) bad = t;
      total[i] = t;
      good[i] = t - bad;
    }
  }
  return { start: iso(start), step: 60, good, total };
}

/** The outage list: every incident, plus the maintenance windows flagged as such. */
export function outagesFrom(plans) {
  const out = [];
  for (const [service, plan] of plans) {
    for (const inc of plan.incidents) {
      out.push({
        id: inc.id,
        service,
        start: iso(inc.start),
        end: iso(inc.end),
        severity: inc.severity,
        title: inc.title,
        maintenance: false,
        ...(inc.cause ? { cause: inc.cause } : {}),
      });
    }
    plan.maintenance.forEach((w, k) => {
      out.push({
        id: `MW-${service}-${k + 1}`,
        service,
        start: iso(w.start),
        end: iso(w.end),
        severity: "maintenance",
        title: "Scheduled maintenance window",
        maintenance: true,
      });
    });
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
}
