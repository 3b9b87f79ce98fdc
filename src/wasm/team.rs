//! JS exports for team health: `teamHealth`, `dora`, `onCallLoad`, `toil` and `surveyHealth`.

use crate::read::Read;
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::columns;
use crate::team;
use crate::team::pages::PageColumns;

const COLUMNS: [&str; 5] = ["at", "responder", "acknowledgedAt", "incident", "highUrgency"];

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// When `obj.pageColumns` holds only `Float64Array`s, read them with one copy each and return a shallow copy of
/// `obj` without them (the caller's object is not touched). serde-wasm-bindgen would walk a typed array through
/// the JS iterator protocol, one call per element. Anything else is left to serde, which reports errors by path.
fn take_columns(obj: &JsValue) -> (JsValue, Option<PageColumns>) {
    let cols = get(obj, "pageColumns");
    if !cols.is_object() {
        return (obj.clone(), None);
    }
    let mut arrays: [Option<Vec<f64>>; 5] = Default::default();
    for (slot, key) in arrays.iter_mut().zip(COLUMNS) {
        let v = get(&cols, key);
        if v.is_undefined() {
            continue;
        }
        match v.dyn_ref::<js_sys::Float64Array>() {
            Some(a) => *slot = Some(a.to_vec()),
            None => return (obj.clone(), None),
        }
    }
    let [at, responder, acknowledged_at, incident, high_urgency] = arrays;
    let (Some(at), Some(responder)) = (at, responder) else {
        return (obj.clone(), None);
    };
    let copy = js_sys::Object::assign(&js_sys::Object::new(), obj.unchecked_ref());
    let _ = js_sys::Reflect::delete_property(&copy, &JsValue::from_str("pageColumns"));
    (copy.into(), Some(PageColumns { at, responder, acknowledged_at, incident, high_urgency }))
}

/// Like [`super::call`], but handing the parsed input over by value. (This used to try an untracked
/// serde-wasm-bindgen pass first, because serde_path_to_error was slow on 20,000 pages; [`super::de`] tracks paths
/// cheaply, and a second deserializer would compile every team input type twice.)
fn call_fast<I: Read, O: Serialize>(input: JsValue, f: impl FnOnce(I) -> crate::Result<O>) -> Result<JsValue, JsValue> {
    let parsed: I = super::from_js(input, "")?;
    let out = f(parsed).map_err(super::to_js_error)?;
    super::to_js(&out)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_DORA: &'static str = r#"
/** A named, versioned set of DORA tier cut-offs. "dora-2023" is the default. */
export type DoraBenchmark = "dora-2021" | "dora-2023";
/** A DORA performance tier. */
export type DoraTier = "elite" | "high" | "medium" | "low";
/** How medians and percentiles fall between observations: "interpolated" (fourkeys; median([1,2,3,4]) = 2.5, the
 * default) or "lower" (DevLake; 2). */
export type MedianConvention = "interpolated" | "lower";

/** One production deployment. */
export interface DoraDeployment {
  /** Unique when given. */
  id?: string;
  /** When the change reached production. */
  at: Timestamp;
  /** Commit times of the changes it shipped; each is one change for lead time. */
  commitTimes?: Timestamp[];
  /** The lead time of its one change, seconds, when commit times are unknown. Not with commitTimes. */
  leadTimeSeconds?: number;
  /** Needed a rollback or hotfix. Naming causedIncidentIds or recoveredAt also marks it failed. */
  failed?: boolean;
  /** When service was restored after it failed. */
  recoveredAt?: Timestamp;
  /** Incidents it caused (ids in `incidents`, when given). */
  causedIncidentIds?: string[];
  /** An unplanned deployment to fix a user-facing problem (DORA 2024 rework). */
  rework?: boolean;
}

/** A production incident. */
export interface DoraIncident {
  id: string;
  start: Timestamp;
  /** Absent while open. */
  resolvedAt?: Timestamp;
}

/** Deployments as columns, one entry per deployment in each array: the fast form for long histories. Times are
 * epoch milliseconds; NaN (or null) means none or not known. Errors name the column and the row
 * (`deploymentColumns.at[17]`). */
export interface DeploymentColumns {
  at: Float64Array | number[];
  /** One more entry than deployments, from 0: deployment i's commits are commitTimes[commitOffsets[i] ..
   * commitOffsets[i + 1]]. Required with commitTimes. */
  commitOffsets?: Uint32Array | Float64Array | number[];
  commitTimes?: Float64Array | number[];
  /** For deployments without commit times; NaN for none. */
  leadTimeSeconds?: Float64Array | (number | null)[];
  /** 1 failed, 0 did not, NaN not known. */
  failed?: Uint8Array | Float64Array | (number | null)[];
  recoveredAt?: Float64Array | (number | null)[];
  /** 1 rework, 0 not, NaN not known. */
  rework?: Uint8Array | Float64Array | (number | null)[];
}

/** Input of {@link dora}. */
export interface DoraInput {
  /** Any order. With deploymentColumns, at least one deployment in all. */
  deployments?: DoraDeployment[];
  /** More deployments as columns (the fast form), counted after `deployments`. */
  deploymentColumns?: DeploymentColumns;
  incidents?: DoraIncident[];
  /** The observation window. Default: local midnight of the first deployment's day to local midnight after the
   * last one's, in timeZone. Every deployment must fall inside it. */
  period?: Interval;
  /** Default "dora-2023". */
  benchmark?: DoraBenchmark;
  /** Default "interpolated". */
  median?: MedianConvention;
  /** IANA zone that defines deployment days and weeks. Default "UTC". */
  timeZone?: string;
}

/** A value placed in a tier of a benchmark set. Values in a gap between published ranges fall to the next tier
 * down; values beyond every bound are "low". */
export interface DoraClassification {
  tier: DoraTier;
  /** The set used. */
  benchmark: DoraBenchmark;
  /** Deployments per day, seconds, or a fraction, as classified. */
  value: number;
  /** The cut-off that placed it, in words. */
  rule: string;
  /** A caveat about the published table, when there is one. */
  note?: string;
}

/** fourkeys' bucket: "daily" if the median week has deployments on ≥ 3 days, "weekly" if on ≥ 1, "monthly" if the
 * median month has ≥ 1, else "yearly". */
export type FrequencyBucket = "daily" | "weekly" | "monthly" | "yearly";

export interface DeploymentFrequency {
  deployments: number;
  /** Window length in days. */
  days: number;
  perDay: number;
  perWeek: number;
  /** Distinct local days with a deployment. */
  deploymentDays: number;
  deploymentDaysPerWeek: number;
  /** Median over calendar weeks (partial weeks included) of days with a deployment. */
  medianDeploymentDaysPerWeek: number;
  /** Median over calendar months of days with a deployment. */
  medianDeploymentDaysPerMonth: number;
  bucket: FrequencyBucket;
  /** perDay against the benchmark. */
  classification: DoraClassification;
}

export interface LeadTime {
  /** Changes measured. */
  changes: number;
  medianSeconds: number;
  p90Seconds: number;
  meanSeconds: number;
  /** The median against the benchmark. */
  classification: DoraClassification;
}

/** Failed deployments over deployments, never incidents over deployments. */
export interface ChangeFailRate {
  deployments: number;
  failedDeployments: number;
  /** Incidents the deployments caused: context only, never the numerator. */
  incidentsCaused: number;
  /** failedDeployments / deployments. */
  rate: number;
  classification: DoraClassification;
}

/** Failed deployment recovery time (FDRT): from the deployment to recoveredAt, or to the last resolution of the
 * incidents it caused. */
export interface RecoveryTime {
  recovered: number;
  /** Failed deployments without a known recovery. */
  unrecovered: number;
  medianSeconds: number;
  p90Seconds: number;
  meanSeconds: number;
  classification: DoraClassification;
}

/** Time to restore over all resolved incidents. */
export interface TimeToRestore {
  incidents: number;
  open: number;
  /** MTTR. */
  meanSeconds: number;
  medianSeconds: number;
}

/** Rework rate over the deployments that say whether they were rework. */
export interface Rework {
  labelled: number;
  rework: number;
  rate: number;
}

/** Result of {@link dora}. */
export interface DoraReport {
  /** The set every classification used. */
  benchmark: DoraBenchmark;
  median: MedianConvention;
  period: { start: string; end: string };
  periodSource: "input" | "deployments";
  deploymentFrequency: DeploymentFrequency;
  /** Absent without commit times or lead times. */
  leadTime?: LeadTime;
  changeFailRate: ChangeFailRate;
  /** Absent when no failed deployment has a known recovery. */
  recoveryTime?: RecoveryTime;
  /** Absent without resolved incidents. */
  timeToRestore?: TimeToRestore;
  /** Absent when no deployment says whether it was rework. */
  rework?: Rework;
  /** Mean tier points (elite 100, high 75, medium 50, low 25) over the classified keys. */
  deliveryScore: number;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_ON_CALL: &'static str = r#"
/** Someone who can be paged. */
export interface Responder {
  id: string;
  /** IANA time zone: it defines their business, off and sleep hours. */
  timeZone: string;
}

/** A page or notification. Notifications to the same responder at the same instant count as one interruption;
 * email never counts. */
export interface OnCallPage {
  at: Timestamp;
  /** A responder id. */
  responder: string;
  urgency?: "high" | "low";
  /** Not before `at`. */
  acknowledgedAt?: Timestamp;
  /** Pages without one are each their own incident. */
  incidentId?: string;
  channel?: "sms" | "push" | "phone" | "email";
}

/** One turn on call, [start, end). */
export interface OnCallShift {
  responder: string;
  start: Timestamp;
  end: Timestamp;
  role?: "primary" | "secondary";
}

/** A rotation's shape (Google SRE book, chapter 11). Each member spends rolesPerShift / members of their time on
 * call. */
export interface Rotation {
  /** People in the rotation, all sites together. */
  members: number;
  /** 2 (primary + secondary, the default) or 1. */
  rolesPerShift?: number;
  /** 1 (the default) or 2 (follow the sun). */
  sites?: number;
  /** Default 168 (one week). */
  shiftHours?: number;
}

/** Pages as columns, one entry per notification in every array: the fast form for long histories (a year of
 * 20,000 pages crosses into WebAssembly in milliseconds, where objects cost far more). Numeric arrays may be
 * Float64Array or number[]. Channels are not in this form: leave email out. */
export interface OnCallPageColumns {
  /** Epoch milliseconds. */
  at: Float64Array | number[];
  /** Index into `responders`. */
  responder: Float64Array | number[];
  /** Epoch milliseconds; NaN (or null) when not acknowledged. */
  acknowledgedAt?: Float64Array | (number | null)[];
  /** Numeric incident ids (separate from the string ids of `pages`); NaN (or null) for a page that is its own
   * incident. */
  incident?: Float64Array | (number | null)[];
  /** 1 high, 0 low, NaN (or null) unknown. */
  highUrgency?: Float64Array | (number | null)[];
}

/** Input of {@link onCallLoad}. */
export interface OnCallInput {
  /** Every page must fall inside it; shifts are clipped to it. */
  period: Interval;
  /** At least one; ids unique. */
  responders: Responder[];
  pages?: OnCallPage[];
  /** Counted together with `pages`. */
  pageColumns?: OnCallPageColumns;
  shifts?: OnCallShift[];
  rotation?: Rotation;
}

export interface ResponderLoad {
  responder: string;
  timeZone: string;
  interruptions: number;
  /** 08:00–18:00 Mon–Fri, local. */
  business: number;
  /** 18:00–22:00 Mon–Fri and 08:00–22:00 Sat–Sun, local. */
  offHours: number;
  /** 22:00–08:00 daily, local. */
  sleep: number;
  highUrgency: number;
  acknowledged: number;
  /** Mean time to acknowledge, seconds. */
  mttaSeconds?: number;
  interruptionsPerWeek: number;
  shareOfInterruptions: number;
  /** Present with shifts; overlapping shifts count once. */
  onCallSeconds?: number;
  onCallShare?: number;
}

export interface ShiftLoad {
  /** Index in the input. */
  index: number;
  responder: string;
  start: string;
  end: string;
  interruptions: number;
  /** Distinct incidents. */
  incidents: number;
  /** incidents × 12 h / shift length. */
  incidentsPer12Hours: number;
  /** Above the SRE book's 2 per 12 hours. */
  overLimit: boolean;
}

export interface OnCallTotals {
  notifications: number;
  email: number;
  /** Notifications merged into another at the same instant for the same responder. */
  merged: number;
  interruptions: number;
  business: number;
  offHours: number;
  sleep: number;
  highUrgency: number;
  mttaSeconds?: number;
}

/** Incidents per 12-hour block from the period's start, each incident in the block of its first interruption. */
export interface IncidentLoad {
  incidents: number;
  blocks: number;
  per12Hours: number;
  /** 2. */
  limitPer12Hours: number;
  busiestBlock: number;
  blocksOverLimit: number;
}

export interface Fairness {
  /** Gini of interruptions per responder: 0 when equal, in [0, 1). */
  gini: number;
  sleepGini: number;
  busiestResponder: string;
  busiestShare: number;
  busiestPerWeek: number;
}

export interface TimeOnCall {
  maxShare: number;
  meanShare: number;
  /** 0.25. */
  limit: number;
  respondersOverLimit: number;
}

/** The rotation against the SRE book. */
export interface RotationReport {
  rotation: Required<Rotation>;
  /** rolesPerShift / members. */
  onCallShare: number;
  /** 0.25. */
  onCallLimit: number;
  overLimit: boolean;
  /** 8 for single-site primary + secondary, 12 (6 per site) dual-site. */
  minimumMembers: number;
  minimumMembersPerSite: number;
  meetsMinimum: boolean;
  /** shiftHours / 6 (6 hours per incident). */
  incidentCapacityPerShift: number;
}

/** Result of {@link onCallLoad}. */
export interface OnCallReport {
  period: { start: string; end: string };
  weeks: number;
  totals: OnCallTotals;
  /** In input order. */
  responders: ResponderLoad[];
  /** In input order. */
  shifts: ShiftLoad[];
  shiftsOverLimit: number;
  incidentLoad: IncidentLoad;
  fairness: Fairness;
  /** Present with shifts. */
  timeOnCall?: TimeOnCall;
  /** Present with `rotation`. */
  rotation?: RotationReport;
  sleepPerResponderWeek: number;
  /** The window convention, in words. */
  windows: string;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_TOIL: &'static str = r#"
/** Hours logged in one category for one person-week. */
export interface ToilEntry {
  /** Default "" (one anonymous person). */
  person?: string;
  /** Any instant in the ISO week (Monday 00:00 in timeZone). */
  week: Timestamp;
  category: string;
  /** ≥ 0. */
  hours: number;
  /** Default true; log engineering work with false. */
  toil?: boolean;
}

/** A toil fraction for one person-week. */
export interface ToilShare {
  person?: string;
  week: Timestamp;
  /** 0 to 1. */
  toilFraction: number;
}

/** Automate a fraction (0 to 1) of a toil category's hours. */
export interface ToilAutomation {
  category: string;
  fraction: number;
}

/** Input of {@link toil}. Give entries, shares or both. */
/** Toil entries as columns, one entry per logged row in each array: the fast form for long logs. People and
 * categories are indices into the name lists. Errors name the column and the row (`entryColumns.hours[17]`). */
export interface ToilEntryColumns {
  /** The names `person` indexes; absent: one anonymous person. */
  people?: string[];
  person?: Uint8Array | Uint16Array | Uint32Array | Float64Array | number[];
  /** Any instant in the week, epoch milliseconds. */
  week: Float64Array | number[];
  categories: string[];
  category: Uint8Array | Uint16Array | Uint32Array | Float64Array | number[];
  hours: Float64Array | number[];
  /** 1 toil (the default), 0 engineering work. */
  toil?: Uint8Array | Float64Array | number[];
}

export interface ToilInput {
  entries?: ToilEntry[];
  /** More entries as columns (the fast form), counted after `entries`. */
  entryColumns?: ToilEntryColumns;
  shares?: ToilShare[];
  /** When given, a week's share is toil hours / hoursPerWeek ("capacity"); otherwise toil / hours logged ("logged"). */
  hoursPerWeek?: number;
  /** Default "UTC". */
  timeZone?: string;
  automate?: ToilAutomation[];
}

/** Result of {@link toil}. */
export interface ToilReport {
  basis: "capacity" | "logged";
  /** Mean over person-weeks. */
  share: number;
  /** 0.5 (SRE book). */
  cap: number;
  /** 0.33. */
  googleAverage: number;
  overCap: boolean;
  personWeeks: number;
  personWeeksOverCap: number;
  toilHours: number;
  /** Most hours first. */
  categories: { category: string; hours: number; hoursPerWeek: number; shareOfToil: number }[];
  /** Highest share first. */
  people: { person: string; weeks: number; share: number; weeksOverCap: number; overCap: boolean }[];
  /** Oldest first; week is the Monday, "YYYY-MM-DD". */
  weeks: { week: string; people: number; share: number }[];
  /** Least-squares slope of the weekly share, per week; absent with fewer than two weeks. */
  trendPerWeek?: number;
  automation: { category: string; fraction: number; hoursFreed: number; hoursFreedPerWeek: number; shareAfter: number }[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_SURVEY: &'static str = r#"
export type SquadVoteColour = "green" | "yellow" | "red";
export type TrendArrow = "improving" | "stable" | "worsening";
export type AtlassianRating = "healthy" | "bitSick" | "sick";

/** Input of {@link surveyHealth}. Rows with the same team and `at` form one session. */
export interface SurveyInput {
  /** Spotify squad health check: one row per vote. */
  squadHealth?: { team: string; at: Timestamp; card: string; vote: SquadVoteColour; trend?: TrendArrow }[];
  /** Atlassian team health monitor: one row per rating. */
  atlassian?: { team: string; at: Timestamp; attribute: string; rating: AtlassianRating }[];
  /** Whole numbers 0–10. */
  enps?: { team: string; at: Timestamp; score: number }[];
  /** Whole numbers 1–5 (the same rules as {@link csat}). */
  csat?: { team: string; at: Timestamp; score: number }[];
}

/** A card or attribute in one session. good/middling/bad are green/yellow/red or healthy/bitSick/sick. */
export interface SurveyItem {
  name: string;
  votes: number;
  good: number;
  middling: number;
  bad: number;
  /** 0–100: good 100, middling 50, bad 0, averaged. */
  score: number;
  /** The majority; ties go to the worse. */
  verdict: SquadVoteColour | AtlassianRating;
  /** Squad health: the majority arrow; ties go to the worse. */
  trend?: TrendArrow;
  /** Score change since the team's previous session with this item. */
  change?: number;
}

export interface SurveySession {
  team: string;
  at: string;
  score: number;
  /** Worst first. */
  items: SurveyItem[];
}

/** Result of {@link surveyHealth}. Sessions are ordered by team, then time. */
export interface SurveyReport {
  squadHealth: SurveySession[];
  atlassian: SurveySession[];
  enps: { team: string; at: string; responses: number; promoters: number; passives: number; detractors: number;
          /** −100 to +100. */ enps: number; change?: number }[];
  csat: (Csat & { team: string; at: string; change?: number })[];
  /** Worst first; score is the mean of the latest instruments (eNPS as (eNPS + 100) / 2, CSAT × 100). */
  teams: { team: string; score: number; squadHealth?: number; atlassian?: number; enps?: number; csat?: number }[];
  /** Mean team score, 0–100. */
  score: number;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_HEALTH: &'static str = r#"
/** A part of the team-health score. */
export type HealthPart = "delivery" | "sleepPages" | "incidentLoad" | "onCallTime" | "busiestLoad" | "toil" | "surveys";

/** Weights of the parts ("team-health-v1" defaults: delivery 0.20, sleepPages 0.15, incidentLoad 0.15,
 * onCallTime 0.10, busiestLoad 0.10, toil 0.15, surveys 0.15). Finite, ≥ 0, not all 0. */
export type HealthWeights = Partial<Record<HealthPart, number>>;

/** A what-if scenario; the changes combine. */
export interface HealthScenario {
  name?: string;
  /** The new rotation size. */
  rotationMembers?: number;
  /** Fraction of pages removed, 0 to 1. */
  pageReduction?: number;
  automate?: ToilAutomation[];
  /** New shift length; changes incidents per shift, not the score. */
  shiftHours?: number;
}

/** Input of {@link teamHealth}: any of the parts, at least one. */
export interface TeamHealthInput {
  dora?: DoraInput;
  onCall?: OnCallInput;
  toil?: ToilInput;
  /** One team's surveys (several teams are averaged). */
  surveys?: SurveyInput;
  weights?: HealthWeights;
  whatIf?: HealthScenario[];
}

/** The measures the score is built from; absent without data. */
export interface HealthFactors {
  delivery?: number;
  sleepPerResponderWeek?: number;
  incidentsPer12Hours?: number;
  onCallShare?: number;
  busiestPerWeek?: number;
  toilShare?: number;
  surveys?: number;
}

export interface HealthPartScore {
  part: HealthPart;
  available: boolean;
  measure?: number;
  /** 0–100. */
  subscore?: number;
  weight: number;
  /** Renormalised over the available parts. */
  effectiveWeight: number;
  /** effectiveWeight × subscore. */
  contribution: number;
  /** effectiveWeight × (100 − subscore). */
  drag: number;
  explanation: string;
}

export interface HealthScore {
  /** "team-health-v1". */
  version: string;
  /** 0–100. */
  score: number;
  parts: HealthPartScore[];
  /** The largest drags in words, at most three. */
  drivers: string[];
  dropped: HealthPart[];
  /** Present when parts were dropped and weights renormalised. */
  note?: string;
}

export interface HealthWhatIf {
  scenario: { name: string; rotationMembers?: number; pageReduction?: number; automate: ToilAutomation[]; shiftHours?: number };
  score: HealthScore;
  scoreChange: number;
  before: HealthFactors;
  after: HealthFactors;
  rotation?: RotationReport;
  shift?: { shiftHours: number; incidentsPerShift: number; capacityPerShift: number; overCapacity: boolean };
  toilHoursFreedPerWeek?: number;
}

/** Result of {@link teamHealth}. */
export interface TeamHealthReport {
  score: HealthScore;
  factors: HealthFactors;
  dora?: DoraReport;
  onCall?: OnCallReport;
  toil?: ToilReport;
  surveys?: SurveyReport;
  whatIf: HealthWhatIf[];
}
"#;

/// DORA keys from deployments and incidents: deployment frequency (per day, per week, deployment days, bucket),
/// change lead time (median, p90), change fail rate (failed deployments / deployments, with the counts), failed
/// deployment recovery time, time to restore, and rework rate, each classified against a named benchmark set
/// (`dora-2023` unless `benchmark` says `dora-2021`).
///
/// @example
/// ```ts
/// const r = dora({ deployments: [
///   { at: "2026-03-02T09:00:00Z" }, { at: "2026-03-02T10:00:00Z" },
///   { at: "2026-03-02T11:00:00Z", failed: true }, { at: "2026-03-02T12:00:00Z" },
/// ] });
/// r.changeFailRate.rate;                 // 0.25 (1 of 4)
/// r.changeFailRate.classification.tier;  // "low" (dora-2023: above 15%)
/// ```
#[wasm_bindgen(js_name = dora, unchecked_return_type = "DoraReport")]
pub fn dora(#[wasm_bindgen(unchecked_param_type = "DoraInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let (input, columns) = columns::take(input, "deploymentColumns", columns::deployment_columns);
    call_fast(input, |mut i: team::dora::DoraInput| {
        if columns.is_some() {
            i.deployment_columns = columns;
        }
        team::dora::dora(&i)
    })
}

/// On-call load: interruptions per responder and per shift, split into PagerDuty's business, off-hours and sleep
/// windows in each responder's own time zone (boundaries `[start, end)`), incidents per 12 hours against the SRE
/// book's limit of 2, time on call against 25%, MTTA, and fairness (Gini, busiest share).
///
/// @example
/// ```ts
/// const r = onCallLoad({
///   period: { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" },
///   responders: [{ id: "ana", timeZone: "Europe/Lisbon" }, { id: "bo", timeZone: "America/Chicago" }],
///   pages: [{ at: "2026-03-03T03:00:00Z", responder: "ana", acknowledgedAt: "2026-03-03T03:04:00Z" }],
///   rotation: { members: 6 },
/// });
/// r.responders[0].sleep;        // 1 (03:00 in Lisbon)
/// r.rotation?.onCallShare;      // 0.3333333333333333 (2 / 6)
/// ```
#[wasm_bindgen(js_name = onCallLoad, unchecked_return_type = "OnCallReport")]
pub fn on_call_load(#[wasm_bindgen(unchecked_param_type = "OnCallInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let (rest, columns) = if input.is_object() { take_columns(&input) } else { (input, None) };
    call_fast(rest, |mut i: team::oncall::OnCallInput| {
        if columns.is_some() {
            i.page_columns = columns;
        }
        team::oncall::on_call_load(&i)
    })
}

/// Toil: the share of time on toil per person-week against the SRE book's 50% cap, per category, person and week,
/// its trend (least-squares slope per week), and the hours that automating a category would free.
///
/// @example
/// ```ts
/// const r = toil({ hoursPerWeek: 40, entries: [
///   { person: "ana", week: "2026-03-02T00:00:00Z", category: "manual deploys", hours: 12 },
///   { person: "ana", week: "2026-03-02T00:00:00Z", category: "tickets", hours: 4 },
/// ], automate: [{ category: "manual deploys", fraction: 0.5 }] });
/// r.share;                    // 0.4 (16 / 40)
/// r.automation[0].shareAfter; // 0.25 ((16 − 6) / 40)
/// ```
#[wasm_bindgen(js_name = toil, unchecked_return_type = "ToilReport")]
pub fn toil(#[wasm_bindgen(unchecked_param_type = "ToilInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let (input, columns) = columns::take(input, "entryColumns", columns::toil_columns);
    call_fast(input, |mut i: team::toil::ToilInput| {
        if columns.is_some() {
            i.entry_columns = columns;
        }
        team::toil::toil(&i)
    })
}

/// Surveys per team and over time, worst first: Spotify squad health checks (green / yellow / red with trend),
/// Atlassian ratings (healthy / bit sick / sick), eNPS (0–10 answers) and CSAT (1–5, computed by {@link csat}).
///
/// @example
/// ```ts
/// const r = surveyHealth({ enps: [
///   { team: "core", at: "2026-03-01T00:00:00Z", score: 10 }, { team: "core", at: "2026-03-01T00:00:00Z", score: 8 },
///   { team: "core", at: "2026-03-01T00:00:00Z", score: 3 }, { team: "core", at: "2026-03-01T00:00:00Z", score: 9 },
/// ] });
/// r.enps[0].enps; // 25 (50% promoters − 25% detractors)
/// ```
#[wasm_bindgen(js_name = surveyHealth, unchecked_return_type = "SurveyReport")]
pub fn survey_health(#[wasm_bindgen(unchecked_param_type = "SurveyInput")] input: JsValue) -> Result<JsValue, JsValue> {
    call_fast(input, |i| team::survey::survey_health(&i))
}

/// Team health: every part given (DORA, on-call, toil, surveys), one explainable 0–100 score with versioned,
/// adjustable weights, each part's contribution and the top drivers in words, and what-if scenarios (rotation
/// size, page volume, automation, shift length). Parts without data are dropped and the weights renormalised.
///
/// @example
/// ```ts
/// const r = teamHealth({
///   onCall: { period: { start: "2026-03-02T00:00:00Z", end: "2026-03-09T00:00:00Z" },
///             responders: [{ id: "ana", timeZone: "UTC" }], rotation: { members: 6 } },
///   toil: { shares: [{ week: "2026-03-02T00:00:00Z", toilFraction: 0.3 }] },
///   whatIf: [{ name: "hire two", rotationMembers: 8 }],
/// });
/// r.score.dropped.join();            // "delivery,surveys" (no data: weights renormalised)
/// r.whatIf[0].after.onCallShare;     // 0.25 (from 0.333)
/// ```
#[wasm_bindgen(js_name = teamHealth, unchecked_return_type = "TeamHealthReport")]
pub fn team_health(
    #[wasm_bindgen(unchecked_param_type = "TeamHealthInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let on_call = if input.is_object() { get(&input, "onCall") } else { JsValue::UNDEFINED };
    let (input, columns) = if on_call.is_object() {
        match take_columns(&on_call) {
            (rest, Some(c)) => {
                let copy = js_sys::Object::assign(&js_sys::Object::new(), input.unchecked_ref());
                let _ = js_sys::Reflect::set(&copy, &JsValue::from_str("onCall"), &rest);
                (copy.into(), Some(c))
            }
            (_, None) => (input, None),
        }
    } else {
        (input, None)
    };
    let (input, deployments) = columns::take_in(input, "dora", "deploymentColumns", columns::deployment_columns);
    let (input, entries) = columns::take_in(input, "toil", "entryColumns", columns::toil_columns);
    call_fast(input, |mut i: team::health::TeamHealthInput| {
        if let (Some(c), Some(o)) = (columns, i.on_call.as_mut()) {
            o.page_columns = Some(c);
        }
        if let (Some(c), Some(d)) = (deployments, i.dora.as_mut()) {
            d.deployment_columns = Some(c);
        }
        if let (Some(c), Some(t)) = (entries, i.toil.as_mut()) {
            t.entry_columns = Some(c);
        }
        team::health::team_health(&i)
    })
}
