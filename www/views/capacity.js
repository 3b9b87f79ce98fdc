// The capacity view: each resource's daily history against its warning level and limit, with events such as a
// launch marked. The forecast fan and the runway marker join from the capacity engine (charts/chart.js `fan`).
import { $, el, fillSelect } from "../dom.js";
import { createChart } from "../charts/chart.js";
import { timeAxis } from "../charts/fan.js";

export function mountCapacity(app) {
  const select = $("capacity-resource");
  let chart = null;
  let wanted = null;
  function draw() {
    const c = app.summary()?.capacity.find((x) => x.id === select.value);
    if (!c) {
      chart?.destroy();
      chart = null;
      $("capacity-chart").replaceChildren(el("p", { className: "note" }, "No capacity data loaded."));
      return;
    }
    const v = c.series.values;
    // The weekly envelope: a centred 7-day mean with the 7-day minimum-maximum range as a band, so weekly
    // seasonality reads as a band and growth as the line through it. (The forecast fan joins from the engine.)
    const n = v.length;
    const mean = new Float64Array(n).fill(Number.NaN);
    const lo = new Float64Array(n).fill(Number.NaN);
    const hi = new Float64Array(n).fill(Number.NaN);
    for (let i = 3; i + 3 < n; i++) {
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let k = i - 3; k <= i + 3; k++) {
        sum += v[k];
        if (v[k] < min) min = v[k];
        if (v[k] > max) max = v[k];
      }
      mean[i] = sum / 7;
      lo[i] = min;
      hi[i] = max;
    }
    const spec = {
      title: `${c.name} (${c.unit}), daily`,
      description: `${c.name}: ${v.length} daily values from ${v[0]} to ${v[v.length - 1]} ${c.unit}; warning at ${c.thresholds.warning}, limit ${c.thresholds.limit}.`,
      x: timeAxis(c.series.start, c.series.step, v.length),
      yLabel: c.unit,
      yRange: [0, c.thresholds.limit * 1.1],
      fan: { history: v, historyLabel: `Daily (${c.unit})`, median: mean, medianLabel: "7-day mean", bands: [{ lower: lo, upper: hi, label: "7-day range" }] },
      thresholds: [
        { value: c.thresholds.limit, label: `Limit ${c.thresholds.limit} ${c.unit}` },
        { value: c.thresholds.warning, label: `Warning ${c.thresholds.warning} ${c.unit}`, color: getComputedStyle(document.documentElement).getPropertyValue("--warn").trim() },
      ],
      markers: (c.events ?? []).map((e) => ({ x: Date.parse(e.at) / 1000, label: e.label })),
    };
    if (chart) chart.update(spec);
    else chart = createChart($("capacity-chart"), spec);
  }
  select.addEventListener("change", () => {
    app.setOverrides({ "capacity.resource": select.value });
    draw();
  });
  return {
    onData(org) {
      fillSelect(select, (org?.capacity ?? []).map((c) => [c.id, c.name]), wanted ?? app.scenario().overrides["capacity.resource"]);
      wanted = null;
      draw();
    },
    onShow(params) {
      const want = params.get("resource");
      // Before the data arrives the list is empty: remember the wish for onData.
      if (want && select.options.length === 0) wanted = want;
      if (want && [...select.options].some((o) => o.value === want)) {
        select.value = want;
        draw();
      }
    },
  };
}
