//! Boundary tests of the team-health exports.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::common::{assert_error, get, js, num, string};
use opscore::wasm::team::{dora, on_call_load, survey_health, team_health, toil};

#[wasm_bindgen_test]
fn dora_counts_failed_deployments() {
    // 23 deployments, 6 incidents spread over 4 of them → 4 / 23 = 17.4% (DevLake PR #8890), never 6 / 23.
    let mut deployments = Vec::new();
    for i in 0..23 {
        let caused = match i {
            2 => r#", "causedIncidentIds": ["a", "b"]"#,
            7 => r#", "causedIncidentIds": ["c"]"#,
            11 => r#", "causedIncidentIds": ["d", "e"]"#,
            19 => r#", "causedIncidentIds": ["f"]"#,
            _ => "",
        };
        deployments.push(format!(r#"{{"at": {}{caused}}}"#, 1_772_442_000_000i64 + i * 3_600_000));
    }
    let r = dora(js(&format!(r#"{{"deployments": [{}], "benchmark": "dora-2021"}}"#, deployments.join(",")))).unwrap();
    assert_eq!(num(&r, &["changeFailRate", "failedDeployments"]), 4.0);
    assert_eq!(num(&r, &["changeFailRate", "incidentsCaused"]), 6.0);
    assert!((num(&r, &["changeFailRate", "rate"]) - 4.0 / 23.0).abs() < 1e-12);
    assert_eq!(string(&r, &["changeFailRate", "classification", "tier"]), "high");
    assert_eq!(string(&r, &["changeFailRate", "classification", "benchmark"]), "dora-2021");
    assert_eq!(string(&r, &["benchmark"]), "dora-2021");
    // Absent parts are undefined, not null.
    assert!(get(&r, &["leadTime"]).is_undefined());
}

#[wasm_bindgen_test]
fn dora_median_convention_and_fdrt() {
    // Lead times 1, 2, 3, 4 h: interpolated median 2.5 h, lower 2 h.
    let d = r#"[
        {"at": "2026-03-02T12:00:00Z", "leadTimeSeconds": 3600},
        {"at": "2026-03-02T12:00:00Z", "leadTimeSeconds": 7200},
        {"at": "2026-03-02T12:00:00Z", "leadTimeSeconds": 10800},
        {"at": "2026-03-02T10:00:00Z", "leadTimeSeconds": 14400, "causedIncidentIds": ["i"]}
    ]"#;
    let i = r#"[{"id": "i", "start": "2026-03-02T10:20:00Z", "resolvedAt": "2026-03-02T11:00:00Z"}]"#;
    let a = dora(js(&format!(r#"{{"deployments": {d}, "incidents": {i}}}"#))).unwrap();
    let b = dora(js(&format!(r#"{{"deployments": {d}, "incidents": {i}, "median": "lower"}}"#))).unwrap();
    assert_eq!(num(&a, &["leadTime", "medianSeconds"]), 9_000.0);
    assert_eq!(num(&b, &["leadTime", "medianSeconds"]), 7_200.0);
    // FDRT: deployed 10:00, incident resolved 11:00 → 1 hour (DevLake).
    assert_eq!(num(&a, &["recoveryTime", "medianSeconds"]), 3_600.0);
    assert_eq!(string(&a, &["period", "start"]), "2026-03-02T00:00:00.000Z");
}

#[wasm_bindgen_test]
fn dora_errors_are_structured() {
    assert_error(dora(js(r#"{"deployments": []}"#)).unwrap_err(), "empty", "deployments");
    assert_error(
        dora(js(r#"{"deployments": [{"at": "2026-03-02T10:00:00Z", "causedIncidentIds": ["x"]}], "incidents": [{"id": "y", "start": 0}]}"#))
            .unwrap_err(),
        "unknown_reference",
        "deployments[0].causedIncidentIds[0]",
    );
    assert_error(
        dora(js(r#"{"deployments": [{"at": 0}], "benchmark": "dora-1999"}"#)).unwrap_err(),
        "unknown_variant",
        "benchmark",
    );
    assert_error(
        dora(js(r#"{"deployments": [{"at": 0}], "timeZone": "Mars/Base"}"#)).unwrap_err(),
        "unknown_time_zone",
        "timeZone",
    );
    assert_error(
        dora(js(r#"{"deployments": [{"at": "noon"}]}"#)).unwrap_err(),
        "invalid_timestamp",
        "deployments[0].at",
    );
    assert_error(dora(JsValue::UNDEFINED).unwrap_err(), "missing_field", "");
}

const ON_CALL: &str = r#"{
    "period": {"start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"},
    "responders": [{"id": "lon", "timeZone": "Europe/London"}, {"id": "nyc", "timeZone": "America/New_York"}],
    "pages": [
        {"at": "2026-03-30T07:30:00Z", "responder": "lon", "acknowledgedAt": "2026-03-30T07:32:00Z"},
        {"at": "2026-03-02T12:30:00Z", "responder": "nyc"},
        {"at": "2026-03-09T12:30:00Z", "responder": "nyc", "channel": "sms"},
        {"at": "2026-03-09T12:30:00Z", "responder": "nyc", "channel": "phone"},
        {"at": "2026-03-09T12:31:00Z", "responder": "nyc", "channel": "email"}
    ],
    "rotation": {"members": 6}
}"#;

#[wasm_bindgen_test]
fn on_call_windows_in_local_time() {
    let r = on_call_load(js(ON_CALL)).unwrap();
    // London, Mon 30 March (BST): 07:30Z = 08:30 local → business; MTTA 120 s.
    assert_eq!(num(&r, &["responders", "0", "business"]), 1.0);
    assert_eq!(num(&r, &["responders", "0", "mttaSeconds"]), 120.0);
    // New York: 2 March 12:30Z = 07:30 EST → sleep; 9 March 12:30Z = 08:30 EDT → business (sms + phone = 1).
    assert_eq!(num(&r, &["responders", "1", "sleep"]), 1.0);
    assert_eq!(num(&r, &["responders", "1", "business"]), 1.0);
    assert_eq!(num(&r, &["totals", "interruptions"]), 3.0);
    assert_eq!(num(&r, &["totals", "email"]), 1.0);
    assert_eq!(num(&r, &["totals", "merged"]), 1.0);
    // Loads 1 and 2: G = Σ|xi − xj| / (2 n² x̄) = 2 / (2 × 4 × 1.5) = 1/6.
    assert!((num(&r, &["fairness", "gini"]) - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(string(&r, &["fairness", "busiestResponder"]), "nyc");
    assert!((num(&r, &["rotation", "onCallShare"]) - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(num(&r, &["rotation", "minimumMembers"]), 8.0);
    assert_eq!(string(&r, &["responders", "1", "timeZone"]), "America/New_York");
}

#[wasm_bindgen_test]
fn on_call_errors_are_structured() {
    let p = r#""period": {"start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"}"#;
    let a = r#""responders": [{"id": "a", "timeZone": "UTC"}]"#;
    assert_error(
        on_call_load(js(&format!(r#"{{{p}, {a}, "pages": [{{"at": "2026-03-02T00:00:00Z", "responder": "b"}}]}}"#)))
            .unwrap_err(),
        "unknown_reference",
        "pages[0].responder",
    );
    assert_error(
        on_call_load(js(&format!(
            r#"{{{p}, {a}, "pages": [{{"at": "2026-03-02T00:00:00Z", "responder": "a", "acknowledgedAt": "2026-03-01T23:00:00Z"}}]}}"#
        )))
        .unwrap_err(),
        "end_before_start",
        "pages[0].acknowledgedAt",
    );
    assert_error(
        on_call_load(js(&format!(r#"{{{p}, "responders": [{{"id": "a", "timeZone": "Atlantis/Central"}}]}}"#)))
            .unwrap_err(),
        "unknown_time_zone",
        "responders[0].timeZone",
    );
    assert_error(
        on_call_load(js(&format!(r#"{{{p}, {a}, "pages": [{{"at": 0, "responder": "a", "urgency": "urgent"}}]}}"#)))
            .unwrap_err(),
        "unknown_variant",
        "pages[0].urgency",
    );
}

#[wasm_bindgen_test]
fn toil_share_and_automation() {
    let r = toil(js(r#"{"hoursPerWeek": 40, "entries": [
        {"person": "ana", "week": "2026-03-02T00:00:00Z", "category": "manual deploys", "hours": 12},
        {"person": "ana", "week": "2026-03-02T00:00:00Z", "category": "tickets", "hours": 4}
    ], "automate": [{"category": "manual deploys", "fraction": 0.5}]}"#))
    .unwrap();
    // (12 + 4) / 40 = 0.4; automating half of 12 h: (16 − 6) / 40 = 0.25.
    assert!((num(&r, &["share"]) - 0.4).abs() < 1e-12);
    assert!((num(&r, &["automation", "0", "shareAfter"]) - 0.25).abs() < 1e-12);
    assert_eq!(string(&r, &["weeks", "0", "week"]), "2026-03-02");
    assert_eq!(string(&r, &["basis"]), "capacity");
    assert_error(
        toil(js(r#"{"shares": [{"week": 0, "toilFraction": 40}]}"#)).unwrap_err(),
        "out_of_range",
        "shares[0].toilFraction",
    );
}

#[wasm_bindgen_test]
fn survey_enps_and_csat() {
    // eNPS 60% promoters, 25% passives, 15% detractors (of 20) → +45.
    let mut answers = Vec::new();
    for (score, n) in [(10, 12), (8, 5), (2, 3)] {
        for _ in 0..n {
            answers.push(format!(r#"{{"team": "core", "at": "2026-03-01T00:00:00Z", "score": {score}}}"#));
        }
    }
    let csat = r#"[{"team": "core", "at": 0, "score": 5}, {"team": "core", "at": 0, "score": 2}]"#;
    let r = survey_health(js(&format!(r#"{{"enps": [{}], "csat": {csat}}}"#, answers.join(",")))).unwrap();
    assert!((num(&r, &["enps", "0", "enps"]) - 45.0).abs() < 1e-9);
    // CSAT from the shared SLA engine: 1 of 2 satisfied → 0.5, flattened beside team and at.
    assert_eq!(num(&r, &["csat", "0", "csat"]), 0.5);
    assert_eq!(string(&r, &["csat", "0", "team"]), "core");
    assert_error(
        survey_health(js(r#"{"enps": [{"team": "t", "at": 0, "score": 11}]}"#)).unwrap_err(),
        "out_of_range",
        "enps[0].score",
    );
    assert_error(
        survey_health(js(r#"{"atlassian": [{"team": "t", "at": 0, "attribute": "Balanced team", "rating": "meh"}]}"#))
            .unwrap_err(),
        "unknown_variant",
        "atlassian[0].rating",
    );
}

#[wasm_bindgen_test]
fn team_health_score_and_what_if() {
    let input = format!(
        r#"{{"onCall": {ON_CALL}, "toil": {{"shares": [{{"week": "2026-03-02T00:00:00Z", "toilFraction": 0.25}}]}},
            "whatIf": [{{"name": "hire two", "rotationMembers": 8}}]}}"#
    );
    let r = team_health(js(&input)).unwrap();
    let s = num(&r, &["score", "score"]);
    assert!((0.0..=100.0).contains(&s));
    assert_eq!(string(&r, &["score", "version"]), "team-health-v1");
    assert_eq!(string(&r, &["score", "dropped", "0"]), "delivery");
    assert!(string(&r, &["score", "note"]).contains("renormalised"));
    // 6 → 8 members in a primary + secondary rotation: 2 / 6 = 33% → 2 / 8 = 25%.
    assert!((num(&r, &["whatIf", "0", "before", "onCallShare"]) - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(num(&r, &["whatIf", "0", "after", "onCallShare"]), 0.25);
    assert!(num(&r, &["whatIf", "0", "scoreChange"]) > 0.0);
    assert_error(
        team_health(js(r#"{"toil": {"shares": [{"week": 0, "toilFraction": 0.3}]}, "weights": {"toil": -1}}"#))
            .unwrap_err(),
        "out_of_range",
        "weights.toil",
    );
    assert_error(
        team_health(js(r#"{"toil": {"shares": [{"week": 0, "toilFraction": 0.3}]}, "weights": {"delivery": 0, "sleepPages": 0, "incidentLoad": 0, "onCallTime": 0, "busiestLoad": 0, "toil": 0, "surveys": 0}}"#)).unwrap_err(),
        "out_of_range",
        "weights",
    );
    assert_error(
        team_health(js(&format!(r#"{{"onCall": {ON_CALL}, "whatIf": [{{"pageReduction": 2}}]}}"#))).unwrap_err(),
        "out_of_range",
        "whatIf[0].pageReduction",
    );
    assert_error(team_health(js("{}")).unwrap_err(), "insufficient_data", "");
}

#[wasm_bindgen_test]
fn page_columns_as_float64_arrays_match_objects() {
    // The Float64Array fast path (read with one copy per column) must count exactly like page objects.
    let base = r#""period": {"start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"},
        "responders": [{"id": "blr", "timeZone": "Asia/Kolkata"}, {"id": "utc", "timeZone": "UTC"}]"#;
    // 2026-03-03T02:30Z = 08:00 in Kolkata (business, [start, end)); 2026-03-03T23:00Z = 04:30 (sleep).
    let (a, b) = (1_772_505_000_000.0, 1_772_578_800_000.0);
    let rows = on_call_load(js(&format!(
        r#"{{{base}, "pages": [{{"at": {a}, "responder": "blr", "acknowledgedAt": {}}}, {{"at": {b}, "responder": "blr"}}]}}"#,
        a + 90_000.0
    )))
    .unwrap();
    let input = js(&format!("{{{base}}}"));
    let cols = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| js_sys::Reflect::set(o, &JsValue::from_str(k), v).unwrap();
    set(&cols, "at", &js_sys::Float64Array::from(&[a, b][..]).into());
    set(&cols, "responder", &js_sys::Float64Array::from(&[0.0, 0.0][..]).into());
    set(&cols, "acknowledgedAt", &js_sys::Float64Array::from(&[a + 90_000.0, f64::NAN][..]).into());
    set(input.unchecked_ref(), "pageColumns", &cols.into());
    let columns = on_call_load(input.clone()).unwrap();
    for r in [&rows, &columns] {
        assert_eq!(num(r, &["responders", "0", "business"]), 1.0);
        assert_eq!(num(r, &["responders", "0", "sleep"]), 1.0);
        assert_eq!(num(r, &["responders", "0", "mttaSeconds"]), 90.0);
    }
    // The caller's object still has its columns (the fast path works on a copy).
    assert!(get(&input, &["pageColumns", "at"]).is_object());
    // Through teamHealth too: 1 sleep-hour interruption / (2 responders × 31/7 weeks).
    let health = js_sys::Object::new();
    set(&health, "onCall", &input);
    let h = team_health(health.into()).unwrap();
    assert!((num(&h, &["factors", "sleepPerResponderWeek"]) - 7.0 / 62.0).abs() < 1e-12);
    // A bad index in a typed column is reported by path.
    let bad = js(&format!("{{{base}}}"));
    let cols = js_sys::Object::new();
    set(&cols, "at", &js_sys::Float64Array::from(&[a][..]).into());
    set(&cols, "responder", &js_sys::Float64Array::from(&[5.0][..]).into());
    set(bad.unchecked_ref(), "pageColumns", &cols.into());
    assert_error(on_call_load(bad).unwrap_err(), "unknown_reference", "pageColumns.responder[0]");
}
