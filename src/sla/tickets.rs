//! Ticket SLAs: response and resolution targets per priority, in calendar or business hours, with pauses, due
//! times, the running state as of an instant, and per-priority compliance, averages, percentiles and worst
//! offenders.
//!
//! Conventions:
//! - a clock runs from `createdAt` to the completion (`firstResponseAt` for response, `resolvedAt` for resolution);
//!   pauses stop the resolution clock (and the response clock too with `pausesApplyTo: "both"`);
//! - a business clock counts only working time in the calendar; a calendar clock counts all time. With
//!   `dueInWorkingHours`, a calendar-clock due time that falls outside working hours moves to the next working
//!   instant (ServiceNow's behaviour for schedules: due Wed 20:30 against 08:00–16:00 becomes Thu 08:00);
//! - the due time is the first instant at which the clock reaches the target, pushed back by pauses that begin
//!   before it; a ticket completed at or before its due time met the SLA, and one completed after it breached, even
//!   when it completed outside working hours so that the business time elapsed still equals the target;
//! - with `asOf`, nothing after `asOf` has happened yet: later responses, resolutions and pauses are ignored, tickets
//!   created after it are skipped (`notYetCreated`), and an open clock is `running` or, once past due, `breached`;
//! - "within SLA" is met / (met + breached); running clocks that are not yet due are left out;
//! - averages and percentiles are over completed clocks, in the clock's own seconds (business seconds for a
//!   business clock). Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value
//!   at rank ⌈p·n⌉ (so it is always an observed value);
//! - worst offenders are the breached clocks with the largest lateness, in wall-clock seconds past the due time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ticket_eval::{Opts, evaluate};
pub use super::ticket_ids::IdColumn;
pub use super::ticket_table::{PauseColumns, PriorityColumn, TicketColumns, TicketTable};
use crate::calendar::CalendarSpec;
use crate::error::Result;
use crate::time::Timestamp;

/// Which clock a target runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum ClockKind {
    /// Wall-clock time, 24 × 7. The default.
    #[default]
    Calendar,
    /// Working time in the input's `calendar` only.
    Business,
}

/// One target: a duration on a clock.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The allowed duration in seconds, > 0 (on the chosen clock: 8 business hours = 28,800).
    pub seconds: f64,
    /// The clock; `calendar` when absent.
    #[serde(default)]
    pub clock: ClockKind,
    /// Calendar clocks only: move a due time outside working hours to the next working instant.
    #[serde(default)]
    pub due_in_working_hours: bool,
}

/// The targets for one priority.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PriorityTargets {
    /// Time to first response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Target>,
    /// Time to resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Target>,
}

/// A pause of the SLA clock (waiting on the customer, say). `end` absent means still paused.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Pause {
    /// Start, at or after the ticket's creation.
    pub start: Timestamp,
    /// End, after `start` and not after resolution; absent while the ticket is still paused (open tickets only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Timestamp>,
}

/// One ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    /// A unique identifier.
    pub id: String,
    /// A priority named in `targets`.
    pub priority: String,
    /// When the ticket was opened.
    pub created_at: Timestamp,
    /// The first response, at or after creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response_at: Option<Timestamp>,
    /// The resolution, at or after creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Timestamp>,
    /// Pauses, in order, not overlapping.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
}

/// Which clocks pauses stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum PausesApplyTo {
    /// The resolution clock only. The default.
    #[default]
    Resolution,
    /// Both the response and the resolution clock.
    Both,
}

/// How much per-ticket detail to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum TicketDetail {
    /// Every ticket. The default.
    #[default]
    All,
    /// Only breached or running tickets.
    Open,
    /// None: per-priority summaries only (fastest for large what-if loops).
    None,
}

/// Input of [`ticket_sla`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TicketInput {
    /// The tickets.
    pub tickets: Vec<Ticket>,
    /// Targets per priority name.
    pub targets: BTreeMap<String, PriorityTargets>,
    /// The business calendar, required by business clocks and `dueInWorkingHours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// The instant the state is computed at; required when any clock is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Timestamp>,
    /// Which clocks pauses stop; `resolution` when absent.
    #[serde(default)]
    pub pauses_apply_to: PausesApplyTo,
    /// How many worst offenders to list per priority and clock; 5 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_offenders: Option<usize>,
    /// Percentiles to report, each in (0, 1]; [0.5, 0.9, 0.95] when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentiles: Option<Vec<f64>>,
    /// Per-ticket detail; `all` when absent.
    #[serde(default)]
    pub detail: TicketDetail,
}

/// The state of one clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Completed at or before the due time.
    Met,
    /// Completed after the due time, or still open past it.
    Breached,
    /// Still open and not yet due.
    Running,
}

/// One ticket's response or resolution clock.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockResult {
    /// The target, seconds on the clock.
    pub target_seconds: f64,
    /// When the target is (or was) due. For a clock paused right now, the due time if the pause ended now.
    pub due_at: Timestamp,
    /// Seconds on the clock from creation to completion (or `asOf`), pauses excluded.
    pub elapsed_seconds: f64,
    /// Seconds on the clock spent paused.
    pub paused_seconds: f64,
    /// target − elapsed, seconds on the clock (negative once over).
    pub remaining_seconds: f64,
    /// Wall-clock seconds past the due time (0 unless breached).
    pub late_seconds: f64,
    /// Met, breached or running.
    pub status: Status,
    /// Whether the clock has stopped (the response or resolution happened).
    pub completed: bool,
}

/// One ticket's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketResult {
    /// The ticket id.
    pub id: String,
    /// Its priority.
    pub priority: String,
    /// The response clock, when the priority has a response target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ClockResult>,
    /// The resolution clock, when the priority has a resolution target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<ClockResult>,
}

/// A percentile value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Percentile {
    /// The percentile as a fraction (0.9).
    pub p: f64,
    /// The value, seconds on the clock (nearest rank).
    pub seconds: f64,
}

/// A breached ticket, for the worst-offenders list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Offender {
    /// The ticket id.
    pub id: String,
    /// Wall-clock seconds past due (as of `asOf` for open tickets).
    pub late_seconds: f64,
    /// The due time.
    pub due_at: Timestamp,
    /// Whether the clock has stopped.
    pub completed: bool,
}

/// One priority's figures for one clock.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockSummary {
    /// The target.
    pub target: Target,
    /// Clocks met.
    pub met: usize,
    /// Clocks breached (including open ones past due).
    pub breached: usize,
    /// Open clocks not yet due.
    pub running: usize,
    /// met / (met + breached); absent when both are 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_sla: Option<f64>,
    /// Mean elapsed seconds of completed clocks; absent when none completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_seconds: Option<f64>,
    /// Nearest-rank percentiles of completed clocks' elapsed seconds.
    pub percentiles: Vec<Percentile>,
    /// The breached clocks with the largest lateness, worst first.
    pub worst_offenders: Vec<Offender>,
}

/// One priority's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrioritySummary {
    /// The priority.
    pub priority: String,
    /// Tickets of this priority (created by `asOf`).
    pub tickets: usize,
    /// The response clock's figures, when targeted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<ClockSummary>,
    /// The resolution clock's figures, when targeted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<ClockSummary>,
}

/// Result of [`ticket_sla`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketReport {
    /// The instant the state was computed at, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Timestamp>,
    /// Tickets skipped because they were created after `asOf`.
    pub not_yet_created: usize,
    /// Per priority, in name order (priorities with targets but no tickets included).
    pub priorities: Vec<PrioritySummary>,
    /// Per ticket, in input order, as `detail` asked.
    pub tickets: Vec<TicketResult>,
}

/// Measure tickets against per-priority targets. Errors: no tickets or no targets (`empty`); a bad target
/// (`targets.P1.response.seconds`); a business clock without `calendar`; a bad calendar (`calendar.…`); a duplicate
/// id; an unknown priority (`unknown_reference` at `tickets[i].priority`); a response or resolution before creation;
/// a pause outside its ticket, reversed, overlapping or left open on a resolved ticket (`tickets[i].pauses[j].…`);
/// an open clock without `asOf`; percentiles outside (0, 1].
pub fn ticket_sla(input: &TicketInput) -> Result<TicketReport> {
    evaluate(
        &TicketTable::from_tickets(&input.tickets),
        Opts {
            targets: &input.targets,
            calendar: input.calendar.as_ref(),
            as_of: input.as_of,
            pauses_apply_to: input.pauses_apply_to,
            worst_offenders: input.worst_offenders,
            percentiles: input.percentiles.as_deref(),
            detail: input.detail,
        },
    )
}

/// Everything of a [`TicketInput`] but the tickets: what a what-if changes (targets, calendar, `asOf`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct TicketOptions {
    /// Targets per priority name.
    pub targets: BTreeMap<String, PriorityTargets>,
    /// The business calendar, required by business clocks and `dueInWorkingHours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// The instant the state is computed at; required when any clock is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Timestamp>,
    /// Which clocks pauses stop; `resolution` when absent.
    #[serde(default)]
    pub pauses_apply_to: PausesApplyTo,
    /// How many worst offenders to list per priority and clock; 5 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_offenders: Option<usize>,
    /// Percentiles to report, each in (0, 1]; [0.5, 0.9, 0.95] when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentiles: Option<Vec<f64>>,
    /// Per-ticket detail; `all` when absent.
    #[serde(default)]
    pub detail: TicketDetail,
}

/// [`ticket_sla`] over tickets held apart from the options, so that what-if re-runs (new targets, another
/// calendar, a later `asOf`) reuse parsed tickets. Same errors, same paths (`tickets[i].…`).
pub fn ticket_sla_for(tickets: &[Ticket], options: &TicketOptions) -> Result<TicketReport> {
    ticket_sla_table(&TicketTable::from_tickets(tickets), options)
}

/// [`ticket_sla`] over tickets as columns ([`TicketColumns`]), with the options apart. Errors as [`ticket_sla`] and
/// [`TicketTable::from_columns`], with column paths (`tickets.createdAt[17]`, `tickets.pauses.start[4]`).
pub fn ticket_sla_columns(tickets: &TicketColumns, options: &TicketOptions) -> Result<TicketReport> {
    ticket_sla_table(&TicketTable::from_columns(tickets)?, options)
}

/// [`ticket_sla`] over a prepared [`TicketTable`]: the fastest way to re-run what-ifs over the same tickets.
pub fn ticket_sla_table(tickets: &TicketTable<'_>, options: &TicketOptions) -> Result<TicketReport> {
    evaluate(
        tickets,
        Opts {
            targets: &options.targets,
            calendar: options.calendar.as_ref(),
            as_of: options.as_of,
            pauses_apply_to: options.pauses_apply_to,
            worst_offenders: options.worst_offenders,
            percentiles: options.percentiles.as_deref(),
            detail: options.detail,
        },
    )
}
