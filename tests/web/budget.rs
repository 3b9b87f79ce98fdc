//! Boundary tests of the error-budget exports: real values through JS objects, Float64Array and number[] series,
//! null buckets, and the error shape.

use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::common::{assert_error, get, js, num, string};
use opscore::wasm::budget::{
    SloHistoryJs, alert_tiers, backtest_alerts, composite_budget, error_budget, from_open_slo, prometheus_rules,
};

fn set(obj: &JsValue, key: &str, v: &JsValue) {
    Reflect::set(obj, &JsValue::from_str(key), v).unwrap();
}

/// 30 days of 1-minute buckets of 100 events, with `bad_minutes` full-outage minutes from minute `from`.
fn series(from: u32, bad_minutes: u32) -> JsValue {
    let n = 43_200;
    let total = Float64Array::new_with_length(n);
    total.fill(100.0, 0, n);
    let bad = Float64Array::new_with_length(n);
    bad.fill(100.0, from, from + bad_minutes);
    let s = js(r#"{"start": "2026-01-01T00:00:00Z", "step": 60}"#);
    set(&s, "bad", &bad);
    set(&s, "total", &total);
    s
}

fn input(slo: &str, series: &JsValue, options: &str) -> JsValue {
    let i = js(&format!(r#"{{"slo": {slo}, "options": {options}}}"#));
    set(&i, "series", series);
    i
}

#[wasm_bindgen_test]
fn error_budget_from_float64_arrays() {
    // A 5-minute full outage: 500 bad of a 0.001 × 4 320 000 = 4 320 budget → 11.57%; 38.2 minutes of outage left.
    let r = error_budget(input(r#"{"objective": 0.999, "window": "30d"}"#, &series(1000, 5), "{}")).unwrap();
    assert!((num(&r, &["consumed", "fraction"]) - 5.0 / 43.2).abs() < 1e-12);
    assert!((num(&r, &["budget", "events"]) - 4_320.0).abs() < 1e-6);
    assert!((num(&r, &["remaining", "seconds"]) - 38.2 * 60.0).abs() < 1e-6);
    assert_eq!(string(&r, &["window", "kind"]), "rolling");
    assert_eq!(string(&r, &["asOf"]), "2026-01-31T00:00:00.000Z");
    assert_eq!(Array::from(&get(&r, &["burnRates"])).length(), 7);
    assert_eq!(string(&r, &["burnRates", "0", "window"]), "5m");
    assert!(get(&r, &["projectedRemaining"]).is_undefined());
    assert!(Array::from(&get(&r, &["burnDown", "t"])).length() <= 500);
    assert!(get(&r, &["scenario"]).is_undefined());
    assert_eq!(string(&r, &["policyState"]), "healthy");
}

#[wasm_bindgen_test]
fn error_budget_number_arrays_with_null_and_what_if() {
    // Hourly: missing, zero traffic, 100 events with 1 bad. Covered 2 of 3 hours → 150 expected events, budget 1.5,
    // consumed 1 / 1.5. A future 30-minute full outage adds 1 800 s / (0.01 × 10 800 s) = 1.667.
    let i = js(r#"{"slo": {"objective": 0.99, "window": "3h"},
        "series": {"start": 1767225600000, "step": 3600, "bad": [null, 0, 1], "total": [null, 0, 100]},
        "options": {"whatIf": {"incidents": [{"duration": "30m"}]}}}"#);
    let r = error_budget(i).unwrap();
    assert!((num(&r, &["consumed", "fraction"]) - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(num(&r, &["data", "missing"]), 1.0);
    assert_eq!(num(&r, &["data", "zeroTraffic"]), 1.0);
    assert!((num(&r, &["scenario", "consumed", "fraction"]) - (2.0 / 3.0 + 1800.0 / 108.0)).abs() < 1e-9);
    assert_eq!(string(&r, &["scenario", "policyState"]), "exhausted");
    // All missing: sli is undefined, not NaN.
    let empty = error_budget(js(r#"{"slo": {"objective": 0.99, "window": "1h"},
        "series": {"start": 0, "step": 3600, "good": [null], "total": [null]}}"#))
    .unwrap();
    assert!(get(&empty, &["sli"]).is_undefined());
    assert_eq!(num(&empty, &["remaining", "fraction"]), 1.0);
}

#[wasm_bindgen_test]
fn error_budget_errors_are_structured() {
    let cases = [
        (
            r#"{"slo": {"objective": 1, "window": "30d"}, "series": {"start": 0, "step": 60, "good": [1], "total": [1]}}"#,
            "out_of_range",
            "slo.objective",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"start": 0, "step": 60, "good": [2], "total": [1]}}"#,
            "out_of_range",
            "series.good[0]",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"start": 0, "step": 60, "good": [], "total": []}}"#,
            "empty",
            "series.total",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"start": 0, "step": 60, "good": [1, "x"], "total": [1, 1]}}"#,
            "invalid_type",
            "series.good[1]",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"start": 0, "step": 60, "good": "1", "total": [1]}}"#,
            "invalid_type",
            "series.good",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"start": "soon", "step": 60, "good": [1], "total": [1]}}"#,
            "invalid_timestamp",
            "series.start",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"step": 60, "t": [120000, 60000], "good": [1, 1], "total": [1, 1]}}"#,
            "unsorted",
            "series.t[1]",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "30d"}, "series": {"step": 60, "t": [60000, 60000], "good": [1, 1], "total": [1, 1]}}"#,
            "duplicate",
            "series.t[1]",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": "1M", "method": "weekly"}, "series": {"start": 0, "step": 60, "good": [1], "total": [1]}}"#,
            "unknown_variant",
            "slo.method",
        ),
        (
            r#"{"slo": {"objective": 0.9, "window": {"duration": "1M", "timeZone": "Mars/Base"}}, "series": {"start": 0, "step": 60, "good": [1], "total": [1]}}"#,
            "unknown_time_zone",
            "slo.window.timeZone",
        ),
        (
            r#"{"slo": {"objective": 0.9}, "series": {"start": 0, "step": 60, "good": [1], "total": [1]}}"#,
            "missing_field",
            "slo",
        ),
    ];
    for (json, code, path) in cases {
        assert_error(error_budget(js(json)).unwrap_err(), code, path);
    }
    assert_error(error_budget(JsValue::UNDEFINED).unwrap_err(), "missing_field", "");
    // NaN objective (not expressible in JSON).
    let i = input(r#"{"objective": 0.9, "window": "1d"}"#, &series(0, 0), "{}");
    set(&get(&i, &["slo"]), "objective", &JsValue::from_f64(f64::NAN));
    assert_error(error_budget(i).unwrap_err(), "not_finite", "slo.objective");
}

#[wasm_bindgen_test]
fn alert_tiers_reproduce_the_workbook() {
    let t = alert_tiers(js(r#"{"slo": {"objective": 0.999, "window": "30d"}}"#)).unwrap();
    // 0.02 × 720 = 14.4, 0.05 × 120 = 6, 0.1 × 30 = 3, 0.1 × 10 = 1.
    for (i, burn) in [14.4, 6.0, 3.0, 1.0].iter().enumerate() {
        let b = num(&t, &["tiers", &i.to_string(), "burnRate"]);
        assert!((b - burn).abs() < 1e-9, "{i}: {b}");
    }
    assert_eq!(string(&t, &["tiers", "2", "longWindow"]), "1d");
    assert_eq!(string(&t, &["tiers", "2", "shortWindow"]), "2h");
    assert_error(
        alert_tiers(js(r#"{"slo": {"objective": 0.999, "window": "30d"}, "tiers": [{"longWindow": "1h"}]}"#))
            .unwrap_err(),
        "missing_field",
        "tiers[0].burnRate",
    );
}

#[wasm_bindgen_test]
fn backtest_detects_an_outage() {
    // 10-minute outage on day 10: the 14.4 tier fires after 1 minute, the 6 tier after 3 (k/360 > 0.006).
    let i = input(
        r#"{"objective": 0.999, "window": "30d"}"#,
        &series(14_400, 10),
        r#"{"incidents": [{"start": "2026-01-11T00:00:00Z", "end": "2026-01-11T00:10:00Z"}]}"#,
    );
    let b = backtest_alerts(i).unwrap();
    assert_eq!(num(&b, &["evaluations"]), 43_200.0);
    assert_eq!(num(&b, &["tiers", "0", "fireCount"]), 1.0);
    assert_eq!(num(&b, &["tiers", "0", "detections", "0", "detectionSeconds"]), 60.0);
    assert_eq!(num(&b, &["tiers", "1", "detections", "0", "detectionSeconds"]), 180.0);
    assert_eq!(string(&b, &["tiers", "0", "fires", "0", "end"]), "2026-01-11T00:15:00.000Z");
    assert_eq!(num(&b, &["tiers", "0", "silent", "bad"]), 100.0);
    let bad = input(
        r#"{"objective": 0.999, "window": "30d"}"#,
        &series(0, 0),
        r#"{"from": "2026-02-05T00:00:00Z", "to": "2026-01-05T00:00:00Z"}"#,
    );
    assert_error(backtest_alerts(bad).unwrap_err(), "end_before_start", "options.to");
}

#[wasm_bindgen_test]
fn slo_history_reuses_the_series() {
    let mut h = SloHistoryJs::new(series(1000, 5)).unwrap();
    assert_eq!(h.buckets(), 43_200);
    assert_eq!((h.missing(), h.zero_traffic()), (0, 0));
    let a = h.error_budget(js(r#"{"objective": 0.999, "window": "30d"}"#), None).unwrap();
    assert!((num(&a, &["consumed", "fraction"]) - 5.0 / 43.2).abs() < 1e-12);
    // Same series, 99%: budget 43 200 events, 500 bad → 1.157%.
    let b = h.error_budget(js(r#"{"objective": 0.99, "window": "30d"}"#), None).unwrap();
    assert!((num(&b, &["consumed", "fraction"]) - 500.0 / 43_200.0).abs() < 1e-12);
    let bt = h.backtest_alerts(js(r#"{"objective": 0.999, "window": "30d"}"#), None).unwrap();
    assert_eq!(num(&bt, &["tiers", "0", "fireCount"]), 1.0);
    assert_error(
        h.error_budget(js(r#"{"objective": 2, "window": "30d"}"#), None).unwrap_err(),
        "out_of_range",
        "slo.objective",
    );
    assert_error(
        h.error_budget(js(r#"{"objective": 0.9, "window": "30d"}"#), Some(js(r#"{"maxPoints": 1}"#))).unwrap_err(),
        "out_of_range",
        "options.maxPoints",
    );
    assert_error(
        SloHistoryJs::new(js(r#"{"start": 0, "step": 60, "good": [1]}"#)).err().unwrap(),
        "missing_field",
        "series.total",
    );
}

#[wasm_bindgen_test]
fn prometheus_rules_and_openslo() {
    let r = prometheus_rules(js(r#"{"slo": {"objective": 0.999, "window": "30d"}, "service": "api", "name": "avail",
        "errorQuery": "sum(rate(e[{{.window}}]))", "totalQuery": "sum(rate(t[{{.window}}]))"}"#))
    .unwrap();
    let yaml = string(&r, &["yaml"]);
    assert!(yaml.contains("sum(rate(e[30d]))"));
    assert!(yaml.contains("> (14.4 * (1 - 0.999))"));
    assert_error(
        prometheus_rules(js(r#"{"slo": {"objective": 0.999, "window": "30d"}, "service": "api", "name": "avail",
            "errorQuery": "e", "totalQuery": "sum(rate(t[{{.window}}]))"}"#))
        .unwrap_err(),
        "out_of_range",
        "errorQuery",
    );
    let imp = from_open_slo(js(r#"{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "x"},
        "spec": {"timeWindow": [{"duration": "28d", "isRolling": true}], "budgetingMethod": "Timeslices",
        "objectives": [{"target": 0.95, "timeSliceTarget": 0.9, "timeSliceWindow": "1m"}]}}"#))
    .unwrap();
    assert_eq!(num(&imp, &["objectives", "0", "slo", "timeSliceWindow"]), 60.0);
    assert_eq!(string(&imp, &["objectives", "0", "slo", "method"]), "timeslices");
    assert_eq!(string(&imp, &["objectives", "0", "slo", "window", "duration"]), "28d");
    assert_error(
        from_open_slo(js(r#"{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "x"},
            "spec": {"timeWindow": [{"duration": "28d"}], "budgetingMethod": "Occurrences",
            "objectives": [{"op": "lte", "value": 1, "target": 0.9}]}}"#))
        .unwrap_err(),
        "unsupported",
        "spec.objectives[0].op",
    );
    assert_error(
        from_open_slo(js(r#"{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "x"},
            "spec": {"timeWindow": [{"duration": "28d"}], "objectives": []}}"#))
        .unwrap_err(),
        "missing_field",
        "spec",
    );
}

#[wasm_bindgen_test]
fn composite_budget_from_js() {
    // Weights 4 and 1: consumed 0.8 × 1 + 0.2 × 0 = 0.8.
    let total = Float64Array::new_with_length(1);
    total.fill(100.0, 0, 1);
    let c = js(r#"{"components": [
        {"name": "api", "weight": 4, "slo": {"objective": 0.99, "window": "1h"},
         "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [1]}},
        {"slo": {"objective": 0.9, "window": "1h"},
         "series": {"start": "2026-01-01T00:00:00Z", "step": 3600, "bad": [0], "total": [100]}}]}"#);
    set(&get(&c, &["components", "0", "series"]), "total", &total);
    let r = composite_budget(c).unwrap();
    assert!((num(&r, &["consumed"]) - 0.8).abs() < 1e-12);
    assert_eq!(num(&r, &["components", "0", "share"]), 0.8);
    let bad = js(r#"{"components": [{"weight": -1, "slo": {"objective": 0.99, "window": "1h"},
        "series": {"start": 0, "step": 3600, "bad": [1], "total": [100]}}]}"#);
    assert_error(composite_budget(bad).unwrap_err(), "out_of_range", "components[0].weight");
}
