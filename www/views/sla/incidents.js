// The SLA view's incident part: MTTD, MTTA, MTTR and MTBF of the selected service's incidents over the sample's
// year, overall and per severity, by mean or median (the engine's incidentMetrics, task "sla.incidents").
import { $, row } from "../../dom.js";
import { formatDuration } from "../../format.js";
import { isSuperseded } from "../../engine/client.js";

const METRICS = ["mttd", "mtta", "mttr", "mtbf"];

/** `extra(service)`: more input for the task (the scenario's imports, for a service with imported outages). */
export function mountIncidents(app, serviceSelect, extra = () => ({})) {
  const table = $("sla-incidents");
  let last = null;
  let seq = 0;
  const statistic = () => ($("sla-statistic-median").checked ? "median" : "mean");

  function recompute() {
    const service = serviceSelect.value;
    if (!service || (!app.summary() && !Object.keys(extra(service)).length)) {
      table.tBodies[0].replaceChildren();
      $("sla-incidents-line").textContent = "No service selected.";
      return Promise.resolve();
    }
    const name = serviceSelect.selectedOptions[0]?.textContent ?? service;
    const mine = ++seq;
    return app.engine
      .whatIf("sla.incidents", "sla.incidents", { service, statistic: statistic(), ...extra(service) })
      .then(
        (m) => {
          if (mine !== seq) return;
          last = { name, m };
          const cell = (x) => (x.seconds === undefined ? "–" : formatDuration(x.seconds));
          const groups = [{ ...m.overall, severity: "All" }, ...m.bySeverity];
          table.tBodies[0].replaceChildren(
            ...groups.map((g) => {
              const tr = row([g.severity, String(g.incidents), ...METRICS.map((k) => cell(g[k]))], { header: true });
              tr.dataset.severity = g.severity;
              return tr;
            }),
          );
          $("sla-incidents-line").textContent = `${name}: ${m.overall.incidents} incidents over the year; ${m.statistic} figures.`;
          $("sla-incidents-defs").textContent = METRICS.map((k) => m.overall[k].definition).join(". ") + ".";
        },
        (e) => {
          if (isSuperseded(e) || mine !== seq) return;
          table.tBodies[0].replaceChildren();
          $("sla-incidents-line").textContent = `The incident metrics could not be computed: ${e.message} (${e.code} at ${e.path || "the input"})`;
        },
      )
      .finally(() => {
        if (mine === seq) table.dataset.renders = String(Number(table.dataset.renders ?? 0) + 1);
      });
  }

  for (const r of document.querySelectorAll('input[name="sla-statistic"]')) r.addEventListener("change", recompute);
  $("sla-incidents-form").addEventListener("submit", (e) => e.preventDefault());

  return {
    recompute,
    results() {
      if (!last) return [];
      const { name, m } = last;
      return [{ ...m.overall, severity: "all" }, ...m.bySeverity].flatMap((g) =>
        METRICS.filter((k) => g[k].seconds !== undefined).map((k) => ({
          section: "SLA incidents",
          item: `${name} ${g.severity}`,
          measure: `${k.toUpperCase()} (${m.statistic})`,
          value: g[k].seconds,
          unit: "s",
        })),
      );
    },
  };
}
