// Writes examples/org.json: a small, deterministic organisation document for examples/embed.html.
// Run: node examples/make-org.mjs
import { writeFileSync } from "node:fs";

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const asOf = Date.parse("2026-03-15T00:00:00Z");
const hour = 3600e3;
const day = 86400e3;

// 28 days of hourly request counts with a daily shape, and a bad afternoon on 10 March.
const hours = 28 * 24;
const start = asOf - hours * hour;
const total = [];
const bad = [];
for (let i = 0; i < hours; i++) {
  const t = start + i * hour;
  const h = new Date(t).getUTCHours();
  const n = Math.round(20000 * (0.6 + 0.4 * Math.sin(((h - 6) / 24) * 2 * Math.PI)) * (0.95 + 0.1 * rand()));
  const incident = t >= Date.parse("2026-03-10T13:00:00Z") && t < Date.parse("2026-03-10T15:00:00Z");
  total.push(n);
  bad.push(Math.round(n * (incident ? 0.04 : 0.0002 * rand())));
}

// 120 days of disk use growing about 0.45% a day, with a weekly rhythm.
const usage = [];
const usageStart = asOf - 120 * day;
for (let i = 0; i < 120; i++) {
  const dow = new Date(usageStart + i * day).getUTCDay();
  usage.push(Math.round(410 * Math.pow(1.0045, i) * (dow === 0 || dow === 6 ? 0.97 : 1.01) * (0.99 + 0.02 * rand()) * 10) / 10);
}

const org = {
  version: 1,
  name: "Example Co",
  services: [
    {
      id: "checkout",
      name: "Checkout API",
      team: "payments",
      sla: {
        target: 0.999,
        period: { unit: "month" },
        outages: [{ start: "2026-03-10T13:00:00Z", end: "2026-03-10T13:18:00Z" }],
        maintenance: [{ start: "2026-03-08T02:00:00Z", end: "2026-03-08T03:00:00Z" }],
      },
      slos: [
        {
          name: "availability",
          slo: { objective: 0.999, window: "28d" },
          series: { start: new Date(start).toISOString(), step: 3600, total, bad },
        },
      ],
    },
    { id: "search", name: "Search", team: "payments", sla: { target: 0.995, period: { unit: "month" }, outages: [] } },
  ],
  resources: [
    {
      id: "orders-db-disk",
      name: "Orders DB disk (GB)",
      service: "checkout",
      runway: {
        series: { start: new Date(usageStart).toISOString(), step: 86400, values: usage },
        horizon: 365,
        seasonalPeriods: [7],
        capacity: 1000,
        utilisationTarget: 0.85,
      },
    },
  ],
  teams: [
    {
      id: "payments",
      name: "Payments",
      toil: { shares: [0, 1, 2, 3].map((w) => ({ week: new Date(asOf - (4 - w) * 7 * day).toISOString(), toilFraction: 0.22 + 0.03 * w })) },
    },
  ],
};

writeFileSync(new URL("./org.json", import.meta.url), `${JSON.stringify(org)}\n`);
console.log("wrote examples/org.json");
