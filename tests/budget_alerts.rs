//! Alert backtests, Prometheus rules and OpenSLO import. Expected values are worked by hand in the comments.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::budget::backtest::{Backtest, BacktestInput, backtest_alerts};
use opscore::budget::openslo::{OpenSloDoc, from_openslo};
use opscore::budget::prometheus::{PrometheusInput, prometheus_rules};
use serde_json::{Value, json};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

const INCIDENT_START: usize = 14_400; // minute 14 400 = day 10, 2026-01-11T00:00Z

/// 30 days of 1-minute buckets of 100 events; a 10-minute full outage from day 10.
fn outage_series() -> Value {
    let bad: Vec<f64> =
        (0..43_200).map(|i| if (INCIDENT_START..INCIDENT_START + 10).contains(&i) { 100.0 } else { 0.0 }).collect();
    json!({"start": "2026-01-01T00:00:00Z", "step": 60, "bad": bad, "total": vec![100.0; 43_200]})
}

fn backtest(options: Value) -> opscore::Result<Backtest> {
    backtest_alerts(
        &serde_json::from_value::<BacktestInput>(
            json!({"slo": {"objective": 0.999, "window": "30d"}, "series": outage_series(), "options": options}),
        )
        .unwrap(),
    )
}

#[test]
fn default_tiers_on_a_ten_minute_outage() {
    let b = backtest(
        json!({"incidents": [{"name": "db", "start": "2026-01-11T00:00:00Z", "end": "2026-01-11T00:10:00Z"}]}),
    )
    .unwrap();
    assert_eq!(b.evaluations, 43_200);
    assert_eq!(b.total_bad, 1_000.0);
    // Budget per window: 0.001 × 4 320 000 = 4 320 events.
    assert!(close(b.budget_per_window, 4_320.0, 1e-6));
    // After k bad minutes the long-window error rate is k / (window minutes). Each tier fires once both windows are
    // strictly above burn × 0.001:
    //   14.4 (1h/5m): k/60 > 0.0144 at k = 1 → detected after 60 s;
    //   6 (6h/30m): k/360 > 0.006 at k = 3 → 180 s;
    //   3 (1d/2h): k/1440 > 0.003 at k = 5 → 300 s;
    //   1 (3d/6h): k/4320 > 0.001 at k = 5 → 300 s.
    // Bad minutes before detection are burned silently: 1, 3, 5 and 5 minutes × 100 events.
    let want = [(60.0, 100.0), (180.0, 300.0), (300.0, 500.0), (300.0, 500.0)];
    for (t, (detect, silent)) in b.tiers.iter().zip(want) {
        assert_eq!(t.fire_count, 1, "{}", t.tier.name);
        assert_eq!(t.detections[0].detection_seconds, Some(detect), "{}", t.tier.name);
        assert_eq!(t.detections[0].name.as_deref(), Some("db"));
        assert!(close(t.silent.bad, silent, 1e-9), "{} {}", t.tier.name, t.silent.bad);
        assert!(close(t.silent.share, silent / 1000.0, 1e-12));
        assert!(close(t.silent.budgets, silent / 4320.0, 1e-12));
        assert_eq!(t.fires_outside_incidents, 0);
    }
    // The page tier resets when its 5-minute window is clean again: 5 minutes after the outage ends (00:15).
    let page = &b.tiers[0];
    assert_eq!(page.fires[0].start.to_string(), "2026-01-11T00:01:00.000Z");
    assert_eq!(page.fires[0].end.unwrap().to_string(), "2026-01-11T00:15:00.000Z");
    assert_eq!(page.firing_seconds, 14.0 * 60.0);
    // The 6h/30m tier resets after its 30-minute window clears: 00:40.
    assert_eq!(b.tiers[1].fires[0].end.unwrap().to_string(), "2026-01-11T00:40:00.000Z");
    // No tier at all was firing during the first bad minute only.
    assert!(close(b.silent_all.bad, 100.0, 1e-9));
}

#[test]
fn caller_tiers_missed_incidents_and_false_fires() {
    // A tier that needs burn 500 (50% errors) over 1h and 5m fires when k/60 > 0.5, i.e. never for 10 minutes: the
    // incident is missed and all 1 000 bad events burn silently. A marked incident elsewhere that the 14.4 tier
    // never sees is missed too, and the outage's fire (outside that incident) is a false fire.
    let b = backtest(json!({
        "tiers": [{"name": "huge", "longWindow": "1h", "burnRate": 500}, {"longWindow": 3600, "shortWindow": "5m", "burnRate": 14.4, "severity": "page"}],
        "incidents": [{"start": "2026-01-20T00:00:00Z", "end": "2026-01-20T01:00:00Z"}],
    }))
    .unwrap();
    let huge = &b.tiers[0];
    assert_eq!((huge.fire_count, huge.detections[0].detected_at), (0, None));
    assert_eq!(huge.silent.bad, 1000.0);
    assert!(close(huge.silent.share, 1.0, 1e-12));
    assert_eq!(b.tiers[1].tier.name, "page-1h");
    assert_eq!(b.tiers[1].fires_outside_incidents, 1);
    assert_eq!(b.tiers[1].detections[0].detection_seconds, None);
}

#[test]
fn backtest_range_and_errors() {
    // Evaluating only day 10 to day 11 sees the same single fire, over 1 440 evaluations.
    let b = backtest(json!({"from": "2026-01-11T00:00:00Z", "to": "2026-01-12T00:00:00Z", "maxFires": 0})).unwrap();
    assert_eq!(b.evaluations, 1_440);
    assert_eq!(b.tiers[0].fire_count, 1);
    assert!(b.tiers[0].fires.is_empty() && b.tiers[0].truncated);
    let cases = [
        (json!({"tiers": []}), ErrorCode::Empty, "options.tiers"),
        (json!({"tiers": [{"longWindow": "1h"}]}), ErrorCode::MissingField, "options.tiers[0].burnRate"),
        (json!({"tiers": [{"longWindow": "1h", "burnRate": -1}]}), ErrorCode::OutOfRange, "options.tiers[0].burnRate"),
        (
            json!({"tiers": [{"longWindow": "1h", "shortWindow": "2h", "burnRate": 2}]}),
            ErrorCode::OutOfRange,
            "options.tiers[0].shortWindow",
        ),
        (
            json!({"tiers": [{"longWindow": "1h", "burnRate": 2, "budgetConsumed": 0.1}]}),
            ErrorCode::Unsupported,
            "options.tiers[0].budgetConsumed",
        ),
        (
            json!({"incidents": [{"start": "2026-01-02T00:00:00Z", "end": "2026-01-01T00:00:00Z"}]}),
            ErrorCode::EndBeforeStart,
            "options.incidents[0].end",
        ),
        (
            json!({"from": "2026-01-05T00:00:00Z", "to": "2026-01-04T00:00:00Z"}),
            ErrorCode::EndBeforeStart,
            "options.to",
        ),
        (
            json!({"from": "2027-01-05T00:00:00Z", "to": "2027-01-06T00:00:00Z"}),
            ErrorCode::InsufficientData,
            "options.from",
        ),
    ];
    for (options, code, path) in cases {
        let e = backtest(options.clone()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{options}: {}", e.message);
    }
}

fn prom(extra: Value) -> opscore::Result<opscore::budget::prometheus::PrometheusRules> {
    let mut v = json!({
        "slo": {"objective": 0.999, "window": "30d"},
        "service": "checkout",
        "name": "requests-availability",
        "errorQuery": "sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[{{.window}}]))",
        "totalQuery": "sum(rate(http_requests_total{job=\"checkout\"}[{{.window}}]))",
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    prometheus_rules(&serde_json::from_value::<PrometheusInput>(v).unwrap())
}

#[test]
fn prometheus_rules_match_the_backtested_tiers() {
    let r = prom(json!({"labels": {"team": "payments"}})).unwrap();
    let y = &r.yaml;
    // One SLI recording per distinct window: 5m, 30m, 1h, 2h, 6h, 1d, 3d and the 30d period.
    for w in ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"] {
        assert!(y.contains(&format!("- record: slo:sli_error:ratio_rate{w}\n")), "{w}\n{y}");
        assert!(y.contains(&format!("sloth_window: \"{w}\"")), "{w}");
    }
    assert!(y.contains("code=~\"5..\"}[30d]"));
    // The thresholds are the tiers': 14.4, 6, 3, 1 times (1 − 0.999), `>` as in the backtest.
    for (burn, short, long) in [("14.4", "5m", "1h"), ("6", "30m", "6h"), ("3", "2h", "1d"), ("1", "6h", "3d")] {
        assert!(y.contains(&format!("max(slo:sli_error:ratio_rate{short}{{sloth_id=\"checkout-requests-availability\", sloth_service=\"checkout\", sloth_slo=\"requests-availability\"}} > ({burn} * (1 - 0.999))) without (sloth_window)")), "{burn}\n{y}");
        assert!(y.contains(&format!("ratio_rate{long}{{")));
    }
    assert!(y.contains("- alert: \"slo_checkout_requests_availability_budget_burn_page\""));
    assert!(y.contains("- alert: \"slo_checkout_requests_availability_budget_burn_ticket\""));
    assert!(y.contains("record: slo:period_error_budget_remaining:ratio"));
    assert!(y.contains("expr: |\n          vector(0.999)\n"));
    assert!(y.contains("team: \"payments\""));
    assert!(y.contains("slo:time_period:days"));
    assert_eq!(r.tiers.len(), 4);
    // No tabs, every line indented by spaces in steps of two.
    assert!(!y.contains('\t'));
    // Calendar windows: no period recordings.
    let cal = prom(json!({"slo": {"objective": 0.999, "window": "1M"}})).unwrap();
    assert!(!cal.yaml.contains("ratio_rate30d"));
    assert!(cal.yaml.contains("period rules omitted"));
}

#[test]
fn prometheus_errors() {
    let cases = [
        (json!({"errorQuery": "sum(rate(x[5m]))"}), ErrorCode::OutOfRange, "errorQuery"),
        (json!({"service": "check out"}), ErrorCode::OutOfRange, "service"),
        (json!({"name": ""}), ErrorCode::OutOfRange, "name"),
        (json!({"labels": {"bad-label": "x"}}), ErrorCode::OutOfRange, "labels.bad-label"),
        (json!({"labels": {"sloth_id": "x"}}), ErrorCode::OutOfRange, "labels.sloth_id"),
        (
            json!({"slo": {"objective": 0.99, "window": "7d", "method": "timeslices", "timeSliceTarget": 0.9, "timeSliceWindow": 60}}),
            ErrorCode::Unsupported,
            "slo.method",
        ),
        (json!({"slo": {"objective": 1, "window": "7d"}}), ErrorCode::OutOfRange, "slo.objective"),
    ];
    for (extra, code, path) in cases {
        let e = prom(extra.clone()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{extra}: {}", e.message);
    }
}

fn openslo(doc: Value) -> opscore::Result<opscore::budget::openslo::OpenSloImport> {
    from_openslo(&serde_json::from_value::<OpenSloDoc>(doc).unwrap())
}

fn doc(time_window: Value, method: &str, objectives: Value) -> Value {
    json!({
        "apiVersion": "openslo/v1",
        "kind": "SLO",
        "metadata": {"name": "web-availability", "displayName": "Web availability"},
        "spec": {
            "service": "web",
            "indicatorRef": "web-success",
            "timeWindow": [time_window],
            "budgetingMethod": method,
            "objectives": objectives,
            "alertPolicies": [{"alertPolicyRef": "page"}],
        },
    })
}

#[test]
fn openslo_documents_convert() {
    let r = openslo(doc(
        json!({"duration": "28d", "isRolling": true}),
        "Occurrences",
        json!([{"displayName": "ok", "target": 0.999}, {"name": "strict", "targetPercent": 99.99, "compositeWeight": 2}]),
    ))
    .unwrap();
    assert_eq!((r.name.as_str(), r.service.as_deref()), ("web-availability", Some("web")));
    assert_eq!(r.objectives.len(), 2);
    assert_eq!(r.objectives[0].slo.objective, 0.999);
    assert!(close(r.objectives[1].slo.objective, 0.9999, 1e-12));
    assert_eq!((r.objectives[0].weight, r.objectives[1].weight), (1.0, 2.0));
    assert_eq!(r.objectives[0].name.as_deref(), Some("ok"));
    let w = r.objectives[0].slo.window.resolve("w").unwrap();
    assert_eq!(w.nominal_seconds(), 28.0 * 86_400.0);
    assert!(w.is_rolling());

    // 1M with a calendar is a calendar month; the note says so.
    let m = openslo(doc(
        json!({"duration": "1M", "calendar": {"startTime": "2026-01-01 00:00:00", "timeZone": "America/New_York"}}),
        "Timeslices",
        json!([{"target": 0.95, "timeSliceTarget": 0.9, "timeSliceWindow": 5}]),
    ))
    .unwrap();
    assert!(m.window_note.contains("calendar month"), "{}", m.window_note);
    let slo = &m.objectives[0].slo;
    assert_eq!(slo.window.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(slo.window.rolling, Some(false));
    // timeSliceWindow 5 (a bare number) is 5 minutes.
    assert_eq!(slo.time_slice_window.unwrap().0, 300.0);
    // 1M rolling is 30 days.
    let r30 = openslo(doc(
        json!({"duration": "1M", "isRolling": true}),
        "RatioTimeslices",
        json!([{"target": 0.9, "timeSliceWindow": "1m"}]),
    ))
    .unwrap();
    assert!(r30.window_note.contains("30 days"));
    assert_eq!(r30.objectives[0].slo.window.resolve("").unwrap().nominal_seconds(), 30.0 * 86_400.0);
}

#[test]
fn openslo_unsupported_parts_are_rejected() {
    let occ = |o: Value| doc(json!({"duration": "28d", "isRolling": true}), "Occurrences", o);
    let mut v1alpha = occ(json!([{"target": 0.9}]));
    v1alpha["apiVersion"] = json!("openslo/v1alpha");
    let mut service = occ(json!([{"target": 0.9}]));
    service["kind"] = json!("Service");
    let mut threshold_sli = occ(json!([{"target": 0.9}]));
    threshold_sli["spec"]["indicator"] =
        json!({"metadata": {"name": "lat"}, "spec": {"thresholdMetric": {"metricSource": {"type": "Prometheus"}}}});
    let mut two_windows = occ(json!([{"target": 0.9}]));
    two_windows["spec"]["timeWindow"] =
        json!([{"duration": "28d", "isRolling": true}, {"duration": "7d", "isRolling": true}]);
    let mut no_window = occ(json!([{"target": 0.9}]));
    no_window["spec"].as_object_mut().unwrap().remove("timeWindow");
    let cases = [
        (v1alpha, ErrorCode::Unsupported, "apiVersion"),
        (service, ErrorCode::Unsupported, "kind"),
        (threshold_sli, ErrorCode::Unsupported, "spec.indicator.spec.thresholdMetric"),
        (two_windows, ErrorCode::Unsupported, "spec.timeWindow[1]"),
        (no_window, ErrorCode::MissingField, "spec.timeWindow"),
        (occ(json!([{"op": "lte", "value": 200, "target": 0.9}])), ErrorCode::Unsupported, "spec.objectives[0].op"),
        (occ(json!([{"target": 0.9}, {"displayName": "x"}])), ErrorCode::MissingField, "spec.objectives[1].target"),
        (occ(json!([{"target": 1.0}])), ErrorCode::OutOfRange, "spec.objectives[0].target"),
        (occ(json!([{"targetPercent": 100}])), ErrorCode::OutOfRange, "spec.objectives[0].targetPercent"),
        (
            occ(json!([{"target": 0.9, "targetPercent": 90}])),
            ErrorCode::Unsupported,
            "spec.objectives[0].targetPercent",
        ),
        (
            occ(json!([{"target": 0.9, "compositeWeight": 0}])),
            ErrorCode::OutOfRange,
            "spec.objectives[0].compositeWeight",
        ),
        (occ(json!([])), ErrorCode::Empty, "spec.objectives"),
        (
            doc(json!({"duration": "28d", "isRolling": true}), "Weekly", json!([{"target": 0.9}])),
            ErrorCode::UnknownVariant,
            "spec.budgetingMethod",
        ),
        (
            doc(
                json!({"duration": "28d", "isRolling": true}),
                "Timeslices",
                json!([{"target": 0.9, "timeSliceWindow": "1m"}]),
            ),
            ErrorCode::MissingField,
            "spec.objectives[0].timeSliceTarget",
        ),
        (
            doc(json!({"duration": "2M", "calendar": {"timeZone": "UTC"}}), "Occurrences", json!([{"target": 0.9}])),
            ErrorCode::Unsupported,
            "spec.timeWindow[0].duration",
        ),
        (
            doc(
                json!({"duration": "1M", "calendar": {"startTime": "2020-01-21 12:30:00", "timeZone": "UTC"}}),
                "Occurrences",
                json!([{"target": 0.9}]),
            ),
            ErrorCode::Unsupported,
            "spec.timeWindow[0].calendar.startTime",
        ),
        (
            doc(
                json!({"duration": "1M", "isRolling": true, "calendar": {"timeZone": "UTC"}}),
                "Occurrences",
                json!([{"target": 0.9}]),
            ),
            ErrorCode::Unsupported,
            "spec.timeWindow[0].calendar",
        ),
        (
            doc(
                json!({"duration": "1M", "calendar": {"timeZone": "Nowhere/Land"}}),
                "Occurrences",
                json!([{"target": 0.9}]),
            ),
            ErrorCode::UnknownTimeZone,
            "spec.timeWindow[0].calendar.timeZone",
        ),
    ];
    for (d, code, path) in cases {
        let e = openslo(d.clone()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{}: {}", d["spec"], e.message);
    }
}
