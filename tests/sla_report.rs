//! slaReport: availability, allowance, margin, breakdown, maintenance, overlap merging and credits, against the
//! reference figures and hand-worked cases.
#![cfg(not(target_arch = "wasm32"))]

use opscore::ErrorCode;
use opscore::sla::credits::{CreditSchedule, CreditTable, aws_compute_region};
use opscore::sla::report::{SlaReport, SlaReportInput, sla_report};

fn input(json: &str) -> SlaReportInput {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn report(json: &str) -> SlaReport {
    sla_report(&input(json)).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn err(json: &str) -> (ErrorCode, String) {
    let e = sla_report(&input(json)).unwrap_err();
    (e.code, e.path.clone())
}

/// April 2026 has 30 days = 43 200 minutes.
const APRIL: &str = r#""period": {"start": "2026-04-01T00:00:00Z", "end": "2026-05-01T00:00:00Z"}"#;

#[test]
fn myoperator_worksheet_figures() {
    // 30-day month, 420 minutes down: (43 200 − 420) / 43 200 = 0.990278 → 99.03%.
    let r = report(&format!(
        r#"{{"target": 0.99, {APRIL}, "outages": [{{"start": "2026-04-10T00:00:00Z", "end": "2026-04-10T07:00:00Z"}}]}}"#
    ));
    assert!((r.figures.availability - (43_200.0 - 420.0) / 43_200.0).abs() < 1e-12);
    assert_eq!((r.figures.availability * 10_000.0).round() / 100.0, 99.03);
    // 31 days (March 2026 in UTC, 44 640 minutes), 440 minutes down: 44 200 / 44 640 = 0.990143 → 99.01%.
    let r = report(
        r#"{"target": 0.99, "period": {"unit": "month", "containing": "2026-03-15T00:00:00Z"},
            "outages": [{"start": "2026-03-02T00:00:00Z", "end": "2026-03-02T07:20:00Z"}]}"#,
    );
    assert_eq!(r.figures.period_seconds, 44_640.0 * 60.0);
    assert_eq!((r.figures.availability * 10_000.0).round() / 100.0, 99.01);
}

#[test]
fn enterno_45_minutes_in_a_30_day_month() {
    // 1 − 45 / 43 200 = 0.9989583 → 99.896%.
    let r = report(&format!(
        r#"{{"target": 0.999, {APRIL}, "outages": [{{"start": "2026-04-03T10:00:00Z", "end": "2026-04-03T10:45:00Z"}}]}}"#
    ));
    assert_eq!((r.figures.availability * 100_000.0).round() / 1000.0, 99.896);
    // Allowed at 99.9%: 0.001 × 2 592 000 s = 2 592 s; used 2 700 s → breached by 108 s.
    assert!((r.figures.allowed_downtime_seconds - 2_592.0).abs() < 1e-6);
    assert!((r.figures.margin_seconds + 108.0).abs() < 1e-6);
    assert_eq!(r.figures.remaining_allowance_seconds, 0.0);
    assert!(!r.figures.met);
    assert!((r.figures.margin_ratio - (0.998_958_333_333_333_3 - 0.999)).abs() < 1e-12);
}

#[test]
fn met_with_margin_as_time_and_ratio() {
    // 40 minutes down in 30 days at 99.9%: allowed 2 592 s, down 2 400 s, margin 192 s;
    // availability 1 − 2 400 / 2 592 000 = 0.999074074, margin ratio 0.000074074; allowance used 2 400/2 592.
    let r = report(&format!(
        r#"{{"target": 0.999, {APRIL}, "outages": [{{"start": "2026-04-03T10:00:00Z", "end": "2026-04-03T10:40:00Z"}}]}}"#
    ));
    let f = r.figures;
    assert!(f.met);
    assert!((f.margin_seconds - 192.0).abs() < 1e-6);
    assert!((f.remaining_allowance_seconds - 192.0).abs() < 1e-6);
    assert!((f.margin_ratio - 0.000_074_074_074).abs() < 1e-11);
    assert!((f.allowance_used - 2_400.0 / 2_592.0).abs() < 1e-12);
}

#[test]
fn aws_compute_credits() {
    // Reference: 99.95% → 10%, 98.5% → 30%, 94% → 100%; 99.99% and above → none.
    // Over 30 days (2 592 000 s) those availabilities need 1 296 s, 38 880 s, 155 520 s and 259.2 s down.
    for (down_secs, credit) in [(1_296.0, 0.10), (38_880.0, 0.30), (155_520.0, 1.0), (259.2, 0.0), (0.0, 0.0)] {
        let end_ms = 1_775_001_600_000.0 + down_secs * 1000.0; // 2026-04-01T00:00:00Z + downtime
        let outages =
            if down_secs > 0.0 { format!(r#"[{{"start": 1775001600000, "end": {end_ms}}}]"#) } else { "[]".into() };
        let r = report(&format!(
            r#"{{"target": 0.999, {APRIL}, "credits": {{"preset": "awsComputeRegion"}}, "outages": {outages}}}"#
        ));
        let c = r.credits.unwrap();
        assert_eq!(c.credit, credit, "downtime {down_secs} s → availability {}", r.figures.availability);
        assert_eq!(r.figures.credit, Some(credit));
    }
    // The same table given explicitly, in another order, is accepted and sorted.
    let t = CreditSchedule::new(&CreditTable { preset: None, tiers: Some(aws_compute_region()) }, "credits").unwrap();
    assert_eq!(t.tiers[0].max, Some(0.95));
    assert_eq!(t.credit_for(0.9995), (0.10, Some(2)));
    assert_eq!(t.credit_for(0.985), (0.30, Some(1)));
    assert_eq!(t.credit_for(0.94), (1.0, Some(0)));
    // Boundaries: the lower bound is inclusive, the upper exclusive.
    assert_eq!(t.credit_for(0.99).0, 0.10);
    assert_eq!(t.credit_for(0.95).0, 0.30);
    assert_eq!(t.credit_for(0.9999).0, 0.0);
}

#[test]
fn tier_tables_with_gaps_or_overlaps_are_rejected() {
    let base = format!(r#""target": 0.999, {APRIL}, "outages": []"#);
    let gap = format!(
        r#"{{{base}, "credits": {{"tiers": [{{"min": 0.99, "max": 0.9999, "credit": 0.1}}, {{"min": 0.95, "max": 0.98, "credit": 0.3}}]}}}}"#
    );
    assert_eq!(err(&gap), (ErrorCode::Infeasible, "credits.tiers[0].min".into()));
    let overlap = format!(
        r#"{{{base}, "credits": {{"tiers": [{{"min": 0.99, "max": 0.9999, "credit": 0.1}}, {{"min": 0.95, "max": 0.995, "credit": 0.3}}]}}}}"#
    );
    assert_eq!(err(&overlap), (ErrorCode::Overlap, "credits.tiers[0].min".into()));
    let two_open = format!(
        r#"{{{base}, "credits": {{"tiers": [{{"max": 0.99, "credit": 0.1}}, {{"max": 0.95, "credit": 0.3}}]}}}}"#
    );
    assert_eq!(err(&two_open).0, ErrorCode::Overlap);
    let percent = format!(r#"{{{base}, "credits": {{"tiers": [{{"min": 99, "credit": 0.1}}]}}}}"#);
    assert_eq!(err(&percent), (ErrorCode::OutOfRange, "credits.tiers[0].min".into()));
    let reversed = format!(r#"{{{base}, "credits": {{"tiers": [{{"min": 0.99, "max": 0.95, "credit": 0.1}}]}}}}"#);
    assert_eq!(err(&reversed), (ErrorCode::EndBeforeStart, "credits.tiers[0].max".into()));
    let credit = format!(r#"{{{base}, "credits": {{"tiers": [{{"min": 0.9, "credit": 10}}]}}}}"#);
    assert_eq!(err(&credit), (ErrorCode::OutOfRange, "credits.tiers[0].credit".into()));
    assert_eq!(err(&format!(r#"{{{base}, "credits": {{}}}}"#)), (ErrorCode::MissingField, "credits".into()));
    assert_eq!(err(&format!(r#"{{{base}, "credits": {{"tiers": []}}}}"#)), (ErrorCode::Empty, "credits.tiers".into()));
}

#[test]
fn maintenance_cuts_outages_and_shrinks_the_period() {
    // Outage 10:00–12:00, maintenance 11:00–13:00 (and an overlapping 12:30–14:00 window, merged: 11:00–14:00).
    // Counted downtime: 10:00–11:00 = 3 600 s. Measured: 2 592 000 − 10 800 = 2 581 200 s.
    let r = report(&format!(
        r#"{{"target": 0.999, {APRIL},
            "outages": [{{"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T12:00:00Z"}}],
            "maintenance": [{{"start": "2026-04-02T11:00:00Z", "end": "2026-04-02T13:00:00Z"}},
                            {{"start": "2026-04-02T12:30:00Z", "end": "2026-04-02T14:00:00Z"}}]}}"#
    ));
    assert_eq!(r.figures.downtime_seconds, 3_600.0);
    assert_eq!(r.figures.maintenance_seconds, 10_800.0);
    assert_eq!(r.figures.measured_seconds, 2_581_200.0);
    assert!((r.figures.availability - (1.0 - 3_600.0 / 2_581_200.0)).abs() < 1e-15);
    let counted = r.counted_outages.unwrap();
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].end.to_string(), "2026-04-02T11:00:00.000Z");
    // Maintenance covering the whole period leaves nothing to measure.
    let all = format!(
        r#"{{"target": 0.999, {APRIL}, "outages": [], "maintenance": [{{"start": "2026-03-01T00:00:00Z", "end": "2026-06-01T00:00:00Z"}}]}}"#
    );
    assert_eq!(err(&all), (ErrorCode::Infeasible, "maintenance".into()));
}

#[test]
fn overlapping_outages_merge_by_the_stated_rule() {
    // A: 10:00–11:00 at impact 0.3; B: 10:30–12:00 at impact 0.5; C duplicates A exactly.
    // max:        10:00–10:30 × 0.3 = 540, 10:30–11:00 × 0.5 = 900, 11:00–12:00 × 0.5 = 1 800 → 3 240 s.
    // sumCapped:  10:00–10:30 × 0.6 = 1 080, 10:30–11:00 × 1.0 (1.1 capped) = 1 800, 11:00–12:00 × 0.5 = 1 800
    //             → 4 680 s.
    let outages = r#""outages": [
        {"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T11:00:00Z", "impact": 0.3},
        {"start": "2026-04-02T10:30:00Z", "end": "2026-04-02T12:00:00Z", "impact": 0.5},
        {"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T11:00:00Z", "impact": 0.3}]"#;
    let max = report(&format!(r#"{{"target": 0.999, {APRIL}, {outages}}}"#));
    assert!((max.figures.downtime_seconds - 3_240.0).abs() < 1e-9);
    assert_eq!(max.figures.outage_seconds, 7_200.0);
    let note = max.overlap.unwrap();
    assert_eq!(note.overlapping_outages, 2);
    assert!(note.description.contains("largest impact"));
    let sum = report(&format!(r#"{{"target": 0.999, {APRIL}, "overlap": "sumCapped", {outages}}}"#));
    assert!((sum.figures.downtime_seconds - 4_680.0).abs() < 1e-9);
    // Touching outages are not overlaps; an outage partly outside the period is clipped.
    let r = report(&format!(
        r#"{{"target": 0.999, {APRIL}, "outages": [
            {{"start": "2026-03-31T23:00:00Z", "end": "2026-04-01T01:00:00Z"}},
            {{"start": "2026-04-01T01:00:00Z", "end": "2026-04-01T02:00:00Z"}}]}}"#
    ));
    assert_eq!(r.figures.downtime_seconds, 7_200.0);
    assert_eq!(r.overlap.unwrap().overlapping_outages, 0);
}

#[test]
fn calendar_periods_follow_daylight_saving() {
    // March 2026 in Europe/London is 743 hours (clocks forward on the 29th): at 99.9%, 2 674.8 s allowed.
    let r = report(
        r#"{"target": 0.999, "timeZone": "Europe/London", "period": {"unit": "month", "containing": "2026-03-15T12:00:00Z"}, "outages": []}"#,
    );
    assert_eq!(r.figures.period_seconds, 743.0 * 3600.0);
    assert!((r.figures.allowed_downtime_seconds - 2_674.8).abs() < 1e-6);
    assert_eq!(r.figures.start.to_string(), "2026-03-01T00:00:00.000Z");
    assert_eq!(r.figures.end.to_string(), "2026-03-31T23:00:00.000Z");
    // Q4 2026 in New York: Oct 1 00:00 EDT to Jan 1 00:00 EST = 92 days + 1 hour (clocks back on Nov 1).
    let q = report(
        r#"{"target": 0.999, "timeZone": "America/New_York", "period": {"unit": "quarter", "containing": "2026-11-15T00:00:00Z"}, "outages": []}"#,
    );
    assert_eq!(q.figures.period_seconds, (92.0 * 24.0 + 1.0) * 3600.0);
}

#[test]
fn breakdown_by_month_of_a_year() {
    // 2026 in London by month: 12 pieces; March 743 h, October 745 h. An outage from 2026-01-31 23:00 to
    // 2026-02-01 01:00 UTC (London is on GMT in winter) splits 1 h to January and 1 h to February.
    let r = report(
        r#"{"target": 0.999, "timeZone": "Europe/London", "period": {"unit": "year", "containing": "2026-06-01T00:00:00Z"},
            "breakdown": "month", "credits": {"preset": "awsComputeRegion"},
            "outages": [{"start": "2026-01-31T23:00:00Z", "end": "2026-02-01T01:00:00Z"},
                        {"start": "2026-07-10T00:00:00Z", "end": "2026-07-10T10:00:00Z"}]}"#,
    );
    let b = r.breakdown.unwrap();
    assert_eq!(b.len(), 12);
    assert_eq!(b[2].period_seconds, 743.0 * 3600.0);
    assert_eq!(b[9].period_seconds, 745.0 * 3600.0);
    assert_eq!((b[0].downtime_seconds, b[1].downtime_seconds), (3600.0, 3600.0));
    // July: 10 h of 744 h → 1 − 10/744 = 0.98656 → 30% credit that month; the year (12 h of 8 760 h = 99.863%)
    // earns 10%.
    assert_eq!(b[6].credit, Some(0.30));
    assert!(!b[6].met);
    assert!(b[3].met);
    assert_eq!(r.credits.unwrap().credit, 0.10);
    let sum: f64 = b.iter().map(|p| p.downtime_seconds).sum();
    assert_eq!(sum, r.figures.downtime_seconds);
}

#[test]
fn samples_up_fractions_and_good_total() {
    // One day of per-minute samples: three minutes down (0) and one half-up minute (0.5) → 180 + 30 = 210 s.
    let mut up = vec![1.0; 1440];
    up[10] = 0.0;
    up[11] = 0.0;
    up[500] = 0.0;
    up[900] = 0.5;
    let json = format!(
        r#"{{"target": 0.999, "period": {{"start": "2026-04-01T00:00:00Z", "end": "2026-04-02T00:00:00Z"}},
            "samples": {{"start": "2026-04-01T00:00:00Z", "step": 60, "up": {}}}}}"#,
        serde_json::to_string(&up).unwrap()
    );
    let r = report(&json);
    assert_eq!(r.figures.downtime_seconds, 210.0);
    assert!((r.figures.availability - (1.0 - 210.0 / 86_400.0)).abs() < 1e-15);
    assert_eq!(r.figures.unmeasured_seconds, 0.0);
    // Samples covering only the first 12 hours leave 43 200 s unmeasured (counted as up).
    let half = format!(
        r#"{{"target": 0.999, "period": {{"start": "2026-04-01T00:00:00Z", "end": "2026-04-02T00:00:00Z"}},
            "samples": {{"start": "2026-04-01T00:00:00Z", "step": 60, "up": {}}}}}"#,
        serde_json::to_string(&up[..720]).unwrap()
    );
    assert_eq!(report(&half).figures.unmeasured_seconds, 43_200.0);
    // Good/total per 1-hour slice: 990/1000 and 0/0 (no traffic = up) and 500/1000 → 36 s + 0 + 1 800 s.
    let r = report(
        r#"{"target": 0.99, "period": {"start": "2026-04-01T00:00:00Z", "end": "2026-04-01T03:00:00Z"},
            "samples": {"start": "2026-04-01T00:00:00Z", "step": 3600, "good": [990, 0, 500], "total": [1000, 0, 1000]}}"#,
    );
    assert!((r.figures.downtime_seconds - 1_836.0).abs() < 1e-9);
}

#[test]
fn event_counts() {
    // 999 000 good of 1 000 000 → 0.999: exactly on target, met.
    let r = report(&format!(r#"{{"target": 0.999, {APRIL}, "events": {{"good": 999000, "total": 1000000}}}}"#));
    assert!((r.figures.availability - 0.999).abs() < 1e-15);
    assert!(r.figures.met);
    assert_eq!(
        err(&format!(r#"{{"target": 0.999, {APRIL}, "events": {{"good": 1, "total": 0}}}}"#)).0,
        ErrorCode::InsufficientData
    );
    assert_eq!(
        err(&format!(r#"{{"target": 0.999, {APRIL}, "events": {{"good": 2, "total": 1}}}}"#)),
        (ErrorCode::OutOfRange, "events.good".into())
    );
    assert_eq!(
        err(&format!(r#"{{"target": 0.999, {APRIL}, "breakdown": "day", "events": {{"good": 2, "total": 3}}}}"#)),
        (ErrorCode::Unsupported, "breakdown".into())
    );
}

#[test]
fn bad_inputs_are_structured_errors() {
    let o = |outages: &str| format!(r#"{{"target": 0.999, {APRIL}, "outages": {outages}}}"#);
    assert_eq!(
        err(&o(r#"[{"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T11:00:00Z", "impact": 1.5}]"#)),
        (ErrorCode::OutOfRange, "outages[0].impact".into())
    );
    assert_eq!(
        err(&o(
            r#"[{"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T11:00:00Z"}, {"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T09:00:00Z"}]"#
        )),
        (ErrorCode::EndBeforeStart, "outages[1].end".into())
    );
    assert_eq!(
        err(&o(r#"[{"start": "2026-04-02T10:00:00Z", "end": "2026-04-02T11:00:00Z", "impact": -0.1}]"#)),
        (ErrorCode::OutOfRange, "outages[0].impact".into())
    );
    assert_eq!(err(&format!(r#"{{"target": 0.999, {APRIL}}}"#)), (ErrorCode::MissingField, "".into()));
    assert_eq!(
        err(&format!(r#"{{"target": 0.999, {APRIL}, "outages": [], "events": {{"good": 1, "total": 1}}}}"#)),
        (ErrorCode::Infeasible, "".into())
    );
    assert_eq!(
        err(&format!(r#"{{"target": 99.9, {APRIL}, "outages": []}}"#)),
        (ErrorCode::OutOfRange, "target".into())
    );
    assert_eq!(
        err(
            r#"{"target": 0.999, "period": {"start": "2026-05-01T00:00:00Z", "end": "2026-04-01T00:00:00Z"}, "outages": []}"#
        ),
        (ErrorCode::EndBeforeStart, "period.end".into())
    );
    assert_eq!(
        err(r#"{"target": 0.999, "period": {"unit": "month"}, "outages": []}"#),
        (ErrorCode::MissingField, "period.containing".into())
    );
    assert_eq!(
        err(r#"{"target": 0.999, "period": {"start": "2026-05-01T00:00:00Z"}, "outages": []}"#),
        (ErrorCode::MissingField, "period.end".into())
    );
    assert_eq!(
        err(
            r#"{"target": 0.999, "period": {"start": "2026-05-01T00:00:00Z", "end": "2026-06-01T00:00:00Z", "unit": "month", "containing": "2026-05-01T00:00:00Z"}, "outages": []}"#
        ),
        (ErrorCode::Infeasible, "period".into())
    );
    let s = |samples: &str| format!(r#"{{"target": 0.999, {APRIL}, "samples": {samples}}}"#);
    assert_eq!(
        err(&s(r#"{"start": "2026-04-01T00:00:00Z", "step": 0, "up": [1]}"#)),
        (ErrorCode::OutOfRange, "samples.step".into())
    );
    assert_eq!(
        err(&s(r#"{"start": "2026-04-01T00:00:00Z", "step": 60, "up": [1, 2]}"#)),
        (ErrorCode::OutOfRange, "samples.up[1]".into())
    );
    assert_eq!(
        err(&s(r#"{"start": "2026-04-01T00:00:00Z", "step": 60, "up": []}"#)),
        (ErrorCode::Empty, "samples.up".into())
    );
    assert_eq!(
        err(&s(r#"{"start": "2026-04-01T00:00:00Z", "step": 60, "good": [1, 2], "total": [1]}"#)),
        (ErrorCode::OutOfRange, "samples.good".into())
    );
    assert_eq!(
        err(&s(r#"{"start": "2026-04-01T00:00:00Z", "step": 60, "good": [3], "total": [2]}"#)),
        (ErrorCode::OutOfRange, "samples.good[0]".into())
    );
    assert_eq!(
        err(&format!(
            r#"{{"target": 0.999, {APRIL}, "outages": [], "maintenance": [{{"start": "2026-04-02T00:00:00Z", "end": "2026-04-01T00:00:00Z"}}]}}"#
        )),
        (ErrorCode::EndBeforeStart, "maintenance[0].end".into())
    );
    // NaN cannot be written in JSON; the Rust API rejects it with not_finite.
    let mut nan = input(&format!(
        r#"{{"target": 0.999, {APRIL}, "samples": {{"start": "2026-04-01T00:00:00Z", "step": 60, "up": [1]}}}}"#
    ));
    if let Some(s) = nan.samples.as_mut() {
        s.up = Some(vec![1.0, f64::NAN]);
    }
    let e = sla_report(&nan).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotFinite, "samples.up[1]"));
    // Unknown zones and unknown breakdown units are caught while reading the document.
    let z = serde_json::from_str::<SlaReportInput>(&format!(
        r#"{{"target": 0.9, "timeZone": "Europe/Atlantis", {APRIL}}}"#
    ));
    assert!(z.unwrap_err().to_string().contains("unknown_time_zone"));
}
