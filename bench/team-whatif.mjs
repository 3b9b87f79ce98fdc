// What-if latency of the team-health view in headless Chromium (www/dist): from the input event on a control to
// the repainted result, as bench/whatif-latency.mjs measures it, but with scenarios that never repeat, so every
// sample runs the engine (the worker memoises scenarios it has seen; a second pass over the same values measures
// that path). For each control it prints p50 / p95 / max of
//   dom:    input event → the what-if result repainted (data-renders bumped),
//   frame:  input event → the next animation frame after it,
//   engine: the teamHealth call inside the worker (0 for a memoised scenario).
// Nothing asserts on time; the target for the sample is p95 < 16 ms.
//
// Usage: scripts/build.sh && npx vite build && node bench/team-whatif.mjs [--samples 100]
import { launch, serve } from "../tests/e2e/lib.mjs";
import { builtDist, quantile } from "./browser.mjs";

const args = process.argv.slice(2);
const i = args.indexOf("--samples");
const samples = i >= 0 ? Number(args[i + 1]) : 100;

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
  const page = await context.newPage();
  await page.goto(`${server.url}/#/team`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => Number(document.querySelector("#team-whatif-result")?.dataset.renders) > 0);
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
          const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
          const dom = [];
          const frame = [];
          const engine = [];
          for (let k = 0; k < samples; k++) {
            other.value = others[k];
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
            control.value = values[k];
            control.dispatchEvent(new Event("input", { bubbles: true }));
            await rendered;
            const t1 = performance.now();
            await nextFrame();
            dom.push(t1 - t0);
            frame.push(performance.now() - t0);
            engine.push(Number(out.dataset.engineMs));
            await new Promise((r) => setTimeout(r, 3));
          }
          return { dom, frame, engine };
        },
        // Offset by 7 so the first sample differs from the page's current state.
        { c: { control: c.control, other: c.other }, samples, values: Array.from({ length: samples }, (_, k) => c.values(k + 7)), others: Array.from({ length: samples }, (_, k) => c.otherValue(k + 7)) },
      );
      for (const [measure, xs] of Object.entries(times)) {
        const f = (x) => x.toFixed(2).padStart(8);
        console.log(`${c.name.padEnd(16)} ${pass.padEnd(8)} ${measure.padEnd(8)}${f(quantile(xs, 0.5))} ${f(quantile(xs, 0.95))} ${f(Math.max(...xs))}`);
      }
    }
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
