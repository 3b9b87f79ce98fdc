// What run.mjs and combinations.mjs score with, shared so the two measure alike.

// The series carry no dates; every one starts in 1900, so the longest (sunspot.month, 264 years) stays inside the
// years opscore accepts. The models look only at the step.
export const START = "1900-01-01T00:00:00Z";

/** Mean absolute error of `pred` over `test`. */
export const mae = (test, pred) => test.reduce((s, v, i) => s + Math.abs(v - pred[i]), 0) / test.length;

/** MASE's scale: the in-sample MAE of the seasonal naive forecast with period `m`. */
export function scale(train, m) {
  let s = 0;
  for (let t = m; t < train.length; t++) s += Math.abs(train[t] - train[t - m]);
  return s / (train.length - m);
}

/** The seasonal naive forecast: the last season of `train`, repeated over `h` steps. */
export function seasonalNaive(train, m, h) {
  const n = train.length;
  return Array.from({ length: h }, (_, i) => train[n - m + (i % m)]);
}
