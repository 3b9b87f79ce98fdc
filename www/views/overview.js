// The overview: one card per service, capacity resource and team, each linking to its detail view. The scores are
// the engine's `scorecard(org, {asOf})` of the organisation (the worker's "org.scorecard" task builds the
// OrgDocument, see engine/org.js): each card states its status in words (colour only repeats it), the headline, the
// SLA, each SLO's budget and burn, a resource's runway with its interval, a team's score and top driver.
import { $, el, percent, row } from "../dom.js";
import { formatDuration, parsePercent } from "../format.js";
import { isSuperseded } from "../engine/client.js";
import { baselineOf, changesFrom, registerWhatIf } from "../whatif.js";

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
      sla.remainingAllowanceSeconds >= 0
        ? `${formatDuration(sla.remainingAllowanceSeconds)} of ${formatDuration(sla.allowedDowntimeSeconds)}`
        : `none: ${formatDuration(-sla.remainingAllowanceSeconds)} over ${formatDuration(sla.allowedDowntimeSeconds)}`,
    ]);
  }
  for (const slo of card.slos) {
    facts.push([
      `SLO ${slo.name} (${percent(slo.objective)})`,
      `${slo.remaining >= 0 ? `${percent(slo.remaining, 1)} of budget left` : `budget exhausted, ${percent(-slo.remaining, 1)} overspent`}, burning at ${num(slo.burnRate)}× (${num(slo.windowBurnRate)}× over the window); ${slo.status === "healthy" ? "healthy" : slo.status === "atRisk" ? "at risk" : slo.status === "critical" ? "critical" : "no data"}`,
    ]);
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

/** The what-if key of a service's SLA target ("overview.slaTarget.checkout"); null for ids a key cannot hold. */
const slaKey = (id) => (/^[a-zA-Z0-9]+$/.test(id) ? `overview.slaTarget.${id}` : null);
/** 0.9995 → "99.95" (a percentage as a person types it). */
const percentText = (f) => String(Number((f * 100).toFixed(4)));

export function mountOverview(app) {
  let latest = null;
  let services = [];
  const scoreLine = () => $("overview-score-line");

  /** The SLA targets the scenario overrides (service id → fraction, or what parsePercent makes of bad text). */
  function slaTargets() {
    const overrides = app.scenario().overrides;
    const out = {};
    for (const s of services) {
      const key = slaKey(s.id);
      if (key && Object.hasOwn(overrides, key) && overrides[key] !== baselineOf(key)) out[s.id] = parsePercent(overrides[key]);
    }
    return out;
  }

  /** A service's SLA-target what-if field: typing re-scores the whole organisation in the worker. */
  function slaControl(s) {
    const key = slaKey(s.id);
    if (!key) return null;
    const id = `overview-sla-${s.id}`;
    const input = el("input", { id, type: "text", inputMode: "decimal", size: 7, value: app.scenario().overrides[key] ?? baselineOf(key), dataset: { key } });
    input.addEventListener("change", () => {
      app.setOverrides({ [key]: input.value.trim() });
      renderChanges();
      score();
    });
    return el("p", { className: "what-if" }, [el("label", { htmlFor: id }, "What-if SLA target (%) "), input]);
  }

  /** Ask the worker for the scorecard and put each card's score into its <li>. */
  function score() {
    scoreLine().textContent = "Scoring the organisation…";
    app.engine.whatIf("overview.scorecard", "org.scorecard", { slaTargets: slaTargets() }).then(
      (card) => {
        latest = card;
        const tally = (t) => `${t.healthy} healthy, ${t.atRisk} at risk, ${t.critical} critical${t.noData ? `, ${t.noData} without data` : ""}`;
        scoreLine().textContent = `Scored as of ${card.asOf.replace("T", " ").replace(/:00(\.000)?Z$/, " UTC")}. Services: ${tally(card.serviceStatus)}. Capacity: ${tally(card.resourceStatus)}. Teams: ${tally(card.teamStatus)}.`;
        const fill = (listId, key, cards, facts) => {
          for (const c of cards) {
            const li = [...$(listId).children].find((x) => x.dataset[key] === c.id);
            if (!li) continue;
            li.querySelector(".score")?.remove();
            li.dataset.status = c.status;
            li.querySelector("h4").after(scoreBlock(c.status, c.statusText, facts(c)));
          }
        };
        fill("overview-services", "service", card.services, serviceFacts);
        fill("overview-capacity", "resource", card.resources, resourceFacts);
        fill("overview-teams", "team", card.teams, teamFacts);
        scoreLine().dataset.renders = String(Number(scoreLine().dataset.renders ?? 0) + 1);
      },
      (e) => {
        if (isSuperseded(e)) return;
        latest = null;
        scoreLine().textContent = `The scorecard could not be computed: ${e.message}${e.path ? ` (at ${e.path})` : ""}.`;
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
    for (const input of document.querySelectorAll("#overview-services input[data-key]")) {
      input.value = app.scenario().overrides[input.dataset.key] ?? baselineOf(input.dataset.key);
    }
  }
  return {
    onShow: renderChanges,
    onScenario() {
      renderChanges();
      syncControls();
      if (services.length) score();
    },
    onData(org) {
      services = org?.services ?? [];
      for (const s of services) {
        const key = slaKey(s.id);
        if (key) registerWhatIf(key, { label: `SLA target of ${s.name} (Overview)`, baseline: percentText(s.sla.target), format: (v) => `${v}%` });
      }
      if (!org) {
        $("org-line").textContent = "No organisation loaded. Choose the sample or import your data on the Data view.";
        latest = null;
        scoreLine().textContent = "";
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
            slaControl(s),
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
      score();
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
        ...(latest
          ? [
              ...latest.services.flatMap((s) => [
                { section: "Scorecard", item: s.name, measure: "Status", value: s.statusText, unit: "" },
                ...(s.sla ? [{ section: "Scorecard", item: s.name, measure: "SLA availability", value: s.sla.availability, unit: "ratio" }] : []),
                ...s.slos.map((o) => ({ section: "Scorecard", item: s.name, measure: `SLO ${o.name} budget remaining`, value: o.remaining, unit: "ratio" })),
              ]),
              ...latest.resources.map((r) => ({ section: "Scorecard", item: r.name, measure: "Runway to", value: r.runwayAt ?? "", unit: "date" })),
              ...latest.teams.map((t) => ({ section: "Scorecard", item: t.name, measure: "Team-health score", value: t.score, unit: "0-100" })),
            ]
          : []),
      ];
    },
  };
}
