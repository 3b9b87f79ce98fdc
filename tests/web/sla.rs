//! Boundary tests of the SLA exports.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::common::{assert_error, get, js, num, string};
use opscore::wasm::sla::{allowed_downtime, composite_availability, incident_metrics, sla_report, ticket_sla};

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

#[wasm_bindgen_test]
fn sla_report_from_outages_with_credits_and_breakdown() {
    // April 2026 (30 days = 2 592 000 s), 45 min down: 1 − 2 700 / 2 592 000 = 0.998958 (enterno: 99.896%);
    // AWS compute tiers give 10%. Breakdown by week: 5 ISO-week pieces (Wed 1 Apr … Mon 27 – Thu 30).
    let r = sla_report(js(r#"{"target": 0.999, "period": {"unit": "month", "containing": "2026-04-15T00:00:00Z"},
        "breakdown": "week", "credits": {"preset": "awsComputeRegion"},
        "outages": [{"start": "2026-04-03T10:00:00Z", "end": "2026-04-03T10:45:00Z"}]}"#))
    .unwrap();
    assert!((num(&r, &["availability"]) - (1.0 - 2_700.0 / 2_592_000.0)).abs() < 1e-12);
    assert_eq!(get(&r, &["met"]).as_bool(), Some(false));
    assert!((num(&r, &["marginSeconds"]) + 108.0).abs() < 1e-6);
    assert_eq!(num(&r, &["credits", "credit"]), 0.1);
    assert_eq!(string(&r, &["evidence"]), "outages");
    assert_eq!(string(&r, &["overlap", "rule"]), "max");
    let breakdown: js_sys::Array = get(&r, &["breakdown"]).into();
    assert_eq!(breakdown.length(), 5);
    assert_eq!(num(&breakdown.get(0), &["downtimeSeconds"]), 2_700.0);
}

#[wasm_bindgen_test]
fn sla_report_takes_float64array_and_plain_array_samples() {
    // One day of per-minute samples with 3 minutes down: 180 s.
    let mut up = vec![1.0; 1440];
    up[1] = 0.0;
    up[2] = 0.0;
    up[3] = 0.0;
    let input = js(r#"{"target": 0.999, "period": {"start": "2026-04-01T00:00:00Z", "end": "2026-04-02T00:00:00Z"},
        "samples": {"start": "2026-04-01T00:00:00Z", "step": 60}}"#);
    let samples = get(&input, &["samples"]);
    js_sys::Reflect::set(&samples, &"up".into(), &js_sys::Float64Array::from(&up[..]).into()).unwrap();
    let r = sla_report(input.clone()).unwrap();
    assert_eq!(num(&r, &["downtimeSeconds"]), 180.0);
    // The caller's object is left as it was.
    assert!(get(&input, &["samples", "up"]).is_instance_of::<js_sys::Float64Array>());
    let plain: js_sys::Array = up.iter().map(|&x| JsValue::from_f64(x)).collect();
    js_sys::Reflect::set(&samples, &"up".into(), &plain.into()).unwrap();
    assert_eq!(num(&sla_report(input).unwrap(), &["downtimeSeconds"]), 180.0);
}

#[wasm_bindgen_test]
fn sla_report_errors_are_structured() {
    let period = r#""period": {"start": "2026-04-01T00:00:00Z", "end": "2026-05-01T00:00:00Z"}"#;
    let e = |json: String| sla_report(js(&json)).unwrap_err();
    assert_error(
        e(format!(
            r#"{{"target": 0.999, {period}, "outages": [{{"start": "2026-04-02T00:00:00Z", "end": "2026-04-02T01:00:00Z", "impact": 2}}]}}"#
        )),
        "out_of_range",
        "outages[0].impact",
    );
    assert_error(
        e(format!(
            r#"{{"target": 0.999, {period}, "outages": [{{"start": "2026-04-02T00:00:00Z", "end": "2026-04-01T01:00:00Z"}}]}}"#
        )),
        "end_before_start",
        "outages[0].end",
    );
    assert_error(
        e(format!(r#"{{"target": 0.999, {period}, "timeZone": "Mars/Base", "outages": []}}"#)),
        "unknown_time_zone",
        "timeZone",
    );
    assert_error(
        e(format!(
            r#"{{"target": 0.999, {period}, "outages": [], "credits": {{"tiers": [{{"min": 0.99, "credit": 0.1}}, {{"min": 0.9, "max": 0.95, "credit": 0.3}}]}}}}"#
        )),
        "infeasible",
        // Sorted, the 0.9–0.95 tier comes first; the gap shows at the start of the next tier, input index 0.
        "credits.tiers[0].min",
    );
    assert_error(
        e(format!(
            r#"{{"target": 0.999, {period}, "samples": {{"start": "2026-04-01T00:00:00Z", "step": 60, "up": [1, "x"]}}}}"#
        )),
        "not_finite",
        "samples.up[1]",
    );
    assert_error(
        e(format!(r#"{{"target": 0.999, {period}, "overlap": "sum", "outages": []}}"#)),
        "unknown_variant",
        "overlap",
    );
    assert_error(e(format!(r#"{{"target": 0.999, {period}}}"#)), "missing_field", "");
}

#[wasm_bindgen_test]
fn incident_metrics_from_js() {
    // BMC: closed after 44, 100, 40 and 20 hours → MTTR 51 h = 183 600 s.
    let m = incident_metrics(js(r#"{"incidents": [
        {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-06T20:00:00Z"},
        {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-09T04:00:00Z"},
        {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-06T16:00:00Z"},
        {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-05T20:00:00Z"}]}"#))
    .unwrap();
    assert_eq!(num(&m, &["overall", "mttr", "seconds"]), 183_600.0);
    assert!(string(&m, &["overall", "mttr", "definition"]).contains("resolvedAt − start"));
    // Nothing detected: MTTD has no value.
    assert!(get(&m, &["overall", "mttd", "seconds"]).is_undefined());
    assert_error(
        incident_metrics(js(
            r#"{"incidents": [{"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-04T00:00:00Z"}]}"#,
        ))
        .unwrap_err(),
        "end_before_start",
        "incidents[0].resolvedAt",
    );
    assert_error(
        incident_metrics(js(r#"{"incidents": [], "statistic": "mode"}"#)).unwrap_err(),
        "unknown_variant",
        "statistic",
    );
}

#[wasm_bindgen_test]
fn ticket_sla_from_js() {
    // ServiceNow: 08:00–16:00; 10 calendar hours from Wed 2017-01-11 10:30 = 20:30, outside working hours → Thu 08:00.
    let r = ticket_sla(js(r#"{"calendar": {"workingHours": {"wednesday": [{"start": "08:00", "end": "16:00"}],
            "thursday": [{"start": "08:00", "end": "16:00"}]}},
        "targets": {"P2": {"resolution": {"seconds": 36000, "dueInWorkingHours": true}}},
        "tickets": [{"id": "INC1", "priority": "P2", "createdAt": "2017-01-11T10:30:00Z", "resolvedAt": "2017-01-12T07:59:00Z"}]}"#))
    .unwrap();
    let t = js_sys::Array::from(&get(&r, &["tickets"])).get(0);
    assert_eq!(string(&t, &["resolution", "dueAt"]), "2017-01-12T08:00:00.000Z");
    assert_eq!(string(&t, &["resolution", "status"]), "met");
    let p = js_sys::Array::from(&get(&r, &["priorities"])).get(0);
    assert_eq!(num(&p, &["resolution", "withinSla"]), 1.0);
    let e = |json: &str| ticket_sla(js(json)).unwrap_err();
    assert_error(
        e(
            r#"{"targets": {"P1": {"resolution": {"seconds": 60}}}, "tickets": [{"id": "a", "priority": "P7", "createdAt": 0}]}"#,
        ),
        "unknown_reference",
        "tickets[0].priority",
    );
    assert_error(
        e(r#"{"targets": {"P1": {"resolution": {"seconds": 60}}}, "tickets": [{"id": "a", "priority": "P1",
              "createdAt": "2026-01-01T10:00:00Z", "resolvedAt": "2026-01-01T11:00:00Z",
              "pauses": [{"start": "2026-01-01T09:00:00Z", "end": "2026-01-01T10:30:00Z"}]}]}"#),
        "out_of_range",
        "tickets[0].pauses[0].start",
    );
    assert_error(
        e(
            r#"{"calendar": {"workingHours": {}}, "targets": {"P1": {"resolution": {"seconds": 60, "clock": "business"}}},
              "tickets": [{"id": "a", "priority": "P1", "createdAt": 0}]}"#,
        ),
        "empty",
        "calendar.workingHours",
    );
    assert_error(
        e(r#"{"calendar": {"timeZone": "Europe/Nowhere", "workingHours": {}}, "targets": {}, "tickets": []}"#),
        "unknown_time_zone",
        "calendar.timeZone",
    );
}

#[wasm_bindgen_test]
fn composite_availability_from_js() {
    // slamax: 99.95 × 99.95 × 99 × 95 = 93.956%; the 95% part is the best single improvement.
    let r = composite_availability(js(r#"{"root": {"name": "svc", "kind": "serial", "children": [
        {"name": "a", "availability": 0.9995}, {"name": "b", "availability": 0.9995},
        {"name": "c", "availability": 0.99}, {"name": "d", "availability": 0.95}]}}"#))
    .unwrap();
    assert!((num(&r, &["availability"]) - 0.939_559_735_125).abs() < 1e-12);
    assert_eq!(string(&r, &["bestImprovement"]), "d");
    assert_eq!(string(&r, &["tree", "kind"]), "serial");
    assert_error(
        composite_availability(js(r#"{"root": {"name": "svc", "kind": "serial", "children": []}}"#)).unwrap_err(),
        "empty",
        "root.children",
    );
    assert_error(
        composite_availability(js(r#"{"root": {"name": "svc", "kind": "mesh", "children": []}}"#)).unwrap_err(),
        "unknown_variant",
        "root.kind",
    );
}

#[wasm_bindgen_test]
fn ticket_set_reruns_what_ifs() {
    use opscore::wasm::sla::TicketSet;
    // Responses after 20 and 40 minutes: a 30-minute target meets one of two, a 60-minute target both.
    let set = TicketSet::new(js(r#"[
        {"id": "a", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "firstResponseAt": "2026-01-05T10:20:00Z"},
        {"id": "b", "priority": "P1", "createdAt": "2026-01-05T10:00:00Z", "firstResponseAt": "2026-01-05T10:40:00Z"}]"#))
    .unwrap();
    assert_eq!(set.length(), 2);
    let within = |secs: u32| {
        let r =
            set.evaluate(js(&format!(r#"{{"targets": {{"P1": {{"response": {{"seconds": {secs}}}}}}}}}"#))).unwrap();
        num(&js_sys::Array::from(&get(&r, &["priorities"])).get(0), &["response", "withinSla"])
    };
    assert_eq!(within(1800), 0.5);
    assert_eq!(within(3600), 1.0);
    assert_error(
        set.evaluate(js(r#"{"targets": {"P2": {"response": {"seconds": 60}}}}"#)).unwrap_err(),
        "unknown_reference",
        "tickets[0].priority",
    );
    assert_error(
        TicketSet::new(js(r#"[{"id": "a", "priority": "P1", "createdAt": "yesterday"}]"#)).err().unwrap(),
        "invalid_timestamp",
        "tickets[0].createdAt",
    );
}
