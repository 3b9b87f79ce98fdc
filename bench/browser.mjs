// Shared by the benchmarks that drive the built planning tool in headless Chromium.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../tests/e2e/lib.mjs";

/** The built planning tool (www/dist); exits with a hint when it has not been built. */
export function builtDist() {
  const dist = join(ROOT, "www", "dist");
  if (!existsSync(join(dist, "index.html"))) {
    console.error("www/dist is missing: run `npx vite build` (after scripts/build.sh) first.");
    process.exit(1);
  }
  return dist;
}

/** The nearest-rank `q` quantile of `xs`. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/**
 * Run `fn` (which drives `samples` what-if moves on `page`) under a Chrome trace, and return the CPU time (the trace
 * events' thread time, not wall time, so a busy machine inflates it far less) per move spent in the page's main
 * thread and in the engine worker's thread, in ms: `{main, worker}`. The traced pass is not timed: tracing itself
 * slows it down.
 */
export async function cpuPerMove(browser, page, samples, fn) {
  await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline"] });
  await fn();
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const sum = { main: 0, worker: 0 };
  for (const e of events) {
    // Top-level tasks only (nested events are inside them).
    if (e.ph !== "X" || e.name !== "ThreadControllerImpl::RunTask") continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? "";
    const key = thread === "CrRendererMain" ? "main" : thread === "DedicatedWorker thread" ? "worker" : null;
    if (key) sum[key] += (e.tdur ?? e.dur) / 1000;
  }
  return { main: sum.main / samples, worker: sum.worker / samples };
}

/**
 * Install, in every page of `context`, the helpers the what-if benches call from `page.evaluate` (page code cannot
 * import): `window.__bench.rendered(el)` resolves when `el`'s `data-renders` changes from what it is at the call
 * (a view bumps it after painting a recomputed result), and `window.__bench.frameAndPaint()` resolves with
 * `[start of the next frame, end of its paint]` (requestAnimationFrame marks the start of the frame that paints an
 * update, and a message posted from it arrives in the next task, after that frame's style, layout and paint); it
 * also waits 3 ms from the frame's start, so the next move starts 3 ms into a frame. Call before the first `goto`.
 */
export function installPageHelpers(context) {
  return context.addInitScript(() => {
    let channel = null;
    let onPainted = null;
    window.__bench = {
      rendered(el) {
        const before = el.dataset.renders;
        return new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            if (el.dataset.renders !== before) {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(el, { attributes: true, attributeFilter: ["data-renders"] });
        });
      },
      frameAndPaint() {
        if (!channel) {
          channel = new MessageChannel();
          channel.port1.onmessage = () => onPainted?.();
        }
        return new Promise((resolve) =>
          requestAnimationFrame(() => {
            const at = performance.now();
            const rested = new Promise((r) => setTimeout(r, 3));
            onPainted = () => {
              const painted = performance.now();
              rested.then(() => resolve([at, painted]));
            };
            channel.port2.postMessage(0);
          }),
        );
      },
    };
  });
}
