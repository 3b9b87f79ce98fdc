//! The published JSON Schema of the organisation document (`schema/org.schema.json`) is generated from the serde
//! types that read documents. This test fails when the committed file is stale; regenerate it with
//! `UPDATE_SCHEMA=1 cargo test --features schema --test schema`. (Runs only with `--features schema`.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use serde_json::Value;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/org.schema.json")
}

fn generated() -> Value {
    serde_json::to_value(opscore::schema::org_schema()).expect("a schema is JSON")
}

#[test]
fn committed_schema_is_current() {
    let text = serde_json::to_string_pretty(&generated()).expect("serialisable") + "\n";
    let path = committed_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir schema/");
        std::fs::write(&path, &text).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "schema/org.schema.json is stale: run UPDATE_SCHEMA=1 cargo test --features schema --test schema"
    );
}

/// Follow `$ref`s into `$defs`.
fn resolve<'a>(root: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            resolve(root, &root["$defs"][name])
        }
        None => v,
    }
}

fn props<'a>(root: &'a Value, v: &'a Value) -> Vec<&'a str> {
    let mut keys: Vec<&str> =
        resolve(root, v)["properties"].as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort_unstable();
    keys
}

#[test]
fn top_level_shape_matches_the_documented_format() {
    let s = generated();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(props(&s, &s), ["$schema", "name", "resources", "services", "teams", "version"]);
    assert_eq!(s["additionalProperties"], false, "unknown top-level fields are errors in the engine too");
    let mut required: Vec<&str> = s["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    required.sort_unstable();
    assert_eq!(required, ["name", "version"]);
    assert_eq!(s["properties"]["version"]["const"], 1);
}

#[test]
fn nested_sections_are_described_with_camel_case_fields() {
    let s = generated();
    let service = &s["properties"]["services"]["items"];
    assert_eq!(props(&s, service), ["id", "incidents", "name", "sla", "slos", "team", "tickets"]);
    // A team is written flat (id and name beside the teamHealth fields), not as {id, name, health}.
    let team = &s["properties"]["teams"]["items"];
    assert_eq!(props(&s, team), ["dora", "id", "name", "onCall", "surveys", "toil", "weights", "whatIf"]);
    let resource = &s["properties"]["resources"]["items"];
    assert_eq!(props(&s, resource), ["id", "name", "runway", "service"]);
    // Every property name anywhere is camelCase (no snake_case leaks from Rust field names).
    let text = serde_json::to_string(&s).unwrap();
    for key in s["$defs"].as_object().unwrap().values().filter_map(|d| d.get("properties")) {
        for k in key.as_object().unwrap().keys() {
            assert!(!k.contains('_'), "snake_case property {k} in {text:.0}");
        }
    }
}
