//! The organisation document, version 1.
//!
//! ```json
//! { "version": 1, "name": "Acme",
//!   "services": [{ "id": "checkout", "name": "Checkout API", "team": "payments",
//!                  "sla": { "target": 0.999, "period": { "unit": "month" }, "outages": [] },
//!                  "slos": [{ "name": "availability", "slo": { "objective": 0.999, "window": "28d" },
//!                             "series": { "start": "2026-01-01T00:00:00Z", "step": 60, "good": [], "total": [] } }] }],
//!   "teams": [{ "id": "payments", "name": "Payments", "onCall": { }, "dora": { }, "toil": { }, "surveys": { } }] }
//! ```
//!
//! Each section is the input of one engine, unchanged: `sla` is an `slaReport` input, each SLO is an
//! `errorBudget` input with a name, `incidents` an `incidentMetrics` input, `tickets` a `ticketSla` input, a
//! resource's `runway` a `runway` input, and a team carries the fields of a `teamHealth` input. Two rules are specific to documents:
//! - an SLA period given as `{ "unit": "month" }` without `containing` means the month containing `asOf`;
//! - every `asOf` inside the document is replaced by the scorecard's `asOf`, so one call is evaluated at one
//!   instant.
//!
//! Unknown fields inside the sections are ignored (so documents can carry their own annotations); unknown fields
//! at the top level are errors, because there they are almost always typos.

use serde::{Deserialize, Serialize};

use crate::budget::report::ReportOptions;
use crate::budget::series::SliSeries;
use crate::budget::slo::Slo;
use crate::capacity::runway::RunwayInput;
use crate::sla::incidents::IncidentInput;
use crate::sla::report::SlaReportInput;
use crate::sla::tickets::TicketInput;
use crate::team::dora::DoraInput;
use crate::team::health::TeamHealthInput;
use crate::team::oncall::OnCallInput;
use crate::team::score::Weights;
use crate::team::survey::SurveyInput;
use crate::team::toil::ToilInput;
use crate::team::whatif::Scenario;

/// The version of the document format this build reads and writes.
pub const VERSION: u32 = 1;

/// An organisation: its services and teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrgDocument {
    /// An optional JSON Schema reference, for editors; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The document format version: 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub version: u32,
    /// The organisation's name.
    pub name: String,
    /// The services.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Capacity resources.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// The teams.
    #[serde(default)]
    pub teams: Vec<Team>,
}

/// A capacity resource: its usage history and capacity, as a `runway` input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    /// A unique id within the document.
    pub id: String,
    /// A display name; the id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The id of the service it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The history, capacity, horizon and scenarios: a `runway` input.
    pub runway: RunwayInput,
}

impl Resource {
    /// The display name.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// A service: what it promises and the evidence of how it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// A unique id within the document.
    pub id: String,
    /// A display name; the id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The id of the team that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The availability SLA: an `slaReport` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<SlaReportInput>,
    /// SLOs with their SLI history: `errorBudget` inputs, each with a name.
    #[serde(default)]
    pub slos: Vec<ServiceSlo>,
    /// Incidents: an `incidentMetrics` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidents: Option<IncidentInput>,
    /// Support tickets: a `ticketSla` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets: Option<TicketInput>,
}

impl Service {
    /// The display name.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// One SLO of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceSlo {
    /// A name, unique within the service.
    pub name: String,
    /// The objective, window and budgeting method.
    pub slo: Slo,
    /// The SLI history.
    pub series: SliSeries,
    /// Report options (burn windows, policy thresholds).
    #[serde(default)]
    pub options: ReportOptions,
}

/// A team: the fields of a `teamHealth` input, plus an id and a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "TeamWire", into = "TeamWire")]
pub struct Team {
    /// A unique id within the document.
    pub id: String,
    /// A display name; the id when absent.
    pub name: Option<String>,
    /// DORA, on-call, toil, surveys and weights.
    pub health: TeamHealthInput,
}

/// A team as written: the `teamHealth` fields side by side with `id` and `name`. (Not `#[serde(flatten)]`, which
/// would lose the path of a mistyped field inside. The exhaustive destructuring in `From<Team>` makes the compiler
/// check this list against `TeamHealthInput`.)
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
struct TeamWire {
    /// A unique id within the document.
    id: String,
    /// A display name; the id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Deployments and incidents: a `dora` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dora: Option<DoraInput>,
    /// Pages, responders, shifts and rotation: an `onCallLoad` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    on_call: Option<OnCallInput>,
    /// Toil hours or shares: a `toil` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    toil: Option<ToilInput>,
    /// Squad health checks, attribute ratings, eNPS and CSAT: a `surveyHealth` input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    surveys: Option<SurveyInput>,
    /// Weights of the score's parts; defaults for any left out.
    #[serde(default)]
    weights: Weights,
    /// What-if scenarios.
    #[serde(default)]
    what_if: Vec<Scenario>,
}

impl From<TeamWire> for Team {
    fn from(w: TeamWire) -> Self {
        let TeamWire { id, name, dora, on_call, toil, surveys, weights, what_if } = w;
        Team { id, name, health: TeamHealthInput { dora, on_call, toil, surveys, weights, what_if } }
    }
}

impl From<Team> for TeamWire {
    fn from(t: Team) -> Self {
        let TeamHealthInput { dora, on_call, toil, surveys, weights, what_if } = t.health;
        TeamWire { id: t.id, name: t.name, dora, on_call, toil, surveys, weights, what_if }
    }
}

impl Team {
    /// The display name.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}
