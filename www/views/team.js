// The team view: the on-call roster across its time zones, and pages and deployments per week. Load per
// responder, sleep-hour pages, DORA tiers, toil and survey scores join from the team engine.
import { $, row } from "../dom.js";
import { createChart } from "../charts/chart.js";
import { timeAxis } from "../charts/fan.js";

export function mountTeam(app) {
  let chart = null;
  return {
    onData(org) {
      const t = org?.teams[0];
      $("team-line").textContent = t
        ? `${t.name}: ${t.responders.length} people, ${t.pages.toLocaleString("en")} pages, ${t.shifts.toLocaleString("en")} shifts and ${t.deployments.toLocaleString("en")} deployments in the data.`
        : "No team data loaded.";
      $("team-roster").tBodies[0].replaceChildren(...(t?.responders ?? []).map((r) => row([r.name, r.site, r.timeZone], { header: true })));
      if (!t?.weekly) {
        chart?.destroy();
        chart = null;
        $("team-chart").replaceChildren();
        return;
      }
      const w = t.weekly;
      const total = w.pagesHigh.reduce((a, b) => a + b, 0);
      const spec = {
        title: `${t.name}: pages and deployments per week`,
        description: `${w.pagesHigh.length} weeks: ${total} high-urgency pages, ${t.pages - total} low-urgency pages, ${t.deployments} deployments of which ${t.failedDeployments} failed.`,
        x: timeAxis(w.start, w.step, w.pagesHigh.length),
        yLabel: "per week",
        series: [
          { label: "High-urgency pages", values: w.pagesHigh, width: 2 },
          { label: "Low-urgency pages", values: w.pagesLow, dash: [4, 3] },
          { label: "Deployments", values: w.deployments, width: 1 },
          { label: "Failed deployments", values: w.failedDeployments, width: 2 },
        ],
      };
      if (chart) chart.update(spec);
      else chart = createChart($("team-chart"), spec);
    },
  };
}
