// The overview: one card per service, capacity resource and team, each linking to its detail view. The scores are
// the engine's `scorecard(org, {asOf})` of the organisation (the worker's "org.scorecard" task builds the
// OrgDocument from the sample and the imported data, see engine/tasks-org.js): each card states its status in words
// (colour only repeats it), the headline, the SLA, each SLO's budget and burn, tickets and incidents, a resource's
// runway with its interval, a team's score and top driver. Every what-if that maps onto the organisation
// (orgwhatif.js) is scored, and the "Compare with the baseline" panel shows what it changed.
import { $, el, percent, row } from "../dom.js";
import { formatDuration, parsePercent } from "../format.js";
import { isSuperseded } from "../engine/client.js";
import { baselineOf, changesFrom, registerWhatIf } from "../whatif.js";
import { orgWhatIf, outageText, parseOutage, registerOrgWhatIf } from "../orgwhatif.js";
import { IMPORTED_SERVICE, IMPORTED_SLA_TARGET, IMPORTED_SLO_TARGET } from "../engine/org-imports.js";
import { compareSummary, compareTables } from "./compare.js";

const fact = (term, value) => [el("dt", {}, term), el("dd", {}, value)];

const day = (iso) => (iso ? iso.slice(0, 10) : undefined);
const num = (x, digits = 2) => Number(x.toFixed(digits)).toLocaleString("en");

/** The scored part of a card: status in words, then facts. `data-status` is for styling only. */
function scoreBlock(status, statusText, facts) {
  return el("div", { className: "score", dataset: { status } }, [
    el("p", { className: "card-status" }, [el("strong", {}, "Status: "), el("span", { className: "status-text" }, statusText)]),
    el("dl", {}, facts.flatMap(([t, v]) => fact(t, v))),
  ]);
}

function serviceFacts(card) {
  const facts = [["Headline", card.headline]];
  const sla = card.sla;
  if (sla) {
    const verdict = sla.met ? "met" : "breached";
    facts.push([`SLA ${day(sla.start).slice(0, 7)}`, `${percent(sla.availability, 4)} against ${percent(sla.target)}: ${verdict}`]);
    facts.push([
      "Allowance left",
      sla.met
        ? `${formatDuration(sla.remainingAllowanceSeconds)} of ${formatDuration(sla.allowedDowntimeSeconds)}`
        : `none: ${formatDuration(sla.downtimeSeconds - sla.allowedDowntimeSeconds)} over ${formatDuration(sla.allowedDowntimeSeconds)}`,
    ]);
  }
  for (const slo of card.slos) {
    facts.push([
      `SLO ${slo.name} (${percent(slo.objective)})`,
      `${slo.remaining >= 0 ? `${percent(slo.remaining, 1)} of budget left` : `budget exhausted, ${percent(-slo.remaining, 1)} overspent`}, burning at ${num(slo.burnRate)}× (${num(slo.windowBurnRate)}× over the window); ${slo.status === "healthy" ? "healthy" : slo.status === "atRisk" ? "at risk" : slo.status === "critical" ? "critical" : "no data"}`,
    ]);
  }
  const t = card.tickets;
  if (t) {
    facts.push([
      "Ticket SLA",
      t.withinSla === null
        ? `${t.tickets.toLocaleString("en")} tickets, none decided yet`
        : `${percent(t.withinSla, 1)} of response and resolution clocks within SLA (${t.breached.toLocaleString("en")} breached, ${t.tickets.toLocaleString("en")} tickets)`,
    ]);
  }
  const inc = card.incidents;
  if (inc) {
    const parts = [`${inc.incidents} incident${inc.incidents === 1 ? "" : "s"}`];
    if (inc.mttrSeconds !== null) parts.push(`time to recover ${formatDuration(inc.mttrSeconds)} on average`);
    if (inc.mttaSeconds !== null) parts.push(`to acknowledge ${formatDuration(inc.mttaSeconds)}`);
    if (inc.mtbfSeconds !== null) parts.push(`${formatDuration(inc.mtbfSeconds)} between failures`);
    facts.push(["Incidents", parts.join(", ")]);
  }
  const worst = card.drivers[0];
  if (worst && card.status !== "healthy") facts.push(["Why", worst.message]);
  return facts;
}

function resourceFacts(card) {
  const facts = [["Headline", card.headline]];
  facts.push(["Headroom", `${num(card.headroom)} below the threshold of ${num(card.threshold)} (now ${num(card.current)})`]);
  if (card.runwayAt) facts.push(["Runway to", day(card.runwayAt)]);
  else facts.push(["Runway to", `beyond ${day(card.horizonEnd)} (the forecast horizon)`]);
  const pct = `${Math.round(card.level * 100)}% interval`;
  if (card.earliestAt || card.latestAt) {
    facts.push(["Plausible range", `${day(card.earliestAt) ?? "—"} to ${day(card.latestAt) ?? `after ${day(card.horizonEnd)}`} (${pct})`]);
  }
  return facts;
}

function teamFacts(card) {
  const facts = [["Team-health score", `${Math.round(card.score)} of 100`]];
  if (card.topDriver) facts.push(["Top driver", card.topDriver]);
  if (card.note) facts.push(["Note", card.note]);
  return facts;
}

/** A compared value for the results CSV: dates as RFC 3339, missing as empty. */
const csvValue = (m, v) => (v === null || v === undefined ? "" : m.unit === "date" ? new Date(v).toISOString() : v);

const ID = /^[a-zA-Z0-9]+$/;
/** The what-if key of a service's SLA target ("overview.slaTarget.checkout"); null for ids a key cannot hold. */
const slaKey = (id) => (ID.test(id) ? `overview.slaTarget.${id}` : null);
/** The what-if key of a service's SLO objective (every SLO of the service). */
const sloKey = (id) => (ID.test(id) ? `overview.sloTarget.${id}` : null);
/** The hypothetical outage: one override, "service start minutes errorPercent" (orgwhatif.js parseOutage). */
const OUTAGE_KEY = "overview.outage";
/** 0.9995 → "99.95" (a percentage as a person types it). */
const percentText = (f) => String(Number((f * 100).toFixed(4)));

registerOrgWhatIf(
  (k) => k.startsWith("overview.slaTarget."),
  (v, k, add) => add.service(k.slice("overview.slaTarget.".length), { slaTarget: parsePercent(v) }),
);
registerOrgWhatIf(
  (k) => k.startsWith("overview.sloTarget."),
  (v, k, add) => add.service(k.slice("overview.sloTarget.".length), { sloTarget: parsePercent(v) }),
);
registerOrgWhatIf(
  (k) => k === OUTAGE_KEY,
  (v, k, add) => {
    const o = parseOutage(v);
    if (o) add.outage(o.service, { start: o.start, end: o.end, errorRatio: o.errorPercent / 100 });
  },
);

export function mountOverview(app) {
  let latest = null;
  let services = [];
  /** Bumped when the organisation is replaced, so a score of the previous one is never painted over it. */
  let generation = 0;
  const names = new Map();
  const scoreLine = () => $("overview-score-line");

  const describeOutage = (v) => {
    const o = parseOutage(v);
    if (!o) return "none";
    return `${o.minutes} min of ${names.get(o.service) ?? o.service} from ${o.start.slice(0, 16).replace("T", " ")} UTC, ${o.errorPercent}% of requests failing`;
  };
  registerWhatIf(OUTAGE_KEY, { label: "Hypothetical outage (Overview)", baseline: "", format: describeOutage });

  function registerTargets(id, name, sla, slo) {
    if (sla !== undefined && slaKey(id)) registerWhatIf(slaKey(id), { label: `SLA target of ${name} (Overview)`, baseline: percentText(sla), format: (v) => `${v}%` });
    if (slo !== undefined && sloKey(id)) registerWhatIf(sloKey(id), { label: `SLO objective of ${name} (Overview)`, baseline: percentText(slo), format: (v) => `${v}%` });
  }

  /** A service's what-if field (SLA target or SLO objective): a change re-scores the whole organisation in the worker. */
  function targetControl(id, key, prefix, label) {
    if (!key) return null;
    const input = el("input", { id: `${prefix}-${id}`, type: "text", inputMode: "decimal", size: 7, value: app.scenario().overrides[key] ?? baselineOf(key), dataset: { key } });
    input.addEventListener("change", () => {
      app.setOverrides({ [key]: input.value.trim() });
      renderChanges();
      score();
    });
    return el("p", { className: "what-if" }, [el("label", { htmlFor: input.id }, label), input]);
  }
  const slaControl = (id) => targetControl(id, slaKey(id), "overview-sla", "What-if SLA target (%) ");
  const sloControl = (id) => targetControl(id, sloKey(id), "overview-slo", "What-if SLO objective (%) ");

  /** The hypothetical-outage controls: service, start (UTC), minutes (slider), share of requests failing. */
  const outage = { service: $("outage-service"), start: $("outage-start"), minutes: $("outage-minutes"), error: $("outage-error"), out: $("outage-minutes-out") };
  function outageFromControls() {
    const minutes = Number(outage.minutes.value);
    outage.out.textContent = minutes > 0 ? `${minutes} min` : "none";
    const start = Date.parse(`${outage.start.value}:00Z`);
    const pct = Number(outage.error.value);
    const ok = outage.service.value && Number.isFinite(start) && pct > 0 && pct <= 100;
    outage.error.setAttribute("aria-invalid", String(!(pct > 0 && pct <= 100)));
    return minutes > 0 && ok ? outageText({ service: outage.service.value, start: new Date(start).toISOString().replace(":00.000Z", "Z"), minutes, errorPercent: pct }) : "";
  }
  const onOutage = () => {
    const v = outageFromControls();
    if (v === (app.scenario().overrides[OUTAGE_KEY] ?? "")) return;
    app.setOverrides({ [OUTAGE_KEY]: v });
    renderChanges();
    score();
  };
  outage.minutes.addEventListener("input", onOutage);
  for (const c of [outage.service, outage.start, outage.error]) c.addEventListener("change", onOutage);

  function defaultOutageStart() {
    const asOf = app.summary()?.meta.asOf;
    // A week before the data ends, at 14:00 UTC: inside the last whole month (the SLA's) and the SLO's window.
    const t = asOf ? Date.parse(asOf) - 7 * 86400000 + 14 * 3600000 : Date.UTC(2026, 9, 25, 14);
    return new Date(t).toISOString().slice(0, 16);
  }
  /** The outage controls from the scenario (or their defaults), and the service list from the organisation. */
  function syncOutage(cards, { values = true } = {}) {
    const list = cards ?? services.map((s) => ({ id: s.id, name: s.name, sla: true }));
    const want = parseOutage(app.scenario().overrides[OUTAGE_KEY]);
    const keep = want?.service ?? outage.service.value;
    const options = list.filter((c) => c.sla || c.slos?.length).map((c) => [c.id, c.name]);
    // Rebuilt only when the list changed, so a score arriving never disturbs a person choosing in it.
    const same = options.length === outage.service.options.length && options.every(([id, name], i) => outage.service.options[i].value === id && outage.service.options[i].text === name);
    if (!same) outage.service.replaceChildren(...options.map(([id, name]) => el("option", { value: id }, name)));
    if ([...outage.service.options].some((o) => o.value === keep)) outage.service.value = keep;
    if (!values) return;
    outage.start.value = want ? want.start.slice(0, 16) : outage.start.value || defaultOutageStart();
    outage.minutes.value = String(want?.minutes ?? 0);
    outage.error.value = String(want?.errorPercent ?? 100);
    outage.out.textContent = want ? `${want.minutes} min` : "none";
  }

  /** The card for a service the summary does not list (the support desk, imported data): built from its score. */
  function extraServiceCard(c) {
    if (c.id === IMPORTED_SERVICE) registerTargets(c.id, c.name, c.sla ? IMPORTED_SLA_TARGET : undefined, c.slos.length ? IMPORTED_SLO_TARGET : undefined);
    // The detail view that shows this service's data: its SLA (outages, tickets), else its error budget.
    const id = encodeURIComponent(c.id);
    const link = c.sla ? `#/sla?service=${id}` : c.tickets ? "#/sla" : c.slos.length ? `#/budget?service=${id}~0` : "#/data";
    return el("li", { dataset: { service: c.id, extra: "true" } }, [
      el("h4", {}, el("a", { href: link }, c.name)),
      c.id === IMPORTED_SERVICE ? el("p", { className: "note" }, "Built from your imported data (Data view).") : null,
      c.tickets && !c.sla && c.id !== IMPORTED_SERVICE ? el("p", { className: "note" }, "The support desk, scored on its tickets' response and resolution SLAs.") : null,
      c.sla && c.id === IMPORTED_SERVICE ? slaControl(c.id) : null,
      c.slos.length && c.id === IMPORTED_SERVICE ? sloControl(c.id) : null,
    ]);
  }

  function fill(listId, key, cards, facts, extra) {
    const list = $(listId);
    const ids = new Set(cards.map((c) => c.id));
    for (const li of [...list.children]) if (li.dataset.extra && !ids.has(li.dataset[key])) li.remove();
    for (const c of cards) {
      let li = [...list.children].find((x) => x.dataset[key] === c.id);
      if (!li && extra) list.append((li = extra(c)));
      if (!li) continue;
      li.querySelector(".score")?.remove();
      li.dataset.status = c.status;
      li.querySelector("h4").after(scoreBlock(c.status, c.statusText, facts(c)));
    }
  }

  function renderCompare() {
    const compare = latest?.compare ?? null;
    $("compare-summary").textContent = latest ? compareSummary(compare, changesFrom(app.scenario().overrides).length) : "";
    $("compare-body").replaceChildren(...compareTables(compare, { all: $("compare-all").checked }));
  }
  $("compare-all").addEventListener("change", renderCompare);
  const gotoCompare = () => {
    $("compare-title").scrollIntoView({ block: "start" });
    $("compare-title").focus({ preventScroll: true });
  };
  $("goto-compare").addEventListener("click", gotoCompare);

  function renderNotes(card) {
    const notes = [...(card?.notes ?? []), ...(card?.imports ?? []).flatMap((r) => r.notes)];
    $("overview-notes").replaceChildren(...notes.map((n) => el("li", {}, n)));
    $("overview-notes").hidden = notes.length === 0;
  }

  const importList = () => app.scenario().imports.map((r) => ({ id: r.id, name: r.name, kind: r.kind, attach: r.attach ?? "auto" }));

  /** Ask the worker for the scorecard (baseline and scenario) and put each card's score into its <li>. */
  /** The last input sent for scoring (JSON), to re-score on return only when something changed. */
  let scoredInput = null;
  function score() {
    if (!app.summary() && app.scenario().imports.length === 0) return;
    scoreLine().textContent = "Scoring the organisation…";
    const asked = generation;
    const input = { whatIf: orgWhatIf(app.scenario().overrides), imports: importList() };
    scoredInput = JSON.stringify(input);
    app.engine.whatIf("overview.scorecard", "org.scorecard", input).then(
      (card) => {
        // A result for an organisation that has since been replaced (another sample, none) is not painted.
        if (asked !== generation) return;
        latest = card;
        const tally = (t) => `${t.healthy} healthy, ${t.atRisk} at risk, ${t.critical} critical${t.noData ? `, ${t.noData} without data` : ""}`;
        scoreLine().textContent = `Scored as of ${card.asOf.replace("T", " ").replace(/:00(\.000)?Z$/, " UTC")}. Services: ${tally(card.serviceStatus)}. Capacity: ${tally(card.resourceStatus)}. Teams: ${tally(card.teamStatus)}.`;
        for (const c of card.services) names.set(c.id, c.name);
        fill("overview-services", "service", card.services, serviceFacts, extraServiceCard);
        fill("overview-capacity", "resource", card.resources, resourceFacts);
        fill("overview-teams", "team", card.teams, teamFacts, (c) => el("li", { dataset: { team: c.id, extra: "true" } }, [el("h4", {}, el("a", { href: `#/team?team=${encodeURIComponent(c.id)}` }, c.name))]));
        syncOutage(card.services, { values: false });
        renderNotes(card);
        renderCompare();
        renderChanges();
        document.dispatchEvent(new CustomEvent("opscore:scored", { detail: { imports: card.imports } }));
        scoreLine().dataset.renders = String(Number(scoreLine().dataset.renders ?? 0) + 1);
      },
      (e) => {
        if (isSuperseded(e) || asked !== generation) return;
        latest = null;
        scoreLine().textContent = `The scorecard could not be computed: ${e.message}${e.path ? ` (at ${e.path})` : ""}.`;
        renderCompare();
      },
    );
  }
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
          syncControls();
        });
        const tr = row([c.label, c.value, c.baseline], { header: true });
        tr.dataset.key = c.key;
        tr.append(el("td", {}, reset));
        return tr;
      }),
    );
  }
  /** Put the scenario's values back into the what-if fields (after a reset, a shared link or an applied file). */
  function syncControls() {
    for (const input of document.querySelectorAll("#view-overview .cards input[data-key]")) {
      input.value = app.scenario().overrides[input.dataset.key] ?? baselineOf(input.dataset.key);
    }
    syncOutage(latest ? latest.services : null);
  }
  return {
    /** `#/overview?compare` opens the overview at its comparison with the baseline. */
    onShow(params) {
      renderChanges();
      // Other views' what-ifs (capacity, team…) may have changed the organisation since it was last scored.
      if (scoredInput !== null && scoredInput !== JSON.stringify({ whatIf: orgWhatIf(app.scenario().overrides), imports: importList() })) score();
      if (params?.has("compare")) requestAnimationFrame(gotoCompare);
    },
    onScenario() {
      renderChanges();
      syncControls();
      score();
    },
    /** Imported data was added, removed or re-attached (Data view): score again. */
    onImports() {
      score();
    },
    onData(org) {
      generation++;
      services = org?.services ?? [];
      for (const s of services) {
        names.set(s.id, s.name);
        registerTargets(s.id, s.name, s.sla.target, s.slo.target);
      }
      latest = null;
      renderCompare();
      if (!org) {
        $("org-line").textContent = app.scenario().imports.length
          ? "No sample loaded: the overview scores your imported data only."
          : "No organisation loaded. Choose the sample or import your data on the Data view.";
        scoreLine().textContent = "";
        for (const id of ["overview-services", "overview-capacity", "overview-teams"]) $(id).replaceChildren();
        syncOutage([]);
        score();
        return;
      }
      const days = Math.round((Date.parse(org.meta.end) - Date.parse(org.meta.start)) / 86400000);
      $("org-line").textContent = `${org.meta.name}: ${org.services.length} services, ${org.capacity.length} capacity resources and ${org.teams.length} team, ${days} days of data to ${org.meta.asOf.slice(0, 10)}, and a support desk with ${org.support.tickets.toLocaleString("en")} tickets.`;
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
            slaControl(s.id),
            sloControl(s.id),
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
            el("h4", {}, el("a", { href: `#/team?team=${encodeURIComponent(t.id)}` }, t.name)),
            el("dl", {}, [
              ...fact("People", `${t.responders.length} in ${new Set(t.responders.map((r) => r.timeZone)).size} time zones`),
              ...fact("Pages", t.pages.toLocaleString("en")),
              ...fact("Deployments", `${t.deployments.toLocaleString("en")} (${t.failedDeployments} failed)`),
              ...fact("Surveys", String(t.surveys)),
            ]),
          ]),
        ),
      );
      syncOutage(null);
      renderChanges();
      score();
    },
    results() {
      const org = app.summary();
      const rows = [];
      if (org) {
        rows.push(
          ...org.services.flatMap((s) => [
            { section: "Overview", item: s.name, measure: "SLA target", value: s.sla.target, unit: "ratio" },
            { section: "Overview", item: s.name, measure: "Outages", value: s.outages, unit: "count" },
          ]),
          ...org.capacity.map((c) => ({ section: "Overview", item: c.name, measure: "Latest", value: c.series.values[c.series.values.length - 1], unit: c.unit })),
        );
      }
      if (!latest) return rows;
      return [
        ...rows,
        ...latest.services.flatMap((s) => [
          { section: "Scorecard", item: s.name, measure: "Status", value: s.statusText, unit: "" },
          ...(s.sla ? [{ section: "Scorecard", item: s.name, measure: "SLA availability", value: s.sla.availability, unit: "ratio" }] : []),
          ...s.slos.map((o) => ({ section: "Scorecard", item: s.name, measure: `SLO ${o.name} budget remaining`, value: o.remaining, unit: "ratio" })),
          ...(s.tickets?.withinSla != null ? [{ section: "Scorecard", item: s.name, measure: "Ticket clocks within SLA", value: s.tickets.withinSla, unit: "ratio" }] : []),
          ...(s.incidents ? [{ section: "Scorecard", item: s.name, measure: "Incidents", value: s.incidents.incidents, unit: "count" }] : []),
        ]),
        ...latest.resources.map((r) => ({ section: "Scorecard", item: r.name, measure: "Runway to", value: r.runwayAt ?? "", unit: "date" })),
        ...latest.teams.map((t) => ({ section: "Scorecard", item: t.name, measure: "Team-health score", value: t.score, unit: "0-100" })),
        // The comparison: every measure the scenario changed, baseline and scenario side by side.
        ...latest.compare.items.flatMap((i) =>
          i.measures
            .filter((m) => m.change !== "same")
            .flatMap((m) => [
              { section: "Compared with baseline", item: i.name, measure: `${m.measure} (baseline)`, value: csvValue(m, m.before), unit: m.unit },
              { section: "Compared with baseline", item: i.name, measure: `${m.measure} (scenario)`, value: csvValue(m, m.after), unit: m.unit },
            ]),
        ),
      ];
    },
  };
}
