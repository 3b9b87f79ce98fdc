// What-if latency of the team-health view in headless Chromium (www/dist): from the input event on a control to
// the repainted result, as bench/whatif-latency.mjs measures it, but with scenarios that never repeat, so every
// sample runs the engine (the worker memoises scenarios it has seen; a second pass over the same values measures
// that path). For each control it prints p50 / p95 / max of
//   dom:    input event → the what-if result repainted (data-renders bumped),
//   frame:  input event → the next animation frame after it (the start of the frame that paints it),
//   paint:  input event → the end of that frame (its style, layout and paint done: a message posted from the
//           animation frame callback, which runs in the next task),
//   engine: the teamHealth call inside the worker (0 for a memoised scenario).
// Not measured: the toil chart's what-if weeks, which follow once the toil control rests. Nothing asserts on time;
// the target for the sample is p95 < 16 ms.
//
// With --cpu, a further traced pass per control prints the CPU time per move on the main thread and in the worker.
//
// Usage: scripts/build.sh && npx vite build && node bench/team-whatif.mjs [--samples 100] [--cpu]
import { launch, serve } from "../tests/e2e/lib.mjs";
import { builtDist, cpuPerMove, installPageHelpers, quantile } from "./browser.mjs";

const args = process.argv.slice(2);
const i = args.indexOf("--samples");
const samples = i >= 0 ? Number(args[i + 1]) : 100;
const cpu = args.includes("--cpu");

// The measured control, its values, and a second control set silently before each sample so that no scenario
// repeats (rotation 2-30 × page reduction 0-90% is 551 scenarios; automation 0-100% × rotation is 609).
const CONTROLS = [
  { name: "rotation size", control: "#team-rotation", values: (k) => String(2 + (k % 29)), other: "#team-pages", otherValue: (k) => String(5 * (Math.floor(k / 29) % 19)) },
  { name: "page reduction", control: "#team-pages", values: (k) => String(5 * (k % 19)), other: "#team-rotation", otherValue: (k) => String(2 + (Math.floor(k / 19) % 29)) },
  { name: "toil automated", control: "#team-toil-automate", values: (k) => String(5 * (k % 21)), other: "#team-rotation", otherValue: (k) => String(2 + (Math.floor(k / 21) % 29)) },
];

const dist = builtDist();
const server = await serve(dist);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await installPageHelpers(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/team`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => Number(document.querySelector("#team-whatif-result")?.dataset.renders) > 0);
  // The result on screen, as a person watching it has it (the browser skips rendering what is off screen).
  await page.evaluate(() => document.querySelector("#team-whatif-result").scrollIntoView({ block: "center" }));
  const base = await page.evaluate(() => document.getElementById("view-team").dataset.engineMs);
  console.log(`team-health baseline (teamHealth over the year, shifts included): ${base} ms in the worker`);
  console.log(`what-if latency, ${samples} samples per control and pass (headless Chromium, www/dist)`);
  console.log("control          pass     measure    p50 ms   p95 ms   max ms");
  for (const c of CONTROLS) {
    for (const pass of ["fresh", "memo"]) {
      const times = await page.evaluate(
        async ({ c, samples, values, others }) => {
          const control = document.querySelector(c.control);
          const other = document.querySelector(c.other);
          const out = document.querySelector("#team-whatif-result");
          const { rendered: renderedOf, frameAndPaint } = window.__bench;
          const dom = [];
          const frame = [];
          const paint = [];
          const engine = [];
          for (let k = 0; k < samples; k++) {
            other.value = others[k];
            const rendered = renderedOf(out);
            const t0 = performance.now();
            control.value = values[k];
            control.dispatchEvent(new Event("input", { bubbles: true }));
            await rendered;
            const t1 = performance.now();
            const [t2, t3] = await frameAndPaint();
            dom.push(t1 - t0);
            frame.push(t2 - t0);
            paint.push(t3 - t0);
            engine.push(Number(out.dataset.engineMs));
          }
          return { dom, frame, paint, engine };
        },
        // Offset by 7 so the first sample differs from the page's current state.
        { c: { control: c.control, other: c.other }, samples, values: Array.from({ length: samples }, (_, k) => c.values(k + 7)), others: Array.from({ length: samples }, (_, k) => c.otherValue(k + 7)) },
      );
      for (const [measure, xs] of Object.entries(times)) {
        const f = (x) => x.toFixed(2).padStart(8);
        console.log(`${c.name.padEnd(16)} ${pass.padEnd(8)} ${measure.padEnd(8)}${f(quantile(xs, 0.5))} ${f(quantile(xs, 0.95))} ${f(Math.max(...xs))}`);
      }
    }
    if (cpu) {
      // A further traced pass over scenarios not seen yet: CPU time per move, main thread and engine worker.
      const n = 40;
      const at = (k) => k + 7 + samples;
      const used = await cpuPerMove(browser, page, n, () =>
        page.evaluate(
          async ({ c, values, others }) => {
            const control = document.querySelector(c.control);
            const other = document.querySelector(c.other);
            const out = document.querySelector("#team-whatif-result");
            for (let k = 0; k < values.length; k++) {
              other.value = others[k];
              const rendered = window.__bench.rendered(out);
              control.value = values[k];
              control.dispatchEvent(new Event("input", { bubbles: true }));
              await rendered;
              await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 3)));
            }
          },
          { c: { control: c.control, other: c.other }, values: Array.from({ length: n }, (_, k) => c.values(at(k))), others: Array.from({ length: n }, (_, k) => c.otherValue(at(k))) },
        ),
      );
      console.log(`${c.name.padEnd(16)} cpu: ${used.main.toFixed(2)} ms on the main thread and ${used.worker.toFixed(2)} ms in the worker per move (mean of ${n}, thread time)`);
    }
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
