//! Property tests of the SLA engine's invariants.
#![cfg(not(target_arch = "wasm32"))]

use opscore::calendar::BusinessCalendar;
use opscore::sla::availability::Outage;
use opscore::sla::composite::{Combine, Component, CompositeInput, composite_availability};
use opscore::sla::period::PeriodSpec;
use opscore::sla::report::{SlaReportInput, sla_report};
use opscore::time::{Interval, Timestamp, Zone};
use proptest::prelude::*;

/// 2026-04-01T00:00:00Z; the period is the 30 days after it.
const T0: i64 = 1_775_001_600_000;
const DAYS30: i64 = 30 * 86_400_000;

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

fn outage() -> impl Strategy<Value = Outage> {
    // Outages may start before the period and end after it.
    (-86_400_000i64..DAYS30 + 86_400_000, 1i64..20 * 3_600_000, prop::option::of(0.0f64..=1.0))
        .prop_map(|(s, len, impact)| Outage { start: ts(T0 + s), end: ts(T0 + s + len), impact })
}

fn window() -> impl Strategy<Value = Interval> {
    (0i64..DAYS30, 1i64..48 * 3_600_000).prop_map(|(s, len)| Interval { start: ts(T0 + s), end: ts(T0 + s + len) })
}

fn input(outages: Vec<Outage>, maintenance: Vec<Interval>) -> SlaReportInput {
    SlaReportInput {
        target: 0.999,
        period: PeriodSpec::explicit(ts(T0), ts(T0 + DAYS30)),
        outages: Some(outages),
        maintenance,
        ..SlaReportInput::default()
    }
}

fn availability(outages: Vec<Outage>, maintenance: Vec<Interval>) -> f64 {
    sla_report(&input(outages, maintenance)).unwrap().figures.availability
}

proptest! {
    #[test]
    fn availability_stays_in_unit_interval(outages in prop::collection::vec(outage(), 0..30),
                                          maintenance in prop::collection::vec(window(), 0..4)) {
        let a = availability(outages, maintenance);
        prop_assert!((0.0..=1.0).contains(&a), "{a}");
    }

    #[test]
    fn adding_an_outage_never_raises_availability(outages in prop::collection::vec(outage(), 0..20), extra in outage(),
                                                 maintenance in prop::collection::vec(window(), 0..3)) {
        let before = availability(outages.clone(), maintenance.clone());
        let mut more = outages;
        more.push(extra);
        let after = availability(more, maintenance);
        prop_assert!(after <= before + 1e-12, "{before} → {after}");
    }

    /// Declaring down time as maintenance never lowers availability. (Excluding a window where the service was
    /// *up* can lower it, because the measured time shrinks while the downtime stays: see
    /// `excluding_healthy_time_can_lower_availability`. What always holds is that downtime never grows.)
    #[test]
    fn excluding_maintenance_never_lowers_availability(outages in prop::collection::vec(outage(), 1..20),
                                                       pick in any::<prop::sample::Index>(), cut in 0.0f64..=1.0) {
        // A maintenance window inside one outage of full impact.
        let mut outages = outages;
        let i = pick.index(outages.len());
        outages[i].impact = Some(1.0);
        let o = outages[i];
        let before_full = availability(outages.clone(), vec![]);
        let len = o.start.secs_until(o.end) * 1000.0;
        let w_end = o.start.millis() + ((len * cut) as i64).max(1);
        let w = Interval { start: o.start, end: ts(w_end.min(o.end.millis())) };
        let after = availability(outages.clone(), vec![w]);
        prop_assert!(after >= before_full - 1e-12, "{before_full} → {after}");
    }

    #[test]
    fn maintenance_never_adds_downtime(outages in prop::collection::vec(outage(), 0..20),
                                      maintenance in prop::collection::vec(window(), 0..4)) {
        let a = sla_report(&input(outages.clone(), vec![])).unwrap().figures.downtime_seconds;
        let b = sla_report(&input(outages, maintenance)).unwrap().figures.downtime_seconds;
        prop_assert!(b <= a + 1e-9, "{a} → {b}");
    }

    #[test]
    fn serial_composite_is_never_above_its_weakest_part(avail in prop::collection::vec(0.0f64..=1.0, 1..12)) {
        let children = avail
            .iter()
            .enumerate()
            .map(|(i, &a)| Component { name: format!("c{i}"), availability: Some(a), kind: None, children: None })
            .collect();
        let root = Component { name: "s".into(), availability: None, kind: Some(Combine::Serial), children: Some(children) };
        let r = composite_availability(&CompositeInput { root }).unwrap();
        let weakest = avail.iter().copied().fold(1.0, f64::min);
        prop_assert!(r.availability <= weakest + 1e-15);
        prop_assert!((0.0..=1.0).contains(&r.availability));
    }

    #[test]
    fn business_time_added_then_measured_round_trips(start in 0i64..DAYS30, secs in 0u32..200_000) {
        let cal = BusinessCalendar::weekdays("09:00", "17:30", Zone::parse("Europe/London", "").unwrap()).unwrap();
        let t = ts(T0 + start);
        let due = cal.add_business_secs(t, f64::from(secs)).unwrap();
        prop_assert!(due >= t);
        prop_assert_eq!(cal.business_secs_between(t, due).unwrap(), f64::from(secs));
    }
}

#[test]
fn excluding_healthy_time_can_lower_availability() {
    // 30 days with 1 hour down: 1 − 3 600 / 2 592 000 = 0.998611. Declaring 10 healthy days as maintenance leaves
    // 1 728 000 s measured: 1 − 3 600 / 1 728 000 = 0.997917, lower. This is why the invariant above puts the window
    // over down time.
    let o = vec![Outage { start: ts(T0), end: ts(T0 + 3_600_000), impact: None }];
    let before = availability(o.clone(), vec![]);
    let after = availability(o, vec![Interval { start: ts(T0 + 10 * 86_400_000), end: ts(T0 + 20 * 86_400_000) }]);
    assert!((before - (1.0 - 3_600.0 / 2_592_000.0)).abs() < 1e-15);
    assert!((after - (1.0 - 3_600.0 / 1_728_000.0)).abs() < 1e-15);
    assert!(after < before);
}

mod tickets {
    use super::*;
    use opscore::calendar::{CalendarSpec, WeeklyHours};
    use opscore::sla::tickets::{
        ClockKind, Pause, PriorityTargets, Status, Target, Ticket, TicketDetail, TicketInput, ticket_sla,
    };
    use std::collections::BTreeMap;

    fn ticket() -> impl Strategy<Value = Ticket> {
        (
            0i64..DAYS30,
            prop::option::of(-3_600_000i64..10 * 86_400_000),
            prop::option::of(-3_600_000i64..20 * 86_400_000),
            prop::collection::vec((-3_600_000i64..20 * 86_400_000, prop::option::of(1i64..3 * 86_400_000)), 0..3),
        )
            .prop_map(|(c, resp, res, pauses)| Ticket {
                id: String::new(),
                priority: "P1".into(),
                created_at: ts(T0 + c),
                first_response_at: resp.map(|r| ts(T0 + c + r)),
                resolved_at: res.map(|r| ts(T0 + c + r)),
                pauses: pauses
                    .into_iter()
                    .map(|(s, len)| Pause { start: ts(T0 + c + s), end: len.map(|l| ts(T0 + c + s + l)) })
                    .collect(),
            })
    }

    proptest! {
        /// Arbitrary (often invalid) tickets never panic; valid ones give consistent clocks.
        #[test]
        fn tickets_never_panic_and_clocks_are_consistent(
            mut tickets in prop::collection::vec(ticket(), 1..20),
            business in any::<bool>(),
            snap in any::<bool>(),
            secs in 1.0f64..200_000.0,
            as_of in prop::option::of(0i64..40 * 86_400_000),
        ) {
            for (i, t) in tickets.iter_mut().enumerate() {
                t.id = format!("t{i}");
            }
            let clock = if business { ClockKind::Business } else { ClockKind::Calendar };
            let target = Target { seconds: secs, clock, due_in_working_hours: snap };
            let mut targets = BTreeMap::new();
            targets.insert("P1".to_string(), PriorityTargets { response: Some(target), resolution: Some(target) });
            let input = TicketInput {
                tickets,
                targets,
                calendar: Some(CalendarSpec {
                    time_zone: Zone::parse("America/New_York", "").unwrap(),
                    working_hours: WeeklyHours::weekdays("08:30", "17:00"),
                    holidays: vec!["2026-04-10".into()],
                }),
                as_of: as_of.map(|a| ts(T0 + a)),
                pauses_apply_to: Default::default(),
                worst_offenders: None,
                percentiles: None,
                detail: TicketDetail::All,
            };
            if let Ok(r) = ticket_sla(&input) {
                for t in &r.tickets {
                    for c in [t.response, t.resolution].into_iter().flatten() {
                        prop_assert!(c.elapsed_seconds >= 0.0 && c.paused_seconds >= 0.0);
                        prop_assert!(c.late_seconds >= 0.0);
                        match c.status {
                            Status::Met => prop_assert!(c.completed && c.late_seconds == 0.0),
                            Status::Running => prop_assert!(!c.completed && c.late_seconds == 0.0),
                            Status::Breached => prop_assert!(c.late_seconds > 0.0),
                        }
                        if !snap {
                            // Met means the clock stayed within the target; over the target means breached (done or
                            // not). The converse does not hold on a business clock: resolved at 18:00 after a 17:00
                            // due time shows exactly the target in business time, yet the due time has passed.
                            if c.status == Status::Met {
                                prop_assert!(c.elapsed_seconds <= c.target_seconds + 1e-3);
                            }
                            if c.elapsed_seconds > c.target_seconds + 1e-3 {
                                prop_assert_eq!(c.status, Status::Breached);
                            }
                        }
                    }
                }
            }
        }
    }
}
