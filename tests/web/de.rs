//! The path-tracking JS deserializer (src/wasm/de.rs): values, paths of errors, integers, typed arrays, enums.

use opscore::ErrorCode;
use opscore::time::Timestamp;
use opscore::wasm::parse_js;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::js;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Doc {
    outages: Vec<Outage>,
    #[serde(default)]
    limit: Option<u32>,
    #[serde(default)]
    offset: Option<i32>,
    #[serde(default)]
    values: Vec<f64>,
    #[serde(default)]
    gaps: Vec<Option<f64>>,
    #[serde(default)]
    kind: Option<Kind>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Outage {
    end: f64,
    #[serde(default)]
    at: Option<Timestamp>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
enum Kind {
    Plain,
    Scaled { factor: f64 },
}

fn err(json: &str) -> opscore::Error {
    parse_js::<Doc>(js(json), "input").unwrap_err()
}

#[wasm_bindgen_test]
fn reads_nested_values_and_skips_unknown_keys_of_open_structs() {
    let d: Doc = parse_js(
        js(r#"{"outages": [{"end": 1.5}, {"end": 2, "at": 0}], "limit": 3, "offset": -2, "gaps": [1, null],
               "kind": {"scaled": {"factor": 2}}, "extra": {"deep": [[[{"x": "ignored"}]]]}}"#),
        "",
    )
    .unwrap();
    assert_eq!(d.outages.len(), 2);
    assert_eq!((d.outages[0].end, d.outages[1].end), (1.5, 2.0));
    assert!(d.outages[1].at.is_some());
    assert_eq!((d.limit, d.offset), (Some(3), Some(-2)));
    assert_eq!(d.gaps.len(), 2);
    assert!(d.gaps[1].is_none());
    assert_eq!(d.kind, Some(Kind::Scaled { factor: 2.0 }));
    let unit: Doc = parse_js(js(r#"{"outages": [], "kind": "plain", "limit": null}"#), "").unwrap();
    assert_eq!((unit.kind, unit.limit), (Some(Kind::Plain), None));
}

#[wasm_bindgen_test]
fn typed_and_plain_number_arrays() {
    let obj = js(r#"{"outages": []}"#);
    let values = js_sys::Float64Array::new_with_length(3);
    values.copy_from(&[1.0, f64::NAN, 3.0]);
    js_sys::Reflect::set(&obj, &JsValue::from_str("values"), &values).unwrap();
    let d: Doc = parse_js(obj, "").unwrap();
    assert_eq!(d.values.len(), 3);
    assert_eq!((d.values[0], d.values[2]), (1.0, 3.0));
    assert!(d.values[1].is_nan());
    let d: Doc = parse_js(js(r#"{"outages": [], "values": [4, 5.5]}"#), "").unwrap();
    assert_eq!(d.values, vec![4.0, 5.5]);
    // A number in a list of numbers keeps its index in the path.
    let e = err(r#"{"outages": [], "values": [1, "2"]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.values[1]"));
}

#[wasm_bindgen_test]
fn errors_carry_the_path_where_they_arose() {
    let e = err(r#"{"outages": [{"end": 1}, {"end": "soon"}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.outages[1].end"));
    assert!(e.message.contains("expected a number"), "{}", e.message);
    let e = err(r#"{"outages": [{"end": 1}, {}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, "input.outages[1]"));
    let e = err(r#"{"outages": [{"end": 1, "ned": 2}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.outages[0].ned"));
    assert!(e.message.contains("unknown field `ned`"), "{}", e.message);
    let e = err(r#"{"outages": [], "kind": {"scaled": {"factor": "x"}}}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.kind.scaled.factor"));
    let e = err(r#"{"outages": [], "kind": "huge"}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownVariant, "input.kind"));
    let e = err(r#"{"outages": 3}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.outages"));
    // A custom error keeps its code ("[code] message" from Error::serde_message).
    let e = err(r#"{"outages": [{"end": 1, "at": "tomorrow"}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidTimestamp, "input.outages[0].at"));
    // The path of one error does not leak into the next input.
    let e = err(r#"{}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, "input"));
}

#[wasm_bindgen_test]
fn integers_must_be_whole_and_in_range() {
    for (json, path) in [
        (r#"{"outages": [], "limit": 1.5}"#, "input.limit"),
        (r#"{"outages": [], "limit": -1}"#, "input.limit"),
        (r#"{"outages": [], "limit": 4294967296}"#, "input.limit"),
        (r#"{"outages": [], "offset": 1e300}"#, "input.offset"),
        (r#"{"outages": [], "offset": "3"}"#, "input.offset"),
    ] {
        let e = err(json);
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, path), "{json}: {}", e.message);
    }
    let d: Doc = parse_js(js(r#"{"outages": [], "limit": 4294967295, "offset": -2147483648}"#), "").unwrap();
    assert_eq!((d.limit, d.offset), (Some(u32::MAX), Some(i32::MIN)));
}
