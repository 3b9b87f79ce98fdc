//! incidentMetrics against the BMC and knoldus figures, plus hand-worked MTTD/MTTA/MTIR/MTTF.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::sla::incidents::{IncidentInput, IncidentMetrics, incident_metrics};

fn run(json: &str) -> IncidentMetrics {
    incident_metrics(&serde_json::from_str::<IncidentInput>(json).unwrap()).unwrap()
}

fn err(json: &str) -> (ErrorCode, String) {
    let e = incident_metrics(&serde_json::from_str::<IncidentInput>(json).unwrap()).unwrap_err();
    (e.code, e.path.clone())
}

const H: f64 = 3600.0;

/// BMC Helix AIOps: four incidents closed after 44, 100, 40 and 20 hours (all started at 2026-01-05 00:00 UTC).
const BMC: &str = r#"[
    {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-06T20:00:00Z"},
    {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-09T04:00:00Z"},
    {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-06T16:00:00Z"},
    {"start": "2026-01-05T00:00:00Z", "resolvedAt": "2026-01-05T20:00:00Z"}]"#;

#[test]
fn bmc_mttr_is_51_hours() {
    // (44 + 100 + 40 + 20) / 4 = 51 h.
    let m = run(&format!(r#"{{"incidents": {BMC}}}"#));
    assert_eq!(m.overall.mttr.seconds, Some(51.0 * H));
    assert_eq!(m.overall.mttr.count, 4);
    assert!(m.overall.mttr.definition.starts_with("MTTR: mean time to recover"));
    // Median: sorted 20, 40, 44, 100 → (40 + 44) / 2 = 42 h (even count: mean of the two middle values).
    let m = run(&format!(r#"{{"incidents": {BMC}, "statistic": "median"}}"#));
    assert_eq!(m.overall.mttr.seconds, Some(42.0 * H));
    assert!(m.overall.mttr.definition.starts_with("MTTR: median"));
}

/// knoldus: a 24-hour day with 4 hours down over 2 incidents.
const DAY: &str = r#""period": {"start": "2026-02-02T00:00:00Z", "end": "2026-02-03T00:00:00Z"},
    "incidents": [
      {"start": "2026-02-02T02:00:00Z", "detectedAt": "2026-02-02T02:10:00Z", "acknowledgedAt": "2026-02-02T02:15:00Z",
       "resolvedAt": "2026-02-02T03:00:00Z", "severity": "SEV1"},
      {"start": "2026-02-02T10:00:00Z", "detectedAt": "2026-02-02T10:20:00Z", "acknowledgedAt": "2026-02-02T10:50:00Z",
       "resolvedAt": "2026-02-02T13:00:00Z", "severity": "SEV2"}]"#;

#[test]
fn knoldus_mtbf_is_10_hours() {
    // Uptime 24 − 4 = 20 h over 2 failures → MTBF 10 h.
    let m = run(&format!("{{{DAY}}}"));
    assert_eq!(m.overall.uptime_seconds, 20.0 * H);
    assert_eq!(m.overall.mtbf.seconds, Some(10.0 * H));
    assert_eq!(m.overall.mtbf.count, 2);
}

#[test]
fn hand_worked_detection_acknowledgement_and_resolution() {
    let m = run(&format!("{{{DAY}}}"));
    let o = &m.overall;
    // MTTD: (10 min + 20 min) / 2 = 15 min = 900 s.
    assert_eq!(o.mttd.seconds, Some(900.0));
    // MTTA (from detection): (5 min + 30 min) / 2 = 17.5 min = 1 050 s.
    assert_eq!(o.mtta.seconds, Some(1_050.0));
    // MTTR (from start): (1 h + 3 h) / 2 = 2 h.
    assert_eq!(o.mttr.seconds, Some(2.0 * H));
    // MTIR (from detection): (50 min + 160 min) / 2 = 105 min = 6 300 s.
    assert_eq!(o.mtir.seconds, Some(6_300.0));
    // MTTF: up-time runs ending in a failure: 00:00→02:00 (2 h) and 03:00→10:00 (7 h) → 4.5 h.
    assert_eq!(o.mttf.seconds, Some(4.5 * H));
    assert_eq!(o.mttf.count, 2);
    // MTTR from acknowledgement: (45 min + 130 min) / 2 = 87.5 min = 5 250 s.
    let a = run(&format!(r#"{{{DAY}, "mttrFrom": "acknowledged"}}"#));
    assert_eq!(a.overall.mttr.seconds, Some(5_250.0));
    assert!(a.overall.mttr.definition.contains("acknowledgedAt"));
    // Per severity: SEV1 is down 1 h → MTBF 23 h; SEV2 down 3 h → 21 h.
    assert_eq!(m.by_severity.len(), 2);
    assert_eq!(m.by_severity[0].severity, "SEV1");
    assert_eq!(m.by_severity[0].metrics.mtbf.seconds, Some(23.0 * H));
    assert_eq!(m.by_severity[1].metrics.mtbf.seconds, Some(21.0 * H));
    assert_eq!(m.by_severity[1].metrics.mttd.seconds, Some(1_200.0));
}

#[test]
fn overlapping_incidents_are_not_double_counted() {
    // 01:00–03:00 and 02:00–04:00 in a 10-hour period: down 3 h (union), uptime 7 h, MTBF 3.5 h; only one up-time
    // run (00:00→01:00) ends in a failure, because the second began while the first was still open.
    let m = run(r#"{"period": {"start": "2026-02-02T00:00:00Z", "end": "2026-02-02T10:00:00Z"}, "incidents": [
            {"start": "2026-02-02T01:00:00Z", "resolvedAt": "2026-02-02T03:00:00Z"},
            {"start": "2026-02-02T02:00:00Z", "resolvedAt": "2026-02-02T04:00:00Z"}]}"#);
    assert_eq!(m.overall.downtime_seconds, 3.0 * H);
    assert_eq!(m.overall.mtbf.seconds, Some(3.5 * H));
    assert_eq!((m.overall.mttf.seconds, m.overall.mttf.count), (Some(H), 1));
    // Nothing to detect: MTTD absent, with count 0; incidents without a severity group as "unspecified".
    assert_eq!((m.overall.mttd.seconds, m.overall.mttd.count), (None, 0));
    assert_eq!(m.by_severity[0].severity, "unspecified");
}

#[test]
fn bad_incidents_are_structured_errors() {
    assert_eq!(err(r#"{"incidents": []}"#), (ErrorCode::Empty, "incidents".into()));
    assert_eq!(
        err(r#"{"incidents": [{"start": "2026-01-01T00:00:00Z", "resolvedAt": "2026-01-01T01:00:00Z"},
                              {"start": "2026-01-01T05:00:00Z", "resolvedAt": "2026-01-01T04:00:00Z"}]}"#),
        (ErrorCode::EndBeforeStart, "incidents[1].resolvedAt".into())
    );
    assert_eq!(
        err(
            r#"{"incidents": [{"start": "2026-01-01T05:00:00Z", "detectedAt": "2026-01-01T04:00:00Z", "resolvedAt": "2026-01-01T06:00:00Z"}]}"#
        ),
        (ErrorCode::OutOfRange, "incidents[0].detectedAt".into())
    );
    assert_eq!(
        err(
            r#"{"incidents": [{"start": "2026-01-01T05:00:00Z", "detectedAt": "2026-01-01T05:30:00Z", "acknowledgedAt": "2026-01-01T05:10:00Z", "resolvedAt": "2026-01-01T06:00:00Z"}]}"#
        ),
        (ErrorCode::OutOfRange, "incidents[0].acknowledgedAt".into())
    );
    assert_eq!(
        err(r#"{"period": {"start": "2026-01-02T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
                "incidents": [{"start": "2026-01-01T05:00:00Z", "resolvedAt": "2026-01-01T06:00:00Z"}]}"#),
        (ErrorCode::EndBeforeStart, "period.end".into())
    );
    let e = serde_json::from_str::<IncidentInput>(r#"{"incidents": [], "statistic": "mode"}"#).unwrap_err();
    assert!(e.to_string().contains("unknown variant"));
}
