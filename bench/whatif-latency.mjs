// What-if latency of the planning tool in headless Chromium: from the input event on a control to the result on
// screen. For each control it changes the value many times and records
//   dom:   input event → the result's DOM updated (the view bumps data-renders on its result element), and
//   frame: input event → the next animation frame after that update (the repaint that shows it).
// It prints p50 / p95 / max / min in ms per control (min: the best case, least disturbed by a busy machine).
// Nothing asserts on time; the target for the sample is p95 < 16 ms.
//
// Usage: npx vite build && node bench/whatif-latency.mjs [--samples 200] [--control sla.target]
// Engine views add their controls to CONTROLS below: a route, the control, values to cycle through, and the
// element whose data-renders counter the view bumps after painting the recomputed result.
import { launch, serve } from "../tests/e2e/lib.mjs";
import { builtDist, quantile } from "./browser.mjs";

export const CONTROLS = [
  { name: "sla.target", route: "#/sla", control: "#target", event: "input", values: ["99.9", "99.95", "99.99", "99.5", "99"], result: "#downtime-table" },
  { name: "sla.convention", route: "#/sla", control: "#convention", event: "change", values: ["days30", "days365", "gregorian"], result: "#downtime-table" },
  // Capacity: each is a runway on the model held in the worker (no refit), then the chart's overlay and the table.
  // `wait`: a selector that exists once the view's first result is on screen (the first fit).
  { name: "capacity.growth", route: "#/capacity", control: "#capacity-growth", event: "input", values: ["1.5", "2", "0.5", "1.25", "1"], result: "#capacity-compare", wait: "#capacity-compare[data-renders]" },
  { name: "capacity.launch", route: "#/capacity", control: "#capacity-launch-pct", event: "input", values: ["30", "50", "-20", "10", "0"], result: "#capacity-compare", wait: "#capacity-compare[data-renders]" },
  { name: "capacity.added", route: "#/capacity", control: "#capacity-add-pct", event: "input", values: ["25", "50", "-10", "0"], result: "#capacity-compare", wait: "#capacity-compare[data-renders]" },
  { name: "capacity.alertAt", route: "#/capacity", control: "#capacity-alert", event: "input", values: ["80", "90", "70", "100"], result: "#capacity-compare", wait: "#capacity-compare[data-renders]" },
  // SLA: the ticket SLA is TicketSet.evaluate in the worker (tickets parsed once), then the table and bar chart; the
  // composite is compositeAvailability over the held tree.
  { name: "sla.ticketTarget", route: "#/sla", control: "#sla-target-P3-response", event: "input", values: ["2", "4", "6", "3"], result: "#sla-tickets", wait: "#sla-tickets[data-renders]" },
  { name: "sla.workingHours", route: "#/sla", control: "#sla-day-wednesday-end", event: "input", values: ["12:00", "17:30", "16:00"], result: "#sla-tickets", wait: "#sla-tickets[data-renders]" },
  { name: "sla.composite", route: "#/sla", control: "#sla-component-availability", event: "input", values: ["99", "99.9", "99.99", "99.5"], result: "#sla-composite-tree", wait: "#sla-composite-tree[data-renders]" },
  { name: "capacity.staffing", route: "#/capacity", control: "#erlang-arrivals", event: "input", values: ["300", "250", "120", "200"], result: "#erlang-table", wait: "#erlang-table[data-renders]" },
  // The error-budget view: moving a past hypothetical incident (the scenario's report and the window's backtest on the
  // buckets with it painted in), and typing an objective (report and window backtest; the year's backtest follows).
  { name: "budget.incident", route: "#/budget", check: "#budget-incident-on", control: "#budget-incident-start", event: "input", values: ["-48", "-100", "-200", "-300", "-10"], result: "#budget-headline" },
  // Typed objectives: every sample a new one (99.000 to 99.995, in a shuffled order), so each runs the engine; then
  // four objectives typed in turn, which the worker has already computed (its baselines are kept per objective).
  { name: "budget.objective", route: "#/budget", control: "#budget-objective", event: "input", values: Array.from({ length: 240 }, (_, k) => (99 + ((k * 97) % 240) * (0.995 / 239)).toFixed(3)), result: "#budget-headline" },
  { name: "budget.objective.seen", route: "#/budget", control: "#budget-objective", event: "input", values: ["99.95", "99.9", "99.5", "99.99"], result: "#budget-headline" },
];

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const samples = Number(opt("samples", 200));
const only = opt("control", null);

const dist = builtDist();

const server = await serve(dist);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/#/overview`);
  await page.waitForSelector("body[data-ready=true]");
  const sampleMs = await page.evaluate(() => document.body.dataset.sampleMs);
  console.log(`sample organisation generated in the worker in ${sampleMs} ms (5 services x 525,600 minutes, first load)`);
  console.log(`what-if latency, ${samples} samples per control (headless Chromium, www/dist)`);
  console.log("control            measure   p50 ms   p95 ms   max ms   min ms");
  for (const c of CONTROLS.filter((x) => !only || x.name === only)) {
    await page.goto(`${server.url}/${c.route}`);
    await page.waitForSelector("body[data-ready=true]");
    if (c.wait) await page.waitForSelector(c.wait, { timeout: 60_000 });
    if (c.check && !(await page.isChecked(c.check))) await page.check(c.check);
    const times = await page.evaluate(async ({ c, samples }) => {
      const control = document.querySelector(c.control);
      const out = document.querySelector(c.result);
      const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const dom = [];
      const frame = [];
      for (let i = 0; i < samples + 10; i++) {
        const before = out.dataset.renders;
        const rendered = new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            if (out.dataset.renders !== before) {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(out, { attributes: true, attributeFilter: ["data-renders"] });
        });
        const t0 = performance.now();
        control.value = c.values[i % c.values.length];
        control.dispatchEvent(new Event(c.event, { bubbles: true }));
        await rendered;
        const t1 = performance.now();
        await nextFrame();
        const t2 = performance.now();
        if (i >= 10) {
          // The first ten are warm-up (JIT, worker start-up).
          dom.push(t1 - t0);
          frame.push(t2 - t0);
        }
        await new Promise((r) => setTimeout(r, 3));
      }
      return { dom, frame };
    }, { c, samples });
    for (const [measure, xs] of Object.entries(times)) {
      const f = (x) => x.toFixed(2).padStart(8);
      console.log(`${c.name.padEnd(18)} ${measure.padEnd(8)}${f(quantile(xs, 0.5))} ${f(quantile(xs, 0.95))} ${f(Math.max(...xs))} ${f(Math.min(...xs))}`);
    }
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
