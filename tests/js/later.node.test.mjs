// www/later.js: the at-rest timer the views use while a what-if control moves (one browser timer kept armed, not a
// new one per move). Invariants only: it runs the latest function once, never before `ms` after the last call, and
// not at all once cancelled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { later } from "../../www/later.js";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test("later runs only the last function given, once, no sooner than ms after the last run()", async () => {
  const t = later(40);
  const calls = [];
  let lastRun = 0;
  for (let i = 0; i < 5; i++) {
    lastRun = performance.now();
    const k = i;
    t.run(() => calls.push([k, performance.now() - lastRun]));
    await sleep(15); // each call moves the deadline on before the timer set by the first one fires
  }
  while (calls.length === 0) await sleep(10);
  await sleep(60);
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], 4);
  assert.ok(calls[0][1] >= 39, `ran ${calls[0][1]} ms after the last run()`);
  // It can be used again after it fired.
  t.run(() => calls.push(["again"]));
  while (calls.length === 1) await sleep(10);
  assert.deepEqual(calls[1], ["again"]);
});

test("later: cancel drops the pending function", async () => {
  const t = later(20);
  let ran = false;
  t.run(() => (ran = true));
  t.cancel();
  await sleep(60);
  assert.equal(ran, false);
  t.run(() => (ran = true));
  while (!ran) await sleep(10);
});
