// The SLA view's ticket part: the support desk's tickets measured by the engine (a TicketSet held in the worker,
// task "sla.tickets") against editable per-priority targets, an "as of" date and the business calendar edited
// below them (working hours per weekday, holidays, IANA zone). Every edit recomputes at once; an invalid edit shows
// the engine's own error message next to the field it names (by the error's path), and the last good figures stay.
import { $, el, percent, row } from "../../dom.js";
import { formatDuration } from "../../format.js";
import { isSuperseded } from "../../engine/client.js";
import { stackedBars } from "../../charts/bars.js";
import { patchChildren } from "../patch.js";
import { registerWhatIf } from "../../whatif.js";
import { registerOrgWhatIf } from "../../orgwhatif.js";
import { SUPPORT_ID } from "../../engine/org.js";
import { saveOverrides } from "./overrides.js";
import { businessCalendar, ticketTargets } from "../../sample/support.js";

export const PRIORITIES = ["P1", "P2", "P3", "P4"];
const CLOCKS = ["response", "resolution"];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY_NAMES = { monday: "Monday", tuesday: "Tuesday", wednesday: "Wednesday", thursday: "Thursday", friday: "Friday", saturday: "Saturday", sunday: "Sunday" };
const CLOCK_NAMES = { calendar: "Calendar hours", business: "Business hours" };

const BASE_TARGETS = ticketTargets();
const BASE = businessCalendar();
// The sample's own asOf (its last midnight), known once the sample's summary arrives (onData).
let BASE_AS_OF = "";
const hours = (seconds) => String(Number((seconds / 3600).toFixed(4)));

/** Override keys: one per target field, so the overview's list of changes names each. */
const targetKey = (p, clock) => `sla.ticket.${p}.${clock}`;
const clockKey = (p, clock) => `sla.ticket.${p}.${clock}Clock`;
for (const p of PRIORITIES) {
  for (const c of CLOCKS) {
    registerWhatIf(targetKey(p, c), { label: `${p} ${c} target (SLA view, hours)`, baseline: hours(BASE_TARGETS[p][c].seconds), format: (v) => `${v} h` });
    registerWhatIf(clockKey(p, c), { label: `${p} ${c} clock (SLA view)`, baseline: BASE_TARGETS[p][c].clock ?? "calendar", format: (v) => CLOCK_NAMES[v] ?? v });
  }
}

// The calendar as three short overrides: the zone, the week ("start-end" ranges per weekday from Monday, days
// separated by commas, several ranges by spaces, a day off empty) and the holidays changed from the sample's
// ("+2026-10-28,-2025-12-25").
const ZONE_KEY = "sla.calendar.zone";
const HOURS_KEY = "sla.calendar.hours";
const HOLIDAYS_KEY = "sla.calendar.holidays";
const weekText = (cal) => DAYS.map((d) => (cal.workingHours?.[d] ?? []).map((r) => `${r.start}-${r.end}`).join(" ")).join(",");
function holidaysText(list) {
  const added = list.filter((h) => !BASE.holidays.includes(h)).map((h) => `+${h}`);
  const removed = BASE.holidays.filter((h) => !list.includes(h)).map((h) => `-${h}`);
  return [...added, ...removed].join(",");
}
/** The calendar from text values `get(key)`, each falling back to the sample's. */
function calendarFrom(get) {
  const zone = get(ZONE_KEY);
  const hours = String(get(HOURS_KEY) ?? weekText(BASE)).split(",");
  const changes = String(get(HOLIDAYS_KEY) ?? "").split(",").filter(Boolean);
  const removed = new Set(changes.filter((c) => c.startsWith("-")).map((c) => c.slice(1)));
  const workingHours = {};
  DAYS.forEach((d, i) => {
    workingHours[d] = (hours[i] ?? "").split(" ").filter(Boolean).map((r) => {
      const [start = "", end = ""] = r.split("-");
      return { start, end };
    });
  });
  return {
    timeZone: typeof zone === "string" ? zone : BASE.timeZone,
    workingHours,
    holidays: [...BASE.holidays.filter((h) => !removed.has(h)), ...changes.filter((c) => c.startsWith("+")).map((c) => c.slice(1))],
  };
}
registerWhatIf(ZONE_KEY, { label: "Support desk time zone (SLA view)", baseline: BASE.timeZone });
registerWhatIf(HOURS_KEY, {
  label: "Support desk working hours (SLA view)",
  baseline: weekText(BASE),
  format: (v) => describeWeek(calendarFrom((k) => (k === HOURS_KEY ? v : undefined))),
});
registerWhatIf(HOLIDAYS_KEY, { label: "Support desk holidays changed (SLA view)", baseline: "", format: (v) => v || "none" });

/**
 * The engine's targets from text values `get(key)` (hours as typed, a clock name), each falling back to the
 * sample's. A bad number goes to the engine as it is, so the engine's own error names it.
 */
function targetsFrom(get) {
  const out = {};
  for (const p of PRIORITIES) {
    out[p] = {};
    for (const c of CLOCKS) {
      const text = String(get(targetKey(p, c)) ?? hours(BASE_TARGETS[p][c].seconds)).trim();
      const h = text === "" ? Number.NaN : Number(text);
      const clock = get(clockKey(p, c));
      out[p][c] = { seconds: Number.isNaN(h) ? text : h * 3600, clock: CLOCK_NAMES[clock] ? clock : BASE_TARGETS[p][c].clock ?? "calendar" };
    }
  }
  return out;
}

// The targets and the calendar are the support desk's in the organisation document too: the overview's scorecard
// and its comparison with the baseline include them.
registerOrgWhatIf(
  (key) => key.startsWith("sla.ticket."),
  (_value, _key, add, overrides) => add.service(SUPPORT_ID, { ticketTargets: targetsFrom((k) => overrides[k]) }),
);
registerOrgWhatIf(
  (key) => key.startsWith("sla.calendar."),
  (_value, _key, add, overrides) => add.service(SUPPORT_ID, { ticketCalendar: calendarFrom((k) => overrides[k]) }),
);

/** A week of working hours in a few words, for the overview's list of changes. */
function describeWeek(c) {
  const days = DAYS.filter((d) => c.workingHours[d].length).map((d) => `${DAY_NAMES[d].slice(0, 3)} ${c.workingHours[d].map((r) => `${r.start}-${r.end}`).join(", ")}`);
  return days.join("; ") || "no working hours";
}

/** Mount the ticket SLA and calendar editor. Returns {onData, onScenario, results}. */
export function mountTickets(app) {
  const table = $("sla-tickets");
  const targetsBody = $("sla-targets").tBodies[0];
  const hoursBody = $("sla-hours").tBodies[0];
  const zone = $("sla-zone");
  const asOf = $("sla-asof");
  let calendar = calendarFrom(() => undefined);
  let shownHolidays = null; // the holiday list as last put into the editor (JSON)
  let last = null;
  let seq = 0;
  let loaded = false;
  const inputs = {};

  // The time-zone suggestions: every IANA name this browser knows (the engine has its own list, and says so).
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  $("sla-zone-list").replaceChildren(...["UTC", ...zones.filter((z) => z !== "UTC")].map((z) => el("option", { value: z })));

  // Target rows: hours and clock per priority and clock, with a cell for the engine's complaint about that row.
  targetsBody.replaceChildren(
    ...PRIORITIES.map((p) => {
      const cells = [el("th", { scope: "row" }, p)];
      for (const c of CLOCKS) {
        const h = el("input", { type: "text", inputMode: "decimal", autocomplete: "off", id: `sla-target-${p}-${c}`, className: "narrow", attrs: { "aria-label": `${p} ${c} target in hours`, "aria-describedby": `sla-target-${p}-problem` } });
        const k = el("select", { id: `sla-clock-${p}-${c}`, attrs: { "aria-label": `${p} ${c} clock` } }, Object.entries(CLOCK_NAMES).map(([v, t]) => el("option", { value: v }, t)));
        inputs[targetKey(p, c)] = h;
        inputs[clockKey(p, c)] = k;
        h.addEventListener("input", recompute);
        k.addEventListener("change", recompute);
        cells.push(el("td", {}, h), el("td", {}, k));
      }
      cells.push(el("td", { id: `sla-target-${p}-problem`, className: "error", attrs: { "aria-live": "polite" } }));
      return el("tr", { dataset: { priority: p } }, cells);
    }),
  );

  // Weekday rows: a working-day box and one working range, with a cell for the engine's complaint about that day.
  const day = {};
  hoursBody.replaceChildren(
    ...DAYS.map((d) => {
      const name = DAY_NAMES[d];
      const on = el("input", { type: "checkbox", id: `sla-day-${d}`, attrs: { "aria-label": `${name}: working day`, "aria-describedby": `sla-day-${d}-problem` } });
      const start = el("input", { type: "time", id: `sla-day-${d}-start`, attrs: { "aria-label": `${name}: start`, "aria-describedby": `sla-day-${d}-problem` } });
      const end = el("input", { type: "time", id: `sla-day-${d}-end`, attrs: { "aria-label": `${name}: end`, "aria-describedby": `sla-day-${d}-problem` } });
      const problem = el("td", { id: `sla-day-${d}-problem`, className: "error", attrs: { "aria-live": "polite" } });
      day[d] = { on, start, end, problem };
      on.addEventListener("change", () => {
        calendar.workingHours[d] = on.checked ? [{ start: start.value || "09:00", end: end.value || "17:30" }] : [];
        calendarEdited();
      });
      for (const input of [start, end]) {
        input.addEventListener("input", () => {
          if (!on.checked) return;
          calendar.workingHours[d] = [{ start: start.value, end: end.value }];
          calendarEdited();
        });
      }
      return el("tr", { dataset: { day: d } }, [el("th", { scope: "row" }, name), el("td", {}, on), el("td", {}, start), el("td", {}, end), problem]);
    }),
  );

  zone.addEventListener("input", () => {
    calendar.timeZone = zone.value.trim();
    calendarEdited();
  });
  $("sla-holiday-add").addEventListener("click", () => {
    const v = $("sla-holiday-new").value;
    if (!v) {
      showProblem("sla-holidays-error", "Choose a date to add.");
      return;
    }
    calendar.holidays = [...(calendar.holidays ?? []), v];
    $("sla-holiday-new").value = "";
    calendarEdited();
  });
  $("sla-calendar-reset").addEventListener("click", () => {
    calendar = calendarFrom(() => undefined);
    calendarEdited();
  });
  asOf.addEventListener("input", recompute);
  for (const f of ["sla-tickets-form", "sla-calendar-form"]) $(f).addEventListener("submit", (e) => e.preventDefault());

  function calendarEdited() {
    showCalendar(false);
    recompute();
  }

  /** Put the calendar into the editor (all of it, or only the holiday list while a person types in a field). */
  function showCalendar(all = true) {
    if (all) {
      zone.value = calendar.timeZone ?? "UTC";
      for (const d of DAYS) {
        const ranges = calendar.workingHours?.[d] ?? [];
        day[d].on.checked = ranges.length > 0;
        day[d].start.value = ranges[0]?.start ?? "";
        day[d].end.value = ranges[0]?.end ?? "";
      }
    }
    for (const d of DAYS) {
      const off = !calendar.workingHours?.[d]?.length;
      if (day[d].start.disabled !== off) day[d].start.disabled = off;
      if (day[d].end.disabled !== off) day[d].end.disabled = off;
    }
    // The holiday list is rebuilt only when it changed: a working-hours edit leaves it (and its buttons) alone.
    const holidays = JSON.stringify(calendar.holidays ?? []);
    if (holidays === shownHolidays) return;
    shownHolidays = holidays;
    $("sla-holidays").replaceChildren(
      ...(calendar.holidays ?? []).map((h, i) => {
        const remove = el("button", { type: "button", className: "small" }, "Remove");
        remove.setAttribute("aria-label", `Remove holiday ${h}`);
        remove.addEventListener("click", () => {
          calendar.holidays = calendar.holidays.filter((_, j) => j !== i);
          calendarEdited();
          ($("sla-holidays").querySelector("button") ?? $("sla-holiday-new")).focus();
        });
        return el("li", { dataset: { date: h } }, [el("span", {}, h), " ", remove]);
      }),
    );
  }

  /** The controls, from the scenario's overrides (or the baseline). */
  function restore(overrides) {
    for (const p of PRIORITIES) {
      for (const c of CLOCKS) {
        const t = overrides[targetKey(p, c)];
        const k = overrides[clockKey(p, c)];
        inputs[targetKey(p, c)].value = typeof t === "string" ? t : hours(BASE_TARGETS[p][c].seconds);
        inputs[clockKey(p, c)].value = typeof k === "string" && CLOCK_NAMES[k] ? k : BASE_TARGETS[p][c].clock ?? "calendar";
      }
    }
    asOf.value = typeof overrides["sla.asOf"] === "string" ? overrides["sla.asOf"] : BASE_AS_OF;
    calendar = calendarFrom((k) => (typeof overrides[k] === "string" ? overrides[k] : undefined));
    showCalendar(true);
  }

  /** The engine's targets from the inputs. */
  const targets = () => targetsFrom((k) => inputs[k]?.value);

  const problemIds = () => [
    "sla-zone-error",
    "sla-hours-error",
    "sla-holidays-error",
    "sla-asof-error",
    "sla-tickets-error",
    ...PRIORITIES.map((p) => `sla-target-${p}-problem`),
    ...DAYS.map((d) => `sla-day-${d}-problem`),
  ];
  function clearProblems() {
    for (const id of problemIds()) {
      const box = $(id);
      // Only boxes that show something are touched (a what-if repaint should change only what changed).
      if (box.textContent !== "") box.textContent = "";
      if (box.dataset.code !== undefined) delete box.dataset.code;
      if (box.tagName !== "TD" && !box.hidden) box.hidden = true;
    }
    for (const input of document.querySelectorAll("#view-sla [aria-invalid]")) if (input.closest("#sla-tickets-form, #sla-calendar-form")) input.removeAttribute("aria-invalid");
  }
  function showProblem(id, message, code = "", invalid = []) {
    const box = $(id);
    box.textContent = message;
    box.dataset.code = code;
    box.hidden = false;
    for (const input of invalid) input?.setAttribute("aria-invalid", "true");
  }

  /** Put an engine error next to the field its path names. */
  function showError(e) {
    const path = e.path ?? "";
    const message = e.message;
    let m;
    if (path.startsWith("calendar.timeZone")) showProblem("sla-zone-error", message, e.code, [zone]);
    else if ((m = /^calendar\.workingHours\.(\w+)(?:\[\d+\]\.(start|end))?/.exec(path)) && day[m[1]]) {
      showProblem(`sla-day-${m[1]}-problem`, message, e.code, [m[2] ? day[m[1]][m[2]] : day[m[1]].on]);
    } else if (path.startsWith("calendar.workingHours")) showProblem("sla-hours-error", message, e.code, DAYS.map((d) => day[d].on));
    else if (path.startsWith("calendar.holidays")) showProblem("sla-holidays-error", message, e.code);
    else if ((m = /^targets\.(P\d)\.(response|resolution)/.exec(path)) && PRIORITIES.includes(m[1])) {
      showProblem(`sla-target-${m[1]}-problem`, message, e.code, [inputs[targetKey(m[1], m[2])]]);
    } else if (path === "asOf") showProblem("sla-asof-error", message, e.code, [asOf]);
    else showProblem("sla-tickets-error", `${message} (${e.code} at ${path || "the input"})`, e.code);
    $("sla-tickets-line").textContent = "Not recomputed: the figures below are from the last valid settings. Fix the field marked above.";
    $("sla-tickets-line").dataset.stale = "true";
  }

  function recompute() {
    if (!loaded) return Promise.resolve();
    const calendarJson = JSON.stringify(calendar);
    const overrides = { [ZONE_KEY]: calendar.timeZone, [HOURS_KEY]: weekText(calendar), [HOLIDAYS_KEY]: holidaysText(calendar.holidays), "sla.asOf": asOf.value };
    for (const [k, input] of Object.entries(inputs)) overrides[k] = input.value;
    const unsaved = saveOverrides(app, overrides);
    const mine = ++seq;
    const asOfIso = asOf.value ? `${asOf.value}T00:00:00Z` : "";
    // Imported tickets: the task evaluates the desk they joined (engine/org-sources.js `ticketSource`).
    const more = desk ? { imports: deskImports } : {};
    return app.engine
      .whatIf("sla.tickets", "sla.tickets", { targets: targets(), calendar: JSON.parse(calendarJson), asOf: asOfIso, worstOffenders: 3, ...more })
      .then(
        (r) => {
          if (mine !== seq) return;
          clearProblems();
          show(r);
          if (unsaved.length) showProblem("sla-holidays-error", "These holiday changes are too many to keep in the saved scenario: the figures use them, but a reload or a shared link will not.");
        },
        (e) => {
          if (isSuperseded(e) || mine !== seq) return;
          clearProblems();
          showError(e);
        },
      )
      .finally(() => {
        if (mine === seq) table.dataset.renders = String(Number(table.dataset.renders ?? 0) + 1);
      });
  }

  function show(r) {
    last = r;
    const { report } = r;
    const line = $("sla-tickets-line");
    delete line.dataset.stale;
    const total = report.priorities.reduce((a, p) => a + p.tickets, 0);
    const d = r.desk;
    line.textContent = `${d ? `${d.name}: ` : ""}${total.toLocaleString("en")} tickets${d ? ` (${d.imported.toLocaleString("en")} of them imported)` : ""} as of ${r.asOf.slice(0, 10)}${report.notYetCreated ? ` (${report.notYetCreated} created later are left out)` : ""}, in ${r.calendar.timeZone}.`;
    const rows = [];
    const bars = [];
    for (const p of report.priorities) {
      for (const c of CLOCKS) {
        const s = p[c];
        if (!s) continue;
        const pct = (q) => s.percentiles.find((x) => Math.abs(x.p - q) < 1e-9)?.seconds;
        const worst = s.worstOffenders.map((w) => `${w.id} (${formatDuration(w.lateSeconds)}${w.completed ? "" : ", open"})`).join(", ") || "None";
        const tr = row(
          [
            p.priority,
            c === "response" ? "Response" : "Resolution",
            s.withinSla === undefined ? "No completed clocks" : percent(s.withinSla, 2),
            String(s.met),
            String(s.breached),
            String(s.running),
            formatDuration(s.meanSeconds),
            formatDuration(pct(0.5)),
            formatDuration(pct(0.9)),
            formatDuration(pct(0.95)),
            worst,
          ],
          { header: true, className: s.breached > 0 && s.withinSla !== undefined && s.withinSla < 0.9 ? "breached" : "met" },
        );
        tr.dataset.priority = p.priority;
        tr.dataset.clock = c;
        tr.dataset.withinSla = String(s.withinSla ?? "");
        tr.dataset.met = String(s.met);
        tr.dataset.breached = String(s.breached);
        rows.push(tr);
        bars.push({ label: `${p.priority} ${c}`, values: [s.met, s.breached, s.running] });
      }
    }
    patchChildren(table.tBodies[0], rows);
    stackedBars($("sla-tickets-chart"), {
      title: "Tickets per priority and clock: met, breached and still running",
      description: bars.map((b) => `${b.label}: ${b.values[0]} met, ${b.values[1]} breached, ${b.values[2]} running`).join("; "),
      segments: ["Met", "Breached", "Running"],
      rows: bars,
      format: (v) => String(v),
    });
  }

  restore(app.scenario().overrides ?? {});

  let desk = null; // the desk holding imported tickets, from "org.sources" (null: the sample's own desk)
  let deskImports = [];
  let sampleLoaded = false;

  return {
    desk: () => desk,
    /** The desk holding imported tickets (`{id, name, imported, total, asOf}`) or null, and the scenario's imports. */
    setDesk(next, imports) {
      const changed = JSON.stringify(next) !== JSON.stringify(desk) || JSON.stringify(imports) !== JSON.stringify(deskImports);
      desk = next;
      deskImports = imports;
      loaded = sampleLoaded || Boolean(desk);
      if (desk && !asOf.value && desk.asOf) asOf.value = desk.asOf.slice(0, 10);
      if (changed && loaded) recompute();
    },
    onData(summary) {
      sampleLoaded = Boolean(summary?.support?.tickets);
      loaded = sampleLoaded || Boolean(desk);
      if (summary?.meta?.asOf) {
        const wasBaseline = asOf.value === BASE_AS_OF;
        BASE_AS_OF = summary.meta.asOf.slice(0, 10);
        registerWhatIf("sla.asOf", { label: "Ticket SLA as of (SLA view)", baseline: BASE_AS_OF });
        if (wasBaseline || !asOf.value) asOf.value = BASE_AS_OF;
      }
      if (!loaded) {
        table.tBodies[0].replaceChildren();
        $("sla-tickets-chart").replaceChildren();
        $("sla-tickets-line").textContent = "No support tickets: load the sample or import a tickets CSV to see the ticket SLA.";
        return;
      }
      recompute();
    },
    onScenario(scenario) {
      restore(scenario.overrides ?? {});
      recompute();
    },
    restore,
    results() {
      if (!last) return [];
      return last.report.priorities.flatMap((p) =>
        CLOCKS.filter((c) => p[c]).flatMap((c) => {
          const s = p[c];
          const item = `Tickets ${p.priority} ${c}`;
          return [
            { section: "SLA tickets", item, measure: "Within SLA", value: s.withinSla ?? "", unit: "ratio" },
            { section: "SLA tickets", item, measure: "Met", value: s.met, unit: "tickets" },
            { section: "SLA tickets", item, measure: "Breached", value: s.breached, unit: "tickets" },
            { section: "SLA tickets", item, measure: "Running", value: s.running, unit: "tickets" },
            { section: "SLA tickets", item, measure: "Mean time", value: s.meanSeconds ?? "", unit: "s" },
          ];
        }),
      );
    },
  };
}
