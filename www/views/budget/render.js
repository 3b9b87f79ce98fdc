// Painting the error-budget view from the worker's results: headline, figures, burn-down chart with the alert
// timeline under it, burn-rate and tier tables, the year backtest, the Prometheus rules, and the CSV result rows.
// Every number on screen is also in a data-value attribute (raw, unrounded) for tests and scripts.
import { $, el, percent, setText } from "../../dom.js";
import { formatDuration } from "../../format.js";
import { createChart } from "../../charts/chart.js";
import { createTimeline } from "../../charts/timeline.js";
import { patchChildren } from "../patch.js";
import { burnWords, count, exhaustionWords, rate, roughDuration, stateWords, tierSummary, utc } from "./words.js";

const bump = (node) => (node.dataset.renders = String(Number(node.dataset.renders ?? 0) + 1));

/** A table cell with its text, and the raw value in data-value when given. */
function cell(text, value, header = false) {
  const c = el(header ? "th" : "td", header ? { scope: "row" } : {}, text);
  if (value !== undefined && value !== null) c.dataset.value = String(value);
  return c;
}

/** Set a cell made by `cell` to `text` and raw `value` (none: no data-value), writing only what differs. */
function setCell(c, text, value) {
  setText(c, text);
  if (value !== undefined && value !== null) {
    if (c.dataset.value !== String(value)) c.dataset.value = String(value);
  } else if (c.hasAttribute("data-value")) delete c.dataset.value;
}

/**
 * Make tbody `body` show `rows`, each `{data: {key: value}, cells: [[text, value?, header?], …]}` (a header cell is a
 * row header). When the body has as many rows with the same cells, each row's data and each cell's text and raw
 * value are set where they differ: a what-if move changes some figures, and no fresh rows are built to compare.
 * Otherwise the rows are built afresh.
 */
function fillRows(body, rows) {
  const fits =
    body.rows.length === rows.length &&
    rows.every((r, i) => {
      const cells = body.rows[i].cells;
      return cells.length === r.cells.length && r.cells.every(([, , header], j) => (cells[j].tagName === "TH") === Boolean(header));
    });
  if (!fits) {
    body.replaceChildren(...rows.map((r) => el("tr", { dataset: r.data }, r.cells.map(([text, value, header]) => cell(text, value, header)))));
    return;
  }
  rows.forEach((r, i) => {
    const tr = body.rows[i];
    for (const [k, v] of Object.entries(r.data)) if (tr.dataset[k] !== v) tr.dataset[k] = v;
    r.cells.forEach(([text, value], j) => setCell(tr.cells[j], text, value));
  });
}

function tierLabel(t) {
  return `${t.name} (${t.severity})`;
}

/** Fires listed in the table until the person asks for all of them. */
const FIRES_SHOWN = 20;

export function createBudgetRender() {
  let chart = null;
  let timeline = null;

  // While a control moves (the view has .moving), a card that is off screen is painted later: when it comes on
  // screen, or when the control rests (settle()). The headline and the figures (the card with the controls) are
  // always painted at once. A still page is always complete: the view carries data-stale while a card waits.
  const pending = new Map(); // card → its painter, with the latest result
  const onScreen = new Map(); // card → whether it intersects the viewport (unknown: treated as on screen)
  const cardOf = (id) => $(id).closest("section.card");
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) {
      onScreen.set(e.target, e.isIntersecting);
      if (e.isIntersecting) paintNow(e.target);
    }
  });
  let observed = false;
  function paintOrDefer(card, painter) {
    if (!observed) {
      for (const id of ["budget-chart", "budget-burn", "budget-tiers"]) seen.observe(cardOf(id));
      observed = true;
    }
    if ($("view-budget").classList.contains("moving") && onScreen.get(card) === false) {
      pending.set(card, painter);
      $("view-budget").dataset.stale = "true";
    } else {
      pending.delete(card);
      painter();
    }
    if (!pending.size) delete $("view-budget").dataset.stale;
  }
  function paintNow(card) {
    const painter = pending.get(card);
    if (!painter) return;
    pending.delete(card);
    painter();
    if (!pending.size) delete $("view-budget").dataset.stale;
  }
  let fires = null; // {result, to} of the table's last paint
  let allFires = false;
  let firesKey = ""; // what the fires table was last painted from

  /** The chart's plot-area margins in CSS px relative to the timeline's box, so the timeline lines up with it. */
  function plotMargins() {
    const over = chart?.plot?.over;
    const host = $("budget-timeline");
    if (!over || !host) return null;
    const a = over.getBoundingClientRect();
    const b = host.getBoundingClientRect();
    if (!a.width || !b.width) return null;
    return { left: a.left - b.left, right: b.right - a.right };
  }

  function headline({ service: s, result, inc }) {
    const r = result.report;
    const days = Math.round(r.window.seconds / 86400);
    const left = r.remaining.fraction;
    let text = `${s.name}, ${percent(r.objective)} over ${days} days: ${
      left >= 0 ? `${percent(left, 1)} of the budget left` : `budget exhausted, ${percent(-left, 1)} overspent`
    } (${count(Math.max(0, r.remaining.events ?? 0))} more failed requests, or ${formatDuration(Math.max(0, r.remaining.seconds))} of full outage). ${stateWords(r.policyState)}.`;
    const ref = result.reference;
    if (ref) {
      text += ` At the service's own SLO (${percent(ref.objective)} over ${ref.windowDays} days): ${
        ref.remaining.fraction >= 0 ? `${percent(ref.remaining.fraction, 1)} left` : `exhausted, ${percent(-ref.remaining.fraction, 1)} overspent`
      }.`;
    }
    const sc = r.scenario;
    if (inc && sc) {
      const when = inc.hours === 0 ? "from now on" : `${-inc.hours} hours before the as-of time`;
      text += ` With a ${inc.minutes}-minute incident at ${inc.rate}% errors ${when}: ${
        sc.remaining.fraction >= 0 ? `${percent(sc.remaining.fraction, 1)} left` : `exhausted, ${percent(-sc.remaining.fraction, 1)} overspent`
      } (${stateWords(sc.policyState).toLowerCase()}).`;
    }
    return text;
  }

  function figures({ result }) {
    const r = result.report;
    const sc = r.scenario;
    const rows = [
      ["sli", "Attained SLI", (x) => (x.sli === undefined ? "No data" : percent(x.sli, 4)), (x) => x.sli],
      ["budget-events", "Budget, failed requests", (x) => count(x.budget.events), (x) => x.budget.events],
      ["budget-seconds", "Budget, as full outage", (x) => formatDuration(x.budget.seconds), (x) => x.budget.seconds],
      ["consumed", "Consumed", (x) => `${percent(x.consumed.fraction, 1)} (${count(x.consumed.events)} failed requests)`, (x) => x.consumed.fraction],
      ["remaining", "Remaining", (x) => percent(x.remaining.fraction, 1), (x) => x.remaining.fraction],
      ["remaining-events", "Remaining, failed requests", (x) => count(x.remaining.events), (x) => x.remaining.events],
      ["remaining-seconds", "Remaining, as full outage", (x) => (x.remaining.seconds > 0 ? formatDuration(x.remaining.seconds) : "None"), (x) => x.remaining.seconds],
      ["window-burn", "Burn rate over the window so far", (x) => rate(x.windowBurnRate), (x) => x.windowBurnRate],
      ["current-burn", "Current burn rate (1h)", (x) => rate(x.currentBurnRate.burnRate), (x) => x.currentBurnRate.burnRate],
      ["exhaustion", "Budget runs out", exhaustionWords, (x) => x.timeToExhaustion],
      ["state", "Policy state", (x) => stateWords(x.policyState), (x) => x.policyState],
    ];
    // A move of the incident changes only the scenario's column, and often only some of its figures.
    fillRows(
      $("budget-figures").tBodies[0],
      rows.map(([key, label, text, value]) => ({ data: { measure: key }, cells: [[label, undefined, true], [text(r), value(r)], sc ? [text(sc), value(sc)] : ["–"]] })),
    );
  }

  function burnDown({ service: s, result, inc }) {
    const r = result.report;
    const bd = result.chart;
    const x = bd.t;
    const series = [
      { label: "Budget left (%)", values: bd.remaining.map((v) => v * 100), width: 2 },
      { label: "Ideal: burning at exactly rate 1 (%)", values: bd.ideal.map((v) => v * 100), dash: [6, 4] },
    ];
    const sc = bd.scenarioRemaining;
    if (sc && sc.length === x.length) series.push({ label: "With the hypothetical incident (%)", values: sc.map((v) => v * 100), dash: [2, 3], width: 2 });
    const markers = result.incidents.map((o) => ({ x: Date.parse(o.start) / 1000, to: Date.parse(o.end) / 1000, label: o.name }));
    if (inc) markers.push({ x: Date.parse(inc.start) / 1000, to: Date.parse(inc.start) / 1000 + inc.durationSeconds, label: "Hypothetical" });
    const end = bd.remaining.at(-1);
    const spec = {
      title: `${s.name}: error budget left over the ${Math.round(r.window.seconds / 86400)}-day window at ${percent(r.objective)}, against the ideal line`,
      description: `Burn-down of ${s.name}'s error budget from ${utc(r.window.start)} to ${utc(r.window.end)} UTC: it ends at ${percent(end, 1)} left, where burning at exactly the sustainable rate would end at 0%.${
        sc ? ` With the hypothetical incident it ends at ${percent(sc.at(-1), 1)}.` : ""
      } ${result.incidents.length} recorded ${result.incidents.length === 1 ? "incident is" : "incidents are"} marked.`,
      x,
      yLabel: "% of budget left",
      series,
      markers,
      thresholds: [{ value: 0, label: "Budget exhausted" }, { value: 25, label: "At risk below 25%", dash: [2, 4] }],
    };
    // Moving a control changes the data, not the series: refresh redraws without rebuilding the chart.
    if (chart) chart.refresh(spec);
    else chart = createChart($("budget-chart"), spec);
  }

  function alertTimeline({ result, inc }) {
    const r = result.report;
    const from = Date.parse(r.window.start);
    const to = Date.parse(r.window.end);
    const lanes = result.backtest.tiers.map((t) => ({
      label: `${tierLabel(t.tier)}, above ${rate(t.tier.burnRate)}: ${t.fireCount} ${t.fireCount === 1 ? "fire" : "fires"}`,
      kind: t.tier.severity === "page" ? "page" : "ticket",
      bars: t.fires.map((f) => ({ start: Date.parse(f.start), end: f.end ? Date.parse(f.end) : to, label: `${t.tier.name} firing ${utc(f.start)} to ${f.end ? utc(f.end) : "the as-of time"} UTC` })),
    }));
    const bars = result.incidents.map((o) => ({ start: Date.parse(o.start), end: Date.parse(o.end), label: `${o.name} (${o.severity}): ${o.title}`, kind: "incident" }));
    if (inc) bars.push({ start: Date.parse(inc.start), end: Date.parse(inc.start) + inc.durationSeconds * 1000, label: "The hypothetical incident", kind: "hypothetical" });
    lanes.push({ label: `Incidents: ${result.incidents.length} recorded${inc ? " + the hypothetical one" : ""}`, kind: "incident", bars });
    const fireCount = result.backtest.tiers.reduce((n, t) => n + t.fireCount, 0);
    timeline ??= createTimeline($("budget-timeline"));
    timeline.update({
      from,
      to,
      lanes,
      plot: plotMargins,
      alignWith: chart?.plot?.over,
      description: `Alert timeline over the same window: ${fireCount} fires across ${lanes.length - 1} tiers, and ${bars.length} incidents. The table below lists each fire.`,
    });
    // The fires as a table (the timeline's text equivalent).
    fires = { result, to };
    firesTable();
  }

  /**
   * The fires table: the first FIRES_SHOWN (in tier order, the page tiers first), and all of them once asked for.
   * A tight objective can fire a slow tier a hundred times in a window; laying out hundreds of rows on every move of
   * a control would cost more than the rest of the view together, and the timeline above shows every fire.
   */
  function firesTable() {
    if (!fires) return;
    const { result, to } = fires;
    const during = (f) => {
      const a = Date.parse(f.start);
      const b = f.end ? Date.parse(f.end) : to;
      const hit = result.incidents.filter((o) => Date.parse(o.start) < b && Date.parse(o.end) > a).map((o) => o.name);
      if (result.hypothetical && Date.parse(result.hypothetical.start) < b && Date.parse(result.hypothetical.end) > a) hit.push("the hypothetical incident");
      return hit.length ? hit.join(", ") : "No recorded incident (a slow burn or noise)";
    };
    const all = result.backtest.tiers.flatMap((t) => t.fires.map((f) => [t, f]));
    const shown = allFires ? all : all.slice(0, FIRES_SHOWN);
    // The rows depend on the listed fires, the incidents they overlap and the end of the window only: a move that
    // leaves them as they were (most moves of a past incident) leaves the table alone.
    const key = JSON.stringify([to, all.length, allFires, shown.map(([t, f]) => [t.tier.name, t.tier.severity, f.start, f.end]), result.incidents.map((o) => [o.name, o.start, o.end]), result.hypothetical]);
    if (key === firesKey) return;
    firesKey = key;
    const rows = shown.map(([t, f]) => {
      const secs = ((f.end ? Date.parse(f.end) : to) - Date.parse(f.start)) / 1000;
      return { data: { tier: t.tier.name }, cells: [[tierLabel(t.tier), undefined, true], [utc(f.start)], [f.end ? utc(f.end) : "Still firing"], [formatDuration(secs), secs], [during(f)]] };
    });
    // (A move of the incident mostly changes which incidents the listed fires overlap: those cells are rewritten.)
    if (rows.length) fillRows($("budget-fires").tBodies[0], rows);
    else patchChildren($("budget-fires").tBodies[0], [el("tr", {}, [el("td", { colSpan: 5 }, "No tier fired in this window.")])]);
    const more = firesMore();
    more.hidden = all.length <= FIRES_SHOWN;
    more.firstChild.textContent = allFires ? `All ${all.length} fires are listed. ` : `The first ${shown.length} of ${all.length} fires are listed (every fire is on the timeline above). `;
    more.lastChild.textContent = allFires ? `List the first ${FIRES_SHOWN} only` : `List all ${all.length} fires`;
  }

  /** The line under the fires table: how many are listed, and a button to list all (made once). */
  function firesMore() {
    let more = document.getElementById("budget-fires-more");
    if (more) return more;
    const button = el("button", { type: "button", id: "budget-fires-all" }, "");
    button.addEventListener("click", () => {
      allFires = !allFires;
      firesTable();
    });
    more = el("p", { className: "note", id: "budget-fires-more" }, [el("span", {}, ""), button]);
    more.hidden = true;
    $("budget-fires").closest(".table-wrap").after(more);
    return more;
  }

  function burnTable({ result }) {
    const r = result.report;
    const sc = r.scenario;
    fillRows(
      $("budget-burn").tBodies[0],
      r.burnRates.map((b, i) => {
        const s = sc?.burnRates[i];
        return {
          data: { window: b.window },
          cells: [
            [b.window, undefined, true],
            [b.hasData ? rate(b.burnRate) : "No data", b.burnRate],
            [b.hasData ? percent(b.errorRate, 4) : "–", b.errorRate],
            [burnWords(b.burnRate, b.hasData, r.window.seconds)],
            s ? [`${rate(s.burnRate)}: ${burnWords(s.burnRate, s.hasData, r.window.seconds)}`, s.burnRate] : ["–"],
          ],
        };
      }),
    );
  }

  function tiersTable({ result, inc }) {
    const to = result.report.window.end;
    const hypo = result.hypothetical;
    fillRows(
      $("budget-tiers").tBodies[0],
      result.backtest.tiers.map((t) => {
        const firing = t.fires.length > 0 && t.fires.at(-1).end === undefined;
        const d = hypo ? t.detections.at(-1) : null;
        const caught = !inc ? "–" : !hypo ? "Not evaluated: it lies after the as-of time" : d.detectionSeconds === undefined ? "Missed: never fired during it" : `Caught after ${formatDuration(d.detectionSeconds)}`;
        return {
          data: { tier: t.tier.name, firing: String(firing) },
          cells: [
            [tierLabel(t.tier), undefined, true],
            [`Burn above ${rate(t.tier.burnRate)} over ${t.tier.longWindow} and ${t.tier.shortWindow} (${percent(t.tier.budgetConsumed, 1)} of the budget in ${t.tier.longWindow})${t.tier.reachable ? "" : "; unreachable: even 100% errors stay below it"}`, t.tier.burnRate],
            [firing ? `Firing at ${utc(to)} UTC` : "Quiet", firing ? 1 : 0],
            [`${t.fireCount} (firing ${formatDuration(t.firingSeconds)})`, t.fireCount],
            [caught, d?.detectionSeconds],
          ],
        };
      }),
    );
    const pages = result.backtest.tiers.filter((t) => t.tier.severity === "page").reduce((n, t) => n + t.fireCount, 0);
    const tickets = result.backtest.tiers.filter((t) => t.tier.severity !== "page").reduce((n, t) => n + t.fireCount, 0);
    setText($("budget-tiers-line"), `Over this window the page tiers fired ${pages} ${pages === 1 ? "time" : "times"} and the ticket tiers ${tickets}; ${percent(result.backtest.silentAll.share, 1)} of the bad requests fell while no tier was firing.`);
  }

  return {
    main(latest) {
      setText($("budget-headline"), headline(latest));
      figures(latest);
      paintOrDefer(cardOf("budget-chart"), () => {
        burnDown(latest);
        alertTimeline(latest);
      });
      paintOrDefer(cardOf("budget-burn"), () => burnTable(latest));
      paintOrDefer(cardOf("budget-tiers"), () => tiersTable(latest));
      bump($("budget-headline"));
    },
    /** The control rests: paint the cards that waited while it moved (off screen). */
    settle() {
      for (const card of [...pending.keys()]) paintNow(card);
    },
    year({ result }) {
      const n = result.incidents.length;
      $("budget-year-line").textContent = `Backtested over ${Math.round(result.days)} days of history against ${n} recorded ${n === 1 ? "incident" : "incidents"} (${result.incidents.map((o) => o.name).join(", ") || "none"}). Fires outside a recorded incident may be slow burns the incident list does not name.`;
      $("budget-year").tBodies[0].replaceChildren(
        ...result.backtest.tiers.map((t) => {
          const y = tierSummary(t, n);
          return el("tr", { dataset: { tier: t.tier.name } }, [
            cell(tierLabel(t.tier), undefined, true),
            cell(`${y.fires} (firing ${roughDuration(y.firingSeconds)} in all)`, y.fires),
            cell(n ? `${y.caught} of ${n} (${percent(y.recall, 0)})` : "No incidents recorded", y.recall),
            cell(y.fires ? `${y.during} of ${y.fires} (${percent(y.precision, 0)})` : "Never fired", y.precision),
            cell(y.medianDetection === undefined ? "–" : formatDuration(y.medianDetection), y.medianDetection),
            cell(`${percent(y.silentShare, 1)} of bad requests (${Number(y.silentBudgets.toFixed(2))} window budgets)`, y.silentShare),
          ]);
        }),
      );
      bump($("budget-year-line"));
    },
    yearError(e) {
      $("budget-year").tBodies[0].replaceChildren();
      $("budget-year-line").textContent = /objective/.test(e.path ?? "")
        ? "The backtest over the history appears once the objective above is valid."
        : `The backtest over the history could not be computed: ${e.message}`;
      bump($("budget-year-line"));
    },
    rules({ yaml }) {
      const box = $("budget-rules");
      box.value = yaml;
      $("budget-rules-error").hidden = true;
      $("budget-rules-download").disabled = false;
      bump(box);
    },
    rulesError(e) {
      const box = $("budget-rules");
      box.value = "";
      $("budget-rules-error").textContent = /objective/.test(e.path ?? "")
        ? "The rules appear once the objective above is valid."
        : `No rules: ${e.message}${e.path ? ` (at ${e.path})` : ""}`;
      $("budget-rules-error").hidden = false;
      $("budget-rules-download").disabled = true;
      bump(box);
    },
    empty(message) {
      pending.clear();
      delete $("view-budget").dataset.stale;
      chart?.destroy();
      chart = null;
      timeline?.destroy();
      timeline = null;
      $("budget-chart").replaceChildren(el("p", { className: "note" }, message));
      $("budget-timeline").replaceChildren();
      fires = null;
      firesKey = "";
      document.getElementById("budget-fires-more")?.setAttribute("hidden", "");
      $("budget-headline").textContent = message;
      for (const id of ["budget-figures", "budget-fires", "budget-burn", "budget-tiers", "budget-year"]) $(id).tBodies[0].replaceChildren();
      $("budget-tiers-line").textContent = "";
      $("budget-year-line").textContent = "";
      $("budget-rules").value = "";
    },
    /** Rows for "Export results (CSV)". */
    results(latest, latestYear) {
      if (!latest) return [];
      const r = latest.result.report;
      const item = `${latest.service.name} ${percent(r.objective)} over ${Math.round(r.window.seconds / 86400)}d`;
      const row = (measure, value, unit, it = item) => ({ section: "Error budget", item: it, measure, value, unit });
      const out = [
        row("SLI", r.sli ?? "", "ratio"),
        row("Budget", r.budget.events, "requests"),
        row("Budget as full outage", r.budget.seconds, "s"),
        row("Consumed", r.consumed.fraction, "ratio"),
        row("Remaining", r.remaining.fraction, "ratio"),
        row("Remaining failed requests", r.remaining.events, "requests"),
        row("Remaining full outage", r.remaining.seconds, "s"),
        row("Burn rate over the window", r.windowBurnRate, "x"),
        row("Time to exhaustion", r.timeToExhaustion ?? "", "s"),
        row("Policy state", r.policyState, ""),
        ...r.burnRates.map((b) => row(`Burn rate ${b.window}`, b.burnRate, "x")),
        ...latest.result.backtest.tiers.map((t) => row(`Fires in the window, ${t.tier.name} (above ${t.tier.burnRate}x)`, t.fireCount, "count")),
      ];
      const ref = latest.result.reference;
      if (ref) out.push(row("Remaining", ref.remaining.fraction, "ratio", `${latest.service.name} ${percent(ref.objective)} over ${ref.windowDays}d (the service's own SLO)`));
      if (r.scenario && latest.inc) {
        const what = `${item}, with a ${latest.inc.minutes}-minute incident at ${latest.inc.rate}% errors`;
        out.push(row("Remaining", r.scenario.remaining.fraction, "ratio", what), row("Remaining full outage", r.scenario.remaining.seconds, "s", what), row("Policy state", r.scenario.policyState, "", what));
        if (latest.result.hypothetical) {
          for (const t of latest.result.backtest.tiers) out.push(row(`Detection by ${t.tier.name}`, t.detections.at(-1)?.detectionSeconds ?? "missed", "s", what));
        }
      }
      if (latestYear && latestYear.service.id === latest.service.id && latestYear.input.objective === r.objective) {
        const n = latestYear.result.incidents.length;
        const it = `${latestYear.service.name}, tiers backtested over ${Math.round(latestYear.result.days)} days`;
        for (const t of latestYear.result.backtest.tiers) {
          const y = tierSummary(t, n);
          out.push(row(`${t.tier.name} fires`, y.fires, "count", it), row(`${t.tier.name} incidents caught`, y.caught, `of ${n}`, it), row(`${t.tier.name} median detection`, y.medianDetection ?? "", "s", it));
        }
      }
      return out;
    },
  };
}
