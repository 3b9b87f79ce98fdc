//! JS exports for organisation documents: `scorecard` and `validateOrg`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{from_js, parse_js, to_js, to_js_error};
use crate::org::{OrgDocument, ScorecardOptions, Validation, scorecard as score, validate_org};
use crate::time::Timestamp;

#[wasm_bindgen(typescript_custom_section)]
const TS_ORG: &'static str = r#"
/** An organisation document, format version 1. Each section is the input of one engine, unchanged. */
export interface OrgDocument {
  /** An optional JSON Schema reference for editors; ignored. */
  $schema?: string;
  /** The format version: 1. */
  version: 1;
  /** The organisation's name. */
  name: string;
  services?: OrgService[];
  resources?: OrgResource[];
  teams?: OrgTeam[];
}

/** A capacity resource: its usage history and capacity, as a {@link runway} input. */
export interface OrgResource {
  /** Unique within the document. */
  id: string;
  /** Display name; the id when absent. */
  name?: string;
  /** The id of the service it serves. */
  service?: string;
  runway: RunwayInput;
}

/** A service. */
export interface OrgService {
  /** Unique within the document. */
  id: string;
  /** Display name; the id when absent. */
  name?: string;
  /** The id of the team that runs it. */
  team?: string;
  /** An {@link slaReport} input. A period of `{ unit: "month" }` without `containing` means the month containing
   * the scorecard's `asOf`. */
  sla?: SlaReportInput;
  /** {@link errorBudget} inputs, each with a name unique within the service. `options.asOf` is replaced by the
   * scorecard's. */
  slos?: OrgSlo[];
  /** An {@link incidentMetrics} input. */
  incidents?: IncidentMetricsInput;
  /** A {@link ticketSla} input; its `asOf` is replaced by the scorecard's. */
  tickets?: TicketSlaInput;
}

/** One SLO of a service. */
export interface OrgSlo {
  name: string;
  slo: Slo;
  series: SliSeries;
  options?: ReportOptions;
}

/** A team: the fields of a {@link teamHealth} input, plus an id and a name. */
export interface OrgTeam extends TeamHealthInput {
  id: string;
  name?: string;
}

/** Options of {@link scorecard}. */
export interface ScorecardOptions {
  /** The instant the whole document is evaluated at. */
  asOf: Timestamp;
  /** An SLA is at risk below this fraction of its allowance left. Default 0.25. */
  slaAtRiskRemaining?: number;
  /** Tickets are at risk when fewer than this fraction met their SLA. Default 0.95. */
  ticketTarget?: number;
  /** A team is healthy at or above this score. Default 70. */
  teamHealthy?: number;
  /** A team is critical below this score. Default 50. */
  teamCritical?: number;
  /** A resource is at risk when its earliest plausible crossing is this many days away or fewer. Default 90. */
  runwayWarningDays?: number;
}

/** A status; `statusText` always says it in words too. */
export type ScoreStatus = "noData" | "healthy" | "atRisk" | "critical";

/** A reason behind a status. */
export interface ScoreDriver {
  status: ScoreStatus;
  message: string;
}

/** The SLA part of a service card (seconds; RFC 3339 times). */
export interface SlaCard {
  status: ScoreStatus;
  target: number;
  start: string;
  end: string;
  /** Availability over the period; time after asOf counts as up. */
  availability: number;
  downtimeSeconds: number;
  allowedDowntimeSeconds: number;
  remainingAllowanceSeconds: number;
  /** Downtime extrapolated over the whole period at the pace so far; undefined once the period is over. */
  projectedDowntimeSeconds?: number;
  met: boolean;
  credit?: number;
}

/** One SLO of a service card. */
export interface SloCard {
  name: string;
  status: ScoreStatus;
  objective: number;
  sli?: number;
  /** Budget remaining, a fraction. */
  remaining: number;
  /** The current burn rate. */
  burnRate: number;
  windowBurnRate: number;
  exhaustionAt?: string;
  policyState: string;
}

/** Ticket SLAs of a service card. */
export interface TicketCard {
  status: ScoreStatus;
  tickets: number;
  met: number;
  breached: number;
  withinSla?: number;
}

/** Incident metrics of a service card (seconds). */
export interface IncidentCard {
  incidents: number;
  mttrSeconds?: number;
  mttaSeconds?: number;
  mtbfSeconds?: number;
}

/** A service's scores. */
export interface ServiceCard {
  id: string;
  name: string;
  team?: string;
  status: ScoreStatus;
  statusText: "no data" | "healthy" | "at risk" | "critical";
  /** One line for a dashboard. */
  headline: string;
  sla?: SlaCard;
  slos: SloCard[];
  tickets?: TicketCard;
  incidents?: IncidentCard;
  /** Why it has its status, worst first. */
  drivers: ScoreDriver[];
}

/** A team's scores. */
export interface TeamCard {
  id: string;
  name: string;
  status: ScoreStatus;
  statusText: "no data" | "healthy" | "at risk" | "critical";
  /** The team-health score, 0–100. */
  score: number;
  topDriver?: string;
  drivers: string[];
  note?: string;
  /** Ids of the services it runs. */
  services: string[];
}

/** A capacity resource's runway (RFC 3339 times). */
export interface ResourceCard {
  id: string;
  name: string;
  service?: string;
  status: ScoreStatus;
  statusText: "no data" | "healthy" | "at risk" | "critical";
  headline: string;
  /** The last observed usage. */
  current: number;
  /** Capacity less any reserve, times the utilisation target. */
  threshold: number;
  /** Threshold minus current usage; negative when past it. */
  headroom: number;
  /** When the forecast mean crosses the threshold. */
  runwayAt?: string;
  /** The earliest plausible crossing (upper interval bound). */
  earliestAt?: string;
  /** The latest plausible crossing (lower interval bound). */
  latestAt?: string;
  /** The end of the forecast horizon. */
  horizonEnd: string;
  /** The interval level behind earliestAt and latestAt. */
  level: number;
}

/** How many cards have each status. */
export interface StatusTally {
  healthy: number;
  atRisk: number;
  critical: number;
  noData: number;
}

/** Result of {@link scorecard}. */
export interface Scorecard {
  name: string;
  version: number;
  asOf: string;
  serviceStatus: StatusTally;
  teamStatus: StatusTally;
  resourceStatus: StatusTally;
  services: ServiceCard[];
  resources: ResourceCard[];
  teams: TeamCard[];
}

/** One problem found by {@link validateOrg}. */
export interface OrgProblem {
  code: ErrorCode;
  path: string;
  message: string;
}

/** Result of {@link validateOrg}. */
export interface OrgValidation {
  valid: boolean;
  version: number;
  services: number;
  resources: number;
  teams: number;
  errors: OrgProblem[];
}
"#;

/// Score a whole organisation at one instant: every service (SLA, SLOs, tickets, incidents), every capacity
/// resource (runway) and every team (team-health score), each with a status in words and the drivers behind it. Throws the first problem, with
/// its full path (`services[2].slos[0].series.total[17]`); use {@link validateOrg} to list them all.
///
/// @example
/// ```ts
/// const card = scorecard(
///   { version: 1, name: "Acme", services: [{ id: "api", sla: { target: 0.999, period: { unit: "month" }, outages: [] } }] },
///   { asOf: "2026-03-15T00:00:00Z" },
/// );
/// card.services[0].status; // "healthy"
/// card.services[0].sla?.allowedDowntimeSeconds; // 2678.4 (31 days × 86 400 s × 0.001)
/// ```
#[wasm_bindgen(unchecked_return_type = "Scorecard")]
pub fn scorecard(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScorecardOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: ScorecardOptions = from_js(options, "options")?;
    let doc = read_document(org).map_err(to_js_error)?;
    to_js(&score(&doc, &options).map_err(to_js_error)?)
}

/// Check an organisation document and list every problem, each with its code and path, without throwing for
/// problems in the document (it throws only when `asOf` itself is unreadable). Sections are checked by their
/// engines as the scorecard would run them at `asOf`.
///
/// @example
/// ```ts
/// const v = validateOrg({ version: 1, name: "Acme", services: [{ id: "api", team: "nobody" }] }, "2026-03-15T00:00:00Z");
/// v.valid; // false
/// v.errors[0].code; // "unknown_reference"
/// v.errors[0].path; // "services[0].team"
/// ```
#[wasm_bindgen(js_name = validateOrg, unchecked_return_type = "OrgValidation")]
pub fn validate_org_js(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Timestamp")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of: Timestamp = from_js(as_of, "asOf")?;
    let validation = match read_document(org) {
        Ok(doc) => validate_org(&doc, as_of),
        // A document serde cannot read at all: that one problem, as data.
        Err(e) => Validation { valid: false, version: 0, services: 0, resources: 0, teams: 0, errors: vec![e.into()] },
    };
    to_js(&validation)
}

/// The fields a document may have at its top level.
const TOP_LEVEL: [&str; 6] = ["$schema", "version", "name", "services", "resources", "teams"];

/// Read a document. The top level's unknown fields (almost always typos, such as `servics`) are reported here
/// first, with the list of allowed fields; `deny_unknown_fields` would also catch them in [`parse_js`].
fn read_document(org: JsValue) -> Result<OrgDocument, crate::Error> {
    if org.is_object() && !js_sys::Array::is_array(&org) {
        for key in js_sys::Object::keys(org.unchecked_ref::<js_sys::Object>()) {
            let key = key.as_string().unwrap_or_default();
            if !TOP_LEVEL.contains(&key.as_str()) {
                return Err(crate::Error::new(
                    crate::ErrorCode::InvalidType,
                    "",
                    format!(
                        "unknown field `{key}`, expected one of {}",
                        TOP_LEVEL.map(|k| format!("`{k}`")).join(", ")
                    ),
                ));
            }
        }
    }
    parse_js(org, "")
}
