// What-if latency of the planning tool in headless Chromium: from the input event on a control to the result on
// screen. For each control it changes the value many times and records
//   dom:   input event → the result's DOM updated (the view bumps data-renders on its result element after painting
//          the whole recomputed result: for the error budget, the headline, figures, burn-down chart, alert
//          timeline, fires, burn-rate and tier tables), and
//   frame: input event → the next animation frame after that update (the start of the frame that paints it), and
//   paint: input event → the end of that frame, its style, layout and paint done (a message posted from the
//          animation frame callback, which arrives in the next task): the stricter measure.
// It prints p50 / p95 / max / min in ms per control (min: the best case, least disturbed by a busy machine).
// Parts a view refreshes only once a control rests are not in these: the error budget's backtest over the whole
// history (300 ms after the last change), its Prometheus rules (150 ms after), and its cards that are off screen
// while a control moves (painted when they come on screen, or 400 ms after the last change). The row "complete"
// times single moves of the objective until all of that is on the page; the rows ".chart" measure moves with the
// burn-down chart and the alert timeline on screen. Nothing asserts on time; the target for the sample is p95 < 16 ms.
//
// With --cpu, a further traced pass per control prints the CPU time per move on the page's main thread and in the
// engine worker (thread time from a Chrome trace: far less inflated than latency when the machine is busy).
//
// Every row starts from the default scenario (the Data view's "Reset to the default scenario"), in the one page
// that ran the rows before it: so a row measures its own control as named, after long use of the page, and not
// with what the rows before it left (the budget rows after budget.incident would otherwise move with its incident
// on, at the last objective typed). --carry-state skips the reset (each row inherits the controls as left).
// With --metrics, the page's counters after each row (Chrome's Performance.getMetrics: JS heap, DOM nodes, event
// listeners, layouts) and its uPlot charts: long use that leaks shows as counts that grow row after row.
//
// Usage: npx vite build && node bench/whatif-latency.mjs [--samples 200] [--control sla.target[,budget.incident…]]
//        [--cpu] [--metrics] [--carry-state]
// Engine views add their controls to CONTROLS below: a route, the control, values to cycle through, and the
// element whose data-renders counter the view bumps after painting the recomputed result.
import { launch, serve } from "../tests/e2e/lib.mjs";
import { builtDist, cpuPerMove, installPageHelpers, quantile } from "./browser.mjs";

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
  // The error-budget view (result: the headline, on screen with the figures under it): moving a past hypothetical
  // incident (the scenario's report and the window's backtest on the buckets with it painted in), and typing an
  // objective (report and window backtest; the year's backtest follows).
  { name: "budget.incident", route: "#/budget", check: "#budget-incident-on", control: "#budget-incident-start", event: "input", values: ["-48", "-100", "-200", "-300", "-10"], result: "#budget-headline" },
  // Typed objectives: every sample a new one (99.000 to 99.995, in a shuffled order), so each runs the engine; then
  // four objectives typed in turn, which the worker has already computed (its baselines are kept per objective).
  // `complete`: the element a part refreshed only at rest bumps (the year's backtest); its row "complete" is, for
  // single moves, input → that part and every card of the view painted (`settle`: the view without data-stale).
  { name: "budget.objective", route: "#/budget", control: "#budget-objective", event: "input", values: Array.from({ length: 240 }, (_, k) => (99 + ((k * 97) % 240) * (0.995 / 239)).toFixed(3)), result: "#budget-headline", complete: "#budget-year-line", settle: "#view-budget" },
  { name: "budget.objective.seen", route: "#/budget", control: "#budget-objective", event: "input", values: ["99.95", "99.9", "99.5", "99.99"], result: "#budget-headline" },
  // Typed objectives (a new one every sample) with a hypothetical incident on, 48 hours before the as-of time
  // (`setup`: controls set before the row, each with its event): the scenario with the incident painted in is
  // recomputed beside the baseline (the worker keeps the painted history while only the objective moves).
  { name: "budget.objective.incident", route: "#/budget", check: "#budget-incident-on", setup: [["#budget-incident-start", "-48", "input"]], control: "#budget-objective", event: "input", values: Array.from({ length: 240 }, (_, k) => (99 + ((k * 97) % 240) * (0.995 / 239)).toFixed(3)), result: "#budget-headline" },
  // The same moves with the burn-down chart and the alert timeline on screen (`view`: scrolled into view instead of
  // the result): while a control moves the view paints the cards that are on screen and defers those off screen to
  // when they come on screen or the control rests, so these rows include the chart, the timeline and the fires.
  { name: "budget.incident.chart", route: "#/budget", check: "#budget-incident-on", control: "#budget-incident-start", event: "input", values: ["-48", "-100", "-200", "-300", "-10"], result: "#budget-headline", view: "#budget-chart" },
  // The incident moved with the chart on screen at a tight objective (99.99%: a hundred fires on the timeline).
  { name: "budget.incident.tight", route: "#/budget", check: "#budget-incident-on", setup: [["#budget-objective", "99.99", "input"]], control: "#budget-incident-start", event: "input", values: ["-48", "-100", "-200", "-300", "-10"], result: "#budget-headline", view: "#budget-chart" },
  { name: "budget.objective.chart", route: "#/budget", control: "#budget-objective", event: "input", values: Array.from({ length: 240 }, (_, k) => (99 + ((k * 97) % 240) * (0.995 / 239)).toFixed(3)), result: "#budget-headline", view: "#budget-chart" },
];

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const samples = Number(opt("samples", 200));
const only = opt("control", null)?.split(",");
const cpu = args.includes("--cpu");
const metrics = args.includes("--metrics");
const carry = args.includes("--carry-state");

function fail(name) {
  console.error(`No control named ${name}: one of ${CONTROLS.map((x) => x.name).join(", ")}.`);
  process.exit(1);
}

const dist = builtDist();

const server = await serve(dist);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await installPageHelpers(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/overview`);
  await page.waitForSelector("body[data-ready=true]");
  const sampleMs = await page.evaluate(() => document.body.dataset.sampleMs);
  const cdp = metrics ? await context.newCDPSession(page) : null;
  if (cdp) await cdp.send("Performance.enable");
  const showMetrics = async (label) => {
    if (!cdp) return;
    await cdp.send("HeapProfiler.collectGarbage"); // what stays, not what awaits collection
    const { metrics: m } = await cdp.send("Performance.getMetrics");
    const v = Object.fromEntries(m.map((x) => [x.name, x.value]));
    const uplots = await page.evaluate(() => document.querySelectorAll(".uplot").length);
    console.log(`  (${label}: JS heap ${(v.JSHeapUsedSize / 1e6).toFixed(2)} MB, ${v.Nodes} DOM nodes, ${v.JSEventListeners} listeners, ${uplots} charts, ${v.LayoutCount} layouts so far)`);
  };
  await showMetrics("start");
  console.log(`sample organisation generated in the worker in ${sampleMs} ms (5 services x 525,600 minutes, first load)`);
  console.log(`what-if latency, ${samples} samples per control (headless Chromium, www/dist)`);
  console.log("control            measure   p50 ms   p95 ms   max ms   min ms");
  for (const c of only ? only.map((n) => CONTROLS.find((x) => x.name === n) ?? fail(n)) : CONTROLS) {
    if (!carry) {
      // Each row measures its own control from the default scenario (as a run of that control alone does), in the
      // page that ran the rows before it: without this, a row would inherit the controls the rows before it left
      // (the budget rows after budget.incident would all move with its hypothetical incident on, and at the last
      // objective typed), and measure a heavier scenario than its name says.
      await page.goto(`${server.url}/#/data`);
      await page.waitForSelector("body[data-ready=true]");
      // (Clicked from the page, not with the mouse, so the reset leaves no pointer over the page.)
      await page.evaluate(() => document.getElementById("reset-scenario").click());
      await page.evaluate(() => document.querySelector("#notices .notice .dismiss").click());
      // The reset re-scores the organisation and refits the capacity model in the worker: let that finish first.
      await page.waitForTimeout(1500);
    }
    await page.goto(`${server.url}/${c.route}`);
    await page.waitForSelector("body[data-ready=true]");
    if (c.wait) await page.waitForSelector(c.wait, { timeout: 60_000 });
    if (c.check && !(await page.isChecked(c.check))) await page.check(c.check);
    for (const [sel, value, event] of c.setup ?? []) {
      await page.evaluate(({ sel, value, event }) => {
        const e = document.querySelector(sel);
        e.value = value;
        e.dispatchEvent(new Event(event, { bubbles: true }));
      }, { sel, value, event });
    }
    // The row starts with the page at rest: the view's first result and the parts it refreshes at rest (the error
    // budget's year backtest, 300 ms after a change) on the page, as a person finds it before moving a control.
    await page.waitForTimeout(600);
    // The result on screen, as a person watching it has it: the browser skips rendering what is off screen.
    await page.evaluate((sel) => document.querySelector(sel).scrollIntoView({ block: "center" }), c.view ?? c.result);
    const times = await page.evaluate(async ({ c, samples }) => {
      const control = document.querySelector(c.control);
      const out = document.querySelector(c.result);
      const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const { rendered: renderedOf, frameAndPaint } = window.__bench;
      const dom = [];
      const frame = [];
      const paint = [];
      for (let i = 0; i < samples + 10; i++) {
        const rendered = renderedOf(out);
        const t0 = performance.now();
        control.value = c.values[i % c.values.length];
        control.dispatchEvent(new Event(c.event, { bubbles: true }));
        await rendered;
        const t1 = performance.now();
        const [t2, t3] = await frameAndPaint();
        if (i >= 10) {
          // The first ten are warm-up (JIT, worker start-up).
          dom.push(t1 - t0);
          frame.push(t2 - t0);
          paint.push(t3 - t0);
        }
      }
      const complete = [];
      if (c.complete) {
        // Single moves, each to an objective not typed before, waiting for the part that follows at rest.
        const rest = document.querySelector(c.complete);
        for (let i = 0; i < 10; i++) {
          const done = renderedOf(rest);
          const t0 = performance.now();
          control.value = c.values[(samples + 10 + i) % c.values.length];
          control.dispatchEvent(new Event(c.event, { bubbles: true }));
          await done;
          // …and every card painted (cards off screen wait for the control to rest: data-stale on the view).
          while (c.settle && document.querySelector(c.settle).dataset.stale) await nextFrame();
          await nextFrame();
          complete.push(performance.now() - t0);
        }
      }
      return { dom, frame, paint, ...(complete.length ? { complete } : {}) };
    }, { c, samples });
    for (const [measure, xs] of Object.entries(times)) {
      const f = (x) => x.toFixed(2).padStart(8);
      console.log(`${c.name.padEnd(18)} ${measure.padEnd(8)}${f(quantile(xs, 0.5))} ${f(quantile(xs, 0.95))} ${f(Math.max(...xs))} ${f(Math.min(...xs))}`);
    }
    await showMetrics(c.name);
    if (cpu) {
      // A further traced pass: CPU time per move on the page's main thread and in the engine worker.
      const n = 40;
      const used = await cpuPerMove(browser, page, n, () =>
        page.evaluate(
          async ({ c, n, from }) => {
            const control = document.querySelector(c.control);
            const out = document.querySelector(c.result);
            for (let i = 0; i < n; i++) {
              const rendered = window.__bench.rendered(out);
              control.value = c.values[(from + i) % c.values.length];
              control.dispatchEvent(new Event(c.event, { bubbles: true }));
              await rendered;
              await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 3)));
            }
          },
          { c, n, from: samples + 20 },
        ),
      );
      console.log(`${c.name.padEnd(18)} cpu: ${used.main.toFixed(2)} ms on the main thread and ${used.worker.toFixed(2)} ms in the worker per move (mean of ${n}, thread time)`);
    }
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
