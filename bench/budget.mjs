// Error budgets through the wasm package in Node, over one year of 1-minute buckets (525 600): the full report with
// all standard windows plus a backtest of 4 tiers (the issue's < 10 ms target), from a fresh series and from an
// indexed SloHistory. Prints medians over repeated runs; asserts nothing.
import { backtestAlerts, errorBudget, SloHistory } from "opscore";

const N = 525600;
const total = new Float64Array(N);
const bad = new Float64Array(N);
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < N; i++) {
  total[i] = 500 + Math.floor(400 * Math.sin((i / 1440) * 2 * Math.PI) + 100 * rnd());
  bad[i] = rnd() < 0.001 ? Math.floor(total[i] * 0.5) : Math.floor(total[i] * 0.0004 * rnd());
}
const series = { start: "2025-01-01T00:00:00Z", step: 60, bad, total };
const slo = { objective: 0.999, window: "30d" };

// Wall time, and the process's CPU time (user + system), which a machine busy with other work inflates less.
function median(label, runs, fn) {
  for (let i = 0; i < 3; i++) fn(); // warm up
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(2);
  console.log(`${label}: wall median ${mid(wall)} ms (min ${wall[0].toFixed(2)}), CPU median ${mid(cpu)} ms (${runs} runs)`);
}

median("errorBudget + backtestAlerts, 4 tiers, 525 600 buckets (plain functions)", 20, () => {
  errorBudget({ slo, series });
  backtestAlerts({ slo, series });
});
median("errorBudget, 525 600 buckets (plain function)", 20, () => errorBudget({ slo, series }));
median("backtestAlerts, 4 tiers, 525 600 buckets (plain function)", 20, () => backtestAlerts({ slo, series }));
const h = new SloHistory(series);
median("SloHistory: errorBudget + backtestAlerts, 4 tiers (indexed once)", 30, () => {
  h.errorBudget(slo);
  h.backtestAlerts(slo);
});
median("SloHistory: backtestAlerts only, fires not listed (maxFires: 0)", 30, () => h.backtestAlerts(slo, { maxFires: 0 }));
median("SloHistory: errorBudget only", 30, () => h.errorBudget(slo));
median("SloHistory: what-if 20-minute outage report", 30, () =>
  h.errorBudget(slo, { whatIf: { incidents: [{ duration: "20m" }] } }),
);
median("new SloHistory (ingest and index 525 600 buckets)", 20, () => new SloHistory(series).free());
h.free();
