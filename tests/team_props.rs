#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the team-health engine: the score stays in [0, 100]; adding a sleep-hour page never raises it;
//! Gini lies in [0, 1) and is 0 for equal loads; the per-day offset cache agrees with a direct time-zone lookup.

use opscore::team::health::{TeamHealthInput, team_health};
use opscore::team::oncall::{OnCallInput, Page, Responder, Urgency, on_call_load};
use opscore::team::pages::PageColumns;
use opscore::team::score::{Factors, Weights, score};
use opscore::team::stats::gini;
use opscore::team::windows::{Window, window_at};
use opscore::time::{Interval, Timestamp, Zone};
use proptest::prelude::*;

const ZONES: [&str; 6] =
    ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "America/Sao_Paulo"];
/// 2026-01-01T00:00:00Z and one year later.
const START: i64 = 1_767_225_600_000;
const YEAR: i64 = 365 * 86_400_000;

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millis(ms, "").unwrap()
}

fn opt(x: f64) -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (-x..x * 3.0).prop_map(Some)]
}

prop_compose! {
    fn factors()(d in opt(100.0), s in opt(5.0), i in opt(5.0), o in opt(1.0), b in opt(30.0), t in opt(1.0), v in opt(100.0))
        -> Factors {
        Factors { delivery: d, sleep_per_responder_week: s, incidents_per_12_hours: i, on_call_share: o,
                  busiest_per_week: b, toil_share: t, surveys: v }
    }
}

prop_compose! {
    fn weights()(w in proptest::collection::vec(0.0..10.0f64, 7)) -> Weights {
        Weights { delivery: w[0], sleep_pages: w[1], incident_load: w[2], on_call_time: w[3], busiest_load: w[4],
                  toil: w[5], surveys: w[6] }
    }
}

fn on_call(pages: &[(usize, i64, Option<u8>)], n: usize) -> OnCallInput {
    OnCallInput {
        period: Interval { start: ts(START), end: ts(START + YEAR) },
        responders: (0..n)
            .map(|i| Responder { id: format!("r{i}"), time_zone: Zone::parse(ZONES[i % ZONES.len()], "").unwrap() })
            .collect(),
        pages: pages
            .iter()
            .map(|&(r, at, inc)| Page {
                at: ts(START + at),
                responder: format!("r{}", r % n),
                urgency: None,
                acknowledged_at: None,
                incident_id: inc.map(|k| format!("i{k}")),
                channel: None,
            })
            .collect(),
        page_columns: None,
        shifts: vec![],
        rotation: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn score_stays_in_0_100(f in factors(), w in weights()) {
        if let Ok(s) = score(&f, &w) {
            prop_assert!((0.0..=100.0).contains(&s.score), "{}", s.score);
            for p in &s.parts {
                if let Some(sub) = p.subscore {
                    prop_assert!((0.0..=100.0).contains(&sub));
                }
            }
        }
    }

    #[test]
    fn a_sleep_hour_page_never_raises_the_score(
        n in 1usize..6,
        pages in proptest::collection::vec((0usize..6, 0..YEAR, proptest::option::of(0u8..20)), 0..60),
        who in 0usize..6,
        day in 0i64..364,
        minute in 0i64..600,
        incident in proptest::option::of(0u8..25),
        w in weights(),
        toil in proptest::option::of(0.0..1.0f64),
    ) {
        let before = on_call(&pages, n);
        // A local time from 22:00 to 07:59 on `day` in the responder's zone: sleep hours by construction.
        let responder = &before.responders[who % n];
        let local = chrono::NaiveDate::from_yo_opt(2026, 1).unwrap().and_hms_opt(22, 0, 0).unwrap()
            + chrono::Duration::days(day) + chrono::Duration::minutes(minute);
        let at = responder.time_zone.instant(local).unwrap();
        prop_assume!(before.period.contains(at));
        prop_assert_eq!(window_at(at, responder.time_zone), Window::Sleep);
        let mut after = before.clone();
        after.pages.push(Page { at, responder: responder.id.clone(), urgency: None, acknowledged_at: None,
                                incident_id: incident.map(|k| format!("i{k}")), channel: None });
        let toil_input = toil.map(|t| serde_json::from_value(serde_json::json!({"shares": [{"week": 0, "toilFraction": t}]})).unwrap());
        let run = |o: OnCallInput| team_health(&TeamHealthInput { on_call: Some(o), toil: toil_input.clone(), weights: w, ..Default::default() });
        if let (Ok(a), Ok(b)) = (run(before), run(after)) {
            prop_assert!(b.score.score <= a.score.score + 1e-9, "before {} after {}", a.score.score, b.score.score);
        }
    }

    #[test]
    fn gini_is_in_0_1_and_0_for_equal_loads(loads in proptest::collection::vec(0.0..1000.0f64, 1..40), k in 0.0..100.0f64, n in 1usize..40) {
        let g = gini(&loads);
        prop_assert!((0.0..1.0).contains(&g), "{g}");
        prop_assert!(g <= (loads.len() as f64 - 1.0) / loads.len() as f64 + 1e-12);
        prop_assert!(gini(&vec![k; n]).abs() < 1e-12);
    }

    #[test]
    fn columns_and_rows_give_the_same_report(
        pages in proptest::collection::vec((0usize..4, 0..YEAR, proptest::option::of(0u8..30), proptest::option::of(0i64..900_000), proptest::option::of(any::<bool>())), 0..120),
    ) {
        let mut rows = on_call(&pages.iter().map(|p| (p.0, p.1, p.2)).collect::<Vec<_>>(), 4);
        for (page, p) in rows.pages.iter_mut().zip(&pages) {
            page.acknowledged_at = p.3.map(|d| ts(START + p.1 + d));
            page.urgency = p.4.map(|h| if h { Urgency::High } else { Urgency::Low });
        }
        let mut cols = rows.clone();
        cols.pages.clear();
        cols.page_columns = Some(PageColumns {
            at: pages.iter().map(|p| (START + p.1) as f64).collect(),
            responder: pages.iter().map(|p| (p.0 % 4) as f64).collect(),
            acknowledged_at: Some(pages.iter().map(|p| p.3.map_or(f64::NAN, |d| (START + p.1 + d) as f64)).collect()),
            incident: Some(pages.iter().map(|p| p.2.map_or(f64::NAN, f64::from)).collect()),
            high_urgency: Some(pages.iter().map(|p| p.4.map_or(f64::NAN, |h| if h { 1.0 } else { 0.0 })).collect()),
        });
        prop_assert_eq!(on_call_load(&rows).unwrap(), on_call_load(&cols).unwrap());
    }

    #[test]
    fn cached_offsets_match_direct_lookups(times in proptest::collection::vec((0usize..6, 0..YEAR), 1..200)) {
        let pages: Vec<(usize, i64, Option<u8>)> = times.iter().map(|&(r, t)| (r, t, None)).collect();
        let input = on_call(&pages, 6);
        let r = on_call_load(&input).unwrap();
        for (i, load) in r.responders.iter().enumerate() {
            let (mut b, mut o, mut s) = (0, 0, 0);
            let mut seen = std::collections::HashSet::new();
            for p in input.pages.iter().filter(|p| p.responder == format!("r{i}")) {
                if !seen.insert(p.at) { continue; }
                match window_at(p.at, load.time_zone) {
                    Window::Business => b += 1,
                    Window::OffHours => o += 1,
                    Window::Sleep => s += 1,
                }
            }
            prop_assert_eq!((load.business, load.off_hours, load.sleep), (b, o, s));
        }
    }
}
