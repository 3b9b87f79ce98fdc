//! allowedDowntime against the published tables in shared/reference/sla.md.

use opscore::ErrorCode;
use opscore::sla::downtime::{Convention, DowntimeQuery, allowed_downtime};
use opscore::time::{Interval, Timestamp};

/// "3d 15h 39m 30s" → seconds.
fn parse_dhms(s: &str) -> f64 {
    s.split_whitespace()
        .map(|part| {
            let (n, unit) = part.split_at(part.len() - 1);
            let n: f64 = n.parse().unwrap();
            n * match unit {
                "d" => 86_400.0,
                "h" => 3_600.0,
                "m" => 60.0,
                "s" => 1.0,
                _ => panic!("unit {unit}"),
            }
        })
        .sum()
}

fn table(target: f64, convention: Convention) -> opscore::sla::downtime::DowntimeTable {
    allowed_downtime(&DowntimeQuery { target, convention, period: None }).unwrap()
}

/// Convention A rows (uptime.is, notifier.so, cindercloud). Published pages round (or truncate) to whole seconds,
/// so the tolerance is ±1 s.
#[test]
fn gregorian_matches_published_tables() {
    let rows = [
        (0.99, ["14m 24s", "1h 40m 48s", "7h 18m 17s", "21h 54m 52s", "3d 15h 39m 30s"]),
        (0.999, ["1m 26s", "10m 5s", "43m 50s", "2h 11m 29s", "8h 45m 57s"]),
        (0.9995, ["43s", "5m 2s", "21m 54s", "1h 5m 44s", "4h 22m 58s"]),
    ];
    for (target, published) in rows {
        let t = table(target, Convention::Gregorian);
        let got = [t.day, t.week, t.month, t.quarter, t.year].map(|a| a.allowed_seconds);
        for (g, p) in got.iter().zip(published) {
            let want = parse_dhms(p);
            assert!((g - want).abs() < 1.0, "target {target}: got {g} s, published {p} ({want} s)");
        }
    }
}

#[test]
fn other_conventions_match_published_months() {
    // Convention B at 99.9%: month 43m 12s (30 days × 86 400 × 0.001 = 2 592 s), year 8h 45m 36s (31 536 s).
    let b = table(0.999, Convention::Days30);
    assert!((b.month.allowed_seconds - 2_592.0).abs() < 1e-6);
    assert!((b.year.allowed_seconds - parse_dhms("8h 45m 36s")).abs() < 1e-6);
    assert!((b.quarter.period_seconds - 90.0 * 86_400.0).abs() < 1e-6);
    // Convention C at 99.9%: month 43m 48s (365/12 days = 2 628 000 s × 0.001 = 2 628 s).
    let c = table(0.999, Convention::Days365);
    assert!((c.month.allowed_seconds - parse_dhms("43m 48s")).abs() < 1e-6);
}

#[test]
fn explicit_period_is_exact() {
    // February 2026 has 28 days: 28 × 86 400 = 2 419 200 s; at 99.9% the allowance is 2 419.2 s.
    let start = Timestamp::parse("2026-02-01T00:00:00Z", "").unwrap();
    let end = Timestamp::parse("2026-03-01T00:00:00Z", "").unwrap();
    let t = allowed_downtime(&DowntimeQuery {
        target: 0.999,
        convention: Convention::Gregorian,
        period: Some(Interval { start, end }),
    })
    .unwrap();
    let p = t.period.unwrap();
    assert_eq!(p.allowance.period_seconds, 2_419_200.0);
    assert!((p.allowance.allowed_seconds - 2_419.2).abs() < 1e-9);
}

#[test]
fn bad_targets_are_structured_errors() {
    for (target, code) in [
        (0.0, ErrorCode::OutOfRange),
        (-0.5, ErrorCode::OutOfRange),
        (1.0, ErrorCode::OutOfRange),
        (99.9, ErrorCode::OutOfRange),
        (f64::NAN, ErrorCode::NotFinite),
        (f64::INFINITY, ErrorCode::NotFinite),
        (f64::NEG_INFINITY, ErrorCode::NotFinite),
    ] {
        let e =
            allowed_downtime(&DowntimeQuery { target, convention: Convention::Gregorian, period: None }).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, "target"), "target {target}");
    }
}

#[test]
fn period_end_before_start_is_an_error() {
    let a = Timestamp::parse("2026-02-01T00:00:00Z", "").unwrap();
    let b = Timestamp::parse("2026-01-01T00:00:00Z", "").unwrap();
    let e = allowed_downtime(&DowntimeQuery {
        target: 0.99,
        convention: Convention::Gregorian,
        period: Some(Interval { start: a, end: b }),
    })
    .unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::EndBeforeStart, "period.end"));
}

#[test]
fn json_input_uses_camel_case_and_both_timestamp_forms() {
    // The document format is JSON: the same names JS uses.
    let q: DowntimeQuery = serde_json::from_str(
        r#"{"target":0.999,"convention":"days365","period":{"start":"2026-02-01T00:00:00Z","end":1772323200000}}"#,
    )
    .unwrap();
    assert_eq!(q.convention, Convention::Days365);
    let out = serde_json::to_value(allowed_downtime(&q).unwrap()).unwrap();
    assert_eq!(out["period"]["end"], "2026-03-01T00:00:00.000Z");
    // 86 400 s × (1 − 0.999) = 86.4 s, up to floating-point rounding of 1 − 0.999.
    assert!((out["day"]["allowedSeconds"].as_f64().unwrap() - 86.4).abs() < 1e-9);
    let bad = serde_json::from_str::<DowntimeQuery>(r#"{"target":0.9,"convention":"lunar"}"#).unwrap_err();
    assert!(bad.to_string().contains("unknown variant"), "{bad}");
}
