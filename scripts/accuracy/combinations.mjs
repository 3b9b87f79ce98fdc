// What a combination with the Theta method would gain, measured before building it into the engine.
// Usage: node scripts/accuracy/combinations.mjs data.json  (data.json as scripts/accuracy/run.sh writes it)
//
// For every single-season series it compares four forecasts, each scored as run.mjs scores them (relMASE: the
// geometric mean over series of MASE / MASE of the seasonal naive):
// - opscore: `forecast` with the series' period, full automatic search;
// - Theta: the standard Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of Hyndman & Billah (2003) and
//   R's forecast::thetaf: if the lag-m autocorrelation passes thetaf's 90% test, the series is seasonally adjusted
//   by a classical decomposition (multiplicative; additive when a value is not positive, where a multiplicative
//   one cannot be used); simple exponential smoothing (opscore's ETS(A,N,N), maximum likelihood) plus a drift of
//   half the least-squares slope, b/2 · (i + (1 − (1 − α)^n) / α) at step i + 1; the seasonal indices put back;
// - opscore + Theta, the equal-weight mean of the two;
// - opscore + Theta weighted by each one's inverse MAE on the last min(h, n − 3m) points of the training data
//   (both refitted on the points before), as an engine could choose the weights; opscore alone when that leaves
//   fewer than min(h, m) points.
// The Theta code here is the experiment's, not the engine's.
import { readFileSync } from "node:fs";
import { forecast } from "opscore";
import { mae, scale as naiveScale, seasonalNaive, START } from "./score.mjs";

const data = JSON.parse(readFileSync(process.argv[2], "utf8"));
const mean2 = (a, b, wa = 0.5) => a.map((v, i) => wa * v + (1 - wa) * b[i]);

function fit(values, h, model, periods, transform) {
  return forecast({ series: { start: START, step: 86400, values }, horizon: h, model, seasonalPeriods: periods, transform, levels: [0.95] });
}

// Autocorrelations at lags 1..k.
function acf(x, k) {
  const n = x.length;
  const mu = x.reduce((a, b) => a + b, 0) / n;
  let d = 0;
  for (const v of x) d += (v - mu) ** 2;
  const r = [];
  for (let lag = 1; lag <= k; lag++) {
    let s = 0;
    for (let t = lag; t < n; t++) s += (x[t] - mu) * (x[t - lag] - mu);
    r.push(s / d);
  }
  return r;
}

// Classical decomposition's seasonal indices (centred 2×m moving average for even m, m-term for odd m), normalised
// to a mean of 1 (multiplicative) or 0 (additive). Index i belongs to time t with t % m === i.
function seasonalIndices(y, m, multiplicative) {
  const n = y.length;
  const half = Math.floor(m / 2);
  const byPhase = Array.from({ length: m }, () => []);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (m % 2 === 0) {
      trend = 0.5 * (y[t - half] + y[t + half]);
      for (let j = t - half + 1; j < t + half; j++) trend += y[j];
    } else {
      for (let j = t - half; j <= t + half; j++) trend += y[j];
    }
    trend /= m;
    byPhase[t % m].push(multiplicative ? y[t] / trend : y[t] - trend);
  }
  const idx = byPhase.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
  const avg = idx.reduce((a, b) => a + b, 0) / m;
  return idx.map((v) => (multiplicative ? v / avg : v - avg));
}

function theta(y, m, h) {
  const n = y.length;
  let idx = null;
  let multiplicative = true;
  if (m > 1 && n >= 2 * m) {
    const r = acf(y, m);
    let s = 1;
    for (let k = 0; k < m - 1; k++) s += 2 * r[k] ** 2;
    if (Math.abs(r[m - 1]) / Math.sqrt(s / n) > 1.645) {
      multiplicative = y.every((v) => v > 0);
      idx = seasonalIndices(y, m, multiplicative);
    }
  }
  const adjust = (v, t, back) => {
    if (!idx) return v;
    const s = idx[t % m];
    if (multiplicative) return back ? v * s : v / s;
    return back ? v + s : v - s;
  };
  const x = y.map((v, t) => adjust(v, t, false));
  const ses = fit(x, h, "ANN", [], "none");
  const alpha = Math.max(ses.model.parameters.alpha, 1e-10);
  const tMean = (n - 1) / 2;
  const xMean = x.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  x.forEach((v, t) => {
    sxy += (t - tMean) * (v - xMean);
    sxx += (t - tMean) ** 2;
  });
  const drift = sxy / sxx / 2;
  const tail = (1 - (1 - alpha) ** n) / alpha;
  return ses.mean.map((v, i) => adjust(v + drift * (i + tail), n + i, true));
}

const opscore = (y, h, periods) => fit(y, h, "ZZZ", periods, "auto").mean;

const names = ["opscore", "Theta", "opscore + Theta (equal weights)", "opscore + Theta (weights from a holdout)"];
const sets = [...new Set(data.map((s) => s.set))];
const logs = Object.fromEntries([...sets, "all"].map((g) => [g, Object.fromEntries(names.map((k) => [k, []]))]));
for (const s of data) {
  if (s.periods.length !== 1) continue;
  const m = s.periods[0];
  const n = s.train.length;
  const scale = naiveScale(s.train, m);
  const base = mae(s.test, seasonalNaive(s.train, m, s.h)) / scale;
  if (!(base > 0 && Number.isFinite(base))) continue;
  const f = { opscore: opscore(s.train, s.h, s.periods), Theta: theta(s.train, m, s.h) };
  f["opscore + Theta (equal weights)"] = mean2(f.opscore, f.Theta);
  const hv = Math.min(s.h, n - 3 * m);
  if (hv >= Math.min(s.h, m)) {
    const head = s.train.slice(0, n - hv);
    const held = s.train.slice(n - hv);
    const wo = 1 / Math.max(mae(held, opscore(head, hv, s.periods)), 1e-12);
    const wt = 1 / Math.max(mae(held, theta(head, m, hv)), 1e-12);
    f["opscore + Theta (weights from a holdout)"] = mean2(f.opscore, f.Theta, wo / (wo + wt));
  } else {
    f["opscore + Theta (weights from a holdout)"] = f.opscore;
  }
  for (const k of names) {
    const rel = Math.log(mae(s.test, f[k]) / scale / base);
    logs[s.set][k].push(rel);
    logs.all[k].push(rel);
  }
}
console.log("set | series | " + names.join(" | "));
for (const g of [...sets, "all"]) {
  const rel = names.map((k) => Math.exp(logs[g][k].reduce((a, b) => a + b, 0) / logs[g][k].length).toFixed(3));
  console.log(`${g} | ${logs[g].opscore.length} | ${rel.join(" | ")}`);
}

// What Theta does to a trend, the runway's concern: a monthly series growing by exactly 1 a step with a yearly
// season (y = 100 + t + 10·sin(2πt/12), 120 points). Printed: the forecast's growth per step over 24 steps.
{
  const y = Array.from({ length: 120 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12));
  const slope = (f) => (f[23] - f[11]) / 12;
  const o = opscore(y, 24, [12]);
  const th = theta(y, 12, 24);
  console.log(`\ngrowth per step on y = 100 + t + 10·sin(2πt/12) (true: 1): opscore ${slope(o).toFixed(3)}, Theta ${slope(th).toFixed(3)}, equal-weight mean ${slope(mean2(o, th)).toFixed(3)}`);
}
