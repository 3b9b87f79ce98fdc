// The overview: one card per service, capacity resource and team, each linking to its detail view. Scores join
// these cards as the engines are connected; the cards already say, in words, what each item is.
import { $, el, percent, row } from "../dom.js";
import { baselineOf, changesFrom } from "../whatif.js";

const fact = (term, value) => [el("dt", {}, term), el("dd", {}, value)];

export function mountOverview(app) {
  function renderChanges() {
    const changes = changesFrom(app.scenario().overrides);
    $("changes-none").hidden = changes.length > 0;
    $("changes-table").hidden = changes.length === 0;
    $("changes-table").tBodies[0].replaceChildren(
      ...changes.map((c) => {
        const reset = el("button", { type: "button", className: "reset", dataset: { key: c.key } }, "Reset");
        reset.setAttribute("aria-label", `Reset ${c.label} to ${c.baseline}`);
        reset.addEventListener("click", () => {
          const overrides = { ...app.scenario().overrides, [c.key]: baselineOf(c.key) };
          app.replaceScenario({ ...app.scenario(), overrides });
          renderChanges();
        });
        const tr = row([c.label, c.value, c.baseline], { header: true });
        tr.dataset.key = c.key;
        tr.append(el("td", {}, reset));
        return tr;
      }),
    );
  }
  return {
    onShow: renderChanges,
    onScenario: renderChanges,
    onData(org) {
      if (!org) {
        $("org-line").textContent = "No organisation loaded. Choose the sample or import your data on the Data view.";
        for (const id of ["overview-services", "overview-capacity", "overview-teams"]) $(id).replaceChildren();
        return;
      }
      const days = Math.round((Date.parse(org.meta.end) - Date.parse(org.meta.start)) / 86400000);
      $("org-line").textContent = `${org.meta.name}: ${org.services.length} services, ${org.capacity.length} capacity resources and ${org.teams.length} team, ${days} days of data to ${org.meta.asOf.slice(0, 10)}.`;
      $("overview-services").replaceChildren(
        ...org.services.map((s) =>
          el("li", { dataset: { service: s.id } }, [
            el("h4", {}, el("a", { href: `#/sla?service=${encodeURIComponent(s.id)}` }, s.name)),
            el("dl", {}, [
              ...fact("Tier", String(s.tier)),
              ...fact("SLA", `${percent(s.sla.target)} per month`),
              ...fact("SLO", `${percent(s.slo.target)} over ${s.slo.windowDays} days`),
              ...fact("Outages", `${s.outages} (+ ${s.maintenance} maintenance)`),
              ...fact("SLI buckets", s.buckets.toLocaleString("en")),
            ]),
            el("a", { href: `#/budget?service=${encodeURIComponent(s.id)}` }, `Error budget of ${s.name}`),
          ]),
        ),
      );
      $("overview-capacity").replaceChildren(
        ...org.capacity.map((c) => {
          const v = c.series.values;
          const last = v[v.length - 1];
          return el("li", { dataset: { resource: c.id } }, [
            el("h4", {}, el("a", { href: `#/capacity?resource=${encodeURIComponent(c.id)}` }, c.name)),
            el("dl", {}, [
              ...fact("Latest", `${last.toLocaleString("en")} ${c.unit}`),
              ...fact("Limit", `${c.thresholds.limit.toLocaleString("en")} ${c.unit} (${Math.round((100 * last) / c.thresholds.limit)}% used)`),
              ...fact("Warning at", `${c.thresholds.warning.toLocaleString("en")} ${c.unit}`),
            ]),
          ]);
        }),
      );
      $("overview-teams").replaceChildren(
        ...org.teams.map((t) =>
          el("li", { dataset: { team: t.id } }, [
            el("h4", {}, el("a", { href: "#/team" }, t.name)),
            el("dl", {}, [
              ...fact("People", `${t.responders.length} in ${new Set(t.responders.map((r) => r.timeZone)).size} time zones`),
              ...fact("Pages", t.pages.toLocaleString("en")),
              ...fact("Deployments", `${t.deployments.toLocaleString("en")} (${t.failedDeployments} failed)`),
              ...fact("Surveys", String(t.surveys)),
            ]),
          ]),
        ),
      );
    },
    results() {
      const org = app.summary();
      if (!org) return [];
      return [
        ...org.services.flatMap((s) => [
          { section: "Overview", item: s.name, measure: "SLA target", value: s.sla.target, unit: "ratio" },
          { section: "Overview", item: s.name, measure: "Outages", value: s.outages, unit: "count" },
        ]),
        ...org.capacity.map((c) => ({ section: "Overview", item: c.name, measure: "Latest", value: c.series.values[c.series.values.length - 1], unit: c.unit })),
      ];
    },
  };
}
