//! Properties of the foundation: well-typed bad input never panics, and results stay in range.
#![cfg(not(target_arch = "wasm32"))]

use opscore::sla::downtime::{Convention, DowntimeQuery, allowed_downtime};
use opscore::time::{Interval, Timestamp};
use proptest::prelude::*;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(1.0),
        Just(-0.0),
        any::<f64>(),
        0.0..1.0f64,
    ]
}

fn convention() -> impl Strategy<Value = Convention> {
    prop_oneof![Just(Convention::Gregorian), Just(Convention::Days30), Just(Convention::Days365)]
}

proptest! {
    /// Any target, any convention, any period: an Ok table or a structured error, never a panic. An Ok table
    /// allows between 0 and the whole of each period.
    #[test]
    fn allowed_downtime_never_panics(target in any_f64(), conv in convention(),
                                     a in -3_000_000_000_000i64..8_000_000_000_000, b in -3_000_000_000_000i64..8_000_000_000_000,
                                     with_period in any::<bool>()) {
        let period = match (Timestamp::from_millis(a, "start"), Timestamp::from_millis(b, "end")) {
            (Ok(start), Ok(end)) if with_period => Some(Interval { start, end }),
            _ => None,
        };
        match allowed_downtime(&DowntimeQuery { target, convention: conv, period }) {
            Ok(t) => {
                prop_assert!(target > 0.0 && target < 1.0);
                for a in [t.day, t.week, t.month, t.quarter, t.year] {
                    prop_assert!(a.allowed_seconds > 0.0 && a.allowed_seconds <= a.period_seconds);
                }
                if let Some(p) = t.period {
                    prop_assert!(p.allowance.period_seconds > 0.0);
                    prop_assert!(p.allowance.allowed_seconds <= p.allowance.period_seconds);
                }
            }
            Err(e) => prop_assert!(!e.message.is_empty() && (e.path == "target" || e.path == "period.end")),
        }
    }

    /// A larger target never allows more downtime.
    #[test]
    fn higher_target_allows_less(a in 0.0001..0.9999f64, b in 0.0001..0.9999f64, conv in convention()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let q = |target| allowed_downtime(&DowntimeQuery { target, convention: conv, period: None }).unwrap();
        prop_assert!(q(hi).month.allowed_seconds <= q(lo).month.allowed_seconds);
    }

    /// Timestamps: any epoch-ms number either parses and round-trips through its RFC 3339 form, or is an
    /// invalid_timestamp error.
    #[test]
    fn timestamps_round_trip(ms in any_f64()) {
        match Timestamp::from_millis_f64(ms, "t") {
            Ok(t) => prop_assert_eq!(Timestamp::parse(&t.to_string(), "t").unwrap(), t),
            Err(e) => prop_assert_eq!(e.code, opscore::ErrorCode::InvalidTimestamp),
        }
    }
}
