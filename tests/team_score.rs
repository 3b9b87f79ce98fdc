#![cfg(not(target_arch = "wasm32"))]
//! The explainable team-health score, its weights, and what-if scenarios, worked by hand.

use opscore::ErrorCode;
use opscore::team::health::{TeamHealthInput, TeamHealthReport, team_health};
use opscore::team::score::{Factors, Part, Weights, score};
use serde_json::{Value, json};

fn all_factors() -> Factors {
    Factors {
        delivery: Some(75.0),
        sleep_per_responder_week: Some(1.0),
        incidents_per_12_hours: Some(0.5),
        on_call_share: Some(1.0 / 3.0),
        busiest_per_week: Some(7.0),
        toil_share: Some(0.2),
        surveys: Some(80.0),
    }
}

#[test]
fn score_by_hand() {
    // Subscores: delivery 75; sleep 100 × (1 − 1/2) = 50; incidents 100 × (1 − 0.5/2) = 75; on call 33.3% →
    // 100 × (1 − (1/3 − 0.25) / 0.25) = 66.67; busiest 100 × (1 − 7/14) = 50; toil 100 × (1 − 0.2/0.5) = 60;
    // surveys 80. Weighted: 0.2×75 + 0.15×50 + 0.15×75 + 0.1×66.67 + 0.1×50 + 0.15×60 + 0.15×80
    // = 15 + 7.5 + 11.25 + 6.667 + 5 + 9 + 12 = 66.4167.
    let s = score(&all_factors(), &Weights::default()).unwrap();
    assert!((s.score - (15.0 + 7.5 + 11.25 + 20.0 / 3.0 + 5.0 + 9.0 + 12.0)).abs() < 1e-9);
    assert_eq!(s.version, "team-health-v1");
    assert!(s.dropped.is_empty() && s.note.is_none());
    // Contributions add up to the score; drags are weight × (100 − subscore).
    let sum: f64 = s.parts.iter().map(|p| p.contribution).sum();
    assert!((sum - s.score).abs() < 1e-9);
    let sleep = s.parts.iter().find(|p| p.part == Part::SleepPages).unwrap();
    assert_eq!((sleep.subscore, sleep.drag), (Some(50.0), 7.5));
    // Drags: sleep 7.5, toil 6, delivery 5 = busiest 5 (stable order: delivery first).
    assert_eq!(s.drivers.len(), 3);
    assert!(s.drivers[0].starts_with("sleep-hour pages are the largest drag (−7.5 points)"), "{}", s.drivers[0]);
    assert!(s.drivers[1].starts_with("toil is a drag (−6.0 points)"), "{}", s.drivers[1]);
    assert!(s.drivers[2].starts_with("DORA delivery performance"), "{}", s.drivers[2]);
}

#[test]
fn missing_parts_are_dropped_and_said() {
    // Only toil (60) and surveys (80), weights 0.15 each → renormalised to 0.5 each → 70.
    let f = Factors { toil_share: Some(0.2), surveys: Some(80.0), ..Factors::default() };
    let s = score(&f, &Weights::default()).unwrap();
    assert!((s.score - 70.0).abs() < 1e-9);
    assert_eq!(s.dropped.len(), 5);
    assert!(s.note.as_deref().unwrap().contains("renormalised"), "{:?}", s.note);
    let toil = s.parts.iter().find(|p| p.part == Part::Toil).unwrap();
    assert!((toil.effective_weight - 0.5).abs() < 1e-12);
}

#[test]
fn scores_are_clamped_and_caller_weights_apply() {
    // Everything far beyond the zero points → every subscore 0 → score 0, never negative.
    let worst = Factors {
        delivery: Some(-50.0),
        sleep_per_responder_week: Some(100.0),
        incidents_per_12_hours: Some(50.0),
        on_call_share: Some(1.0),
        busiest_per_week: Some(1e6),
        toil_share: Some(1.0),
        surveys: Some(-10.0),
    };
    assert_eq!(score(&worst, &Weights::default()).unwrap().score, 0.0);
    // Only toil weighted: the score is toil's subscore, 60.
    let w = Weights {
        delivery: 0.0,
        sleep_pages: 0.0,
        incident_load: 0.0,
        on_call_time: 0.0,
        busiest_load: 0.0,
        toil: 2.0,
        surveys: 0.0,
    };
    assert!((score(&all_factors(), &w).unwrap().score - 60.0).abs() < 1e-9);
}

#[test]
fn bad_weights_are_errors() {
    let f = all_factors();
    let e = score(&f, &Weights { toil: -0.1, ..Weights::default() }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "weights.toil"));
    let e = score(&f, &Weights { sleep_pages: f64::NAN, ..Weights::default() }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotFinite, "weights.sleepPages"));
    let zero = Weights {
        delivery: 0.0,
        sleep_pages: 0.0,
        incident_load: 0.0,
        on_call_time: 0.0,
        busiest_load: 0.0,
        toil: 0.0,
        surveys: 0.0,
    };
    let e = score(&f, &zero).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "weights"));
    // Only parts without data carry weight → nothing to score.
    let only_delivery = Weights { delivery: 1.0, ..zero };
    let e = score(&Factors { toil_share: Some(0.1), ..Factors::default() }, &only_delivery).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InsufficientData, "weights"));
    let e = score(&Factors::default(), &Weights::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InsufficientData);
}

fn health(v: Value) -> TeamHealthReport {
    team_health(&serde_json::from_value::<TeamHealthInput>(v).unwrap()).unwrap()
}

fn health_err(v: Value) -> (ErrorCode, String) {
    let e = team_health(&serde_json::from_value::<TeamHealthInput>(v).unwrap()).unwrap_err();
    (e.code, e.path.clone())
}

/// Six responders in one week (UTC), a primary + secondary weekly rotation of 6, and 6 pages.
fn on_call() -> Value {
    let responders: Vec<Value> = (0..6).map(|i| json!({"id": format!("r{i}"), "timeZone": "UTC"})).collect();
    json!({
        "period": {"start": "2026-03-02T00:00:00Z", "end": "2026-03-09T00:00:00Z"},
        "responders": responders,
        "rotation": {"members": 6},
        "pages": [
            {"at": "2026-03-02T23:00:00Z", "responder": "r0"},
            {"at": "2026-03-03T02:00:00Z", "responder": "r0"},
            {"at": "2026-03-03T03:00:00Z", "responder": "r0"},
            {"at": "2026-03-03T10:00:00Z", "responder": "r1"},
            {"at": "2026-03-04T23:30:00Z", "responder": "r1"},
            {"at": "2026-03-05T19:00:00Z", "responder": "r2"}
        ]
    })
}

fn toil_log() -> Value {
    json!({"hoursPerWeek": 40, "entries": [
        {"person": "r0", "week": "2026-03-02T00:00:00Z", "category": "manual deploys", "hours": 16},
        {"person": "r0", "week": "2026-03-02T00:00:00Z", "category": "tickets", "hours": 8}
    ]})
}

#[test]
fn six_to_eight_people_moves_time_on_call_from_33_to_25_percent() {
    let r = health(json!({
        "onCall": on_call(),
        "whatIf": [{"name": "hire two", "rotationMembers": 8}]
    }));
    // Baseline: 2 / 6 = 33.3% on call. With 8 members: 2 / 8 = 25%, within the guidance.
    assert!((r.factors.on_call_share.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    let w = &r.what_if[0];
    assert_eq!(w.after.on_call_share, Some(0.25));
    let rot = w.rotation.as_ref().unwrap();
    assert!(!rot.over_limit && rot.meets_minimum);
    // Sleep-hour pages: 4 (r0 23:00, 02:00, 03:00; r1 23:30) / (6 responders × 1 week) = 0.667 per responder-week;
    // spread over 8 people: × 6/8 = 0.5. The busiest (r0, 3 per week) becomes 2.25.
    assert!((w.before.sleep_per_responder_week.unwrap() - 4.0 / 6.0).abs() < 1e-12);
    assert!((w.after.sleep_per_responder_week.unwrap() - 0.5).abs() < 1e-12);
    assert!((w.after.busiest_per_week.unwrap() - 2.25).abs() < 1e-12);
    assert!(w.score_change > 0.0);
    assert!((w.score.score - (r.score.score + w.score_change)).abs() < 1e-9);
}

#[test]
fn page_reduction_automation_and_shift_length() {
    let r = health(json!({
        "onCall": on_call(),
        "toil": toil_log(),
        "whatIf": [
            {"pageReduction": 0.5},
            {"automate": [{"category": "manual deploys", "fraction": 0.25}]},
            {"shiftHours": 12},
            {"pageReduction": 1, "automate": [{"category": "tickets", "fraction": 1}], "rotationMembers": 8}
        ]
    }));
    // Halving pages halves sleep pages per responder-week (0.667 → 0.333), the incident rate and the busiest load.
    let half = &r.what_if[0];
    assert!((half.after.sleep_per_responder_week.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert!(
        (half.after.incidents_per_12_hours.unwrap() - r.factors.incidents_per_12_hours.unwrap() / 2.0).abs() < 1e-12
    );
    assert!(half.score_change > 0.0);
    // Toil: (16 + 8) / 40 = 0.6. Automating 25% of manual deploys frees 4 h: (24 − 4) / 40 = 0.5.
    assert!((r.factors.toil_share.unwrap() - 0.6).abs() < 1e-12);
    let auto = &r.what_if[1];
    assert!((auto.after.toil_share.unwrap() - 0.5).abs() < 1e-12);
    assert_eq!(auto.toil_hours_freed_per_week, Some(4.0));
    // 12-hour shifts: 6 incidents in 14 blocks of 12 h → 6/14 per 12 h; a shift sees 6/14 and absorbs 12/6 = 2. The
    // score does not change.
    let shift = r.what_if[2].shift.as_ref().unwrap();
    assert!((shift.incidents_per_shift - 6.0 / 14.0).abs() < 1e-12);
    assert_eq!((shift.capacity_per_shift, shift.over_capacity), (2.0, false));
    assert_eq!(r.what_if[2].score_change, 0.0);
    // Everything at once: no pages left, tickets automated ((24 − 8) / 40 = 0.4), 8 members.
    let all = &r.what_if[3];
    assert_eq!(all.after.sleep_per_responder_week, Some(0.0));
    assert!((all.after.toil_share.unwrap() - 0.4).abs() < 1e-12);
    assert_eq!(all.after.on_call_share, Some(0.25));
}

#[test]
fn team_health_combines_every_part() {
    let r = health(json!({
        "dora": {"deployments": [{"at": "2026-03-02T10:00:00Z", "leadTimeSeconds": 3600}]},
        "onCall": on_call(),
        "toil": toil_log(),
        "surveys": {"enps": [{"team": "t", "at": "2026-03-01T00:00:00Z", "score": 9}]}
    }));
    assert!(r.score.dropped.is_empty());
    assert!(r.dora.is_some() && r.on_call.is_some() && r.toil.is_some() && r.surveys.is_some());
    // Surveys: eNPS +100 → (100 + 100) / 2 = 100.
    assert_eq!(r.factors.surveys, Some(100.0));
    assert!((0.0..=100.0).contains(&r.score.score));
    // Without surveys, that part is dropped and said.
    let r = health(json!({"onCall": on_call()}));
    assert!(r.score.dropped.contains(&Part::Surveys) && r.score.dropped.contains(&Part::Delivery));
}

#[test]
fn team_health_errors_carry_the_part_path() {
    let mut bad_page = on_call();
    bad_page["pages"][2]["responder"] = json!("ghost");
    let cases: Vec<(Value, ErrorCode, &str)> = vec![
        (json!({}), ErrorCode::InsufficientData, ""),
        (json!({"onCall": bad_page}), ErrorCode::UnknownReference, "onCall.pages[2].responder"),
        (json!({"dora": {"deployments": []}}), ErrorCode::Empty, "dora.deployments"),
        (json!({"toil": toil_log(), "weights": {"toil": -1}}), ErrorCode::OutOfRange, "weights.toil"),
        (
            json!({"toil": toil_log(), "whatIf": [{"rotationMembers": 8}]}),
            ErrorCode::InsufficientData,
            "whatIf[0].rotationMembers",
        ),
        (
            json!({"toil": toil_log(), "whatIf": [{}, {"automate": [{"category": "lunch", "fraction": 0.5}]}]}),
            ErrorCode::UnknownReference,
            "whatIf[1].automate[0].category",
        ),
        (
            json!({"onCall": on_call(), "whatIf": [{"pageReduction": 1.5}]}),
            ErrorCode::OutOfRange,
            "whatIf[0].pageReduction",
        ),
        (
            json!({"onCall": on_call(), "whatIf": [{"rotationMembers": 1}]}),
            ErrorCode::OutOfRange,
            "whatIf[0].rotationMembers",
        ),
        (json!({"onCall": on_call(), "whatIf": [{"shiftHours": 0}]}), ErrorCode::OutOfRange, "whatIf[0].shiftHours"),
        (
            json!({"surveys": {"enps": [{"team": "t", "at": 0, "score": 12}]}}),
            ErrorCode::OutOfRange,
            "surveys.enps[0].score",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(health_err(input.clone()), (code, path.to_string()), "{input}");
    }
}
