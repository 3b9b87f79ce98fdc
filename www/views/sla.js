// The SLA view: the allowed-downtime what-if panel (computed in the engine worker as you type) and the observed
// availability of each service, with its outages and maintenance windows marked; then the selected service's
// incident metrics (sla/incidents.js), the support desk's ticket SLA with its business-calendar editor
// (sla/tickets.js) and the checkout journey's composite availability (sla/composite.js).
import { $, el, fillSelect, percent, row } from "../dom.js";
import { formatDuration, parsePercent } from "../format.js";
import { isSuperseded } from "../engine/client.js";
import { createChart } from "../charts/chart.js";
import { timeAxis } from "../charts/fan.js";
import { registerWhatIf } from "../whatif.js";
import { mountTickets } from "./sla/tickets.js";
import { mountComposite } from "./sla/composite.js";
import { mountIncidents } from "./sla/incidents.js";

const CONVENTIONS = { gregorian: "Gregorian mean", days30: "30-day month", days365: "365-day year, month = year / 12" };
registerWhatIf("sla.target", { label: "Availability target for allowed downtime (SLA view)", baseline: "99.9", format: (v) => `${v}%` });
registerWhatIf("sla.convention", { label: "Month and year length (SLA view)", baseline: "gregorian", format: (v) => CONVENTIONS[v] ?? v });

const PERIODS = [
  ["day", "Day"],
  ["week", "Week"],
  ["month", "Month"],
  ["quarter", "Quarter"],
  ["year", "Year"],
];

const TARGET_MESSAGES = {
  out_of_range: "Enter a percentage above 0 and below 100, such as 99.9. (100% allows no downtime at all.)",
  not_finite: "Enter a number, such as 99.9.",
  invalid_type: "Enter a number, such as 99.9.",
};

export function mountSla(app) {
  const input = $("target");
  const convention = $("convention");
  const table = $("downtime-table");
  const errorBox = $("target-error");
  let lastTable = null;
  let seq = 0;
  let chart = null;
  let wanted = null;

  const saved = app.scenario().overrides;
  if (typeof saved["sla.target"] === "string") input.value = saved["sla.target"];
  if (typeof saved["sla.convention"] === "string") convention.value = saved["sla.convention"];

  function showTable(result) {
    lastTable = result;
    const rows = PERIODS.map(([key, label]) => {
      const a = result[key];
      const tr = row([label, formatDuration(a.allowedSeconds), a.allowedSeconds.toFixed(1)], { header: true });
      tr.dataset.period = key;
      return tr;
    });
    table.tBodies[0].replaceChildren(...rows);
    errorBox.hidden = true;
    errorBox.textContent = "";
    delete errorBox.dataset.code;
    input.removeAttribute("aria-invalid");
  }

  function showError(e) {
    // The engine speaks in fractions; this page asks for percentages, so target errors are worded by their code.
    errorBox.textContent = e.path === "target" ? (TARGET_MESSAGES[e.code] ?? e.message) : e.message;
    errorBox.dataset.code = e.code ?? "";
    errorBox.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }

  function recompute() {
    app.setOverrides({ "sla.target": input.value, "sla.convention": convention.value });
    const mine = ++seq;
    return app.engine
      .whatIf("sla.downtime", "allowedDowntime", { target: parsePercent(input.value), convention: convention.value })
      .then(
        (result) => mine === seq && showTable(result),
        (e) => {
          if (isSuperseded(e)) return;
          if (mine === seq) showError(e);
        },
      )
      .finally(() => {
        // A counter the tests and the latency benchmark watch: bumped once the DOM shows this input's result.
        if (mine === seq) table.dataset.renders = String(Number(table.dataset.renders ?? 0) + 1);
      });
  }

  input.addEventListener("input", recompute);
  convention.addEventListener("change", recompute);
  $("downtime-form").addEventListener("submit", (e) => e.preventDefault());

  const serviceSelect = $("sla-service");
  // Services with imported outages (or judged on them alone), as "org.sources" lists them (engine/org-sources.js).
  let imported = [];
  const importList = () => app.scenario().imports.map((r) => ({ id: r.id, name: r.name, kind: r.kind, attach: r.attach ?? "auto" }));
  /** A service of the SLA view: the sample's, or one with imported data in the same shape (`imported`: its entry). */
  function services() {
    const merged = new Map(imported.map((e) => [e.id, e]));
    const shaped = (e, base) => ({ ...(base ?? {}), id: e.id, name: e.name, sla: { ...(base?.sla ?? {}), target: e.target, credits: e.credits ?? base?.sla.credits }, daily: e.daily ?? null, imported: e });
    const sample = (app.summary()?.services ?? []).map((x) => (merged.has(x.id) ? shaped(merged.get(x.id), x) : x));
    return [...sample, ...imported.filter((e) => e.source === "import").map((e) => shaped(e, null))];
  }
  function fillServices(prefer) {
    fillSelect(serviceSelect, services().map((x) => [x.id, x.imported?.source === "import" ? (/imported/i.test(x.name) ? x.name : `Imported: ${x.name}`) : x.imported ? `${x.name} (with imported outages)` : x.name]), prefer);
  }
  /** Ask the worker for the services and tickets with imported data; true when the selection's data changed. */
  async function refreshSources() {
    if (app.scenario().imports.length === 0 && imported.length === 0 && !tickets.desk()) return false;
    let r;
    try {
      r = await app.engine.call("org.sources", { imports: importList() });
    } catch {
      return false;
    }
    const sig = (list) => JSON.stringify(list.map((e) => [e.id, e.outages.length, e.target, e.evidence]));
    const changed = sig(r.sla) !== sig(imported);
    imported = r.sla;
    tickets.setDesk(r.tickets, importList());
    return changed;
  }
  function drawService() {
    const org = app.summary();
    const s = services().find((x) => x.id === serviceSelect.value);
    if (!s) {
      chart?.destroy();
      chart = null;
      $("sla-chart").replaceChildren(el("p", { className: "note" }, "No service data: load the sample or import an SLI series."));
      $("sla-outages").tBodies[0].replaceChildren();
      return;
    }
    const outages = [...(org?.outages ?? []).filter((o) => o.service === s.id && !s.imported?.source?.startsWith("import")), ...(s.imported?.outages ?? [])];
    monthlyReport(org, s, outages);
    $("sla-outages").tBodies[0].replaceChildren(
      ...outages.map((o) =>
        row([
          o.id,
          o.start.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, ""),
          formatDuration((Date.parse(o.end) - Date.parse(o.start)) / 1000),
          o.maintenance ? "Maintenance" : `Outage (${o.severity})`,
          o.title ?? "",
        ]),
      ),
    );
    if (!s.daily) {
      // Judged on imported outage records alone: there are no requests to chart per day.
      chart?.destroy();
      chart = null;
      $("sla-chart").replaceChildren(el("p", { className: "note" }, `${s.name} has no per-request data, only ${outages.filter((o) => !o.maintenance).length} imported outage records: its SLA is judged on those (the table below), and there is no daily availability to chart.`));
      return;
    }
    const days = s.daily.total.length;
    const x = timeAxis(s.daily.start, 86400, days);
    const availability = new Float64Array(days);
    for (let i = 0; i < days; i++) availability[i] = s.daily.total[i] > 0 ? (100 * s.daily.good[i]) / s.daily.total[i] : Number.NaN;
    const spec = {
      title: `${s.name}: availability per day (good / total requests), SLA ${percent(s.sla.target)}`,
      description: `Daily availability of ${s.name} over ${days} days, with ${outages.filter((o) => !o.maintenance).length} outages marked and the SLA target of ${percent(s.sla.target)} as a dashed line.`,
      x,
      yLabel: "%",
      series: [{ label: "Availability (%)", values: availability }],
      thresholds: [{ value: s.sla.target * 100, label: `SLA ${percent(s.sla.target)}` }],
      markers: outages
        .filter((o) => !o.maintenance)
        .map((o) => ({ x: Date.parse(o.start) / 1000, label: o.severity === "sev1" ? o.id : undefined })),
    };
    if (chart) chart.update(spec);
    else chart = createChart($("sla-chart"), spec);
  }
  // The SLA engine's monthly report over the service's year of per-minute buckets, which stay in the worker: the
  // call sends a {$ref} to them, not half a million numbers.
  let lastMonths = null;
  function monthlyReport(org, s, outages) {
    const months = $("sla-months");
    // A service with imported data: its painted buckets held as "current/sla/<id>/sli", or its outage records.
    const e = s.imported;
    const evidence = !e
      ? { samples: { $ref: `org/services/${s.id}/sli` } }
      : e.evidence === "samples"
        ? { samples: { $ref: `current/sla/${s.id}/sli` } }
        : { outages: outages.filter((o) => !o.maintenance).map((o) => ({ start: o.start, end: o.end, impact: o.impact ?? 1 })) };
    const input = {
      target: s.sla.target,
      period: e ? e.period : { start: org.meta.start, end: org.meta.end },
      timeZone: "UTC",
      ...evidence,
      maintenance: outages.filter((o) => o.maintenance).map((o) => ({ start: o.start, end: o.end })),
      breakdown: "month",
      ...(s.sla.credits ? { credits: s.sla.credits } : {}),
    };
    app.engine.whatIf("sla.months", "slaReport", input).then(
      (r) => {
        if (serviceSelect.value !== s.id) return;
        lastMonths = { service: s, report: r };
        months.closest(".table-wrap").hidden = false;
        const breached = r.breakdown.filter((m) => !m.met).length;
        $("sla-report-line").textContent = `${s.name}: ${percent(r.availability, 4)} over ${e ? `${input.period.start.slice(0, 10)} to ${input.period.end.slice(0, 10)}` : "the year"} against ${percent(s.sla.target)}; ${breached} of ${r.breakdown.length} months breached the SLA.`;
        months.tBodies[0].replaceChildren(
          ...r.breakdown.map((m) => {
            const tr = row(
              [
                m.start.slice(0, 7),
                percent(m.availability, 4),
                formatDuration(m.downtimeSeconds),
                formatDuration(m.allowedDowntimeSeconds),
                m.met ? "Met" : `Breached by ${formatDuration(-m.marginSeconds)}`,
                m.credit ? `${Math.round(m.credit * 100)}%` : "None",
              ],
              { header: true, className: m.met ? "met" : "breached" },
            );
            tr.dataset.month = m.start.slice(0, 7);
            return tr;
          }),
        );
        months.dataset.renders = String(Number(months.dataset.renders ?? 0) + 1);
      },
      (e) => {
        if (isSuperseded(e)) return;
        months.tBodies[0].replaceChildren();
        if (e.code === "unsupported" && e.path === "fn") {
          // An engine build without slaReport (the SLA engine not merged yet): say so, and hide the empty table.
          months.closest(".table-wrap").hidden = true;
          $("sla-report-line").textContent = "Monthly SLA figures appear here with the SLA engine's slaReport, which this build does not include.";
          return;
        }
        $("sla-report-line").textContent = `The SLA report could not be computed: ${e.message} (${e.code} at ${e.path || "the input"})`;
      },
    );
  }

  function redrawImports() {
    fillServices(wanted ?? app.scenario().overrides["sla.service"] ?? serviceSelect.value);
    if (serviceSelect.value === wanted) wanted = null;
    drawService();
    partsStale = true;
    if (!$("view-sla").hidden) refreshParts();
  }

  serviceSelect.addEventListener("change", () => {
    app.setOverrides({ "sla.service": serviceSelect.value });
    drawService();
    incidents.recompute();
  });
  const incidents = mountIncidents(app, serviceSelect, (id) => (imported.some((e) => e.id === id) ? { imports: importList() } : {}));
  const tickets = mountTickets(app);
  const composite = mountComposite(app);
  // The incident, ticket and composite parts are computed when the view is on screen (or when data arrives while
  // it is), so loading another view never waits behind them in the worker.
  let partsStale = true;
  function refreshParts() {
    partsStale = false;
    incidents.recompute();
    tickets.onData(app.summary());
    composite.onData(app.summary());
  }

  return {
    recompute,
    onData() {
      fillServices(wanted ?? app.scenario().overrides["sla.service"]);
      if (serviceSelect.value === (wanted ?? app.scenario().overrides["sla.service"])) wanted = null;
      drawService();
      partsStale = true;
      if (!$("view-sla").hidden) refreshParts();
      refreshSources().then((changed) => changed && redrawImports());
    },
    /** Imported data was added, removed or re-attached: list the services with imported outages, redraw. */
    onImports() {
      refreshSources().then(redrawImports);
    },
    onScenario(scenario) {
      tickets.onScenario(scenario);
      composite.onScenario(scenario);
    },
    onShow(params) {
      if (partsStale) refreshParts();
      const want = params.get("service");
      // Before the data arrives the list is empty, and imported services are listed later: remember the wish.
      if (want && ![...serviceSelect.options].some((o) => o.value === want)) wanted = want;
      if (want && [...serviceSelect.options].some((o) => o.value === want)) {
        serviceSelect.value = want;
        drawService();
        incidents.recompute();
      }
    },
    results() {
      const monthly = lastMonths
        ? lastMonths.report.breakdown.flatMap((m) => [
            { section: "SLA", item: `${lastMonths.service.name} ${m.start.slice(0, 7)}`, measure: "Availability", value: m.availability, unit: "ratio" },
            { section: "SLA", item: `${lastMonths.service.name} ${m.start.slice(0, 7)}`, measure: "Met", value: m.met ? "yes" : "no", unit: "" },
            { section: "SLA", item: `${lastMonths.service.name} ${m.start.slice(0, 7)}`, measure: "Credit", value: m.credit ?? 0, unit: "fraction of bill" },
          ])
        : [];
      const parts = [...monthly, ...incidents.results(), ...tickets.results(), ...composite.results()];
      if (!lastTable) return parts;
      return [...parts, ...PERIODS.map(([key, label]) => ({
        section: "SLA",
        item: `Allowed downtime at ${input.value}% (${convention.value})`,
        measure: label,
        value: lastTable[key].allowedSeconds,
        unit: "s",
      }))];
    },
  };
}
