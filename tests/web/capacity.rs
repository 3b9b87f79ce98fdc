//! Boundary tests of the capacity exports: values cross as numbers, Float64Array series, errors keep code and path.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::common::{assert_error, get, js, num, string};
use opscore::wasm::capacity::{Model, erlang_c, forecast, runway, staffing};

#[wasm_bindgen_test]
fn erlang_c_matches_the_reference_row() {
    // Reference table: a = 10 (100 per 30 min × 180 s), c = 14: P(wait) 0.1741, SL(20 s) 88.84%, ASA 7.8 s.
    let q = erlang_c(js(
        r#"{"arrivalRate": 0.05555555555555555, "meanServiceTime": 180, "servers": 14, "targetWait": 20}"#,
    ))
    .unwrap();
    assert!((num(&q, &["pWait"]) - 0.1741).abs() < 5e-5);
    assert!((num(&q, &["serviceLevel"]) - 0.8884).abs() < 5e-5);
    assert!((num(&q, &["meanWait"]) - 7.8).abs() < 0.05);
    assert_eq!(num(&get(&q, &["waitPercentiles", "0"]), &["p"]), 0.5);
    let s = staffing(js(
        r#"{"arrivalRate": 0.05555555555555555, "meanServiceTime": 180, "target": {"serviceLevel": 0.8, "withinSeconds": 20}}"#,
    ))
    .unwrap();
    assert_eq!(num(&s, &["servers"]), 14.0);
    assert!(num(&s, &["oneFewer", "serviceLevel"]) < 0.8);
}

#[wasm_bindgen_test]
fn erlang_c_errors_are_structured() {
    assert_error(
        erlang_c(js(r#"{"arrivalRate": 2, "meanServiceTime": 1, "servers": 2}"#)).unwrap_err(),
        "infeasible",
        "servers",
    );
    assert_error(
        erlang_c(js(r#"{"arrivalRate": 1, "meanServiceTime": 1, "servers": 0}"#)).unwrap_err(),
        "out_of_range",
        "servers",
    );
    assert_error(
        erlang_c(js(r#"{"arrivalRate": "1", "meanServiceTime": 1, "servers": 3}"#)).unwrap_err(),
        "invalid_type",
        "arrivalRate",
    );
    let nan = js(r#"{"meanServiceTime": 1, "servers": 3}"#);
    js_sys::Reflect::set(&nan, &"arrivalRate".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    assert_error(erlang_c(nan).unwrap_err(), "not_finite", "arrivalRate");
    assert_error(
        staffing(js(r#"{"arrivalRate": 1, "meanServiceTime": 1, "target": {}}"#)).unwrap_err(),
        "missing_field",
        "target",
    );
}

fn series_input(values: JsValue) -> JsValue {
    let input = js(
        r#"{"series": {"start": "2026-01-01T00:00:00Z", "step": 86400}, "horizon": 5, "seasonalPeriods": [], "transform": "none", "model": "AAN"}"#,
    );
    let series = get(&input, &["series"]);
    js_sys::Reflect::set(&series, &"values".into(), &values).unwrap();
    input
}

#[wasm_bindgen_test]
fn forecast_accepts_arrays_and_float64_arrays() {
    // A straight line 10, 12, …, 40: Holt's model continues it, 42 at the first step.
    let line: Vec<f64> = (0..16).map(|t| 10.0 + 2.0 * t as f64).collect();
    let typed = js_sys::Float64Array::from(line.as_slice());
    let a = forecast(series_input(typed.into())).unwrap();
    let arr = js_sys::Array::new();
    for v in &line {
        arr.push(&JsValue::from_f64(*v));
    }
    let b = forecast(series_input(arr.into())).unwrap();
    for f in [&a, &b] {
        assert!((num(f, &["mean", "0"]) - 42.0).abs() < 1e-3);
        assert_eq!(string(f, &["model", "name"]), "ETS(A,A,N)");
        assert_eq!(string(f, &["start"]), "2026-01-17T00:00:00.000Z");
        assert_eq!(num(f, &["intervals", "1", "level"]), 0.95);
    }
    // A null in a number[] and a NaN in a Float64Array are both missing values, interpolated.
    let with_gap = js(r#"[10, 12, null, 16, 18, 20, 22, 24, 26, 28]"#);
    let f = forecast(series_input(with_gap)).unwrap();
    assert_eq!(num(&f, &["diagnostics", "interpolated"]), 1.0);
    let mut gap = line.clone();
    gap[3] = f64::NAN;
    let f = forecast(series_input(js_sys::Float64Array::from(gap.as_slice()).into())).unwrap();
    assert_eq!(num(&f, &["diagnostics", "interpolated"]), 1.0);
}

#[wasm_bindgen_test]
fn forecast_errors_are_structured() {
    assert_error(forecast(series_input(js(r#"[1, 2, "x"]"#))).unwrap_err(), "invalid_type", "series.values[2]");
    assert_error(
        forecast(series_input(js(r#"[null, null, null]"#))).unwrap_err(),
        "insufficient_data",
        "series.values",
    );
    let typed = js_sys::Float64Array::from([1.0, 2.0, f64::INFINITY, 4.0, 5.0].as_slice());
    assert_error(forecast(series_input(typed.into())).unwrap_err(), "not_finite", "series.values[2]");
    let zero_horizon = series_input(js("[1, 2, 3, 4, 5, 6]"));
    js_sys::Reflect::set(&zero_horizon, &"horizon".into(), &JsValue::from_f64(0.0)).unwrap();
    assert_error(forecast(zero_horizon).unwrap_err(), "out_of_range", "horizon");
    let mult = series_input(js("[1, 2, 0, 4, 5, 6]"));
    js_sys::Reflect::set(&mult, &"model".into(), &"MAN".into()).unwrap();
    assert_error(forecast(mult).unwrap_err(), "out_of_range", "series.values[2]");
    let season = series_input(js("[1, 2, 3, 4, 5, 6]"));
    js_sys::Reflect::set(&season, &"seasonalPeriods".into(), &js("[7]")).unwrap();
    assert_error(forecast(season).unwrap_err(), "insufficient_data", "seasonalPeriods[0]");
    assert_error(forecast(JsValue::UNDEFINED).unwrap_err(), "missing_field", "");
}

#[wasm_bindgen_test]
fn runway_and_the_fitted_model() {
    // 10 + t, last value 69; threshold 161 × 0.5 = 80.5 → first passed at step 12 (81).
    let values: Vec<String> = (0..60).map(|t| (10 + t).to_string()).collect();
    let input = format!(
        r#"{{"series": {{"start": "2026-01-01T00:00:00Z", "step": 86400, "values": [{}]}}, "horizon": 60,
            "seasonalPeriods": [], "transform": "none", "capacity": 161, "utilisationTarget": 0.5, "largestUnit": 21,
            "scenarios": [{{"name": "2x", "growth": 2}}]}}"#,
        values.join(",")
    );
    let r = runway(js(&input)).unwrap();
    assert_eq!(num(&r, &["baseline", "runway", "mean", "steps"]), 12.0);
    assert_eq!(string(&r, &["baseline", "runway", "mean", "at"]), "2026-03-13T00:00:00.000Z");
    // N+1: (161 − 21) × 0.5 = 70 → 69 + 1 = 70 reaches it at step 1.
    assert_eq!(num(&r, &["baseline", "nPlusOne", "threshold"]), 70.0);
    assert_eq!(string(&r, &["scenarios", "0", "name"]), "2x");
    assert_eq!(num(&r, &["scenarios", "0", "runway", "mean", "steps"]), 6.0);

    let bad = input.replace(r#""capacity": 161"#, r#""capacity": "lots""#);
    assert_error(runway(js(&bad)).unwrap_err(), "invalid_type", "capacity");

    let fi = format!(
        r#"{{"series": {{"start": "2026-01-01T00:00:00Z", "step": 86400, "values": [{}]}}, "horizon": 365,
            "seasonalPeriods": [], "transform": "none"}}"#,
        values.join(",")
    );
    let m = Model::new(js(&fi)).unwrap();
    assert_eq!(num(&m.runway(js(r#"{"capacity": 100.5}"#)).unwrap(), &["baseline", "runway", "mean", "steps"]), 32.0);
    let f = m.forecast().unwrap();
    assert_eq!(js_sys::Array::from(&get(&f, &["mean"])).length(), 365);
    assert_error(
        m.runway(js(r#"{"capacity": 1, "utilisationTarget": 80}"#)).unwrap_err(),
        "out_of_range",
        "utilisationTarget",
    );
    assert_error(
        m.runway(js(r#"{"capacity": 1, "scenarios": [{"growth": -1}]}"#)).unwrap_err(),
        "out_of_range",
        "scenarios[0].growth",
    );
}
