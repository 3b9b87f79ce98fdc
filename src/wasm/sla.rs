//! JS exports for SLA compliance.

use wasm_bindgen::prelude::*;

use super::columns;

mod ticket_rows;
use crate::sla::downtime;
use crate::sla::tickets::{TicketOptions, TicketTable};

#[wasm_bindgen(typescript_custom_section)]
const TS_DOWNTIME: &'static str = r#"
/** How long a month, quarter and year are:
 * - "gregorian": year = 365.2425 days, month = year / 12, quarter = year / 4 (uptime.is; the default);
 * - "days30": month = 30 days, quarter = 90 days, year = 365 days;
 * - "days365": year = 365 days, month = 365 / 12 days, quarter = 365 / 4 days. */
export type DowntimeConvention = "gregorian" | "days30" | "days365";

/** Input of {@link allowedDowntime}. */
export interface AllowedDowntimeInput {
  /** The availability target as a fraction strictly between 0 and 1: 0.999 for 99.9%. */
  target: number;
  /** The month/quarter/year convention. Default "gregorian". */
  convention?: DowntimeConvention;
  /** An explicit period whose exact allowance is also wanted. */
  period?: Interval;
}

/** The allowance for one period, in seconds. */
export interface DowntimeAllowance {
  periodSeconds: number;
  allowedSeconds: number;
}

/** The allowance for an explicit period. */
export interface PeriodAllowance extends DowntimeAllowance {
  /** RFC 3339, UTC. */
  start: string;
  /** RFC 3339, UTC. */
  end: string;
}

/** Result of {@link allowedDowntime}. */
export interface AllowedDowntime {
  target: number;
  convention: DowntimeConvention;
  /** 1 − target. */
  budgetFraction: number;
  day: DowntimeAllowance;
  week: DowntimeAllowance;
  month: DowntimeAllowance;
  quarter: DowntimeAllowance;
  year: DowntimeAllowance;
  /** Present when `period` was given. */
  period?: PeriodAllowance;
}
"#;

/// The downtime an availability target allows per day, week, month, quarter and year, and for an explicit
/// period. The target must be a fraction strictly between 0 and 1: a target of exactly 1 leaves no budget and
/// throws `out_of_range`, as do 0, negatives and percentages such as 99.9.
///
/// @example
/// ```ts
/// const t = allowedDowntime({ target: 0.999 });
/// t.day.allowedSeconds;   // 86.4
/// t.month.allowedSeconds; // 2629.746 (43 min 50 s; month = 365.2425 / 12 days)
/// allowedDowntime({ target: 0.999, convention: "days30" }).month.allowedSeconds; // 2592 (43 min 12 s)
/// allowedDowntime({ target: 0.999, period: { start: "2026-02-01T00:00:00Z", end: "2026-03-01T00:00:00Z" } })
///   .period?.allowedSeconds; // 2419.2 (28 days)
/// ```
#[wasm_bindgen(js_name = allowedDowntime, unchecked_return_type = "AllowedDowntime")]
pub fn allowed_downtime(
    #[wasm_bindgen(unchecked_param_type = "AllowedDowntimeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(input, downtime::allowed_downtime)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CSAT: &'static str = r#"
/** Input of {@link csat}: survey scores on the 1–5 scale. Map other scales to 1–5 yourself first. */
export interface CsatInput {
  /** Whole numbers from 1 to 5. */
  scores: number[];
}

/** Result of {@link csat}. */
export interface Csat {
  responses: number;
  /** Responses scoring 4 or 5. */
  satisfied: number;
  /** satisfied / responses, a fraction (0.6 for 60%). */
  csat: number;
  /** Counts of scores 1, 2, 3, 4 and 5, in that order. */
  distribution: [number, number, number, number, number];
}
"#;

/// Customer satisfaction: the share of responses scoring 4 or 5 on a 1–5 scale. A score that is not a whole
/// number from 1 to 5 throws `out_of_range` with its index in `path` (`scores[7]`).
///
/// @example
/// ```ts
/// csat({ scores: [5, 4, 4, 3, 1] }).csat; // 0.6
/// ```
#[wasm_bindgen(unchecked_return_type = "Csat")]
pub fn csat(#[wasm_bindgen(unchecked_param_type = "CsatInput")] input: JsValue) -> Result<JsValue, JsValue> {
    super::call(input, crate::sla::csat::csat)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_REPORT: &'static str = r#"
/** A calendar unit: local days, ISO weeks (Monday 00:00), months, quarters (Jan/Apr/Jul/Oct) or years. */
export type CalendarUnit = "day" | "week" | "month" | "quarter" | "year";

/** A period: either `{start, end}`, or `{unit, containing}` for the whole calendar unit (in the input's `timeZone`)
 * that contains the instant `containing`. */
export interface PeriodSpec {
  start?: Timestamp;
  end?: Timestamp;
  unit?: CalendarUnit;
  containing?: Timestamp;
}

/** An outage, [start, end). `impact` is the fraction of users or capacity affected, in [0, 1]; default 1. */
export interface Outage {
  start: Timestamp;
  end: Timestamp;
  impact?: number;
}

/** Columnar time-sliced evidence: slice i covers [start + i·step, start + (i+1)·step). Give `up` (fraction up per
 * slice, 1 = up, 0 = down) or both `good` and `total` (a slice's up fraction is good/total; total 0 counts as up).
 * Arrays may be number[] or Float64Array; number[] is converted as by `new Float64Array(values)` (so `null` becomes 0
 * and a non-number becomes NaN, which is rejected). */
export interface SampleSeries {
  start: Timestamp;
  /** Slice length in seconds, > 0 (60 for per-minute samples). */
  step: number;
  up?: number[] | Float64Array;
  good?: number[] | Float64Array;
  total?: number[] | Float64Array;
}

/** Aggregate good/total event counts for the whole period (0 ≤ good ≤ total, total > 0). */
export interface EventCounts {
  good: number;
  total: number;
}

/** How overlapping outages combine: "max" (default) applies the largest impact over the overlap (same users);
 * "sumCapped" adds impacts, capped at 1 (different users). */
export type OverlapRule = "max" | "sumCapped";

/** A service-credit tier: availabilities in [min, max) earn `credit` (a fraction of the bill). `min` absent = 0;
 * `max` absent = up to and including 100%. */
export interface CreditTier {
  min?: number;
  max?: number;
  credit: number;
}

/** A credit table: exactly one of `preset` or `tiers`. Tiers may come in any order but must tile their range with
 * no gap (`infeasible`) and no overlap (`overlap`). Preset "awsComputeRegion" (historical AWS compute, region level):
 * [0.99, 0.9999) → 0.10, [0.95, 0.99) → 0.30, below 0.95 → 1.0. */
export interface CreditTable {
  preset?: "awsComputeRegion";
  tiers?: CreditTier[];
}

/** Input of {@link slaReport}. Give exactly one kind of evidence: `outages` (possibly []), `samples` or `events`. */
export interface SlaReportInput {
  /** Availability target, strictly between 0 and 1 (0.999). */
  target: number;
  period: PeriodSpec;
  /** IANA zone of calendar periods and of the breakdown. Default "UTC". */
  timeZone?: string;
  outages?: Outage[];
  samples?: SampleSeries;
  events?: EventCounts;
  /** Maintenance windows: cut out of both the downtime and the period. They may overlap one another. Not allowed
   * with `events` (no timestamps to cut). */
  maintenance?: Interval[];
  /** Default "max". */
  overlap?: OverlapRule;
  /** Split the period into calendar sub-periods in `timeZone` (each month of a year, say). Not with `events`. */
  breakdown?: CalendarUnit;
  /** Service credits, applied to the whole period and to each sub-period. */
  credits?: CreditTable;
}

/** Figures for a period or sub-period. Durations in seconds. */
export interface PeriodFigures {
  /** RFC 3339, UTC. */
  start: string;
  /** RFC 3339, UTC. */
  end: string;
  /** Wall-clock length. */
  periodSeconds: number;
  maintenanceSeconds: number;
  /** periodSeconds − maintenanceSeconds: the time the SLA measures. */
  measuredSeconds: number;
  /** Measured time no sample covered (counted as up); 0 for outages and events. */
  unmeasuredSeconds: number;
  /** Impact-weighted downtime (for events: (1 − good/total) × measuredSeconds). */
  downtimeSeconds: number;
  /** Wall-clock time with any outage, whatever its impact. */
  outageSeconds: number;
  /** 1 − downtime / measured; 1 for a sub-period wholly inside maintenance. */
  availability: number;
  /** (1 − target) × measuredSeconds. */
  allowedDowntimeSeconds: number;
  /** max(0, allowed − downtime). */
  remainingAllowanceSeconds: number;
  /** allowed − downtime; negative when breached. */
  marginSeconds: number;
  /** availability − target; negative when breached. */
  marginRatio: number;
  /** downtime / allowed. */
  allowanceUsed: number;
  /** downtime ≤ allowed downtime. */
  met: boolean;
  /** The service credit (fraction of the bill), when `credits` was given. */
  credit?: number;
}

/** An outage as counted: merged, clipped to the period, maintenance cut out. */
export interface CountedOutage {
  start: string;
  end: string;
  /** The combined impact over this stretch. */
  impact: number;
  /** Impact-weighted seconds. */
  downtimeSeconds: number;
}

/** Result of {@link slaReport}: the whole period's figures plus details. */
export interface SlaReport extends PeriodFigures {
  target: number;
  evidence: "outages" | "samples" | "events";
  timeZone: string;
  /** How overlapping outages combined (outage evidence only). */
  overlap?: { rule: OverlapRule; description: string; overlappingOutages: number };
  /** The outages as counted (outage evidence only). */
  countedOutages?: CountedOutage[];
  /** Per sub-period, when `breakdown` was given. */
  breakdown?: PeriodFigures[];
  /** Service credit for the whole period, when `credits` was given; `tiers` is the validated table, sorted. */
  credits?: { credit: number; tier?: CreditTier; tiers: CreditTier[] };
}
"#;

/// The `up`, `good` and `total` columns of a sample series, when given as arrays.
type Columns = [Option<Vec<f64>>; 3];

/// Copy `samples.up`, `samples.good` and `samples.total` out of the input as `Vec<f64>` in one native copy each
/// (Float64Array or number[]), and return a shallow copy of the input without them, so that serde never walks
/// 500,000 array elements one JsValue at a time.
fn take_sample_columns(input: JsValue) -> Result<(JsValue, Columns), JsValue> {
    let mut cols: Columns = [None, None, None];
    if !input.is_object() {
        return Ok((input, cols));
    }
    let samples = js_sys::Reflect::get(&input, &"samples".into())?;
    if !samples.is_object() {
        return Ok((input, cols));
    }
    let copy = js_sys::Object::assign(&js_sys::Object::new(), samples.unchecked_ref());
    for (slot, key) in cols.iter_mut().zip(["up", "good", "total"]) {
        let v = js_sys::Reflect::get(&samples, &key.into())?;
        let array = if v.is_instance_of::<js_sys::Float64Array>() {
            Some(v.unchecked_into::<js_sys::Float64Array>())
        } else if js_sys::Array::is_array(&v) || v.is_instance_of::<js_sys::Float32Array>() {
            Some(js_sys::Float64Array::new(&v))
        } else {
            None
        };
        if let Some(a) = array {
            *slot = Some(a.to_vec());
            js_sys::Reflect::delete_property(&copy, &key.into())?;
        }
    }
    let outer = js_sys::Object::assign(&js_sys::Object::new(), input.unchecked_ref());
    js_sys::Reflect::set(&outer, &"samples".into(), &copy)?;
    Ok((outer.into(), cols))
}

/// An SLA compliance report for one period: achieved availability from outages, per-slice samples or event counts;
/// downtime, allowed downtime, remaining allowance, margin (as time and ratio), met or breached; a breakdown per
/// calendar sub-period; and service credits from a tier table. Maintenance windows are cut out of both the downtime
/// and the period; overlapping outages are merged (the `overlap` field says how).
///
/// @example
/// ```ts
/// const r = slaReport({
///   target: 0.999,
///   period: { unit: "month", containing: "2026-04-15T00:00:00Z" },
///   outages: [{ start: "2026-04-03T10:00:00Z", end: "2026-04-03T10:45:00Z" }],
///   credits: { preset: "awsComputeRegion" },
/// });
/// r.downtimeSeconds;        // 2700 (45 min of a 30-day month)
/// r.allowedDowntimeSeconds; // 2592
/// r.marginSeconds;          // -108
/// r.met;                    // false
/// r.credits?.credit;        // 0.1 (99.896% is in the 99.0–99.99% tier)
/// ```
#[wasm_bindgen(js_name = slaReport, unchecked_return_type = "SlaReport")]
pub fn sla_report(#[wasm_bindgen(unchecked_param_type = "SlaReportInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let (input, [up, good, total]) = take_sample_columns(input)?;
    let mut parsed: crate::sla::report::SlaReportInput = super::from_js(input, "")?;
    if let Some(s) = parsed.samples.as_mut() {
        s.up = up.or(s.up.take());
        s.good = good.or(s.good.take());
        s.total = total.or(s.total.take());
    }
    let out = crate::sla::report::sla_report(&parsed).map_err(super::to_js_error)?;
    super::to_js(&out)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_INCIDENTS: &'static str = r#"
/** One incident. Times must satisfy start ≤ detectedAt ≤ resolvedAt, acknowledgedAt ≥ detectedAt (or start), and
 * resolvedAt > start. */
export interface Incident {
  id?: string;
  start: Timestamp;
  detectedAt?: Timestamp;
  acknowledgedAt?: Timestamp;
  resolvedAt: Timestamp;
  /** A label such as "SEV1"; incidents without one are grouped as "unspecified". */
  severity?: string;
}

/** Input of {@link incidentMetrics}. */
export interface IncidentMetricsInput {
  incidents: Incident[];
  /** "mean" (default) or "median" (even count: mean of the two middle values). */
  statistic?: "mean" | "median";
  /** Where MTTR starts its clock: "start" (default), "detected" or "acknowledged". */
  mttrFrom?: "start" | "detected" | "acknowledged";
  /** Observation period for MTBF and MTTF; default first start to last resolution. */
  period?: Interval;
}

/** One metric: `seconds` (absent when no incident had the fields it needs), the number of incidents (or up-time
 * runs) used, and the definition applied. */
export interface IncidentMetric {
  seconds?: number;
  count: number;
  definition: string;
}

/** The metric set of a group of incidents. */
export interface IncidentMetricSet {
  incidents: number;
  /** Time to detect: detectedAt − start. */
  mttd: IncidentMetric;
  /** Time to acknowledge: acknowledgedAt − detectedAt (− start without detectedAt). */
  mtta: IncidentMetric;
  /** Time to recover: resolvedAt − start (or from detection/acknowledgement, per `mttrFrom`). */
  mttr: IncidentMetric;
  /** Time to incident resolution: resolvedAt − detectedAt (− start without detectedAt). */
  mtir: IncidentMetric;
  /** Uptime in the period / failures starting in it (a ratio: `statistic` does not apply). */
  mtbf: IncidentMetric;
  /** Average up-time run ending in a failure (period start or previous recovery → next incident start). */
  mttf: IncidentMetric;
  /** Period minus the union of this group's incidents, seconds. */
  uptimeSeconds: number;
  /** The union of this group's incidents inside the period, seconds. */
  downtimeSeconds: number;
}

/** Result of {@link incidentMetrics}. */
export interface IncidentMetrics {
  statistic: "mean" | "median";
  /** The observation period used (RFC 3339, UTC). */
  period: { start: string; end: string };
  overall: IncidentMetricSet;
  /** Per severity, in label order. */
  bySeverity: (IncidentMetricSet & { severity: string })[];
}
"#;

/// Incident metrics: MTTD, MTTA, MTTR, MTIR, MTBF and MTTF, overall and per severity, by mean or median. Every
/// metric names its definition in the output, because sources disagree.
///
/// @example
/// ```ts
/// const m = incidentMetrics({
///   period: { start: "2026-02-02T00:00:00Z", end: "2026-02-03T00:00:00Z" },
///   incidents: [
///     { start: "2026-02-02T02:00:00Z", resolvedAt: "2026-02-02T03:00:00Z", severity: "SEV1" },
///     { start: "2026-02-02T10:00:00Z", resolvedAt: "2026-02-02T13:00:00Z", severity: "SEV2" },
///   ],
/// });
/// m.overall.mtbf.seconds; // 36000 (20 h up / 2 failures)
/// m.overall.mttr.seconds; // 7200
/// ```
#[wasm_bindgen(js_name = incidentMetrics, unchecked_return_type = "IncidentMetrics")]
pub fn incident_metrics(
    #[wasm_bindgen(unchecked_param_type = "IncidentMetricsInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(input, crate::sla::incidents::incident_metrics)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TICKETS: &'static str = r#"
/** One working range of a day, local wall-clock "HH:MM" or "HH:MM:SS"; `end` may be "24:00". */
export interface WorkingRange {
  start: string;
  end: string;
}

/** A business calendar: weekly working hours per weekday (a missing day is a day off; at least one weekday must
 * have hours), whole-day holidays as "YYYY-MM-DD", in an IANA zone (default "UTC"). Working hours follow daylight
 * saving. */
export interface BusinessCalendar {
  timeZone?: string;
  workingHours: {
    monday?: WorkingRange[];
    tuesday?: WorkingRange[];
    wednesday?: WorkingRange[];
    thursday?: WorkingRange[];
    friday?: WorkingRange[];
    saturday?: WorkingRange[];
    sunday?: WorkingRange[];
  };
  holidays?: string[];
}

/** A target: `seconds` on a clock. "calendar" (default) counts all time; "business" counts working time in the
 * input's `calendar`. `dueInWorkingHours` (calendar clocks) moves a due time outside working hours to the next
 * working instant. */
export interface SlaTarget {
  seconds: number;
  clock?: "calendar" | "business";
  dueInWorkingHours?: boolean;
}

/** A pause of the SLA clock; `end` absent means still paused (open tickets only, last pause only). */
export interface TicketPause {
  start: Timestamp;
  end?: Timestamp;
}

/** A ticket. */
export interface Ticket {
  id: string;
  /** A key of `targets`. */
  priority: string;
  createdAt: Timestamp;
  firstResponseAt?: Timestamp;
  resolvedAt?: Timestamp;
  /** In order, not overlapping, inside [createdAt, resolvedAt]. */
  pauses?: TicketPause[];
}

/** Tickets as columns, one entry per ticket in every array: the fast form for long histories (100,000 tickets
 * cross into WebAssembly in a few milliseconds). Times are epoch milliseconds, NaN for "none". Errors name the
 * column and the row: `tickets.createdAt[17]`, `tickets.pauses.start[4]`. */
export interface TicketColumns {
  /** Unique ids: one string per ticket, or all of them in one `text` cut by `offsets` (ticket i's id is
   * `text.slice(offsets[i], offsets[i + 1])`: positions in the JS string, so UTF-16 code units; one more offset than
   * there are tickets, running from 0, never decreasing, to `text.length`). Either form crosses into WebAssembly as
   * one text, and an id becomes a string again only when a result names its ticket. Errors: a repeated id at its
   * second row (`tickets.ids[7]`), a bad offset at its index (`tickets.ids.offsets[3]`). Absent: tickets are named
   * by their row number ("0", "1", …) in results. */
  ids?: string[] | { text: string; offsets: Uint32Array | Float64Array | number[] };
  /** Each ticket's priority: a name (a key of `targets`), or an index into `priorityNames`. */
  priority: string[] | Uint8Array | Uint16Array | Uint32Array | Float64Array | number[];
  /** The names that a priority column of indices refers to, such as ["P1", "P2", "P3"]. */
  priorityNames?: string[];
  createdAt: Float64Array | number[];
  /** NaN (or null) for no response yet. */
  firstResponseAt?: Float64Array | (number | null)[];
  /** NaN (or null) for not resolved yet. */
  resolvedAt?: Float64Array | (number | null)[];
  /** The pauses of ticket i are entries offsets[i] to offsets[i + 1] (exclusive) of `start` and `end`; `offsets`
   * has one more entry than there are tickets, starting at 0. An `end` of NaN (or null) is a pause still running. */
  pauses?: {
    offsets: Uint32Array | Float64Array | number[];
    start: Float64Array | number[];
    end?: Float64Array | (number | null)[];
  };
}

/** Input of {@link ticketSla}. */
export interface TicketSlaInput {
  /** One object per ticket, or the same tickets as columns. */
  tickets: Ticket[] | TicketColumns;
  /** Targets per priority name, such as { P1: { response: {seconds: 900}, resolution: {seconds: 14400} } }. */
  targets: Record<string, { response?: SlaTarget; resolution?: SlaTarget }>;
  /** Required by business clocks and `dueInWorkingHours`. */
  calendar?: BusinessCalendar;
  /** The instant of the running state; required when any clock is still open. Events after it are ignored. */
  asOf?: Timestamp;
  /** Which clocks pauses stop: "resolution" (default) or "both". */
  pausesApplyTo?: "resolution" | "both";
  /** Worst offenders listed per priority and clock. Default 5. */
  worstOffenders?: number;
  /** Percentiles to report, each in (0, 1]. Default [0.5, 0.9, 0.95]. Nearest-rank method. */
  percentiles?: number[];
  /** Per-ticket detail: "all" (default), "open" (breached or running only) or "none". */
  detail?: "all" | "open" | "none";
}

/** One ticket's response or resolution clock. Seconds are on the target's clock unless stated. */
export interface TicketClock {
  targetSeconds: number;
  /** When the target is due (RFC 3339, UTC); for a clock paused right now, the due time if the pause ended now. */
  dueAt: string;
  /** From creation to completion (or asOf), pauses excluded. */
  elapsedSeconds: number;
  pausedSeconds: number;
  /** target − elapsed; negative once over. */
  remainingSeconds: number;
  /** Wall-clock seconds past the due time (0 unless breached). */
  lateSeconds: number;
  status: "met" | "breached" | "running";
  /** Whether the response/resolution has happened. */
  completed: boolean;
}

/** Summary of one clock of one priority. */
export interface TicketClockSummary {
  target: SlaTarget;
  met: number;
  /** Includes open clocks past due. */
  breached: number;
  /** Open clocks not yet due. */
  running: number;
  /** met / (met + breached); absent when both are 0. */
  withinSla?: number;
  /** Mean elapsed seconds of completed clocks. */
  meanSeconds?: number;
  /** Nearest-rank percentiles of completed clocks' elapsed seconds. */
  percentiles: { p: number; seconds: number }[];
  /** Breached clocks, latest first. */
  worstOffenders: { id: string; lateSeconds: number; dueAt: string; completed: boolean }[];
}

/** Result of {@link ticketSla}. */
export interface TicketSlaReport {
  asOf?: string;
  /** Tickets created after asOf, skipped. */
  notYetCreated: number;
  priorities: { priority: string; tickets: number; response?: TicketClockSummary; resolution?: TicketClockSummary }[];
  tickets: { id: string; priority: string; response?: TicketClock; resolution?: TicketClock }[];
}
"#;

/// Ticket SLAs: per-priority response and resolution targets in calendar or business hours, with pauses, due times,
/// the running state as of an instant, and per priority the share within SLA, mean and nearest-rank percentile
/// times, and the worst offenders.
///
/// @example
/// ```ts
/// const r = ticketSla({
///   calendar: { timeZone: "UTC", workingHours: { wednesday: [{ start: "08:00", end: "16:00" }],
///                                                thursday: [{ start: "08:00", end: "16:00" }] } },
///   targets: { P2: { resolution: { seconds: 36000, dueInWorkingHours: true } } },
///   tickets: [{ id: "INC1", priority: "P2", createdAt: "2017-01-11T10:30:00Z", resolvedAt: "2017-01-12T07:59:00Z" }],
/// });
/// r.tickets[0].resolution?.dueAt;  // "2017-01-12T08:00:00.000Z" (20:30 is outside working hours)
/// r.tickets[0].resolution?.status; // "met"
/// // Tickets as columns (epoch milliseconds, NaN for "none"): the fast form for long histories.
/// const c = ticketSla({
///   targets: { P1: { response: { seconds: 900 } }, P2: { response: { seconds: 3600 } } },
///   tickets: { priority: ["P1", "P2"], createdAt: new Float64Array([0, 0]),
///              firstResponseAt: new Float64Array([600_000, NaN]) },
///   asOf: 1_800_000,
/// });
/// c.priorities[0].response?.met;     // 1 (P1 answered after 10 minutes)
/// c.priorities[1].response?.running; // 1 (P2 still waiting: 30 of 60 minutes used)
/// // Ids as one text cut at offsets: "INC1" is text 0–4, "INC22" text 4–9.
/// const d = ticketSla({
///   targets: { P1: { response: { seconds: 900 } } },
///   tickets: { ids: { text: "INC1INC22", offsets: [0, 4, 9] }, priority: ["P1", "P1"],
///              createdAt: [0, 0], firstResponseAt: [600_000, 1_200_000] },
/// });
/// d.priorities[0].response?.worstOffenders[0].id; // "INC22" (answered after 20 minutes; 15 allowed)
/// ```
#[wasm_bindgen(js_name = ticketSla, unchecked_return_type = "TicketSlaReport")]
pub fn ticket_sla(#[wasm_bindgen(unchecked_param_type = "TicketSlaInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let tickets = if input.is_object() { columns::get(&input, "tickets") } else { JsValue::UNDEFINED };
    if !columns::is_columns(&tickets) {
        // Simple ticket objects in one JS pass; anything else (and every error) the general way.
        let Some(cols) = ticket_rows::columns(&tickets) else {
            return super::call(input, crate::sla::tickets::ticket_sla);
        };
        let Some(table) = ticket_rows::table(&cols) else {
            return super::call(input, crate::sla::tickets::ticket_sla);
        };
        let options: TicketOptions = super::from_js(columns::without(&input, "tickets"), "")?;
        let out = crate::sla::tickets::ticket_sla_table(&table, &options).map_err(super::to_js_error)?;
        return super::to_js(&out);
    }
    let cols = columns::ticket_columns(&tickets)?;
    let options: TicketOptions = super::from_js(columns::without(&input, "tickets"), "")?;
    let out = crate::sla::tickets::ticket_sla_columns(&cols, &options).map_err(super::to_js_error)?;
    super::to_js(&out)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TICKET_SET: &'static str = r#"
/** The options of {@link TicketSet.evaluate}: everything of a {@link TicketSlaInput} but the tickets. */
export type TicketSlaOptions = Omit<TicketSlaInput, "tickets">;
"#;

/// Tickets parsed once for cheap what-if re-runs: `evaluate` takes the options of {@link ticketSla} (targets,
/// calendar, asOf, …) and measures the held tickets against them, without reading the tickets from JS again.
/// The tickets are objects or {@link TicketColumns}. Call `free()` when done with a large set.
///
/// @example
/// ```ts
/// const set = new TicketSet([
///   { id: "a", priority: "P1", createdAt: "2026-01-05T10:00:00Z", firstResponseAt: "2026-01-05T10:20:00Z" },
///   { id: "b", priority: "P1", createdAt: "2026-01-05T10:00:00Z", firstResponseAt: "2026-01-05T10:40:00Z" },
/// ]);
/// set.length; // 2
/// set.evaluate({ targets: { P1: { response: { seconds: 1800 } } } }).priorities[0].response?.withinSla; // 0.5
/// set.evaluate({ targets: { P1: { response: { seconds: 3600 } } } }).priorities[0].response?.withinSla; // 1
/// set.free();
/// ```
#[wasm_bindgen]
pub struct TicketSet {
    table: TicketTable<'static>,
}

#[wasm_bindgen]
impl TicketSet {
    /// Parse the tickets (the `tickets` of {@link TicketSlaInput}). Type errors have paths like `tickets[3].createdAt`
    /// (objects) or `tickets.createdAt[3]` (columns), as do the column checks of lengths, times and priority
    /// indices; the rest is checked by `evaluate`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Ticket[] | TicketColumns")] tickets: JsValue,
    ) -> Result<TicketSet, JsValue> {
        if columns::is_columns(&tickets) {
            let cols = columns::ticket_columns(&tickets)?;
            let table = TicketTable::from_columns(&cols).map_err(super::to_js_error)?.into_owned();
            return Ok(TicketSet { table });
        }
        if let Some(table) = ticket_rows::columns(&tickets).and_then(|c| ticket_rows::table(&c).map(|t| t.into_owned()))
        {
            return Ok(TicketSet { table });
        }
        let rows: Vec<crate::sla::tickets::Ticket> = super::from_js(tickets, "tickets")?;
        Ok(TicketSet { table: TicketTable::from_tickets(&rows).into_owned() })
    }

    /// How many tickets the set holds.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.table.len()
    }

    /// Measure the held tickets against `options`: the same result and errors as {@link ticketSla}.
    #[wasm_bindgen(unchecked_return_type = "TicketSlaReport")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TicketSlaOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: TicketOptions = super::from_js(options, "")?;
        let out = crate::sla::tickets::ticket_sla_table(&self.table, &options).map_err(super::to_js_error)?;
        super::to_js(&out)
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_COMPOSITE: &'static str = r#"
/** A component: a leaf with `availability` (a fraction in [0, 1]), or a group with `kind` and `children`.
 * "serial": all children needed (A = ∏ aᵢ); "parallel": any child suffices (A = 1 − ∏ (1 − aᵢ)). Names are unique. */
export interface ComponentNode {
  name: string;
  availability?: number;
  kind?: "serial" | "parallel";
  children?: ComponentNode[];
}

/** Input of {@link compositeAvailability}. */
export interface CompositeInput {
  root: ComponentNode;
}

/** A node with its computed availability. */
export interface ComponentResult {
  name: string;
  kind: "leaf" | "serial" | "parallel";
  availability: number;
  /** Absent for leaves. */
  children?: ComponentResult[];
}

/** What improving one leaf alone would buy. */
export interface ComponentContribution {
  name: string;
  /** Names from the root, joined by "/". */
  path: string;
  availability: number;
  /** ∂A/∂a: composite gain per unit of this leaf's availability (Birnbaum importance). */
  marginalGain: number;
  /** The composite if this leaf never failed. */
  ifPerfect: number;
  gainIfPerfect: number;
  /** The composite if this leaf's unavailability were a tenth of today's (99.9% → 99.99%). */
  ifOneMoreNine: number;
  gainPerNine: number;
  /** gainIfPerfect / (1 − composite). */
  shareOfUnavailability: number;
}

/** Result of {@link compositeAvailability}. */
export interface CompositeResult {
  availability: number;
  tree: ComponentResult;
  /** One per leaf, ranked by gainPerNine, then gainIfPerfect. */
  contributions: ComponentContribution[];
  /** The leaf whose next nine raises the composite most. */
  bestImprovement: string;
}
"#;

/// Composite availability of independent components arranged as a named tree of serial and parallel groups, with
/// each leaf's contribution: the composite if it were perfect, if it gained one more nine, and its marginal gain.
///
/// @example
/// ```ts
/// const r = compositeAvailability({ root: { name: "app", kind: "serial", children: [
///   { name: "web", availability: 0.9995 }, { name: "sql", availability: 0.9999 } ] } });
/// r.availability;     // 0.99940005
/// r.bestImprovement;  // "web"
/// ```
#[wasm_bindgen(js_name = compositeAvailability, unchecked_return_type = "CompositeResult")]
pub fn composite_availability(
    #[wasm_bindgen(unchecked_param_type = "CompositeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    super::call(input, crate::sla::composite::composite_availability)
}
