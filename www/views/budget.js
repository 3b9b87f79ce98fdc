// The error-budget view: each service's observed daily error ratio against the ratio its SLO allows. The
// burn-down, burn-rate windows and alert backtest join here from the error-budget engine.
import { $, el, fillSelect, percent } from "../dom.js";
import { createChart } from "../charts/chart.js";
import { timeAxis } from "../charts/fan.js";

export function mountBudget(app) {
  const select = $("budget-service");
  let chart = null;
  let wanted = null;
  function draw() {
    const org = app.summary();
    const s = org?.services.find((x) => x.id === select.value);
    if (!s) {
      chart?.destroy();
      chart = null;
      $("budget-chart").replaceChildren(el("p", { className: "note" }, "No service data loaded."));
      return;
    }
    const n = s.daily.total.length;
    const ratio = new Float64Array(n);
    for (let i = 0; i < n; i++) ratio[i] = s.daily.total[i] > 0 ? (100 * (s.daily.total[i] - s.daily.good[i])) / s.daily.total[i] : Number.NaN;
    const allowed = 100 * (1 - s.slo.target);
    const spec = {
      title: `${s.name}: errors per day (% of requests); the SLO of ${percent(s.slo.target)} allows ${Number(allowed.toFixed(3))}%`,
      description: `Daily error ratio of ${s.name}, against the ${Number(allowed.toFixed(3))}% its SLO allows on average.`,
      x: timeAxis(s.daily.start, 86400, n),
      yLabel: "% errors",
      series: [{ label: "Error ratio (%)", values: ratio, fill: true }],
      thresholds: [{ value: allowed, label: `SLO allows ${Number(allowed.toFixed(3))}%` }],
    };
    if (chart) chart.update(spec);
    else chart = createChart($("budget-chart"), spec);
  }
  select.addEventListener("change", () => {
    app.setOverrides({ "budget.service": select.value });
    draw();
  });
  return {
    onData(org) {
      fillSelect(select, (org?.services ?? []).map((s) => [s.id, s.name]), wanted ?? app.scenario().overrides["budget.service"]);
      wanted = null;
      draw();
    },
    onShow(params) {
      const want = params.get("service");
      // Before the data arrives the list is empty: remember the wish for onData.
      if (want && select.options.length === 0) wanted = want;
      if (want && [...select.options].some((o) => o.value === want)) {
        select.value = want;
        draw();
      }
    },
  };
}
