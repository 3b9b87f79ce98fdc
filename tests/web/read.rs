//! JS values read into core types (src/wasm/source.rs under the readers of src/read/): values, error paths,
//! integers, typed arrays, enums, throwing getters and prototype keys.

use opscore::ErrorCode;
use opscore::read::{Obj, Read, Source, list, tag, tag_payload};
use opscore::time::Timestamp;
use opscore::wasm::parse_js;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::js;

#[derive(Debug, PartialEq)]
struct Doc {
    outages: Vec<Outage>,
    limit: Option<u32>,
    values: Vec<f64>,
    gaps: Vec<Option<f64>>,
    kind: Option<Kind>,
}

#[derive(Debug, PartialEq)]
struct Outage {
    end: f64,
    at: Option<Timestamp>,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Plain,
    Scaled { factor: f64 },
}

impl Read for Doc {
    fn read<S: Source>(v: S) -> opscore::Result<Self> {
        let mut o = Obj::new(v, "an object: struct Doc")?;
        Ok(Doc {
            outages: o.req("outages")?,
            limit: o.opt("limit")?,
            values: o.or_default("values")?,
            gaps: o.or_default("gaps")?,
            kind: o.opt("kind")?,
        })
    }
}

impl Read for Outage {
    fn read<S: Source>(v: S) -> opscore::Result<Self> {
        let mut o = Obj::new(v, "an object: struct Outage")?;
        o.deny_unknown(&["end", "at"])?;
        Ok(Outage { end: o.req("end")?, at: o.opt("at")? })
    }
}

impl Read for Kind {
    fn read<S: Source>(v: S) -> opscore::Result<Self> {
        match tag_payload(v, "enum Kind", &["plain", "scaled"])? {
            (0, _) => Ok(Kind::Plain),
            (_, payload) => {
                let Some(p) = payload else {
                    return Err(opscore::Error::new(ErrorCode::InvalidType, "", "no payload"));
                };
                let mut o = Obj::new(p, "an object: struct variant Kind::Scaled")?;
                Ok(Kind::Scaled { factor: o.req("factor").map_err(|e| e.within("scaled"))? })
            }
        }
    }
}

fn err(json: &str) -> opscore::Error {
    parse_js::<Doc>(js(json), "input").unwrap_err()
}

#[wasm_bindgen_test]
fn reads_nested_values_and_skips_unknown_keys_of_open_structs() {
    let d: Doc = parse_js(
        js(r#"{"outages": [{"end": 1.5}, {"end": 2, "at": 0}], "limit": 3, "gaps": [1, null],
               "kind": {"scaled": {"factor": 2}}, "extra": {"deep": [[[{"x": "ignored"}]]]}}"#),
        "",
    )
    .unwrap();
    assert_eq!(d.outages.len(), 2);
    assert_eq!((d.outages[0].end, d.outages[1].end), (1.5, 2.0));
    assert_eq!(d.outages[1].at, Some(Timestamp::from_millis(0, "").unwrap()));
    assert_eq!(d.limit, Some(3));
    assert_eq!(d.gaps, vec![Some(1.0), None]);
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
    // Other typed arrays are read as numbers too.
    let obj = js(r#"{"outages": []}"#);
    let ints = js_sys::Int32Array::new_with_length(2);
    ints.copy_from(&[7, -8]);
    js_sys::Reflect::set(&obj, &JsValue::from_str("values"), &ints).unwrap();
    assert_eq!(parse_js::<Doc>(obj, "").unwrap().values, vec![7.0, -8.0]);
    // A number in a list of numbers keeps its index in the path.
    let e = err(r#"{"outages": [], "values": [1, "2"]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.values[1]"));
    assert_eq!(e.message, r#"invalid type: string "2", expected a number"#);
}

#[wasm_bindgen_test]
fn errors_carry_the_path_where_they_arose() {
    let e = err(r#"{"outages": [{"end": 1}, {"end": "soon"}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.outages[1].end"));
    assert_eq!(e.message, r#"invalid type: string "soon", expected a number"#);
    let e = err(r#"{"outages": [{"end": 1}, {}]}"#);
    assert_eq!(
        (e.code, e.path.as_str(), e.message.as_str()),
        (ErrorCode::MissingField, "input.outages[1]", "missing field `end`")
    );
    let e = err(r#"{"outages": [{"end": 1, "ned": 2}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.outages[0].ned"));
    assert_eq!(e.message, "unknown field `ned`, expected `end` or `at`");
    let e = err(r#"{"outages": [], "kind": {"scaled": {"factor": "x"}}}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.kind.scaled.factor"));
    let e = err(r#"{"outages": [], "kind": "huge"}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownVariant, "input.kind"));
    assert_eq!(e.message, "unknown variant `huge`, expected `plain` or `scaled`");
    let e = err(r#"{"outages": 3}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidType, "input.outages"));
    assert_eq!(e.message, "invalid type: floating point `3.0`, expected an array");
    // A core error keeps its code.
    let e = err(r#"{"outages": [{"end": 1, "at": "tomorrow"}]}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidTimestamp, "input.outages[0].at"));
    let e = err(r#"{}"#);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, "input"));
    let e = err(r#"[1]"#);
    assert_eq!(
        (e.code, e.path.as_str(), e.message.as_str()),
        (ErrorCode::InvalidType, "input", "invalid type: sequence, expected an object: struct Doc")
    );
}

#[wasm_bindgen_test]
fn integers_must_be_whole_and_in_range() {
    for (json, message) in [
        (r#"{"outages": [], "limit": 1.5}"#, "invalid type: floating point `1.5`, expected a whole number ≥ 0"),
        (r#"{"outages": [], "limit": -1}"#, "invalid value: integer `-1`, expected a whole number ≥ 0"),
        (r#"{"outages": [], "limit": 4294967296}"#, "invalid value: integer `4294967296`, expected a whole number ≥ 0"),
        (r#"{"outages": [], "limit": "3"}"#, r#"invalid type: string "3", expected a whole number ≥ 0"#),
    ] {
        let e = err(json);
        assert_eq!(
            (e.code, e.path.as_str(), e.message.as_str()),
            (ErrorCode::InvalidType, "input.limit", message),
            "{json}"
        );
    }
    let d: Doc = parse_js(js(r#"{"outages": [], "limit": 4294967295}"#), "").unwrap();
    assert_eq!(d.limit, Some(u32::MAX));
}

#[wasm_bindgen_test]
fn throwing_getters_and_prototype_keys() {
    // A getter that throws fails only when its field is read.
    let obj: JsValue = js_sys::eval(
        r#"({ outages: [], get limit() { throw new Error("no"); }, get other() { throw new Error("no"); } })"#,
    )
    .unwrap();
    let e = parse_js::<Doc>(obj, "input").unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str(), e.message.as_str()),
        (ErrorCode::InvalidType, "input.limit", "could not read this value")
    );
    // Only own keys count: a polluted prototype is never read, and `__proto__` as an own key is just unknown.
    let obj: JsValue = js_sys::eval(r#"Object.assign(Object.create({ limit: 7 }), { outages: [] })"#).unwrap();
    assert_eq!(parse_js::<Doc>(obj, "").unwrap().limit, None);
    let d: Doc = parse_js(js(r#"{"outages": [], "__proto__": {"limit": 9}}"#), "").unwrap();
    assert_eq!(d.limit, None);
}

#[wasm_bindgen_test]
fn enum_tags_and_lists() {
    // `tag` reads a unit variant written as a string or as a one-key object, as serde does.
    let names = ["high", "low"];
    assert_eq!(tag(opscore_js("\"low\""), "enum U", &names).unwrap(), 1);
    assert_eq!(tag(opscore_js(r#"{"high": null}"#), "enum U", &names).unwrap(), 0);
    let e = tag(opscore_js(r#"{"high": 1, "low": 2}"#), "enum U", &names).unwrap_err();
    assert_eq!(e.message, "invalid length 2, expected an object with exactly one key");
    let e = list(opscore_js("[1, 2, true]"), f64::read).unwrap_err();
    assert_eq!((e.path.as_str(), e.message.as_str()), ("[2]", "invalid type: boolean `true`, expected a number"));
}

/// A JS value as the readers see it.
fn opscore_js(json: &str) -> impl Source {
    opscore::wasm::source(js(json))
}
