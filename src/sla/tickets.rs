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

use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::calendar::{BusinessCalendar, CalendarSpec, Timeline};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

/// Which clock a target runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// Clock arithmetic: all time, or working time through a timeline.
/// FNV-1a: a fast hasher for the id set (ids are caller data, but a collision only costs time, never correctness).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Clock milliseconds from `a` to `b`: all time, or working time through the timeline.
fn between(tl: &mut Option<Timeline<'_>>, business: bool, a: i64, b: i64) -> Result<i64> {
    match tl {
        Some(t) if business => t.business_ms_between(a, b),
        _ => Ok(b - a),
    }
}

/// The instant `ms` clock milliseconds after `t`.
fn add(tl: &mut Option<Timeline<'_>>, business: bool, t: i64, ms: i64, at: &Where) -> Result<i64> {
    match tl {
        Some(x) if business => x.add_business_ms(t, ms).map_err(|e| e.within(&at.path())),
        _ => Ok(t.saturating_add(ms)),
    }
}

/// Where a clock is, for error paths built only when an error happens: `tickets[i].<field>`.
struct Where {
    ticket: usize,
    field: &'static str,
}

impl Where {
    fn path(&self) -> String {
        format!("tickets[{}].{}", self.ticket, self.field)
    }
}

fn validate_target(t: &Target, has_calendar: bool, path: &str) -> Result<()> {
    let s = check::finite(t.seconds, &join_path(path, "seconds"))?;
    if s <= 0.0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            join_path(path, "seconds"),
            format!("a target must be more than 0 seconds, got {s}"),
        ));
    }
    if !has_calendar && (t.clock == ClockKind::Business || t.due_in_working_hours) {
        return Err(Error::new(
            ErrorCode::MissingField,
            "calendar",
            format!("the target at {path} uses working hours, so the input needs a `calendar`"),
        ));
    }
    Ok(())
}

/// Validate one ticket against its creation, completion and `asOf`, returning its effective pauses.
fn validate_ticket(t: &Ticket, as_of: Option<Timestamp>, i: usize) -> Result<Vec<(Timestamp, Option<Timestamp>)>> {
    if t.pauses.is_empty()
        && t.first_response_at.is_none_or(|v| v >= t.created_at)
        && t.resolved_at.is_none_or(|v| v >= t.created_at)
    {
        return Ok(Vec::new());
    }
    let path = &index_path("tickets", i);
    for (field, v) in [("firstResponseAt", t.first_response_at), ("resolvedAt", t.resolved_at)] {
        if let Some(v) = v
            && v < t.created_at
        {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                join_path(path, field),
                format!("{field} ({v}) is before createdAt ({})", t.created_at),
            ));
        }
    }
    check::max_len(t.pauses.len(), &join_path(path, "pauses"))?;
    let mut prev_end: Option<Timestamp> = None;
    let mut out = Vec::with_capacity(t.pauses.len());
    let count = t.pauses.len();
    for (j, p) in t.pauses.iter().enumerate() {
        let pp = index_path(&join_path(path, "pauses"), j);
        if p.start < t.created_at {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                join_path(&pp, "start"),
                format!("the pause starts ({}) before the ticket was created ({})", p.start, t.created_at),
            ));
        }
        if let Some(r) = t.resolved_at {
            let last = p.end.unwrap_or(p.start);
            if last > r || p.start >= r {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    join_path(&pp, if p.start >= r { "start" } else { "end" }),
                    format!("the pause runs past the ticket's resolution ({r})"),
                ));
            }
        }
        match p.end {
            Some(e) if e <= p.start => {
                return Err(Error::new(
                    ErrorCode::EndBeforeStart,
                    join_path(&pp, "end"),
                    format!("the pause ends ({e}) before it starts ({})", p.start),
                ));
            }
            None if t.resolved_at.is_some() => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    join_path(&pp, "end"),
                    "a resolved ticket's pauses must all have ended: give `end`",
                ));
            }
            None if j + 1 != count => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    join_path(&pp, "end"),
                    "only the last pause may still be open (without `end`)",
                ));
            }
            _ => {}
        }
        if let Some(pe) = prev_end
            && p.start < pe
        {
            return Err(Error::new(
                ErrorCode::Overlap,
                join_path(&pp, "start"),
                "pauses must be in order and must not overlap",
            ));
        }
        prev_end = p.end;
        // Only what has happened by asOf counts.
        match as_of {
            Some(a) if p.start >= a => {}
            Some(a) => out.push((p.start, p.end.filter(|&e| e <= a))),
            None => out.push((p.start, p.end)),
        }
    }
    Ok(out)
}

/// Evaluate one clock of one ticket.
#[allow(clippy::too_many_arguments)]
fn run_clock(
    tl: &mut Option<Timeline<'_>>,
    target: &Target,
    created: Timestamp,
    stop: Option<Timestamp>,
    as_of: Option<Timestamp>,
    pauses: &[(Timestamp, Option<Timestamp>)],
    at: &Where,
) -> Result<ClockResult> {
    let business = target.clock == ClockKind::Business;
    let now = match (stop, as_of) {
        (Some(s), _) => s.millis(),
        (None, Some(a)) => a.millis(),
        (None, None) => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "asOf",
                format!("{} is still open, so the input needs `asOf` to say when the state is computed", at.path()),
            ));
        }
    };
    let created = created.millis();
    // Targets are validated finite and > 0; whole milliseconds from here on.
    let target_ms = (target.seconds * 1000.0).round().min(1e16) as i64;
    let mut due = add(tl, business, created, target_ms, at)?;
    let mut paused = 0i64;
    for &(ps, pe) in pauses {
        let ps = ps.millis();
        if ps >= now {
            break;
        }
        let pe = pe.map_or(now, |e| e.millis()).min(now);
        let len = between(tl, business, ps, pe)?;
        paused += len;
        if ps < due {
            due = add(tl, business, due, len, at)?;
        }
    }
    if target.due_in_working_hours
        && !business
        && let Some(t) = tl
    {
        due = t.next_working_ms(due).map_err(|e| e.within(&at.path()))?;
    }
    let elapsed = between(tl, business, created, now)? - paused;
    let completed = stop.is_some();
    let status = if now > due {
        Status::Breached
    } else if completed {
        Status::Met
    } else {
        Status::Running
    };
    Ok(ClockResult {
        target_seconds: target.seconds,
        due_at: Timestamp::from_millis(due, "").map_err(|e| e.within(&at.path()))?,
        elapsed_seconds: elapsed as f64 / 1000.0,
        paused_seconds: paused as f64 / 1000.0,
        remaining_seconds: (target_ms - elapsed) as f64 / 1000.0,
        late_seconds: (now - due).max(0) as f64 / 1000.0,
        status,
        completed,
    })
}

#[derive(Default)]
struct Acc {
    met: usize,
    breached: usize,
    running: usize,
    elapsed: Vec<f64>,
    offenders: Vec<(f64, usize, Timestamp, bool)>,
}

impl Acc {
    fn add(&mut self, r: &ClockResult, ticket: usize) {
        match r.status {
            Status::Met => self.met += 1,
            Status::Breached => {
                self.breached += 1;
                self.offenders.push((r.late_seconds, ticket, r.due_at, r.completed));
            }
            Status::Running => self.running += 1,
        }
        if r.completed {
            self.elapsed.push(r.elapsed_seconds);
        }
    }

    fn finish(mut self, target: Target, ps: &[f64], worst: usize, tickets: &[Ticket]) -> ClockSummary {
        let n = self.elapsed.len();
        let mean = (n > 0).then(|| self.elapsed.iter().sum::<f64>() / n as f64);
        crate::sort::sort_f64(&mut self.elapsed);
        let percentiles = if n == 0 {
            Vec::new()
        } else {
            ps.iter()
                .map(|&p| {
                    let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
                    Percentile { p, seconds: self.elapsed.get(rank - 1).copied().unwrap_or(0.0) }
                })
                .collect()
        };
        crate::sort::sort_by(&mut self.offenders, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let worst_offenders = self
            .offenders
            .into_iter()
            .take(worst)
            .map(|(late, i, due, completed)| Offender {
                id: tickets.get(i).map(|t| t.id.clone()).unwrap_or_default(),
                late_seconds: late,
                due_at: due,
                completed,
            })
            .collect();
        let judged = self.met + self.breached;
        ClockSummary {
            target,
            met: self.met,
            breached: self.breached,
            running: self.running,
            within_sla: (judged > 0).then(|| self.met as f64 / judged as f64),
            mean_seconds: mean,
            percentiles,
            worst_offenders,
        }
    }
}

/// Measure tickets against per-priority targets. Errors: no tickets or no targets (`empty`); a bad target
/// (`targets.P1.response.seconds`); a business clock without `calendar`; a bad calendar (`calendar.…`); a duplicate
/// id; an unknown priority (`unknown_reference` at `tickets[i].priority`); a response or resolution before creation;
/// a pause outside its ticket, reversed, overlapping or left open on a resolved ticket (`tickets[i].pauses[j].…`);
/// an open clock without `asOf`; percentiles outside (0, 1].
pub fn ticket_sla(input: &TicketInput) -> Result<TicketReport> {
    evaluate(
        &input.tickets,
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

/// The options, borrowed from either input form.
#[derive(Clone, Copy)]
struct Opts<'a> {
    targets: &'a BTreeMap<String, PriorityTargets>,
    calendar: Option<&'a CalendarSpec>,
    as_of: Option<Timestamp>,
    pauses_apply_to: PausesApplyTo,
    worst_offenders: Option<usize>,
    percentiles: Option<&'a [f64]>,
    detail: TicketDetail,
}

fn evaluate(tickets: &[Ticket], input: Opts<'_>) -> Result<TicketReport> {
    check::list_len(tickets.len(), "tickets")?;
    if input.targets.is_empty() {
        return Err(Error::new(ErrorCode::Empty, "targets", "give targets for at least one priority"));
    }
    let calendar = match input.calendar {
        Some(spec) => Some(BusinessCalendar::new(spec).map_err(|e| e.within("calendar"))?),
        None => None,
    };
    for (name, t) in input.targets {
        let p = join_path("targets", name);
        if let Some(r) = &t.response {
            validate_target(r, calendar.is_some(), &join_path(&p, "response"))?;
        }
        if let Some(r) = &t.resolution {
            validate_target(r, calendar.is_some(), &join_path(&p, "resolution"))?;
        }
    }
    let default_ps = [0.5, 0.9, 0.95];
    let ps: &[f64] = input.percentiles.unwrap_or(&default_ps);
    for (i, &p) in ps.iter().enumerate() {
        let path = index_path("percentiles", i);
        let p = check::finite(p, &path)?;
        if p <= 0.0 || p > 1.0 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path,
                format!("a percentile is a fraction in (0, 1], got {p}"),
            ));
        }
    }
    let worst = input.worst_offenders.unwrap_or(5);
    let mut tl = calendar.as_ref().map(BusinessCalendar::timeline);
    let mut ids: HashSet<&str, BuildHasherDefault<Fnv>> =
        HashSet::with_capacity_and_hasher(tickets.len(), BuildHasherDefault::default());
    let mut accs: BTreeMap<&str, (usize, Acc, Acc)> =
        input.targets.keys().map(|k| (k.as_str(), (0, Acc::default(), Acc::default()))).collect();
    let mut results = Vec::new();
    let mut not_yet_created = 0;
    let as_of = input.as_of;
    for (i, t) in tickets.iter().enumerate() {
        let path = || index_path("tickets", i);
        if !ids.insert(t.id.as_str()) {
            return Err(Error::new(
                ErrorCode::Duplicate,
                join_path(&path(), "id"),
                format!("the ticket id \"{}\" appears twice", t.id),
            ));
        }
        let targets = input.targets.get(&t.priority).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReference,
                join_path(&path(), "priority"),
                format!("no targets for priority \"{}\"; add it to `targets`", t.priority),
            )
        })?;
        let pauses = validate_ticket(t, as_of, i)?;
        if as_of.is_some_and(|a| t.created_at > a) {
            not_yet_created += 1;
            continue;
        }
        let happened = |x: Option<Timestamp>| x.filter(|&v| as_of.is_none_or(|a| v <= a));
        let response_pauses: &[(Timestamp, Option<Timestamp>)] = match input.pauses_apply_to {
            PausesApplyTo::Both => &pauses,
            PausesApplyTo::Resolution => &[],
        };
        let response = match &targets.response {
            Some(target) => Some(run_clock(
                &mut tl,
                target,
                t.created_at,
                happened(t.first_response_at),
                as_of,
                response_pauses,
                &Where { ticket: i, field: "firstResponseAt" },
            )?),
            None => None,
        };
        let resolution = match &targets.resolution {
            Some(target) => Some(run_clock(
                &mut tl,
                target,
                t.created_at,
                happened(t.resolved_at),
                as_of,
                &pauses,
                &Where { ticket: i, field: "resolvedAt" },
            )?),
            None => None,
        };
        if let Some((count, ra, sa)) = accs.get_mut(t.priority.as_str()) {
            *count += 1;
            if let Some(r) = &response {
                ra.add(r, i);
            }
            if let Some(r) = &resolution {
                sa.add(r, i);
            }
        }
        let keep = match input.detail {
            TicketDetail::All => true,
            TicketDetail::None => false,
            TicketDetail::Open => [response, resolution].iter().flatten().any(|r| r.status != Status::Met),
        };
        if keep {
            results.push(TicketResult { id: t.id.clone(), priority: t.priority.clone(), response, resolution });
        }
    }
    let priorities = accs
        .into_iter()
        .filter_map(|(name, (count, ra, sa))| {
            let targets = input.targets.get(name)?;
            Some(PrioritySummary {
                priority: name.to_string(),
                tickets: count,
                response: targets.response.map(|t| ra.finish(t, ps, worst, tickets)),
                resolution: targets.resolution.map(|t| sa.finish(t, ps, worst, tickets)),
            })
        })
        .collect();
    Ok(TicketReport { as_of, not_yet_created, priorities, tickets: results })
}
