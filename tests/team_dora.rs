#![cfg(not(target_arch = "wasm32"))]
//! DORA keys against shared/reference/team_health.md: the worked failure-rate, FDRT, MTTR and median examples, and
//! the benchmark sets' cut-offs.

use opscore::ErrorCode;
use opscore::team::benchmark::{BenchmarkSet, Key, Tier};
use opscore::team::dora::{DoraInput, DoraReport, FrequencyBucket, dora};
use serde_json::{Value, json};

fn run(v: Value) -> DoraReport {
    let input: DoraInput = serde_json::from_value(v).unwrap();
    dora(&input).unwrap()
}

fn err(v: Value) -> (ErrorCode, String) {
    let input: DoraInput = serde_json::from_value(v).unwrap();
    let e = dora(&input).unwrap_err();
    (e.code, e.path.clone())
}

/// `n` deployments an hour apart from 2026-03-02T09:00Z; `failed` lists the indices that failed.
fn deployments(n: usize, failed: &[usize]) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let at = 1_772_442_000_000i64 + i as i64 * 3_600_000; // 2026-03-02T09:00:00Z + i h
            json!({"at": at, "failed": failed.contains(&i)})
        })
        .collect()
}

#[test]
fn fourkeys_four_deployments_one_failure_is_25_percent() {
    // fourkeys METRICS.md: 4 deployments in a day, 1 causes a failure → 1 / 4 = 25%.
    let r = run(json!({"deployments": deployments(4, &[2])}));
    let c = &r.change_fail_rate;
    assert_eq!((c.deployments, c.failed_deployments), (4, 1));
    assert_eq!(c.rate, 0.25);
    // dora-2023 (the default): 25% > 15% → low. dora-2021: 16–30% → high, with the caveat.
    assert_eq!(r.benchmark, BenchmarkSet::Dora2023);
    assert_eq!(c.classification.tier, Tier::Low);
    assert_eq!(c.classification.benchmark, BenchmarkSet::Dora2023);
}

#[test]
fn devlake_two_of_five_cause_incidents_is_40_percent() {
    // DevLake CFR.md: 5 deployments, 2 cause at least one incident → 2 / 5 = 40%.
    let mut d = deployments(5, &[]);
    d[1]["failed"] = Value::Null;
    d[1]["causedIncidentIds"] = json!(["i1"]);
    d[3]["failed"] = Value::Null;
    d[3]["causedIncidentIds"] = json!(["i2", "i3"]);
    let r = run(json!({"deployments": d}));
    assert_eq!(r.change_fail_rate.failed_deployments, 2);
    assert_eq!(r.change_fail_rate.incidents_caused, 3);
    assert_eq!(r.change_fail_rate.rate, 0.4);
}

#[test]
fn failed_deployments_not_incidents_devlake_8890() {
    // DevLake PR #8890: 23 deployments, 6 incidents spread over 4 of them → 4 / 23 = 17.4%, not 6 / 23 = 26.1%.
    let mut d = deployments(23, &[]);
    let spread: [(usize, &[&str]); 4] = [(2, &["a", "b"]), (7, &["c"]), (11, &["d", "e"]), (19, &["f"])];
    for (i, ids) in spread {
        d[i]["failed"] = Value::Null;
        d[i]["causedIncidentIds"] = json!(ids);
    }
    let incidents: Vec<Value> =
        ["a", "b", "c", "d", "e", "f"].iter().map(|id| json!({"id": id, "start": "2026-03-02T12:00:00Z"})).collect();
    let r = run(json!({"deployments": d, "incidents": incidents, "benchmark": "dora-2021"}));
    let c = &r.change_fail_rate;
    assert_eq!((c.deployments, c.failed_deployments, c.incidents_caused), (23, 4, 6));
    assert!((c.rate - 4.0 / 23.0).abs() < 1e-12);
    assert!((c.rate - 0.174).abs() < 5e-4);
    // dora-2021: 17.4% is in 16–30% → high (the best tier the shared range allows), with a note saying so.
    assert_eq!(c.classification.tier, Tier::High);
    assert_eq!(c.classification.benchmark, BenchmarkSet::Dora2021);
    assert!(c.classification.note.as_deref().unwrap().contains("16–30%"));
    // Open incidents: the failed deployments have no recovery.
    assert!(r.recovery_time.is_none());
}

#[test]
fn devlake_fdrt_one_hour() {
    // DevLake FailedDeploymentRecoveryTime.md: deploy finished 10:00, incident 10:20, resolved 11:00 → 1 hour.
    let r = run(json!({
        "deployments": [{"id": "d1", "at": "2026-03-02T10:00:00Z", "causedIncidentIds": ["inc"]}],
        "incidents": [{"id": "inc", "start": "2026-03-02T10:20:00Z", "resolvedAt": "2026-03-02T11:00:00Z"}]
    }));
    let f = r.recovery_time.unwrap();
    assert_eq!((f.recovered, f.unrecovered), (1, 0));
    assert_eq!(f.median_seconds, 3_600.0);
    // "< 1 hour" is strict, so exactly one hour is high under dora-2023 ("< 1 day").
    assert_eq!(f.classification.tier, Tier::High);
    // A recoveredAt on the deployment wins over incident resolutions: 10:00 → 10:45 = 2 700 s → elite.
    let r = run(json!({"deployments": [{"at": "2026-03-02T10:00:00Z", "recoveredAt": "2026-03-02T10:45:00Z"}]}));
    let f = r.recovery_time.unwrap();
    assert_eq!(f.median_seconds, 2_700.0);
    assert_eq!(f.classification.tier, Tier::Elite);
    assert_eq!(r.change_fail_rate.failed_deployments, 1);
}

#[test]
fn mttr_of_one_two_three_hours_is_two() {
    // Incidents lasting 1 h, 2 h and 3 h: MTTR (1 + 2 + 3) / 3 = 2 h. One more incident is still open.
    let r = run(json!({
        "deployments": deployments(1, &[]),
        "incidents": [
            {"id": "a", "start": "2026-03-02T00:00:00Z", "resolvedAt": "2026-03-02T01:00:00Z"},
            {"id": "b", "start": "2026-03-02T00:00:00Z", "resolvedAt": "2026-03-02T02:00:00Z"},
            {"id": "c", "start": "2026-03-02T00:00:00Z", "resolvedAt": "2026-03-02T03:00:00Z"},
            {"id": "d", "start": "2026-03-02T05:00:00Z"}
        ]
    }));
    let t = r.time_to_restore.unwrap();
    assert_eq!((t.incidents, t.open), (3, 1));
    assert_eq!(t.mean_seconds, 7_200.0);
    assert_eq!(t.median_seconds, 7_200.0);
}

#[test]
fn median_convention_is_an_option() {
    // Lead times 1, 2, 3 and 4 hours (one commit each): fourkeys interpolates to 2.5 h, DevLake takes the lower 2 h.
    let d: Vec<Value> = (1..=4)
        .map(|h| json!({"at": "2026-03-02T12:00:00Z", "commitTimes": [format!("2026-03-02T{:02}:00:00Z", 12 - h)]}))
        .collect();
    let interpolated = run(json!({"deployments": d}));
    let lower = run(json!({"deployments": d, "median": "lower"}));
    let (li, ll) = (interpolated.lead_time.unwrap(), lower.lead_time.unwrap());
    assert_eq!(li.changes, 4);
    assert_eq!(li.median_seconds, 2.5 * 3_600.0);
    assert_eq!(ll.median_seconds, 2.0 * 3_600.0);
    // p90: rank 0.9 × 3 = 2.7 → 3 h + 0.7 h = 3.7 h interpolated; the lower one is rank 2 → 3 h.
    assert!((li.p90_seconds - 3.7 * 3_600.0).abs() < 1e-6);
    assert_eq!(ll.p90_seconds, 3.0 * 3_600.0);
    // 2.5 h < 1 day → elite under dora-2023; under dora-2021 it is in the gap between "< 1 hour" and "1 day" → high.
    assert_eq!(li.classification.tier, Tier::Elite);
    let r2021 = run(json!({"deployments": d, "benchmark": "dora-2021"}));
    assert_eq!(r2021.lead_time.unwrap().classification.tier, Tier::High);
}

#[test]
fn lead_time_seconds_and_multiple_commits_count_changes() {
    // One deployment with 3 commits (1 h, 2 h, 3 h before) and one with leadTimeSeconds 7 200 → 4 changes:
    // [3 600, 7 200, 7 200, 10 800], median (7 200 + 7 200) / 2 = 7 200, mean 28 800 / 4 = 7 200.
    let r = run(json!({"deployments": [
        {"at": "2026-03-02T12:00:00Z", "commitTimes": ["2026-03-02T11:00:00Z", "2026-03-02T10:00:00Z", "2026-03-02T09:00:00Z"]},
        {"at": "2026-03-02T13:00:00Z", "leadTimeSeconds": 7200}
    ]}));
    let l = r.lead_time.unwrap();
    assert_eq!((l.changes, l.median_seconds, l.mean_seconds), (4, 7_200.0, 7_200.0));
}

#[test]
fn frequency_counts_days_and_buckets() {
    // Two weeks, Mon 2026-03-02 to Mon 2026-03-16 (UTC). Week 1: Mon (2 deployments), Tue, Wed; week 2: Mon.
    // 5 deployments / 14 days = 0.357 per day, 2.5 per week; 4 deployment days / 2 weeks = 2 per week.
    // Weekly deployment days [3, 1]: interpolated median 2 → weekly bucket; lower median 1 → weekly too.
    let d = json!([
        {"at": "2026-03-02T09:00:00Z"}, {"at": "2026-03-02T15:00:00Z"}, {"at": "2026-03-03T09:00:00Z"},
        {"at": "2026-03-04T09:00:00Z"}, {"at": "2026-03-09T09:00:00Z"}
    ]);
    let period = json!({"start": "2026-03-02T00:00:00Z", "end": "2026-03-16T00:00:00Z"});
    let r = run(json!({"deployments": d, "period": period}));
    let f = &r.deployment_frequency;
    assert_eq!((f.deployments, f.deployment_days), (5, 4));
    assert!((f.per_day - 5.0 / 14.0).abs() < 1e-12);
    assert!((f.per_week - 2.5).abs() < 1e-12);
    assert!((f.deployment_days_per_week - 2.0).abs() < 1e-12);
    assert_eq!(f.median_deployment_days_per_week, 2.0);
    assert_eq!(f.bucket, FrequencyBucket::Weekly);
    // 0.357 per day ≥ 1 per week → high (dora-2023), and ≥ 1 per 30 days → high (dora-2021).
    assert_eq!(f.classification.tier, Tier::High);
    let lower = run(json!({"deployments": d, "period": period, "median": "lower"}));
    assert_eq!(lower.deployment_frequency.median_deployment_days_per_week, 1.0);

    // Three deployment days in each of two weeks → daily bucket.
    let daily = json!([
        {"at": "2026-03-02T09:00:00Z"}, {"at": "2026-03-03T09:00:00Z"}, {"at": "2026-03-04T09:00:00Z"},
        {"at": "2026-03-09T09:00:00Z"}, {"at": "2026-03-10T09:00:00Z"}, {"at": "2026-03-11T09:00:00Z"}
    ]);
    let r = run(json!({"deployments": daily, "period": period}));
    assert_eq!(r.deployment_frequency.bucket, FrequencyBucket::Daily);

    // One deployment in a 90-day quarter: monthly medians [1, 0, 0] → 0 → yearly; 1 / 90 per day < 1 per 30 days.
    let q = json!({"start": "2026-01-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"});
    let r = run(json!({"deployments": [{"at": "2026-01-15T09:00:00Z"}], "period": q}));
    assert_eq!(r.deployment_frequency.bucket, FrequencyBucket::Yearly);
    assert_eq!(r.deployment_frequency.classification.tier, Tier::Low);
    let r = run(json!({"deployments": [{"at": "2026-01-15T09:00:00Z"}], "period": q, "benchmark": "dora-2021"}));
    // 1 / 90 per day ≥ 1 per 180 days → medium under dora-2021.
    assert_eq!(r.deployment_frequency.classification.tier, Tier::Medium);
}

#[test]
fn derived_period_uses_local_days() {
    // In New York (UTC−5 in early March), 2026-03-03T03:00Z is still 2 March locally: the window is local midnight
    // 2 March to local midnight 4 March, 48 hours, and the two deployments fall on 2 local days.
    let r = run(json!({
        "deployments": [{"at": "2026-03-03T03:00:00Z"}, {"at": "2026-03-03T15:00:00Z"}],
        "timeZone": "America/New_York"
    }));
    assert_eq!(r.period.start.to_string(), "2026-03-02T05:00:00.000Z");
    assert_eq!(r.period.end.to_string(), "2026-03-04T05:00:00.000Z");
    assert_eq!(r.deployment_frequency.deployment_days, 2);
    assert_eq!(r.deployment_frequency.days, 2.0);
}

#[test]
fn benchmark_sets_differ_by_year() {
    const H: f64 = 3_600.0;
    const D: f64 = 86_400.0;
    let t = |set: BenchmarkSet, key: Key, v: f64| set.classify(key, v).tier;
    use BenchmarkSet::*;
    use Key::*;
    // Lead time: 30 min elite in both; 2 h is elite in 2023 (< 1 day) but high in 2021 (gap after "< 1 hour").
    assert_eq!(t(Dora2021, LeadTime, 0.5 * H), Tier::Elite);
    assert_eq!(t(Dora2021, LeadTime, 2.0 * H), Tier::High);
    assert_eq!(t(Dora2023, LeadTime, 2.0 * H), Tier::Elite);
    // 10 days: 2021 medium (1–6 months, gap after 1 week), 2023 medium (1 week – 1 month). 40 days: 2023 low.
    assert_eq!(t(Dora2021, LeadTime, 10.0 * D), Tier::Medium);
    assert_eq!(t(Dora2023, LeadTime, 10.0 * D), Tier::Medium);
    assert_eq!(t(Dora2023, LeadTime, 40.0 * D), Tier::Low);
    assert_eq!(t(Dora2021, LeadTime, 40.0 * D), Tier::Medium);
    assert_eq!(t(Dora2021, LeadTime, 200.0 * D), Tier::Low);
    // Change fail rate 2023: ≤ 5% elite, ≤ 10% high, ≤ 15% medium, above low. 2021: ≤ 15% elite, ≤ 30% high.
    assert_eq!(t(Dora2023, ChangeFailRate, 0.05), Tier::Elite);
    assert_eq!(t(Dora2023, ChangeFailRate, 0.08), Tier::High);
    assert_eq!(t(Dora2023, ChangeFailRate, 0.15), Tier::Medium);
    assert_eq!(t(Dora2023, ChangeFailRate, 0.64), Tier::Low);
    assert_eq!(t(Dora2021, ChangeFailRate, 0.15), Tier::Elite);
    assert_eq!(t(Dora2021, ChangeFailRate, 0.31), Tier::Low);
    // Recovery: < 1 h elite, < 1 day high, ≤ 1 week medium, else low (both years).
    assert_eq!(t(Dora2023, RecoveryTime, 59.0 * 60.0), Tier::Elite);
    assert_eq!(t(Dora2023, RecoveryTime, 23.0 * H), Tier::High);
    assert_eq!(t(Dora2023, RecoveryTime, 3.0 * D), Tier::Medium);
    assert_eq!(t(Dora2021, RecoveryTime, 30.0 * D), Tier::Low);
    // Deployment frequency per day: 2 per day elite; 2 per week high in 2023; 2 per month medium in 2023, high in
    // 2021; 1 per 100 days low in 2023, medium in 2021.
    assert_eq!(t(Dora2023, DeploymentFrequency, 2.0), Tier::Elite);
    assert_eq!(t(Dora2023, DeploymentFrequency, 2.0 / 7.0), Tier::High);
    assert_eq!(t(Dora2023, DeploymentFrequency, 2.0 / 30.0), Tier::Medium);
    assert_eq!(t(Dora2021, DeploymentFrequency, 2.0 / 30.0), Tier::High);
    assert_eq!(t(Dora2023, DeploymentFrequency, 0.01), Tier::Low);
    assert_eq!(t(Dora2021, DeploymentFrequency, 0.01), Tier::Medium);
    assert_eq!(BenchmarkSet::default().name(), "dora-2023");
}

#[test]
fn rework_rate_over_labelled_deployments() {
    // 4 deployments; 3 say whether they were rework, 1 of them was → 1 / 3.
    let mut d = deployments(4, &[]);
    d[0]["rework"] = json!(true);
    d[1]["rework"] = json!(false);
    d[2]["rework"] = json!(false);
    let r = run(json!({"deployments": d}));
    let w = r.rework.unwrap();
    assert_eq!((w.labelled, w.rework), (3, 1));
    assert!((w.rate - 1.0 / 3.0).abs() < 1e-12);
    assert!(run(json!({"deployments": deployments(2, &[])})).rework.is_none());
}

#[test]
fn delivery_score_averages_tier_points() {
    // fourkeys example under dora-2023: 4 deployments within a day (derived window = 1 day) → 4 per day elite (100);
    // CFR 25% low (25); no lead time, no recovery → (100 + 25) / 2 = 62.5.
    let r = run(json!({"deployments": deployments(4, &[2])}));
    assert_eq!(r.deployment_frequency.classification.tier, Tier::Elite);
    assert_eq!(r.delivery_score, 62.5);
}

#[test]
fn bad_input_is_a_structured_error() {
    let at = "2026-03-02T10:00:00Z";
    let cases: Vec<(Value, ErrorCode, &str)> = vec![
        (json!({"deployments": []}), ErrorCode::Empty, "deployments"),
        (
            json!({"deployments": [{"at": at, "commitTimes": ["2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z"]}]}),
            ErrorCode::EndBeforeStart,
            "deployments[0].commitTimes[1]",
        ),
        (
            json!({"deployments": [{"at": at, "commitTimes": [], "leadTimeSeconds": 5}]}),
            ErrorCode::Duplicate,
            "deployments[0].leadTimeSeconds",
        ),
        (
            json!({"deployments": [{"at": at, "leadTimeSeconds": -5}]}),
            ErrorCode::NegativeDuration,
            "deployments[0].leadTimeSeconds",
        ),
        (
            json!({"deployments": [{"at": at, "recoveredAt": "2026-03-02T09:00:00Z"}]}),
            ErrorCode::EndBeforeStart,
            "deployments[0].recoveredAt",
        ),
        (
            json!({"deployments": [{"at": at, "failed": false, "causedIncidentIds": ["x"]}]}),
            ErrorCode::Infeasible,
            "deployments[0].failed",
        ),
        (
            json!({"deployments": [{"at": at, "causedIncidentIds": ["nope"]}], "incidents": [{"id": "x", "start": at}]}),
            ErrorCode::UnknownReference,
            "deployments[0].causedIncidentIds[0]",
        ),
        (
            json!({"deployments": [{"at": at}], "incidents": [{"id": "x", "start": at}, {"id": "x", "start": at}]}),
            ErrorCode::Duplicate,
            "incidents[1].id",
        ),
        (
            json!({"deployments": [{"at": at}], "incidents": [{"id": "x", "start": at, "resolvedAt": "2026-03-02T09:00:00Z"}]}),
            ErrorCode::EndBeforeStart,
            "incidents[0].resolvedAt",
        ),
        (
            json!({"deployments": [{"at": at}, {"at": "2026-04-02T10:00:00Z"}], "period": {"start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"}}),
            ErrorCode::OutOfRange,
            "deployments[1].at",
        ),
        (
            json!({"deployments": [{"at": at}], "period": {"start": "2026-04-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"}}),
            ErrorCode::EndBeforeStart,
            "period.end",
        ),
        (
            json!({"deployments": [{"id": "a", "at": at}, {"id": "a", "at": at}]}),
            ErrorCode::Duplicate,
            "deployments[1].id",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(err(input.clone()), (code, path.to_string()), "{input}");
    }
    // Unknown benchmark names and time zones are rejected while parsing.
    let e = serde_json::from_value::<DoraInput>(json!({"deployments": [], "benchmark": "dora-2019"})).unwrap_err();
    assert!(e.to_string().contains("unknown variant"), "{e}");
    let e = serde_json::from_value::<DoraInput>(json!({"deployments": [], "timeZone": "Mars/Base"})).unwrap_err();
    assert!(e.to_string().contains("unknown_time_zone"), "{e}");
}

#[test]
fn deployment_columns_give_the_report_of_the_same_deployments_as_objects() {
    // 2026-03-02T09:00:00Z and an hour apart; the second failed and recovered 30 minutes later; the first shipped
    // two commits, the third has a lead time of 600 s.
    let t0 = 1_772_442_000_000i64;
    let objects = json!({"deployments": [
        {"at": t0, "commitTimes": [t0 - 7_200_000, t0 - 3_600_000]},
        {"at": t0 + 3_600_000, "failed": true, "recoveredAt": t0 + 5_400_000},
        {"at": t0 + 7_200_000, "leadTimeSeconds": 600.0, "rework": true},
    ]});
    let columns = json!({"deploymentColumns": {
        "at": [t0, t0 + 3_600_000, t0 + 7_200_000],
        "commitOffsets": [0, 2, 2, 2],
        "commitTimes": [t0 - 7_200_000, t0 - 3_600_000],
        "leadTimeSeconds": [null, null, 600.0],
        "failed": [null, 1, null],
        "recoveredAt": [null, t0 + 5_400_000, null],
        "rework": [null, null, 1],
    }});
    let a = run(objects.clone());
    assert_eq!(run(columns.clone()), a);
    // Lead times 7200, 3600 and 600 s: median 3600. One failure of three, recovered in 1800 s.
    assert_eq!(a.lead_time.as_ref().unwrap().median_seconds, 3600.0);
    assert_eq!(a.change_fail_rate.failed_deployments, 1);
    // Objects and columns together are counted together, objects first.
    let mut both = columns;
    both["deployments"] = objects["deployments"].clone();
    assert_eq!(run(both).change_fail_rate.deployments, 6);
}

#[test]
fn deployment_columns_errors_name_the_column_and_the_row() {
    let t0 = 1_772_442_000_000i64;
    let cols = |extra: Value| {
        let mut v = json!({"at": [t0, t0 + 3_600_000]});
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        json!({"deploymentColumns": v})
    };
    assert_eq!(err(cols(json!({"failed": [1]}))), (ErrorCode::OutOfRange, "deploymentColumns.failed".into()));
    assert_eq!(err(cols(json!({"failed": [1, 2]}))), (ErrorCode::OutOfRange, "deploymentColumns.failed[1]".into()));
    assert_eq!(err(cols(json!({"at": [t0, 1e20]}))), (ErrorCode::InvalidTimestamp, "deploymentColumns.at[1]".into()));
    assert_eq!(
        err(cols(json!({"commitTimes": [t0]}))),
        (ErrorCode::MissingField, "deploymentColumns.commitOffsets".into())
    );
    assert_eq!(
        err(cols(json!({"commitOffsets": [0, 1, 0], "commitTimes": [t0]}))),
        (ErrorCode::OutOfRange, "deploymentColumns.commitOffsets[2]".into())
    );
    // A commit after its deployment: the flat position of the commit (deployment 1's first commit is entry 1).
    assert_eq!(
        err(cols(json!({"commitOffsets": [0, 1, 2], "commitTimes": [t0 - 1, t0 + 9_000_000]}))),
        (ErrorCode::EndBeforeStart, "deploymentColumns.commitTimes[1]".into())
    );
    assert_eq!(
        err(cols(json!({"recoveredAt": [null, t0]}))),
        (ErrorCode::EndBeforeStart, "deploymentColumns.recoveredAt[1]".into())
    );
    assert_eq!(
        err(
            json!({"deployments": [{"at": t0}], "deploymentColumns": {"at": [t0], "failed": [0], "recoveredAt": [t0 + 1]}})
        ),
        (ErrorCode::Infeasible, "deploymentColumns.failed[0]".into())
    );
}
