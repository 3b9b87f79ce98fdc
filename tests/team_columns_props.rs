#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the columnar fast paths against references outside them: on-call counts (per responder, per
//! shift, merged notifications, distinct incidents) against a brute-force count over the pages in input order, and
//! the DORA report of deployment columns against the report of the same deployments as objects (a separate path),
//! errors included.

use std::collections::HashSet;

use opscore::team::dora::{Deployment, DeploymentColumns, DoraInput, dora};
use opscore::team::oncall::{OnCallInput, Page, Responder, Shift, on_call_load};
use opscore::team::pages::PageColumns;
use opscore::time::{Interval, Timestamp, Zone};
use proptest::prelude::*;

const ZONES: [&str; 5] = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];
/// 2026-01-01T00:00:00Z.
const START: i64 = 1_767_225_600_000;
const HOUR: i64 = 3_600_000;
const YEAR: i64 = 365 * 24 * HOUR;

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

/// An incident as the engine tells them apart: named (`pages`) and numbered (`pageColumns`) ids never match.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Named(u8),
    Numbered(u8),
    /// A page without an incident: its own, told apart by its position.
    Own(usize),
}

/// (responder, hour of the year, incident): hours from a small range so that notifications at the same instant for
/// the same responder (merged into one interruption) are common.
type P = (usize, i64, Option<u8>);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn on_call_counts_match_a_brute_force_count(
        n in 1usize..5,
        rows in proptest::collection::vec((0usize..5, 0i64..400, proptest::option::of(0u8..12)), 0..40),
        cols in proptest::collection::vec((0usize..5, 0i64..400, proptest::option::of(0u8..12)), 0..80),
        shifts in proptest::collection::vec((0usize..5, 0i64..400, 1i64..200), 0..8),
    ) {
        let input = OnCallInput {
            period: Interval { start: ts(START), end: ts(START + YEAR) },
            responders: (0..n)
                .map(|i| Responder { id: format!("r{i}"), time_zone: Zone::parse(ZONES[i % ZONES.len()], "").unwrap() })
                .collect(),
            pages: rows
                .iter()
                .map(|&(r, h, inc)| Page {
                    at: ts(START + h * HOUR),
                    responder: format!("r{}", r % n),
                    urgency: None,
                    acknowledged_at: None,
                    incident_id: inc.map(|k| k.to_string()),
                    channel: None,
                })
                .collect(),
            page_columns: Some(PageColumns {
                at: cols.iter().map(|p| (START + p.1 * HOUR) as f64).collect(),
                responder: cols.iter().map(|p| (p.0 % n) as f64).collect(),
                acknowledged_at: None,
                incident: Some(cols.iter().map(|p| p.2.map_or(f64::NAN, f64::from)).collect()),
                high_urgency: None,
            }),
            shifts: shifts
                .iter()
                .map(|&(r, h, len)| Shift {
                    responder: format!("r{}", r % n),
                    start: ts(START + h * HOUR),
                    end: ts(START + (h + len) * HOUR),
                    role: None,
                })
                .collect(),
            rotation: None,
        };
        let report = on_call_load(&input).unwrap();

        // The reference: every notification in input order (rows, then columns), the first of each (responder,
        // instant) kept.
        let all: Vec<(usize, i64, Key)> = rows
            .iter()
            .map(|p: &P| (p.0 % n, p.1, p.2.map(Key::Named)))
            .chain(cols.iter().map(|p: &P| (p.0 % n, p.1, p.2.map(Key::Numbered))))
            .enumerate()
            .map(|(i, (r, h, k))| (r, h, k.unwrap_or(Key::Own(i))))
            .collect();
        let mut seen = HashSet::new();
        let kept: Vec<&(usize, i64, Key)> = all.iter().filter(|p| seen.insert((p.0, p.1))).collect();
        prop_assert_eq!(report.totals.notifications, all.len());
        prop_assert_eq!(report.totals.merged, all.len() - kept.len());
        prop_assert_eq!(report.totals.interruptions, kept.len());
        for (i, load) in report.responders.iter().enumerate() {
            prop_assert_eq!(load.interruptions, kept.iter().filter(|p| p.0 == i).count());
        }
        let incidents: HashSet<&Key> = kept.iter().map(|p| &p.2).collect();
        prop_assert_eq!(report.incident_load.incidents, incidents.len());
        for (s, &(r, h, len)) in report.shifts.iter().zip(&shifts) {
            let inside: Vec<&&(usize, i64, Key)> =
                kept.iter().filter(|p| p.0 == r % n && h <= p.1 && p.1 < h + len).collect();
            prop_assert_eq!(s.interruptions, inside.len());
            prop_assert_eq!(s.incidents, inside.iter().map(|p| &p.2).collect::<HashSet<_>>().len());
        }
    }
}

/// One deployment: hours after the start of the period, commit ages in hours, lead seconds, failed, recovery
/// delay in hours, rework.
type D = (i64, Vec<i64>, Option<f64>, Option<bool>, Option<i64>, Option<bool>);

/// A valid deployment, or (one time in 40) one with a single mistake of five kinds.
fn deployment() -> impl Strategy<Value = D> {
    (
        0i64..2_000,
        proptest::collection::vec(0i64..300, 0..3),
        prop_oneof![Just(0.0), Just(-0.0), 0.0..1e6f64],
        proptest::option::of(any::<bool>()),
        proptest::option::of(0i64..48),
        proptest::option::of(any::<bool>()),
        0u8..200,
    )
        .prop_map(|(at, mut commits, lead, mut failed, mut recovery, rework, oops)| {
            let mut lead = commits.is_empty().then_some(lead);
            if failed == Some(false) {
                recovery = None;
            }
            match oops {
                0 => commits.push(-1),                            // a commit after its deployment
                1 => lead = Some(60.0), // commit times and a lead time (when there are commits)
                2 if commits.is_empty() => lead = Some(-5.0), // a negative lead time
                3 => (failed, recovery) = (Some(false), Some(1)), // failed: false with a recovery
                4 => recovery = Some(-1), // recovered before the deployment
                _ => {}
            }
            (at, commits, lead, failed, recovery, rework)
        })
}

/// The same deployments as objects and as columns (period from 2026-01-01, or derived when `period` is false).
fn inputs(ds: &[D], zone: &str, period: bool) -> (DoraInput, DoraInput) {
    let zone = Zone::parse(zone, "").unwrap();
    let at = |h: i64| START + h * HOUR + 123;
    let objects: Vec<Deployment> = ds
        .iter()
        .map(|d| Deployment {
            id: None,
            at: ts(at(d.0)),
            commit_times: (!d.1.is_empty()).then(|| d.1.iter().map(|c| ts(at(d.0) - c * HOUR)).collect()),
            lead_time_seconds: d.2,
            failed: d.3,
            recovered_at: d.4.map(|r| ts(at(d.0) + r * HOUR)),
            caused_incident_ids: vec![],
            rework: d.5,
        })
        .collect();
    let mut offsets = vec![0.0];
    for d in ds {
        offsets.push(offsets.last().unwrap() + d.1.len() as f64);
    }
    let flag = |b: Option<bool>| b.map_or(f64::NAN, |b| if b { 1.0 } else { 0.0 });
    let columns = DeploymentColumns {
        at: ds.iter().map(|d| at(d.0) as f64).collect(),
        commit_offsets: Some(offsets),
        commit_times: Some(ds.iter().flat_map(|d| d.1.iter().map(move |c| (at(d.0) - c * HOUR) as f64)).collect()),
        lead_time_seconds: Some(ds.iter().map(|d| d.2.unwrap_or(f64::NAN)).collect()),
        failed: Some(ds.iter().map(|d| flag(d.3)).collect()),
        recovered_at: Some(ds.iter().map(|d| d.4.map_or(f64::NAN, |r| (at(d.0) + r * HOUR) as f64)).collect()),
        rework: Some(ds.iter().map(|d| flag(d.5)).collect()),
    };
    let base = DoraInput {
        deployments: vec![],
        deployment_columns: None,
        incidents: vec![],
        period: period.then(|| Interval { start: ts(START), end: ts(START + 2_001 * HOUR) }),
        benchmark: Default::default(),
        median: Default::default(),
        time_zone: zone,
    };
    (DoraInput { deployments: objects, ..base.clone() }, DoraInput { deployment_columns: Some(columns), ..base })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn deployment_columns_report_like_the_same_deployments_as_objects(
        ds in proptest::collection::vec(deployment(), 1..40),
        zone in 0usize..ZONES.len(),
        period in any::<bool>(),
    ) {
        let (objects, columns) = inputs(&ds, ZONES[zone], period);
        match (dora(&objects), dora(&columns)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => {
                // The same failure, named by column and flat row instead of by object.
                prop_assert_eq!(a.code, b.code);
                prop_assert_eq!(&a.message, &b.message);
                let field = a.path.rsplit('.').next().unwrap().split('[').next().unwrap().to_string();
                prop_assert!(b.path.starts_with(&format!("deploymentColumns.{field}[")), "{} vs {}", a.path, b.path);
            }
            (a, b) => prop_assert!(false, "objects {:?}, columns {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
}
