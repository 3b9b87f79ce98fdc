//! Durations as people write them in SLO documents: `"5m"`, `"1h"`, `"28d"`, `"1w"`, `"1M"`, `"1Q"`, `"1Y"`
//! (the OpenSLO shorthand units), or a plain number of seconds.
//!
//! The calendar units (w, M, Q, Y) have no fixed length. Where a fixed length is needed (a rolling window, an
//! alert tier), opscore uses a week = 7 days, a month = 30 days, a quarter = 90 days and a year = 365 days. An SLO
//! *window* written as `"1M"` is a calendar month unless the caller asks for a rolling window
//! (see [`crate::budget::slo::WindowSpec`]).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorCode, Result};
use crate::num::Num;

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;

/// The unit letter of a duration shorthand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `s`: seconds.
    Second,
    /// `m`: minutes.
    Minute,
    /// `h`: hours.
    Hour,
    /// `d`: days of 24 hours.
    Day,
    /// `w`: weeks (7 days when a fixed length is needed).
    Week,
    /// `M`: months (30 days when a fixed length is needed).
    Month,
    /// `Q`: quarters (90 days when a fixed length is needed).
    Quarter,
    /// `Y`: years (365 days when a fixed length is needed).
    Year,
}

impl Unit {
    /// The fixed length of one unit, in seconds.
    pub fn seconds(self) -> f64 {
        match self {
            Unit::Second => 1.0,
            Unit::Minute => MINUTE,
            Unit::Hour => HOUR,
            Unit::Day => DAY,
            Unit::Week => 7.0 * DAY,
            Unit::Month => 30.0 * DAY,
            Unit::Quarter => 90.0 * DAY,
            Unit::Year => 365.0 * DAY,
        }
    }

    fn letter(self) -> char {
        match self {
            Unit::Second => 's',
            Unit::Minute => 'm',
            Unit::Hour => 'h',
            Unit::Day => 'd',
            Unit::Week => 'w',
            Unit::Month => 'M',
            Unit::Quarter => 'Q',
            Unit::Year => 'Y',
        }
    }
}

/// A parsed shorthand such as `28d`: a whole count of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shorthand {
    /// How many units (≥ 1).
    pub count: u32,
    /// The unit.
    pub unit: Unit,
}

impl Shorthand {
    /// Parse `"28d"`, `"5m"`, `"1M"`. Units are case-sensitive (`m` is minutes, `M` is months).
    pub fn parse(text: &str, path: &str) -> Result<Self> {
        let t = text.trim();
        let bad = || {
            Error::new(
                ErrorCode::OutOfRange,
                path,
                format!(
                    "\"{text}\" is not a duration such as \"5m\", \"1h\", \"28d\", \"1w\", \"1M\", \"1Q\" or \"1Y\" \
                     (a whole number and one unit: s, m, h, d, w, M, Q, Y)"
                ),
            )
        };
        let unit_char = t.chars().last().ok_or_else(bad)?;
        let unit = match unit_char {
            's' => Unit::Second,
            'm' => Unit::Minute,
            'h' => Unit::Hour,
            'd' => Unit::Day,
            'w' => Unit::Week,
            'M' => Unit::Month,
            'Q' => Unit::Quarter,
            'Y' => Unit::Year,
            _ => return Err(bad()),
        };
        let digits = &t[..t.len() - unit_char.len_utf8()];
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let count: u32 = digits.parse().map_err(|_| bad())?;
        if count == 0 {
            return Err(Error::new(ErrorCode::OutOfRange, path, format!("\"{text}\" is zero long; use at least 1")));
        }
        Ok(Shorthand { count, unit })
    }

    /// The fixed length in seconds (calendar units at 7, 30, 90 and 365 days).
    pub fn seconds(self) -> f64 {
        f64::from(self.count) * self.unit.seconds()
    }
}

impl fmt::Display for Shorthand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.count, self.unit.letter())
    }
}

/// Format a length in seconds as the shortest exact shorthand: `3600 → "1h"`, `90 → "90s"`, `259200 → "3d"`.
/// Only s, m, h and d are used, so the text means the same to Prometheus.
pub fn format_seconds(secs: f64) -> String {
    let whole = secs.round();
    if (secs - whole).abs() > 1e-9 || whole <= 0.0 {
        return format!("{}s", Num(secs));
    }
    for (len, letter) in [(DAY, 'd'), (HOUR, 'h'), (MINUTE, 'm')] {
        if whole % len == 0.0 {
            return format!("{}{letter}", Num(whole / len));
        }
    }
    format!("{}s", Num(whole))
}

/// A duration given as seconds (a number) or as a shorthand string (`"5m"`). Serialises as seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dur(pub f64);

impl Dur {
    /// The length in seconds, checked to be finite and > 0.
    pub fn positive(self, path: &str) -> Result<f64> {
        let v = crate::error::check::duration(self.0, path)?;
        if v <= 0.0 {
            return Err(Error::new(ErrorCode::OutOfRange, path, "a window must be longer than 0 seconds"));
        }
        Ok(v)
    }
}

impl Serialize for Dur {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.0)
    }
}

struct DurVisitor;

impl Visitor<'_> for DurVisitor {
    type Value = Dur;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a duration: seconds as a number, or a string such as \"5m\", \"1h\" or \"28d\"")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Dur, E> {
        Shorthand::parse(v, "").map(|s| Dur(s.seconds())).map_err(|e| E::custom(e.serde_message()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Dur, E> {
        Ok(Dur(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Dur, E> {
        Ok(Dur(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Dur, E> {
        Ok(Dur(v as f64))
    }
}

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DurVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands() {
        assert_eq!(Shorthand::parse("28d", "w").unwrap().seconds(), 28.0 * DAY);
        assert_eq!(Shorthand::parse("5m", "w").unwrap().seconds(), 300.0);
        assert_eq!(Shorthand::parse("1M", "w").unwrap().unit, Unit::Month);
        for bad in ["", "d", "5", "1.5h", "-1h", "0h", "1x", "h1"] {
            assert_eq!(Shorthand::parse(bad, "w").unwrap_err().code, ErrorCode::OutOfRange, "{bad}");
        }
        assert_eq!(format_seconds(3600.0), "1h");
        assert_eq!(format_seconds(1800.0), "30m");
        assert_eq!(format_seconds(259_200.0), "3d");
        assert_eq!(format_seconds(90.0), "90s");
        assert_eq!(format_seconds(5400.0), "90m");
    }
}
