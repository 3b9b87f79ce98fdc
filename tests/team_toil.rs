#![cfg(not(target_arch = "wasm32"))]
//! Toil: share against the SRE book's 50% cap, trend, and hours freed by automation, worked by hand.

use opscore::ErrorCode;
use opscore::team::toil::{Basis, ToilInput, ToilReport, toil};
use serde_json::{Value, json};

fn run(v: Value) -> ToilReport {
    toil(&serde_json::from_value::<ToilInput>(v).unwrap()).unwrap()
}

fn err(v: Value) -> (ErrorCode, String) {
    let e = toil(&serde_json::from_value::<ToilInput>(v).unwrap()).unwrap_err();
    (e.code, e.path.clone())
}

/// Week 1 (Mon 2 March 2026) and week 2 (Mon 9 March): a logs hours, b gives a fraction for week 1.
fn log() -> Value {
    json!({
        "entries": [
            {"person": "a", "week": "2026-03-02T09:00:00Z", "category": "deploys", "hours": 10},
            {"person": "a", "week": "2026-03-04T09:00:00Z", "category": "tickets", "hours": 6},
            {"person": "a", "week": "2026-03-05T09:00:00Z", "category": "features", "hours": 24, "toil": false},
            {"person": "a", "week": "2026-03-09T09:00:00Z", "category": "deploys", "hours": 12},
            {"person": "a", "week": "2026-03-15T20:00:00Z", "category": "tickets", "hours": 12}
        ],
        "shares": [{"person": "b", "week": "2026-03-02T00:00:00Z", "toilFraction": 0.2}]
    })
}

#[test]
fn capacity_basis_by_hand() {
    let mut input = log();
    input["hoursPerWeek"] = json!(40);
    input["automate"] = json!([{"category": "deploys", "fraction": 0.5}]);
    let r = run(input);
    assert_eq!(r.basis, Basis::Capacity);
    // a week 1: (10 + 6) / 40 = 0.4; a week 2: (12 + 12) / 40 = 0.6 (> 50%); b week 1: 0.2.
    // Overall: (0.4 + 0.6 + 0.2) / 3 = 0.4, under the cap; one person-week over it.
    assert_eq!(r.person_weeks, 3);
    assert!((r.share - 0.4).abs() < 1e-12);
    assert!(!r.over_cap);
    assert_eq!(r.person_weeks_over_cap, 1);
    assert_eq!((r.cap, r.google_average), (0.5, 0.33));
    // Weeks: week 1 mean (0.4 + 0.2) / 2 = 0.3, week 2 0.6 → slope 0.3 per week.
    assert_eq!(r.weeks.len(), 2);
    assert_eq!(r.weeks[0].week.to_string(), "2026-03-02");
    assert!((r.weeks[0].share - 0.3).abs() < 1e-12);
    assert!((r.trend_per_week.unwrap() - 0.3).abs() < 1e-12);
    // People: a (0.4 + 0.6) / 2 = 0.5 (not over: the cap is "above 50%"), b 0.2; highest first.
    assert_eq!(r.people[0].person, "a");
    assert!((r.people[0].share - 0.5).abs() < 1e-12);
    assert_eq!(r.people[0].weeks_over_cap, 1);
    // Categories: deploys 22 h, tickets 18 h of 40 toil hours; 2 weeks of data.
    assert_eq!(r.toil_hours, 40.0);
    assert_eq!((r.categories[0].category.as_str(), r.categories[0].hours), ("deploys", 22.0));
    assert_eq!(r.categories[0].share_of_toil, 0.55);
    assert_eq!(r.categories[0].hours_per_week, 11.0);
    // Automating half of deploys frees 11 h (5.5 per week): a week 1 (16 − 5) / 40 = 0.275, week 2 (24 − 6) / 40
    // = 0.45, b unchanged 0.2 → (0.275 + 0.45 + 0.2) / 3 = 0.308 33.
    let a = &r.automation[0];
    assert_eq!((a.hours_freed, a.hours_freed_per_week), (11.0, 5.5));
    assert!((a.share_after - 0.925 / 3.0).abs() < 1e-12);
}

#[test]
fn logged_basis_by_hand() {
    let r = run(log());
    assert_eq!(r.basis, Basis::Logged);
    // a week 1: 16 / 40 logged = 0.4; a week 2: 24 / 24 = 1.0; b 0.2 → (0.4 + 1 + 0.2) / 3 = 0.5333.
    assert!((r.share - 1.6 / 3.0).abs() < 1e-12);
    assert!(r.over_cap);
}

#[test]
fn weeks_follow_the_time_zone() {
    // Sunday 15 March 20:00Z is already Monday 16 March in Tokyo (UTC+9): a third week there.
    let mut input = log();
    input["timeZone"] = json!("Asia/Tokyo");
    assert_eq!(run(input).weeks.len(), 3);
}

#[test]
fn shares_only_have_no_categories() {
    let r = run(json!({"shares": [
        {"week": "2026-03-02T00:00:00Z", "toilFraction": 0.3},
        {"week": "2026-03-09T00:00:00Z", "toilFraction": 0.36}
    ]}));
    assert!((r.share - 0.33).abs() < 1e-12);
    assert!(r.categories.is_empty());
    assert!((r.trend_per_week.unwrap() - 0.06).abs() < 1e-12);
    // One week only: no trend.
    assert!(run(json!({"shares": [{"week": 0, "toilFraction": 0.3}]})).trend_per_week.is_none());
}

#[test]
fn bad_input_is_a_structured_error() {
    let w = "2026-03-02T00:00:00Z";
    let cases: Vec<(Value, ErrorCode, &str)> = vec![
        (json!({}), ErrorCode::Empty, "entries"),
        (json!({"entries": [{"week": w, "category": "x", "hours": -1}]}), ErrorCode::OutOfRange, "entries[0].hours"),
        (json!({"shares": [{"week": w, "toilFraction": 1.5}]}), ErrorCode::OutOfRange, "shares[0].toilFraction"),
        (
            json!({"shares": [{"week": w, "toilFraction": 0.5}, {"week": "2026-03-03T00:00:00Z", "toilFraction": 0.1}]}),
            ErrorCode::Duplicate,
            "shares[1]",
        ),
        (
            json!({"entries": [{"week": w, "category": "x", "hours": 30}, {"week": w, "category": "y", "hours": 30}], "hoursPerWeek": 40}),
            ErrorCode::OutOfRange,
            "entries[1].hours",
        ),
        (
            json!({"entries": [{"week": w, "category": "x", "hours": 3}], "hoursPerWeek": 0}),
            ErrorCode::OutOfRange,
            "hoursPerWeek",
        ),
        (
            json!({"entries": [{"week": w, "category": "x", "hours": 3}], "automate": [{"category": "y", "fraction": 0.5}]}),
            ErrorCode::UnknownReference,
            "automate[0].category",
        ),
        (
            json!({"entries": [{"week": w, "category": "x", "hours": 3}], "automate": [{"category": "x", "fraction": 20}]}),
            ErrorCode::OutOfRange,
            "automate[0].fraction",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(err(input.clone()), (code, path.to_string()), "{input}");
    }
}

#[test]
fn entry_columns_give_the_report_of_the_same_entries_as_objects() {
    // Two people, one week (Monday 2026-03-02): ana 10 h deploys + 30 h engineering, bo 20 h tickets.
    let week = 1_772_409_600_000i64;
    let objects = json!({"entries": [
        {"person": "ana", "week": week, "category": "deploys", "hours": 10.0},
        {"person": "ana", "week": week, "category": "features", "hours": 30.0, "toil": false},
        {"person": "bo", "week": week, "category": "tickets", "hours": 20.0},
    ]});
    let columns = json!({"entryColumns": {
        "people": ["ana", "bo"], "person": [0, 0, 1], "week": [week, week, week],
        "categories": ["deploys", "features", "tickets"], "category": [0, 1, 2],
        "hours": [10.0, 30.0, 20.0], "toil": [1, 0, 1],
    }});
    let run = |v: Value| toil(&serde_json::from_value::<ToilInput>(v).unwrap());
    let a = run(objects).unwrap();
    assert_eq!(run(columns.clone()).unwrap(), a);
    // ana 10 / 40 = 25%, bo 20 / 20 = 100%: the mean share is 62.5%.
    assert_eq!(a.share, 0.625);
    let err = |patch: Value| {
        let mut v = columns.clone();
        for (k, x) in patch.as_object().unwrap() {
            v["entryColumns"][k] = x.clone();
        }
        let e = run(v).unwrap_err();
        (e.code, e.path.clone())
    };
    assert_eq!(err(json!({"hours": [10.0, -1.0, 20.0]})), (ErrorCode::OutOfRange, "entryColumns.hours[1]".into()));
    assert_eq!(err(json!({"hours": [10.0]})), (ErrorCode::OutOfRange, "entryColumns.hours".into()));
    assert_eq!(err(json!({"category": [0, 3, 2]})), (ErrorCode::UnknownReference, "entryColumns.category[1]".into()));
    assert_eq!(err(json!({"person": [0, 0.5, 1]})), (ErrorCode::UnknownReference, "entryColumns.person[1]".into()));
    assert_eq!(err(json!({"week": [week, 1e20, week]})), (ErrorCode::InvalidTimestamp, "entryColumns.week[1]".into()));
    assert_eq!(err(json!({"toil": [1, 2, 1]})), (ErrorCode::OutOfRange, "entryColumns.toil[1]".into()));
}
