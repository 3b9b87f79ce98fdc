//! Boundary tests of the SLA exports.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::common::{assert_error, js, num, string};
use opscore::wasm::sla::allowed_downtime;

#[wasm_bindgen_test]
fn allowed_downtime_from_js() {
    let t = allowed_downtime(js(r#"{"target": 0.999}"#)).unwrap();
    // 86 400 s × 0.001 = 86.4 s; a Gregorian month is 365.2425 × 86 400 / 12 = 2 629 746 s → 2 629.746 s.
    assert!((num(&t, &["day", "allowedSeconds"]) - 86.4).abs() < 1e-9);
    assert!((num(&t, &["month", "allowedSeconds"]) - 2_629.746).abs() < 1e-6);
    assert_eq!(string(&t, &["convention"]), "gregorian");
}

#[wasm_bindgen_test]
fn allowed_downtime_period_accepts_both_timestamp_forms() {
    // 2026-02-01 to 2026-03-01 (given as epoch ms 1 772 323 200 000) is 28 days: 2 419 200 s × 0.001 = 2 419.2 s.
    let t =
        allowed_downtime(js(r#"{"target": 0.999, "period": {"start": "2026-02-01T00:00:00Z", "end": 1772323200000}}"#))
            .unwrap();
    assert!((num(&t, &["period", "allowedSeconds"]) - 2_419.2).abs() < 1e-6);
    assert_eq!(string(&t, &["period", "end"]), "2026-03-01T00:00:00.000Z");
}

#[wasm_bindgen_test]
fn allowed_downtime_errors_are_structured() {
    assert_error(allowed_downtime(js(r#"{"target": 1}"#)).unwrap_err(), "out_of_range", "target");
    assert_error(allowed_downtime(js(r#"{"target": 0}"#)).unwrap_err(), "out_of_range", "target");
    assert_error(allowed_downtime(js(r#"{"target": "0.999"}"#)).unwrap_err(), "invalid_type", "target");
    assert_error(allowed_downtime(js(r#"{}"#)).unwrap_err(), "missing_field", "");
    assert_error(
        allowed_downtime(js(r#"{"target": 0.9, "convention": "lunar"}"#)).unwrap_err(),
        "unknown_variant",
        "convention",
    );
    let nan = js_sys::Object::new();
    js_sys::Reflect::set(&nan, &"target".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    assert_error(allowed_downtime(nan.into()).unwrap_err(), "not_finite", "target");
    assert_error(
        allowed_downtime(js(
            r#"{"target": 0.9, "period": {"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"}}"#,
        ))
        .unwrap_err(),
        "end_before_start",
        "period.end",
    );
    assert_error(
        allowed_downtime(js(r#"{"target": 0.9, "period": {"start": "last tuesday", "end": 0}}"#)).unwrap_err(),
        "invalid_timestamp",
        "period.start",
    );
    assert_error(allowed_downtime(JsValue::UNDEFINED).unwrap_err(), "missing_field", "");
}
