// The planning tool's alert timeline (www/charts/timeline.js) patches a changed lane bar by bar: bars whose drawing
// is unchanged stay on the page, others are made or dropped, in order. Whatever the sequence of updates, the
// timeline on the page must be the one a fresh timeline draws for the last update: checked here on random
// sequences in headless Chromium, with bars that move, appear and vanish, lanes that change kind, and bars drawn
// exactly alike (the same outage imported twice), straight from the source modules (no build needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, launch, serve } from "./lib.mjs";

test("alert timeline: after random sequences of updates, the page equals a fresh drawing of the last one", async () => {
  const server = await serve(join(ROOT, "www"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // A page of the server's origin, so the source modules can be imported.
    await page.goto(`${server.url}/charts/timeline.js`);
    const mismatches = await page.evaluate(async () => {
      const { createTimeline } = await import("/charts/timeline.js");
      const box = () => {
        const d = document.createElement("div");
        d.style.width = "800px";
        document.body.append(d);
        return d;
      };
      // A deterministic generator (a linear congruential one), so a failure can be replayed.
      let seed = 12345;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const from = 0;
      const to = 100 * 3600e3;
      // A pool of bars: some lanes draw from it with repeats (bars drawn alike).
      const pool = Array.from({ length: 12 }, (_, i) => ({ start: i * 8 * 3600e3, end: i * 8 * 3600e3 + (1 + (i % 3)) * 3600e3, label: `bar ${i}` }));
      const specOf = () => ({
        from,
        to,
        plot: { left: 60, right: 10 },
        description: "test",
        lanes: ["page", "ticket", "incident"].map((kind, k) => ({
          label: `lane ${k}: ${Math.floor(rnd() * 3)}`,
          kind: k === 2 || rnd() < 0.9 ? kind : "ticket",
          bars: Array.from({ length: Math.floor(rnd() * 7) }, () => pool[Math.floor(rnd() * pool.length)])
            .sort((a, b) => a.start - b.start)
            .map((b) => (k === 2 && rnd() < 0.3 ? { ...b, kind: "hypothetical" } : b)),
        })),
      });
      const liveBox = box();
      const live = createTimeline(liveBox);
      const bad = [];
      for (let i = 0; i < 300; i++) {
        const spec = specOf();
        live.update(spec);
        const freshBox = box();
        const fresh = createTimeline(freshBox);
        fresh.update(spec);
        const a = liveBox.innerHTML;
        const b = freshBox.innerHTML;
        if (a !== b) bad.push({ i, live: a.length, fresh: b.length, bars: spec.lanes.map((l) => l.bars.length) });
        fresh.destroy();
        freshBox.remove();
      }
      // Bars drawn alike: the same incident twice, then a moved third bar, many times over (each move once left one
      // stray bar behind when two bars shared a key).
      const twice = { start: 10 * 3600e3, end: 12 * 3600e3, label: "imported-1 (imported): Imported outage" };
      for (let h = 0; h < 20; h++) {
        live.update({ from, to, plot: { left: 60, right: 10 }, lanes: [{ label: "Incidents", kind: "incident", bars: [twice, twice, { start: (20 + h) * 3600e3, end: (21 + h) * 3600e3, kind: "hypothetical" }] }] });
      }
      const rects = liveBox.querySelectorAll("rect.bar").length;
      return { bad, rects };
    });
    assert.deepEqual(mismatches.bad, []);
    assert.equal(mismatches.rects, 3, "two alike bars and the moved one, nothing left behind");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
