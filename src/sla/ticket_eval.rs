//! The evaluation of [`super::tickets`]: validation of each ticket, the clock arithmetic, and the per-priority
//! figures, over a prepared [`TicketTable`].
//!
//! Speed: times are whole epoch milliseconds from the table, business time comes from a [`Timeline`] prepared over
//! the tickets' whole span up front (so each query is an indexed lookup, with no time-zone conversion), priorities
//! are resolved to their targets once per distinct name, a ticket allocates nothing unless its result is kept,
//! and percentiles and worst offenders are selected rather than fully sorted.

use std::collections::BTreeMap;

use super::ticket_table::{Form, NONE, TicketTable};
use super::tickets::{
    ClockKind, ClockResult, ClockSummary, Offender, PausesApplyTo, Percentile, PrioritySummary, PriorityTargets,
    Status, Target, TicketDetail, TicketReport, TicketResult,
};
use crate::calendar::{BusinessCalendar, CalendarSpec, Timeline};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

/// The options, borrowed from either input form.
#[derive(Clone, Copy)]
pub(crate) struct Opts<'a> {
    pub(crate) targets: &'a BTreeMap<String, PriorityTargets>,
    pub(crate) calendar: Option<&'a CalendarSpec>,
    pub(crate) as_of: Option<Timestamp>,
    pub(crate) pauses_apply_to: PausesApplyTo,
    pub(crate) worst_offenders: Option<usize>,
    pub(crate) percentiles: Option<&'a [f64]>,
    pub(crate) detail: TicketDetail,
}

/// Where a clock is, for error paths built only when an error happens.
struct Where<'t, 'a> {
    table: &'t TicketTable<'a>,
    ticket: usize,
    field: &'static str,
}

impl Where<'_, '_> {
    fn path(&self) -> String {
        self.table.path(self.ticket, self.field)
    }
}

/// A timestamp of table values and checked due times, which are in range by construction (out of range, the
/// nearest end of the range).
fn stamp(ms: i64) -> Timestamp {
    Timestamp::clamped_millis(ms)
}

fn validate_target(t: &Target, has_calendar: bool, path: &str) -> Result<()> {
    let s = check::finite(t.seconds, &join_path(path, "seconds"))?;
    if s <= 0.0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            join_path(path, "seconds"),
            format!("a target must be more than 0 seconds, got {}", crate::num::Num(s)),
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

/// Validate ticket `i` against its creation, completion and `asOf`, filling `out` with its effective pauses
/// (start, end or [`NONE`]).
fn validate_ticket(tb: &TicketTable<'_>, i: usize, as_of: Option<i64>, out: &mut Vec<(i64, i64)>) -> Result<()> {
    out.clear();
    let created = tb.created.get(i).copied().unwrap_or(0);
    let response = tb.response.get(i).copied().unwrap_or(NONE);
    let resolved = tb.resolved.get(i).copied().unwrap_or(NONE);
    let lo = tb.pause_off.get(i).map_or(0, |&o| o as usize);
    let hi = tb.pause_off.get(i + 1).map_or(lo, |&o| o as usize);
    let (starts, ends) = match (tb.pause_start.get(lo..hi), tb.pause_end.get(lo..hi)) {
        (Some(s), Some(e)) => (s, e),
        _ => (&[][..], &[][..]),
    };
    let before = |v: i64| v != NONE && v < created;
    if starts.is_empty() && !before(response) && !before(resolved) {
        return Ok(());
    }
    for (field, v) in [("firstResponseAt", response), ("resolvedAt", resolved)] {
        if before(v) {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                tb.path(i, field),
                format!("{field} ({}) is before createdAt ({})", stamp(v), stamp(created)),
            ));
        }
    }
    if starts.len() > check::MAX_ITEMS {
        check::max_len(starts.len(), &tb.path(i, "pauses"))?;
    }
    let mut prev_end = NONE;
    let count = starts.len();
    for (j, (&start, &end)) in starts.iter().zip(ends).enumerate() {
        let path = |field: &str| tb.pause_path(i, j, field);
        if start < created {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path("start"),
                format!("the pause starts ({}) before the ticket was created ({})", stamp(start), stamp(created)),
            ));
        }
        if resolved != NONE {
            let last = if end == NONE { start } else { end };
            if last > resolved || start >= resolved {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    path(if start >= resolved { "start" } else { "end" }),
                    format!("the pause runs past the ticket's resolution ({})", stamp(resolved)),
                ));
            }
        }
        if end != NONE && end <= start {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                path("end"),
                format!("the pause ends ({}) before it starts ({})", stamp(end), stamp(start)),
            ));
        }
        if end == NONE && resolved != NONE {
            return Err(Error::new(
                ErrorCode::MissingField,
                path("end"),
                "a resolved ticket's pauses must all have ended: give `end`",
            ));
        }
        if end == NONE && j + 1 != count {
            return Err(Error::new(
                ErrorCode::MissingField,
                path("end"),
                "only the last pause may still be open (without `end`)",
            ));
        }
        if prev_end != NONE && start < prev_end {
            return Err(Error::new(ErrorCode::Overlap, path("start"), "pauses must be in order and must not overlap"));
        }
        prev_end = end;
        // Only what has happened by asOf counts.
        match as_of {
            Some(a) if start >= a => {}
            Some(a) => out.push((start, if end != NONE && end <= a { end } else { NONE })),
            None => out.push((start, end)),
        }
    }
    Ok(())
}

/// One clock's outcome, in milliseconds.
#[derive(Clone, Copy)]
struct Clock {
    target_ms: i64,
    due: i64,
    elapsed: i64,
    paused: i64,
    late: i64,
    status: Status,
    completed: bool,
}

impl Clock {
    fn result(&self, target: &Target) -> ClockResult {
        ClockResult {
            target_seconds: target.seconds,
            due_at: stamp(self.due),
            elapsed_seconds: self.elapsed as f64 / 1000.0,
            paused_seconds: self.paused as f64 / 1000.0,
            remaining_seconds: (self.target_ms - self.elapsed) as f64 / 1000.0,
            late_seconds: self.late as f64 / 1000.0,
            status: self.status,
            completed: self.completed,
        }
    }
}

/// Evaluate one clock of one ticket. `stop` and `as_of` are [`NONE`] when absent; `target_ms` is the target in
/// whole milliseconds.
fn run_clock(
    tl: &mut Option<Timeline<'_>>,
    (target, target_ms): (&Target, i64),
    created: i64,
    (stop, as_of): (i64, i64),
    pauses: &[(i64, i64)],
    at: &Where<'_, '_>,
) -> Result<Clock> {
    let business = target.clock == ClockKind::Business;
    let now = match (stop, as_of) {
        (s, _) if s != NONE => s,
        (_, a) if a != NONE => a,
        _ => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "asOf",
                format!("{} is still open, so the input needs `asOf` to say when the state is computed", at.path()),
            ));
        }
    };
    let (due, elapsed, paused) = match tl {
        Some(x) if business => business_clock(x, target_ms, created, now, pauses, at)?,
        _ => {
            let mut due = created.saturating_add(target_ms);
            let mut paused = 0i64;
            for &(ps, pe) in pauses {
                if ps >= now {
                    break;
                }
                let len = if pe == NONE { now } else { pe.min(now) } - ps;
                paused += len;
                if ps < due {
                    due = due.saturating_add(len);
                }
            }
            if target.due_in_working_hours
                && let Some(t) = tl
            {
                due = t.next_working_ms(due).map_err(|e| e.within(&at.path()))?;
            }
            (due, now - created - paused, paused)
        }
    };
    if !Timestamp::millis_in_range(due) {
        Timestamp::from_millis(due, "").map_err(|e| e.within(&at.path()))?;
    }
    let completed = stop != NONE;
    let status = if now > due {
        Status::Breached
    } else if completed {
        Status::Met
    } else {
        Status::Running
    };
    Ok(Clock { target_ms, due, elapsed, paused, late: (now - due).max(0), status, completed })
}

/// A business clock through running totals: the due time is where the total reaches the creation's total plus
/// the target, pushed back by the working time of each pause that begins before it. Returns (due, elapsed,
/// paused) in milliseconds.
fn business_clock(
    tl: &mut Timeline<'_>,
    target_ms: i64,
    created: i64,
    now: i64,
    pauses: &[(i64, i64)],
    at: &Where<'_, '_>,
) -> Result<(i64, i64, i64)> {
    let path = |e: Error| e.within(&at.path());
    let (start, hint) = tl.mark(created).map_err(path)?;
    let mut due =
        if target_ms <= 0 { created } else { tl.instant_at(start.saturating_add(target_ms), hint).map_err(path)? };
    let mut paused = 0i64;
    for &(ps, pe) in pauses {
        if ps >= now {
            break;
        }
        let pe = if pe == NONE { now } else { pe.min(now) };
        let from = tl.mark(ps)?.0;
        let len = tl.mark(pe)?.0 - from;
        paused += len;
        if ps < due && len > 0 {
            let (d, hint) = tl.mark(due).map_err(path)?;
            due = tl.instant_at(d.saturating_add(len), hint).map_err(path)?;
        }
    }
    let elapsed = tl.mark(now)?.0 - start - paused;
    Ok((due, elapsed, paused))
}

/// Latest first, then in ticket order: a total order on offenders (late ms, ticket, due ms, completed).
fn worse(a: &(i64, usize, i64, bool), b: &(i64, usize, i64, bool)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

struct Acc {
    met: usize,
    breached: usize,
    running: usize,
    /// Elapsed milliseconds of completed clocks, in ticket order.
    elapsed: Vec<i64>,
    /// Candidates for the worst offenders: every breach later than `bar`, which rises as the list is pruned.
    offenders: Vec<(i64, usize, i64, bool)>,
    /// How many worst offenders to keep.
    worst: usize,
    /// Only a clock later than this can still enter the worst offenders (tickets come in order, so one exactly as
    /// late loses the tie to those already kept).
    bar: i64,
}

impl Acc {
    fn new(worst: usize) -> Self {
        Acc { met: 0, breached: 0, running: 0, elapsed: Vec::new(), offenders: Vec::new(), worst, bar: i64::MIN }
    }

    fn add(&mut self, c: &Clock, ticket: usize) {
        match c.status {
            Status::Met => self.met += 1,
            Status::Breached => {
                self.breached += 1;
                if self.worst > 0 && c.late > self.bar {
                    self.offenders.push((c.late, ticket, c.due, c.completed));
                    if self.offenders.len() >= self.worst.saturating_mul(2).max(64) {
                        self.prune();
                    }
                }
            }
            Status::Running => self.running += 1,
        }
        if c.completed {
            self.elapsed.push(c.elapsed);
        }
    }

    /// Keep only the `worst` worst candidates, and raise the bar to the last of them. `worse` is a total order
    /// (ties in lateness go to the earlier ticket), so which ones are kept does not depend on the sort.
    fn prune(&mut self) {
        if self.offenders.len() > self.worst {
            crate::sort::sort_by(&mut self.offenders, worse);
            self.offenders.truncate(self.worst);
            self.bar = self.offenders.iter().map(|o| o.0).min().unwrap_or(i64::MIN);
        }
    }

    fn finish(mut self, target: Target, ps: &[f64], tb: &TicketTable<'_>) -> ClockSummary {
        let n = self.elapsed.len();
        // Summed in ticket order, as seconds, before sorting reorders the values.
        let mean = (n > 0).then(|| self.elapsed.iter().map(|&e| e as f64 / 1000.0).sum::<f64>() / n as f64);
        let percentiles = if n == 0 {
            Vec::new()
        } else {
            // Nearest ranks, read from the values sorted by the radix sort (linear in the count).
            crate::radix::sort_by_key(&mut self.elapsed, |&e| crate::radix::i64_key(e));
            ps.iter()
                .map(|&p| {
                    let r = ((p * n as f64).ceil() as usize).clamp(1, n) - 1;
                    let v = self.elapsed.get(r).copied().unwrap_or(0);
                    Percentile { p, seconds: v as f64 / 1000.0 }
                })
                .collect()
        };
        self.prune();
        crate::sort::sort_by(&mut self.offenders, worse);
        let worst_offenders = self
            .offenders
            .into_iter()
            .map(|(late, i, due, completed)| Offender {
                id: tb.id(i),
                late_seconds: late as f64 / 1000.0,
                due_at: stamp(due),
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

/// Measure a table of tickets against the options; see [`super::tickets::ticket_sla`] for the errors.
pub(crate) fn evaluate(tb: &TicketTable<'_>, input: Opts<'_>) -> Result<TicketReport> {
    check::list_len(tb.len(), "tickets")?;
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
                format!("a percentile is a fraction in (0, 1], got {}", crate::num::Num(p)),
            ));
        }
    }
    let worst = input.worst_offenders.unwrap_or(5);
    let as_of = input.as_of.map(Timestamp::millis);
    let mut tl = calendar.as_ref().map(BusinessCalendar::timeline);
    if let Some(t) = &mut tl {
        t.prepare(tb.span.0, tb.span.1);
    }
    // Each distinct priority name resolved to its position among the targets (and so among the accumulators).
    let slots: Vec<Option<usize>> =
        tb.names.iter().map(|name| input.targets.keys().position(|k| k.as_str() == name.as_ref())).collect();
    let targets: Vec<(&String, &PriorityTargets)> = input.targets.iter().collect();
    let mut accs: Vec<(usize, Acc, Acc)> = targets.iter().map(|_| (0, Acc::new(worst), Acc::new(worst))).collect();
    let mut results = Vec::new();
    let mut not_yet_created = 0;
    let mut pauses: Vec<(i64, i64)> = Vec::new();
    // Targets are validated finite and > 0; whole milliseconds from here on, per slot (response, resolution).
    let ms = |t: Option<Target>| t.map_or(0, |t| (t.seconds * 1000.0).round().min(1e16) as i64);
    let target_ms: Vec<(i64, i64)> = targets.iter().map(|(_, t)| (ms(t.response), ms(t.resolution))).collect();
    let happened = |x: i64| if x != NONE && as_of.is_none_or(|a| x <= a) { x } else { NONE };
    for i in 0..tb.len() {
        if tb.first_duplicate == Some(i) {
            return Err(Error::new(
                ErrorCode::Duplicate,
                tb.path(i, if tb.form == Form::Rows { "id" } else { "ids" }),
                format!("the ticket id \"{}\" appears twice", tb.id(i)),
            ));
        }
        let name = tb.priority.get(i).copied().unwrap_or(0) as usize;
        let Some((slot, (_, targets))) =
            slots.get(name).copied().flatten().and_then(|s| targets.get(s).map(|t| (s, *t)))
        else {
            let pname = tb.names.get(name).map(|s| s.as_ref()).unwrap_or_default();
            return Err(Error::new(
                ErrorCode::UnknownReference,
                tb.path(i, "priority"),
                format!("no targets for priority \"{pname}\"; add it to `targets`"),
            ));
        };
        let (response_ms, resolution_ms) = target_ms.get(slot).copied().unwrap_or_default();
        validate_ticket(tb, i, as_of, &mut pauses)?;
        let created = tb.created.get(i).copied().unwrap_or(0);
        if as_of.is_some_and(|a| created > a) {
            not_yet_created += 1;
            continue;
        }
        let now = as_of.unwrap_or(NONE);
        let response_pauses: &[(i64, i64)] = match input.pauses_apply_to {
            PausesApplyTo::Both => &pauses,
            PausesApplyTo::Resolution => &[],
        };
        let response = match &targets.response {
            Some(target) => Some(run_clock(
                &mut tl,
                (target, response_ms),
                created,
                (happened(tb.response.get(i).copied().unwrap_or(NONE)), now),
                response_pauses,
                &Where { table: tb, ticket: i, field: "firstResponseAt" },
            )?),
            None => None,
        };
        let resolution = match &targets.resolution {
            Some(target) => Some(run_clock(
                &mut tl,
                (target, resolution_ms),
                created,
                (happened(tb.resolved.get(i).copied().unwrap_or(NONE)), now),
                &pauses,
                &Where { table: tb, ticket: i, field: "resolvedAt" },
            )?),
            None => None,
        };
        if let Some((count, ra, sa)) = accs.get_mut(slot) {
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
            results.push(TicketResult {
                id: tb.id(i),
                priority: tb.names.get(name).map(|s| s.to_string()).unwrap_or_default(),
                response: response.zip(targets.response.as_ref()).map(|(c, t)| c.result(t)),
                resolution: resolution.zip(targets.resolution.as_ref()).map(|(c, t)| c.result(t)),
            });
        }
    }
    let priorities = accs
        .into_iter()
        .zip(targets)
        .map(|((count, ra, sa), (name, targets))| PrioritySummary {
            priority: name.clone(),
            tickets: count,
            response: targets.response.map(|t| ra.finish(t, ps, tb)),
            resolution: targets.resolution.map(|t| sa.finish(t, ps, tb)),
        })
        .collect();
    Ok(TicketReport { as_of: input.as_of, not_yet_created, priorities, tickets: results })
}
