//! The fast ticket-SLA path against a straightforward one, on random calendars and tickets.
//!
//! The engine unrolls the calendar into an indexed timeline, covers the tickets' span up front, gallops to due
//! times, keeps running totals per clock, prunes worst offenders as it goes and selects percentiles. The reference
//! here does none of that: it lists each local day's working intervals through `Zone::instant` and scans them
//! linearly for every question, evaluates each clock as the module documentation states it, and sorts in full.
//! Both must agree exactly, in both input forms (objects and columns), across daylight-saving transitions in zones
//! with half-hour and +14 h offsets.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use opscore::calendar::{CalendarSpec, WeeklyHours, WorkingRange};
use opscore::sla::tickets::{
    ClockKind, IdColumn, Pause, PauseColumns, PriorityColumn, PriorityTargets, Status, Target, Ticket, TicketColumns,
    TicketDetail, TicketInput, TicketOptions, ticket_sla, ticket_sla_columns,
};
use opscore::time::{Timestamp, Zone};
use proptest::prelude::*;

const ZONES: [&str; 8] = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "America/St_Johns",
    "Pacific/Chatham",
];
/// 2026-03-01T00:00:00Z: the window covers the March and April daylight-saving changes of both hemispheres.
const T0: i64 = 1_772_323_200_000;
const DAY: i64 = 86_400_000;

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

fn clock(secs: u32) -> String {
    if secs == 86_400 { "24:00".into() } else { format!("{:02}:{:02}", secs / 3600, secs / 60 % 60) }
}

/// Up to two ranges a day, on 30-minute steps: cut points sorted, taken in pairs.
fn day_ranges() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::btree_set(0u32..=48, 0..=4).prop_map(|cuts| {
        let cuts: Vec<u32> = cuts.into_iter().map(|c| c * 1800).collect();
        cuts.chunks(2).filter_map(|w| if let [a, b] = w { Some((*a, *b)) } else { None }).collect()
    })
}

fn calendar() -> impl Strategy<Value = CalendarSpec> {
    (0..ZONES.len(), prop::collection::vec(day_ranges(), 7), prop::collection::btree_set(0u64..60, 0..4))
        .prop_filter("a calendar needs working time", |(_, week, _)| week.iter().any(|d| !d.is_empty()))
        .prop_map(|(z, week, holidays)| {
            let r = |k: usize| {
                week[k].iter().map(|&(s, e)| WorkingRange { start: clock(s), end: clock(e) }).collect::<Vec<_>>()
            };
            let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
            CalendarSpec {
                time_zone: Zone::parse(ZONES[z], "").unwrap(),
                working_hours: WeeklyHours {
                    monday: r(0),
                    tuesday: r(1),
                    wednesday: r(2),
                    thursday: r(3),
                    friday: r(4),
                    saturday: r(5),
                    sunday: r(6),
                },
                holidays: holidays.into_iter().map(|d| (start + Days::new(d)).to_string()).collect(),
            }
        })
}

/// Valid tickets: responses and resolutions after creation, pauses in order inside the ticket.
fn ticket() -> impl Strategy<Value = Ticket> {
    (
        0i64..45 * DAY,
        0usize..2,
        prop::option::of(0i64..3 * DAY),
        prop::option::of(1i64..12 * DAY),
        prop::collection::btree_set(1i64..12 * DAY, 0..5),
        any::<bool>(),
    )
        .prop_map(|(c, p, resp, res, cuts, open_last)| {
            let created = T0 + c;
            let resolved = res.map(|r| created + r);
            let cuts: Vec<i64> =
                cuts.into_iter().map(|x| created + x).filter(|&x| resolved.is_none_or(|r| x < r)).collect();
            let mut pauses: Vec<Pause> = cuts
                .chunks(2)
                .filter_map(|w| if let [a, b] = w { Some((*a, *b)) } else { None })
                .map(|(a, b)| Pause { start: ts(a), end: Some(ts(b)) })
                .collect();
            if open_last && resolved.is_none() && cuts.len() % 2 == 1 {
                pauses.push(Pause { start: ts(cuts[cuts.len() - 1]), end: None });
            }
            Ticket {
                id: String::new(),
                priority: ["P1", "P2"][p].into(),
                created_at: ts(created),
                first_response_at: resp.map(|r| ts(created + r)),
                resolved_at: resolved.map(ts),
                pauses,
            }
        })
}

/// The calendar's working intervals over [from, to) local dates, one day at a time, never stepping backwards.
fn intervals(spec: &CalendarSpec, from: NaiveDate, to: NaiveDate) -> Vec<(i64, i64)> {
    let days = spec.working_hours.clone();
    let week = [days.monday, days.tuesday, days.wednesday, days.thursday, days.friday, days.saturday, days.sunday];
    let secs = |s: &str| -> u32 {
        let (h, m) = s.split_once(':').unwrap();
        h.parse::<u32>().unwrap() * 3600 + m.parse::<u32>().unwrap() * 60
    };
    let at = |d: NaiveDate, s: u32| -> i64 {
        let (d, s) = if s == 86_400 { (d + Days::new(1), 0) } else { (d, s) };
        spec.time_zone
            .instant(d.and_time(NaiveTime::from_num_seconds_from_midnight_opt(s, 0).unwrap()))
            .unwrap()
            .millis()
    };
    let mut out: Vec<(i64, i64)> = Vec::new();
    let mut d = from;
    while d < to {
        if !spec.holidays.contains(&d.to_string()) {
            for r in &week[d.weekday().num_days_from_monday() as usize] {
                let (s, e) = (at(d, secs(&r.start)), at(d, secs(&r.end)));
                let s = s.max(out.last().map_or(i64::MIN, |x| x.1));
                if e > s {
                    out.push((s, e));
                }
            }
        }
        d = d + Days::new(1);
    }
    out
}

/// Elapsed ms of completed clocks, offenders (late ms, ticket, due ms, completed), and [met, breached, running].
type Summary = (Vec<i64>, Vec<(i64, usize, i64, bool)>, [usize; 3]);

struct Reference {
    iv: Vec<(i64, i64)>,
}

impl Reference {
    fn between(&self, a: i64, b: i64) -> i64 {
        self.iv.iter().map(|&(s, e)| (e.min(b) - s.max(a)).max(0)).sum()
    }
    fn add(&self, t: i64, ms: i64) -> i64 {
        if ms <= 0 {
            return t;
        }
        let mut left = ms;
        for &(s, e) in &self.iv {
            if e <= t {
                continue;
            }
            let from = s.max(t);
            if left <= e - from {
                return from + left;
            }
            left -= e - from;
        }
        panic!("reference calendar too short");
    }
    fn next_working(&self, t: i64) -> i64 {
        self.iv.iter().find(|&&(_, e)| e > t).map(|&(s, _)| s.max(t)).unwrap()
    }
}

/// (due, elapsed, paused, status) of one clock, the way the module documentation states it.
fn reference_clock(
    cal: &Reference,
    target: &Target,
    t: &Ticket,
    stop: Option<i64>,
    as_of: Option<i64>,
    pauses: bool,
) -> (i64, i64, i64, Status) {
    let business = target.clock == ClockKind::Business;
    let span = |a: i64, b: i64| if business { cal.between(a, b) } else { b - a };
    let add = |a: i64, ms: i64| if business { cal.add(a, ms) } else { a + ms };
    let created = t.created_at.millis();
    let now = stop.or(as_of).unwrap();
    let target_ms = (target.seconds * 1000.0).round() as i64;
    let mut due = add(created, target_ms);
    let mut paused = 0;
    for p in t.pauses.iter().filter(|_| pauses) {
        let (ps, pe) = (p.start.millis(), p.end.map(Timestamp::millis));
        if as_of.is_some_and(|a| ps >= a) || ps >= now {
            break;
        }
        let pe = pe.filter(|&e| as_of.is_none_or(|a| e <= a)).unwrap_or(now).min(now);
        let len = span(ps, pe);
        paused += len;
        if ps < due {
            due = add(due, len);
        }
    }
    if target.due_in_working_hours && !business {
        due = cal.next_working(due);
    }
    let elapsed = span(created, now) - paused;
    let status = if now > due {
        Status::Breached
    } else if stop.is_some() {
        Status::Met
    } else {
        Status::Running
    };
    (due, elapsed, paused, status)
}

fn columns(tickets: &[Ticket]) -> TicketColumns {
    let opt = |v: Option<Timestamp>| v.map_or(f64::NAN, |t| t.millis() as f64);
    let mut offsets = vec![0.0];
    let (mut start, mut end) = (vec![], vec![]);
    for t in tickets {
        for p in &t.pauses {
            start.push(p.start.millis() as f64);
            end.push(opt(p.end));
        }
        offsets.push(start.len() as f64);
    }
    TicketColumns {
        ids: Some(IdColumn::List(tickets.iter().map(|t| t.id.clone()).collect())),
        priority: PriorityColumn::Indices(tickets.iter().map(|t| if t.priority == "P1" { 0.0 } else { 1.0 }).collect()),
        priority_names: Some(vec!["P1".into(), "P2".into()]),
        created_at: tickets.iter().map(|t| t.created_at.millis() as f64).collect(),
        first_response_at: Some(tickets.iter().map(|t| opt(t.first_response_at)).collect()),
        resolved_at: Some(tickets.iter().map(|t| opt(t.resolved_at)).collect()),
        pauses: Some(PauseColumns { offsets, start, end: Some(end) }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every clock and every summary of the fast path equals the straightforward computation, and the columnar
    /// form gives exactly the report of the object form.
    #[test]
    fn fast_path_equals_the_straightforward_one(
        spec in calendar(),
        mut tickets in prop::collection::vec(ticket(), 1..40),
        (s1, s2) in (1u32..40 * 3600, 1u32..60 * 3600),
        snap in any::<bool>(),
        both in any::<bool>(),
        as_of in prop::option::of(0i64..50 * DAY),
        worst in 0usize..4,
        ps in prop::collection::vec(0.01f64..=1.0, 1..4),
    ) {
        for (i, t) in tickets.iter_mut().enumerate() {
            t.id = format!("T{i}");
        }
        let business = Target { seconds: f64::from(s1), clock: ClockKind::Business, due_in_working_hours: false };
        let calendar = Target { seconds: f64::from(s2), clock: ClockKind::Calendar, due_in_working_hours: snap };
        let mut targets = BTreeMap::new();
        targets.insert("P1".to_string(), PriorityTargets { response: Some(calendar), resolution: Some(business) });
        targets.insert("P2".to_string(), PriorityTargets { response: Some(business), resolution: Some(calendar) });
        let options = TicketOptions {
            targets,
            calendar: Some(spec.clone()),
            as_of: Some(ts(T0 + as_of.unwrap_or(60 * DAY))),
            pauses_apply_to: if both { opscore::sla::tickets::PausesApplyTo::Both } else { Default::default() },
            worst_offenders: Some(worst),
            percentiles: Some(ps.clone()),
            detail: TicketDetail::All,
        };
        let input = TicketInput {
            tickets: tickets.clone(),
            targets: options.targets.clone(),
            calendar: options.calendar.clone(),
            as_of: options.as_of,
            pauses_apply_to: options.pauses_apply_to,
            worst_offenders: options.worst_offenders,
            percentiles: options.percentiles.clone(),
            detail: options.detail,
        };
        let fast = ticket_sla(&input).unwrap();
        prop_assert_eq!(&ticket_sla_columns(&columns(&tickets), &options).unwrap(), &fast);
        // The ids as one text with offsets give the same report.
        let mut joined = columns(&tickets);
        let text: String = tickets.iter().map(|t| t.id.as_str()).collect();
        let offsets = std::iter::once(0.0)
            .chain(tickets.iter().scan(0usize, |end, t| {
                *end += t.id.encode_utf16().count();
                Some(*end as f64)
            }))
            .collect();
        joined.ids = Some(IdColumn::Joined { text, offsets });
        prop_assert_eq!(&ticket_sla_columns(&joined, &options).unwrap(), &fast);

        let from = NaiveDate::from_ymd_opt(2026, 2, 25).unwrap();
        let cal = Reference { iv: intervals(&spec, from, from + Days::new(2000)) };
        let as_of = options.as_of.map(Timestamp::millis);
        let live: Vec<&Ticket> = tickets.iter().filter(|t| as_of.is_none_or(|a| t.created_at.millis() <= a)).collect();
        prop_assert_eq!(fast.not_yet_created, tickets.len() - live.len());
        prop_assert_eq!(fast.tickets.len(), live.len());
        // Per priority and clock: (elapsed ms of completed clocks, offenders (late, ticket, due, completed), counts).
        let mut acc: BTreeMap<(String, bool), Summary> = BTreeMap::new();
        for (k, (t, r)) in live.iter().zip(&fast.tickets).enumerate() {
            prop_assert_eq!(&r.id, &t.id);
            let tg = &options.targets[&t.priority];
            let happened = |x: Option<Timestamp>| x.map(Timestamp::millis).filter(|&v| as_of.is_none_or(|a| v <= a));
            for (is_resolution, target, stop, got, pauses) in [
                (false, tg.response.unwrap(), happened(t.first_response_at), r.response.unwrap(), both),
                (true, tg.resolution.unwrap(), happened(t.resolved_at), r.resolution.unwrap(), true),
            ] {
                let (due, elapsed, paused, status) = reference_clock(&cal, &target, t, stop, as_of, pauses);
                prop_assert_eq!(got.due_at.millis(), due, "ticket {} resolution {}", k, is_resolution);
                prop_assert_eq!(got.elapsed_seconds, elapsed as f64 / 1000.0);
                prop_assert_eq!(got.paused_seconds, paused as f64 / 1000.0);
                prop_assert_eq!(got.status, status);
                let now = stop.or(as_of).unwrap();
                let e = acc.entry((t.priority.clone(), is_resolution)).or_default();
                e.2[status as usize] += 1;
                if stop.is_some() {
                    e.0.push(elapsed);
                }
                if status == Status::Breached {
                    e.1.push((now - due, k, due, stop.is_some()));
                }
            }
        }
        for p in &fast.priorities {
            for (is_resolution, got) in [(false, p.response.as_ref().unwrap()), (true, p.resolution.as_ref().unwrap())] {
                let (mut elapsed, mut offenders, counts) =
                    acc.remove(&(p.priority.clone(), is_resolution)).unwrap_or_default();
                prop_assert_eq!([got.met, got.breached, got.running], counts);
                let n = elapsed.len();
                let mean = (n > 0).then(|| elapsed.iter().map(|&e| e as f64 / 1000.0).sum::<f64>() / n as f64);
                prop_assert_eq!(got.mean_seconds, mean);
                elapsed.sort();
                let want: Vec<f64> = if n == 0 {
                    vec![]
                } else {
                    ps.iter().map(|&q| elapsed[((q * n as f64).ceil() as usize).clamp(1, n) - 1] as f64 / 1000.0).collect()
                };
                prop_assert_eq!(got.percentiles.iter().map(|x| x.seconds).collect::<Vec<_>>(), want);
                offenders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                offenders.truncate(worst);
                let want: Vec<(f64, String, i64)> =
                    offenders.iter().map(|o| (o.0 as f64 / 1000.0, live[o.1].id.clone(), o.2)).collect();
                let have: Vec<(f64, String, i64)> =
                    got.worst_offenders.iter().map(|o| (o.late_seconds, o.id.clone(), o.due_at.millis())).collect();
                prop_assert_eq!(have, want);
            }
        }
    }
}
