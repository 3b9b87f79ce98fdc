//! `scorecard`: every service and team of an organisation document, scored at one instant, with a status in
//! words and the drivers behind it.
//!
//! Status rules (each threshold is an option, with the default shown):
//! - **SLA**: `critical` when the period's downtime already exceeds its allowance; `atRisk` when less than
//!   `slaAtRiskRemaining` (25%) of the allowance is left, or when downtime so far, extrapolated over the whole
//!   period at the same pace, would exceed it; otherwise `healthy`.
//! - **SLO**: from the budget report's policy state: `exhausted` is `critical`, `healthy` is `healthy`, and any
//!   other state (such as `atRisk` or a caller's `releaseFreeze`) is `atRisk`.
//! - **Tickets**: `atRisk` when fewer than `ticketTarget` (95%) of the decided response and resolution clocks
//!   met their SLA.
//! - **Service**: the worst of its parts; `noData` when it has none.
//! - **Resource**: `critical` when usage is already past its threshold (capacity less any reserve, times the
//!   utilisation target); `atRisk` when the earliest plausible crossing (the upper interval bound) falls within
//!   `runwayWarningDays` (90) of `asOf`; otherwise `healthy`.
//! - **Team**: the team-health score: `healthy` at `teamHealthy` (70) or more, `critical` below `teamCritical`
//!   (50), `atRisk` between.

use serde::{Deserialize, Serialize};

use super::document::{OrgDocument, Service, Team};
use super::validate::structure;
use crate::budget::report::SloHistory;
use crate::error::{Error, Result, check, index_path};
use crate::num::{Fixed, Num};
use crate::sla::incidents::incident_metrics;
use crate::sla::report::sla_report;
use crate::sla::tickets::ticket_sla;
use crate::team::health::team_health;
use crate::time::Timestamp;

/// Options of [`scorecard`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ScorecardOptions {
    /// The instant the whole document is evaluated at.
    pub as_of: Timestamp,
    /// An SLA is at risk below this fraction of its allowance left. Default 0.25.
    #[serde(default = "default_sla_at_risk")]
    pub sla_at_risk_remaining: f64,
    /// Tickets are at risk when fewer than this fraction met their SLA. Default 0.95.
    #[serde(default = "default_ticket_target")]
    pub ticket_target: f64,
    /// A team is healthy at or above this score. Default 70.
    #[serde(default = "default_team_healthy")]
    pub team_healthy: f64,
    /// A team is critical below this score. Default 50.
    #[serde(default = "default_team_critical")]
    pub team_critical: f64,
    /// A resource is at risk when its earliest plausible crossing is this many days away or fewer. Default 90.
    #[serde(default = "default_runway_warning_days")]
    pub runway_warning_days: f64,
}

pub(crate) fn default_sla_at_risk() -> f64 {
    0.25
}
pub(crate) fn default_ticket_target() -> f64 {
    0.95
}
pub(crate) fn default_team_healthy() -> f64 {
    70.0
}
pub(crate) fn default_team_critical() -> f64 {
    50.0
}
pub(crate) fn default_runway_warning_days() -> f64 {
    90.0
}

impl ScorecardOptions {
    /// The defaults, evaluated at `as_of`.
    pub fn default_at(as_of: Timestamp) -> Self {
        ScorecardOptions {
            as_of,
            sla_at_risk_remaining: default_sla_at_risk(),
            ticket_target: default_ticket_target(),
            team_healthy: default_team_healthy(),
            team_critical: default_team_critical(),
            runway_warning_days: default_runway_warning_days(),
        }
    }

    fn validate(&self) -> Result<()> {
        check::fraction(self.sla_at_risk_remaining, "slaAtRiskRemaining")?;
        check::fraction(self.ticket_target, "ticketTarget")?;
        check::non_negative(self.runway_warning_days, "runwayWarningDays")?;
        let healthy = check::finite(self.team_healthy, "teamHealthy")?;
        let critical = check::finite(self.team_critical, "teamCritical")?;
        if !(0.0..=100.0).contains(&healthy) || !(0.0..=healthy).contains(&critical) {
            return Err(Error::new(
                crate::ErrorCode::OutOfRange,
                "teamCritical",
                format!("need 0 ≤ teamCritical ≤ teamHealthy ≤ 100, got {} and {}", Num(critical), Num(healthy)),
            ));
        }
        Ok(())
    }
}

/// A status, always shown with words, never by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Nothing to score.
    NoData,
    /// Within its targets with room to spare.
    Healthy,
    /// Within its targets, but close or trending out.
    AtRisk,
    /// Outside its targets.
    Critical,
}

impl Status {
    /// The status in words.
    pub fn text(self) -> &'static str {
        match self {
            Status::NoData => "no data",
            Status::Healthy => "healthy",
            Status::AtRisk => "at risk",
            Status::Critical => "critical",
        }
    }
}

/// A reason behind a status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    /// How much it matters.
    pub status: Status,
    /// What it is, in words.
    pub message: String,
}

/// The SLA part of a service card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlaCard {
    /// The status.
    pub status: Status,
    /// The target.
    pub target: f64,
    /// The period measured.
    pub start: Timestamp,
    /// Its end.
    pub end: Timestamp,
    /// Availability over the period (time after `asOf` counts as up).
    pub availability: f64,
    /// Downtime so far, seconds.
    pub downtime_seconds: f64,
    /// The period's allowance, seconds.
    pub allowed_downtime_seconds: f64,
    /// What is left of it, seconds.
    pub remaining_allowance_seconds: f64,
    /// Downtime extrapolated over the whole period at the pace so far (null once the period is over).
    pub projected_downtime_seconds: Option<f64>,
    /// Met so far.
    pub met: bool,
    /// The service credit owed, when the document has a credit table.
    pub credit: Option<f64>,
}

/// One SLO of a service card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SloCard {
    /// The SLO's name.
    pub name: String,
    /// The status.
    pub status: Status,
    /// The objective.
    pub objective: f64,
    /// The attained SLI (null without data).
    pub sli: Option<f64>,
    /// Budget remaining, a fraction.
    pub remaining: f64,
    /// The current burn rate.
    pub burn_rate: f64,
    /// The burn rate over the window so far.
    pub window_burn_rate: f64,
    /// When the budget runs out at the current burn (null when not burning).
    pub exhaustion_at: Option<Timestamp>,
    /// The policy state.
    pub policy_state: String,
}

/// The ticket part of a service card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketCard {
    /// The status.
    pub status: Status,
    /// Tickets counted.
    pub tickets: usize,
    /// Clocks (response and resolution) that met their SLA.
    pub met: usize,
    /// Clocks that breached.
    pub breached: usize,
    /// met / (met + breached); null when none is decided yet.
    pub within_sla: Option<f64>,
}

/// The incident part of a service card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentCard {
    /// Incidents counted.
    pub incidents: usize,
    /// Mean (or median) time to resolve, seconds.
    pub mttr_seconds: Option<f64>,
    /// Mean time to acknowledge, seconds.
    pub mtta_seconds: Option<f64>,
    /// Mean time between failures, seconds.
    pub mtbf_seconds: Option<f64>,
}

/// A service's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCard {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its team's id.
    pub team: Option<String>,
    /// The worst of its parts.
    pub status: Status,
    /// The status in words.
    pub status_text: &'static str,
    /// One line for a dashboard.
    pub headline: String,
    /// The SLA, when it has one.
    pub sla: Option<SlaCard>,
    /// Its SLOs.
    pub slos: Vec<SloCard>,
    /// Ticket SLAs, when it has tickets.
    pub tickets: Option<TicketCard>,
    /// Incident metrics, when it has incidents.
    pub incidents: Option<IncidentCard>,
    /// Why it has its status, worst first.
    pub drivers: Vec<Driver>,
}

/// A team's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamCard {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// From its score.
    pub status: Status,
    /// The status in words.
    pub status_text: &'static str,
    /// The team-health score, 0–100.
    pub score: f64,
    /// The largest drag on the score, in words.
    pub top_driver: Option<String>,
    /// The score's drivers, largest first.
    pub drivers: Vec<String>,
    /// Says when parts were missing and the weights renormalised.
    pub note: Option<String>,
    /// The services it runs.
    pub services: Vec<String>,
}

/// A capacity resource's runway.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceCard {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The service it serves.
    pub service: Option<String>,
    /// From its headroom and runway.
    pub status: Status,
    /// The status in words.
    pub status_text: &'static str,
    /// One line for a dashboard.
    pub headline: String,
    /// The last observed usage.
    pub current: f64,
    /// The threshold: capacity less any reserve, times the utilisation target.
    pub threshold: f64,
    /// Threshold minus current usage (negative when past it).
    pub headroom: f64,
    /// When the forecast mean crosses the threshold, within the horizon.
    pub runway_at: Option<Timestamp>,
    /// The earliest plausible crossing (upper interval bound).
    pub earliest_at: Option<Timestamp>,
    /// The latest plausible crossing (lower interval bound).
    pub latest_at: Option<Timestamp>,
    /// The end of the forecast horizon: no crossing before it means none was found.
    pub horizon_end: Timestamp,
    /// The interval level behind `earliestAt` and `latestAt`.
    pub level: f64,
}

/// How many cards have each status.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Healthy.
    pub healthy: usize,
    /// At risk.
    pub at_risk: usize,
    /// Critical.
    pub critical: usize,
    /// No data.
    pub no_data: usize,
}

impl Tally {
    fn add(&mut self, s: Status) {
        match s {
            Status::Healthy => self.healthy += 1,
            Status::AtRisk => self.at_risk += 1,
            Status::Critical => self.critical += 1,
            Status::NoData => self.no_data += 1,
        }
    }
}

/// Result of [`scorecard`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    /// The organisation's name.
    pub name: String,
    /// The document version read.
    pub version: u32,
    /// The instant evaluated.
    pub as_of: Timestamp,
    /// Services by status.
    pub service_status: Tally,
    /// Teams by status.
    pub team_status: Tally,
    /// Every service, in document order.
    pub services: Vec<ServiceCard>,
    /// Resources by status.
    pub resource_status: Tally,
    /// Every resource, in document order.
    pub resources: Vec<ResourceCard>,
    /// Every team, in document order.
    pub teams: Vec<TeamCard>,
}

/// Score a whole organisation at `options.as_of`. Errors: the first structural problem (see `validateOrg` for
/// all of them), then the first section an engine rejects, with its full path (`services[2].slos[0].series`).
pub fn scorecard(doc: &OrgDocument, options: &ScorecardOptions) -> Result<Scorecard> {
    options.validate()?;
    if let Some(e) = structure(doc).into_iter().next() {
        return Err(e);
    }
    let mut service_status = Tally::default();
    let mut services = Vec::with_capacity(doc.services.len());
    for (i, s) in doc.services.iter().enumerate() {
        let card = score_service(s, options).map_err(|e| e.within(&index_path("services", i)))?;
        service_status.add(card.status);
        services.push(card);
    }
    let mut resource_status = Tally::default();
    let mut resources = Vec::with_capacity(doc.resources.len());
    for (i, r) in doc.resources.iter().enumerate() {
        let card = score_resource(r, options).map_err(|e| e.within(&index_path("resources", i)))?;
        resource_status.add(card.status);
        resources.push(card);
    }
    let mut team_status = Tally::default();
    let mut teams = Vec::with_capacity(doc.teams.len());
    for (i, t) in doc.teams.iter().enumerate() {
        let mut card = score_team(t).map_err(|e| e.within(&index_path("teams", i)))?;
        card.status = team_status_of(card.score, options);
        card.status_text = card.status.text();
        card.services =
            doc.services.iter().filter(|s| s.team.as_deref() == Some(&t.id)).map(|s| s.id.clone()).collect();
        team_status.add(card.status);
        teams.push(card);
    }
    Ok(Scorecard {
        name: doc.name.clone(),
        version: doc.version,
        as_of: options.as_of,
        service_status,
        team_status,
        services,
        resource_status,
        resources,
        teams,
    })
}

fn team_status_of(score: f64, o: &ScorecardOptions) -> Status {
    if score >= o.team_healthy {
        Status::Healthy
    } else if score < o.team_critical {
        Status::Critical
    } else {
        Status::AtRisk
    }
}

/// Score one service. Errors carry paths inside the service (`sla.outages[3].end`).
pub fn score_service(s: &Service, o: &ScorecardOptions) -> Result<ServiceCard> {
    let mut drivers = Vec::new();
    let sla = match &s.sla {
        Some(input) => Some(sla_card(input, o, &mut drivers).map_err(|e| e.within("sla"))?),
        None => None,
    };
    let mut slos = Vec::with_capacity(s.slos.len());
    for (i, slo) in s.slos.iter().enumerate() {
        let path = index_path("slos", i);
        let mut history = SloHistory::new(&slo.series, "series").map_err(|e| e.within(&path))?;
        let mut options = slo.options.clone();
        options.as_of = Some(o.as_of);
        let r = history.report(&slo.slo, &options).map_err(|e| e.within(&path))?;
        let status = match r.policy_state.as_str() {
            "healthy" => Status::Healthy,
            "exhausted" => Status::Critical,
            _ => Status::AtRisk,
        };
        if status > Status::Healthy {
            let until = r.exhaustion_at.map(|t| format!(", exhausted by {}", &t.to_string()[..10])).unwrap_or_default();
            drivers.push(Driver {
                status,
                message: format!(
                    "SLO \"{}\": {}% of the error budget left, burning at {}×{until}",
                    slo.name,
                    Fixed(r.remaining.fraction.max(0.0) * 100.0, 0),
                    Fixed(r.current_burn_rate.burn_rate, 1)
                ),
            });
        }
        slos.push(SloCard {
            name: slo.name.clone(),
            status,
            objective: r.objective,
            sli: r.sli,
            remaining: r.remaining.fraction,
            burn_rate: r.current_burn_rate.burn_rate,
            window_burn_rate: r.window_burn_rate,
            exhaustion_at: r.exhaustion_at,
            policy_state: r.policy_state.clone(),
        });
    }
    let tickets = match &s.tickets {
        Some(input) => Some(ticket_card(input, o, &mut drivers).map_err(|e| e.within("tickets"))?),
        None => None,
    };
    let incidents = match &s.incidents {
        Some(input) => {
            let m = incident_metrics(input).map_err(|e| e.within("incidents"))?;
            Some(IncidentCard {
                incidents: m.overall.incidents,
                mttr_seconds: m.overall.mttr.seconds,
                mtta_seconds: m.overall.mtta.seconds,
                mtbf_seconds: m.overall.mtbf.seconds,
            })
        }
        None => None,
    };
    let parts =
        sla.iter().map(|c| c.status).chain(slos.iter().map(|c| c.status)).chain(tickets.iter().map(|c| c.status));
    let status = parts.max().unwrap_or(Status::NoData);
    crate::sort::sort_by_key(&mut drivers, |d| std::cmp::Reverse(d.status));
    let headline = match (drivers.first(), &sla) {
        (Some(d), _) => d.message.clone(),
        (None, Some(c)) => format!(
            "SLA met: {}% against {}%, {} of the allowance left",
            Fixed(c.availability * 100.0, 3),
            Fixed(c.target * 100.0, 3),
            crate::time::format_duration(c.remaining_allowance_seconds)
        ),
        (None, None) if status == Status::NoData => "no SLA, SLO or ticket data".to_string(),
        (None, None) => "all objectives healthy".to_string(),
    };
    Ok(ServiceCard {
        id: s.id.clone(),
        name: s.display_name().to_string(),
        team: s.team.clone(),
        status,
        status_text: status.text(),
        headline,
        sla,
        slos,
        tickets,
        incidents,
        drivers,
    })
}

fn sla_card(
    input: &crate::sla::report::SlaReportInput,
    o: &ScorecardOptions,
    drivers: &mut Vec<Driver>,
) -> Result<SlaCard> {
    // A calendar period without `containing` is the one containing asOf.
    let report = if input.period.unit.is_some() && input.period.containing.is_none() {
        let mut filled = input.clone();
        filled.period.containing = Some(o.as_of);
        sla_report(&filled)?
    } else {
        sla_report(input)?
    };
    let f = &report.figures;
    let elapsed = crate::num::clamp(f.start.secs_until(o.as_of), 0.0, f.period_seconds);
    let projected = (o.as_of < f.end && elapsed > 0.0).then(|| f.downtime_seconds * f.period_seconds / elapsed);
    let remaining_share =
        if f.allowed_downtime_seconds > 0.0 { f.remaining_allowance_seconds / f.allowed_downtime_seconds } else { 0.0 };
    let fmt = crate::time::format_duration;
    let status = if !f.met {
        drivers.push(Driver {
            status: Status::Critical,
            message: format!(
                "SLA breached: {} down against {} allowed ({}% < {}%)",
                fmt(f.downtime_seconds),
                fmt(f.allowed_downtime_seconds),
                Fixed(f.availability * 100.0, 3),
                Fixed(report.target * 100.0, 3)
            ),
        });
        Status::Critical
    } else if remaining_share < o.sla_at_risk_remaining {
        drivers.push(Driver {
            status: Status::AtRisk,
            message: format!(
                "SLA at risk: {}% of the allowance left ({} of {})",
                Fixed(remaining_share * 100.0, 0),
                fmt(f.remaining_allowance_seconds),
                fmt(f.allowed_downtime_seconds)
            ),
        });
        Status::AtRisk
    } else if let Some(p) = projected.filter(|p| *p > f.allowed_downtime_seconds) {
        drivers.push(Driver {
            status: Status::AtRisk,
            message: format!(
                "SLA at risk: at this pace the period ends with {} down against {} allowed",
                fmt(p),
                fmt(f.allowed_downtime_seconds)
            ),
        });
        Status::AtRisk
    } else {
        Status::Healthy
    };
    Ok(SlaCard {
        status,
        target: report.target,
        start: f.start,
        end: f.end,
        availability: f.availability,
        downtime_seconds: f.downtime_seconds,
        allowed_downtime_seconds: f.allowed_downtime_seconds,
        remaining_allowance_seconds: f.remaining_allowance_seconds,
        projected_downtime_seconds: projected,
        met: f.met,
        credit: f.credit,
    })
}

fn ticket_card(
    input: &crate::sla::tickets::TicketInput,
    o: &ScorecardOptions,
    drivers: &mut Vec<Driver>,
) -> Result<TicketCard> {
    let report = if input.as_of == Some(o.as_of) {
        ticket_sla(input)?
    } else {
        let mut at = input.clone();
        at.as_of = Some(o.as_of);
        ticket_sla(&at)?
    };
    let (mut met, mut breached, mut tickets) = (0, 0, 0);
    for p in &report.priorities {
        tickets += p.tickets;
        for c in [&p.response, &p.resolution].into_iter().flatten() {
            met += c.met;
            breached += c.breached;
        }
    }
    let decided = met + breached;
    let within_sla = (decided > 0).then(|| met as f64 / decided as f64);
    let status = match within_sla {
        Some(w) if w < o.ticket_target => {
            drivers.push(Driver {
                status: Status::AtRisk,
                message: format!(
                    "tickets: {}% within SLA against a {}% goal ({breached} breached)",
                    Fixed(w * 100.0, 1),
                    Fixed(o.ticket_target * 100.0, 0)
                ),
            });
            Status::AtRisk
        }
        Some(_) => Status::Healthy,
        None => Status::NoData,
    };
    Ok(TicketCard { status, tickets, met, breached, within_sla })
}

/// Score one resource. Errors carry paths inside the resource (`runway.series.values[3]`).
pub fn score_resource(r: &crate::org::Resource, o: &ScorecardOptions) -> Result<ResourceCard> {
    let report = crate::capacity::runway::runway(&r.runway).map_err(|e| e.within("runway"))?;
    let w = &report.baseline.runway;
    let days = |t: Timestamp| o.as_of.secs_until(t) / 86_400.0;
    let fmt_day = |t: Timestamp| t.to_string().chars().take(10).collect::<String>();
    let (status, headline) = if w.headroom <= 0.0 {
        (
            Status::Critical,
            format!("past its threshold: {} used against {}", Fixed(report.current, 4), Fixed(w.threshold, 4)),
        )
    } else if let Some(e) = w.earliest.as_ref().filter(|e| days(e.at) <= o.runway_warning_days) {
        let mean = w.mean.as_ref().map(|m| format!(", most likely {}", fmt_day(m.at))).unwrap_or_default();
        (Status::AtRisk, format!("may reach its threshold by {}{mean}", fmt_day(e.at)))
    } else {
        let text = match &w.mean {
            Some(m) => format!("reaches its threshold around {}", fmt_day(m.at)),
            None => format!("no crossing forecast before {}", fmt_day(report.horizon_end)),
        };
        (Status::Healthy, text)
    };
    Ok(ResourceCard {
        id: r.id.clone(),
        name: r.display_name().to_string(),
        service: r.service.clone(),
        status,
        status_text: status.text(),
        headline,
        current: report.current,
        threshold: w.threshold,
        headroom: w.headroom,
        runway_at: w.mean.as_ref().map(|c| c.at),
        earliest_at: w.earliest.as_ref().map(|c| c.at),
        latest_at: w.latest.as_ref().map(|c| c.at),
        horizon_end: report.horizon_end,
        level: report.level,
    })
}

/// Score one team (its status is set by the caller, from the options). Errors carry paths inside the team.
pub fn score_team(t: &Team) -> Result<TeamCard> {
    let r = team_health(&t.health)?;
    Ok(TeamCard {
        id: t.id.clone(),
        name: t.display_name().to_string(),
        status: Status::NoData,
        status_text: Status::NoData.text(),
        score: r.score.score,
        top_driver: r.score.drivers.first().cloned(),
        drivers: r.score.drivers.clone(),
        note: r.score.note.clone(),
        services: Vec::new(),
    })
}
