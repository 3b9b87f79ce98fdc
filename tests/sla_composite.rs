//! compositeAvailability against the slamax tests and Azure's published composite-SLA examples.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::sla::composite::{CompositeInput, CompositeResult, composite_availability};

fn run(json: &str) -> CompositeResult {
    composite_availability(&serde_json::from_str::<CompositeInput>(json).unwrap()).unwrap()
}

fn err(json: &str) -> (ErrorCode, String) {
    let e = composite_availability(&serde_json::from_str::<CompositeInput>(json).unwrap()).unwrap_err();
    (e.code, e.path.clone())
}

fn serial(avail: &[f64]) -> String {
    let children: Vec<String> =
        avail.iter().enumerate().map(|(i, a)| format!(r#"{{"name": "c{i}", "availability": {a}}}"#)).collect();
    format!(r#"{{"root": {{"name": "service", "kind": "serial", "children": [{}]}}}}"#, children.join(","))
}

#[test]
fn slamax_serial_figures() {
    // 99.95% × 99.95% = 0.99900025 ≈ 99.90%.
    let r = run(&serial(&[0.9995, 0.9995]));
    assert!((r.availability - 0.99900025).abs() < 1e-15);
    assert_eq!((r.availability * 10_000.0).round() / 100.0, 99.90);
    // 99.95 × 99.95 × 99 × 95 = 0.99900025 × 0.9405 = 0.939559735 ≈ 93.96% (exact 93.956%).
    let r = run(&serial(&[0.9995, 0.9995, 0.99, 0.95]));
    assert!((r.availability - 0.939_559_735_125).abs() < 1e-12);
    assert_eq!((r.availability * 100_000.0).round() / 1000.0, 93.956);
    // A single 99.99% stays 99.99%.
    assert_eq!(run(&serial(&[0.9999])).availability, 0.9999);
    // An empty list is an error.
    assert_eq!(err(&serial(&[])), (ErrorCode::Empty, "root.children".into()));
}

#[test]
fn azure_composite_examples() {
    // Azure architecture guidance: App Service 99.95% with SQL Database 99.99% → 0.9995 × 0.9999 = 99.94%.
    let r = run(&serial(&[0.9995, 0.9999]));
    assert!((r.availability - 0.99940005).abs() < 1e-15);
    // With a queue fallback (99.9%) when the database is down: 0.9995 × (1 − 0.0001 × 0.001) = 0.9994999 ≈ 99.95%.
    let r = run(r#"{"root": {"name": "app", "kind": "serial", "children": [
            {"name": "web", "availability": 0.9995},
            {"name": "storage", "kind": "parallel", "children": [
                {"name": "sql", "availability": 0.9999}, {"name": "queue", "availability": 0.999}]}]}}"#);
    assert!((r.availability - 0.9995 * (1.0 - 0.0001 * 0.001)).abs() < 1e-15);
    assert_eq!(r.tree.children[1].kind, "parallel");
    assert!((r.tree.children[1].availability - 0.9999999).abs() < 1e-15);
    // The web tier is the weak point: it is the best single improvement.
    assert_eq!(r.best_improvement, "web");
    assert_eq!(r.contributions[0].path, "app/web");
    // Two regions of 99.94% in parallel: 1 − 0.0006² = 0.99999964.
    let r = run(r#"{"root": {"name": "global", "kind": "parallel", "children": [
            {"name": "east", "availability": 0.9994}, {"name": "west", "availability": 0.9994}]}}"#);
    assert!((r.availability - 0.99999964).abs() < 1e-15);
}

#[test]
fn contributions_rank_the_weakest_serial_part_first() {
    // Serial 0.9995, 0.9995, 0.99, 0.95 (A = 0.939559735125). Making c3 (0.95) perfect gives
    // A / 0.95 = 0.99900025 × 0.99 = 0.9890102475, a gain of 0.049450512375; its marginal gain ∂A/∂a₃ is the product
    // of the others, also 0.9890102475. One more nine for c3 (0.95 → 0.995) gives 0.9890102475 × 0.995
    // = 0.984065196263, a gain of 0.044505461138.
    let r = run(&serial(&[0.9995, 0.9995, 0.99, 0.95]));
    let c = &r.contributions[0];
    assert_eq!(c.name, "c3");
    assert_eq!(r.best_improvement, "c3");
    assert!((c.if_perfect - 0.989_010_247_5).abs() < 1e-12);
    assert!((c.gain_if_perfect - 0.049_450_512_375).abs() < 1e-12);
    assert!((c.marginal_gain - 0.989_010_247_5).abs() < 1e-12);
    assert!((c.gain_per_nine - 0.044_505_461_138).abs() < 1e-11);
    // Then c2 (0.99), then the two 0.9995 parts.
    assert_eq!(r.contributions[1].name, "c2");
    assert!(r.contributions.windows(2).all(|w| w[0].gain_per_nine >= w[1].gain_per_nine));
}

#[test]
fn bad_trees_are_structured_errors() {
    assert_eq!(err(&serial(&[0.9, 1.2])), (ErrorCode::OutOfRange, "root.children[1].availability".into()));
    assert_eq!(
        err(
            r#"{"root": {"name": "a", "kind": "serial", "children": [{"name": "b", "availability": 0.9}, {"name": "b", "availability": 0.9}]}}"#
        ),
        (ErrorCode::Duplicate, "root.children[1].name".into())
    );
    assert_eq!(
        err(r#"{"root": {"name": "a", "children": [{"name": "b", "availability": 0.9}]}}"#),
        (ErrorCode::MissingField, "root.kind".into())
    );
    assert_eq!(
        err(r#"{"root": {"name": "a", "availability": 0.9, "kind": "serial", "children": []}}"#),
        (ErrorCode::Infeasible, "root.availability".into())
    );
    assert_eq!(err(r#"{"root": {"name": "a"}}"#), (ErrorCode::MissingField, "root.availability".into()));
    assert_eq!(err(r#"{"root": {"name": " ", "availability": 0.5}}"#), (ErrorCode::MissingField, "root.name".into()));
    let e = serde_json::from_str::<CompositeInput>(r#"{"root": {"name": "a", "kind": "series", "children": []}}"#);
    assert!(e.unwrap_err().to_string().contains("unknown variant"));
}
