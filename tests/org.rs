//! The organisation document and its scorecard, on documents written as JSON, as users write them.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::org::scorecard::Status;
use opscore::org::{OrgDocument, ScorecardOptions, scorecard, validate_org};
use opscore::time::Timestamp;
use serde_json::{Value, json};

const AS_OF: &str = "2026-03-15T00:00:00Z";

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s, "").unwrap()
}

fn doc(v: Value) -> OrgDocument {
    serde_json::from_value(v).unwrap()
}

fn options() -> ScorecardOptions {
    ScorecardOptions::default_at(at(AS_OF))
}

/// A service with a 99.9% SLA over the month containing asOf and one full outage of `minutes`.
fn sla_service(id: &str, minutes: i64) -> Value {
    let start = at("2026-03-02T10:00:00Z").millis();
    json!({ "id": id, "sla": { "target": 0.999, "period": { "unit": "month" },
            "outages": [{ "start": start, "end": start + minutes * 60_000 }] } })
}

// March 2026 has 31 days = 2 678 400 s; at 99.9% the allowance is 2 678.4 s (44m 38s). asOf is 14 days in:
// 1 209 600 s elapsed, so the pace factor is 2 678 400 / 1 209 600 = 31/14.
#[test]
fn sla_status_follows_allowance_and_pace() {
    let d = doc(json!({ "version": 1, "name": "Acme", "services": [
        sla_service("quiet", 10),    // 600 s: 77.6% left; pace 600 × 31/14 = 1 328.6 s < 2 678.4 → healthy
        sla_service("brisk", 25),    // 1 500 s: 44% left, but pace 1 500 × 31/14 = 3 321.4 s > 2 678.4 → at risk
        sla_service("nearly", 40),   // 2 400 s: 278.4 s = 10.4% left < 25% → at risk
        sla_service("breached", 50), // 3 000 s > 2 678.4 s → critical
    ]}));
    let card = scorecard(&d, &options()).unwrap();
    let statuses: Vec<_> = card.services.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [Status::Healthy, Status::AtRisk, Status::AtRisk, Status::Critical]);
    let quiet = card.services[0].sla.as_ref().unwrap();
    assert_eq!(quiet.start, at("2026-03-01T00:00:00Z"));
    assert_eq!(quiet.end, at("2026-04-01T00:00:00Z"));
    assert!((quiet.allowed_downtime_seconds - 2_678.4).abs() < 1e-6);
    assert!((quiet.remaining_allowance_seconds - 2_078.4).abs() < 1e-6);
    assert!((quiet.projected_downtime_seconds.unwrap() - 600.0 * 31.0 / 14.0).abs() < 1e-6);
    assert!(card.services[1].headline.contains("at this pace"), "{}", card.services[1].headline);
    assert!(card.services[2].headline.contains("10% of the allowance left"), "{}", card.services[2].headline);
    assert!(
        card.services[3].headline.starts_with("SLA breached: 50m down against 44m 38s allowed"),
        "{}",
        card.services[3].headline
    );
    assert_eq!((card.service_status.healthy, card.service_status.at_risk, card.service_status.critical), (1, 2, 1));
    assert_eq!(card.services[0].status_text, "healthy");
}

/// An SLO of 99% over a rolling 28 days, with hourly buckets of 1 000 requests and `bad` failures in each.
fn slo_service(bad: f64) -> Value {
    let hours = 28 * 24;
    let start = at(AS_OF).millis() - hours * 3_600_000;
    json!({ "id": format!("slo-{bad}"), "slos": [{ "name": "availability",
        "slo": { "objective": 0.99, "window": "28d" },
        "series": { "start": start, "step": 3600, "total": vec![1000.0; hours as usize], "bad": vec![bad; hours as usize] } }] })
}

// The budget is 1% of the requests. 5 bad per 1 000 uses half of it (remaining 0.5: healthy), 9 per 1 000 uses
// 90% (remaining 0.1, under the default 25%: at risk), 12 per 1 000 uses 120% (exhausted: critical). The burn
// rate is the error rate over the budget: 0.005 / 0.01 = 0.5.
#[test]
fn slo_status_follows_the_budget_policy() {
    let d = doc(
        json!({ "version": 1, "name": "Acme", "services": [slo_service(5.0), slo_service(9.0), slo_service(12.0)] }),
    );
    let card = scorecard(&d, &options()).unwrap();
    let slos: Vec<_> = card.services.iter().map(|s| &s.slos[0]).collect();
    assert_eq!(slos.iter().map(|s| s.status).collect::<Vec<_>>(), [Status::Healthy, Status::AtRisk, Status::Critical]);
    assert!((slos[0].remaining - 0.5).abs() < 1e-9);
    assert!((slos[1].remaining - 0.1).abs() < 1e-9);
    assert!((slos[0].burn_rate - 0.5).abs() < 1e-9);
    assert!((slos[0].sli.unwrap() - 0.995).abs() < 1e-12);
    assert!(card.services[1].drivers[0].message.starts_with("SLO \"availability\": 10% of the error budget left"));
}

// Toil alone: the toil curve is 100 at 0% and 0 at 50%, so a share of 0.1 scores 80 (healthy, ≥ 70), 0.2 scores
// 60 (at risk, 50–70) and 0.4 scores 20 (critical, < 50). The only part present carries all the weight.
#[test]
fn team_status_follows_the_score() {
    let team = |id: &str, share: f64| json!({ "id": id, "toil": { "shares": [{ "week": "2026-03-02T00:00:00Z", "toilFraction": share }] } });
    let d = doc(json!({ "version": 1, "name": "Acme",
        "services": [{ "id": "api", "team": "b" }],
        "teams": [team("a", 0.1), team("b", 0.2), team("c", 0.4)] }));
    let card = scorecard(&d, &options()).unwrap();
    let got: Vec<_> = card.teams.iter().map(|t| (t.status, (t.score * 1e6).round() / 1e6)).collect();
    assert_eq!(got, [(Status::Healthy, 80.0), (Status::AtRisk, 60.0), (Status::Critical, 20.0)]);
    assert_eq!(card.teams[1].services, ["api"]);
    assert!(card.teams[1].note.is_some(), "parts were dropped, and the card says so");
    assert_eq!(card.services[0].status, Status::NoData);
    assert_eq!(card.team_status.at_risk, 1);
}

#[test]
fn a_service_takes_its_worst_part() {
    let mut s = sla_service("mixed", 10); // healthy SLA
    s["slos"] = slo_service(12.0)["slos"].clone(); // exhausted SLO
    let card = scorecard(&doc(json!({ "version": 1, "name": "A", "services": [s] })), &options()).unwrap();
    assert_eq!(card.services[0].sla.as_ref().unwrap().status, Status::Healthy);
    assert_eq!(card.services[0].status, Status::Critical);
    assert_eq!(card.services[0].drivers[0].status, Status::Critical);
}

#[test]
fn structural_problems_are_all_listed_with_paths() {
    let d = doc(json!({ "version": 2, "name": " ",
        "services": [{ "id": "a", "team": "ghost" }, { "id": "a" },
                     { "id": "b", "slos": [slo_service(1.0)["slos"][0].clone(), slo_service(1.0)["slos"][0].clone()] }],
        "teams": [] }));
    let v = validate_org(&d, at(AS_OF));
    assert!(!v.valid);
    let got: Vec<_> = v.errors.iter().map(|e| (e.code, e.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("unsupported", "version"),
            ("empty", "name"),
            ("unknown_reference", "services[0].team"),
            ("duplicate", "services[1].id"),
            ("duplicate", "services[2].slos[1].name"),
        ]
    );
    // The scorecard stops at the first.
    let e = scorecard(&d, &options()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::Unsupported, "version"));
}

#[test]
fn engine_errors_carry_the_full_path() {
    let mut bad_outage = sla_service("x", 10);
    bad_outage["sla"]["outages"][0]["end"] = json!("2026-03-01T00:00:00Z"); // before its start
    let mut bad_slo = slo_service(1.0);
    bad_slo["slos"][0]["slo"]["objective"] = json!(1.5);
    let team = json!({ "id": "t", "toil": { "shares": [{ "week": "2026-03-02T00:00:00Z", "toilFraction": 2 }] } });
    let d = doc(json!({ "version": 1, "name": "A", "services": [bad_outage, bad_slo], "teams": [team] }));
    let v = validate_org(&d, at(AS_OF));
    let got: Vec<_> = v.errors.iter().map(|e| (e.code, e.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("end_before_start", "services[0].sla.outages[0].end"),
            ("out_of_range", "services[1].slos[0].slo.objective"),
            ("out_of_range", "teams[0].toil.shares[0].toilFraction"),
        ]
    );
    let e = scorecard(&d, &options()).unwrap_err();
    assert_eq!(e.path, "services[0].sla.outages[0].end");
}

#[test]
fn top_level_typos_are_rejected_and_section_annotations_are_not() {
    let typo = serde_json::from_value::<OrgDocument>(json!({ "version": 1, "name": "A", "servics": [] })).unwrap_err();
    assert!(typo.to_string().contains("unknown field `servics`"), "{typo}");
    let annotated =
        doc(json!({ "version": 1, "name": "A", "services": [{ "id": "a", "owner": "bob", "__proto__": { "x": 1 } }] }));
    assert_eq!(annotated.services[0].id, "a");
    assert!(validate_org(&annotated, at(AS_OF)).valid);
}

#[test]
fn options_are_checked() {
    let d = doc(json!({ "version": 1, "name": "A" }));
    let mut o = options();
    o.sla_at_risk_remaining = 1.5;
    assert_eq!(scorecard(&d, &o).unwrap_err().path, "slaAtRiskRemaining");
    let mut o = options();
    o.team_critical = 80.0;
    assert_eq!(scorecard(&d, &o).unwrap_err().code, ErrorCode::OutOfRange);
    let empty = scorecard(&d, &options()).unwrap();
    assert!(empty.services.is_empty() && empty.teams.is_empty());
}

/// Daily usage 100, 101, … 159 from 2026-01-01 (the last value on 2026-03-01), forecast by Holt's linear method.
fn resource(id: &str, capacity: f64) -> Value {
    let values: Vec<f64> = (0..60).map(|t| 100.0 + t as f64).collect();
    json!({ "id": id, "runway": { "series": { "start": "2026-01-01T00:00:00Z", "step": 86400, "values": values },
            "horizon": 365, "model": "AAN", "transform": "none", "capacity": capacity } })
}

// The line reaches 200 at t = 100, i.e. 41 days after the last value (2026-03-01 + 41 d = 2026-04-11). From asOf
// (2026-03-15) that is 27 days, inside the 90-day warning: at risk. Capacity 150 is already below usage (159):
// critical. Capacity 100 000 is never reached within the 365-day horizon: healthy.
#[test]
fn resource_status_follows_the_runway() {
    let d = doc(json!({ "version": 1, "name": "A", "services": [{ "id": "api" }],
        "resources": [resource("disk", 200.0), resource("full", 150.0), resource("roomy", 100_000.0)] }));
    let card = scorecard(&d, &options()).unwrap();
    let got: Vec<_> = card.resources.iter().map(|r| r.status).collect();
    assert_eq!(got, [Status::AtRisk, Status::Critical, Status::Healthy]);
    let disk = &card.resources[0];
    assert_eq!(disk.current, 159.0);
    assert_eq!(disk.headroom, 41.0);
    let mean = disk.runway_at.unwrap();
    assert!((mean.millis() - at_ms("2026-04-11T00:00:00Z")).abs() <= 86_400_000, "mean crossing {mean}");
    assert!(disk.earliest_at.unwrap() <= mean && mean <= disk.latest_at.unwrap_or(mean));
    assert!(disk.headline.starts_with("may reach its threshold by"), "{}", disk.headline);
    assert!(card.resources[1].headline.starts_with("past its threshold"));
    assert!(card.resources[2].runway_at.is_none());
    assert_eq!(card.resource_status.at_risk, 1);

    let mut bad = resource("x", 200.0);
    bad["service"] = json!("ghost");
    bad["runway"]["horizon"] = json!(0);
    let v = validate_org(&doc(json!({ "version": 1, "name": "A", "resources": [bad] })), at(AS_OF));
    let got: Vec<_> = v.errors.iter().map(|e| (e.code, e.path.as_str())).collect();
    assert_eq!(got[0], ("unknown_reference", "resources[0].service"));
    assert_eq!(got[1], ("out_of_range", "resources[0].runway.horizon"));
}

fn at_ms(s: &str) -> i64 {
    at(s).millis()
}
