//! SLO definitions: an objective, a rolling or calendar window, and a budgeting method (OpenSLO semantics).
//!
//! Window shorthand: `"28d"` (or any count of s, m, h, d) is a rolling window. `"1w"`, `"1M"`, `"1Q"` and `"1Y"`
//! are calendar-aligned periods (ISO week from Monday, month, quarter, year) in `timeZone` (UTC by default), with
//! daylight saving applied, unless `rolling: true` is given, in which case they are 7, 30, 90 and 365 days.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::duration::{Dur, Shorthand, Unit};
use crate::error::{Error, ErrorCode, Result, check, join_path};
use crate::num::Num;
use crate::time::{CalendarUnit, Interval, Timestamp, Zone, calendar_period};

/// How the budget is counted (OpenSLO `budgetingMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// Good events / total events, summed over the window (never a mean of per-bucket ratios).
    #[default]
    Occurrences,
    /// A time slice is good when its ratio good/total is at least `timeSliceTarget`; SLI = good slices / slices.
    Timeslices,
    /// SLI = the mean of the slices' ratios.
    RatioTimeslices,
}

/// How a time slice with no data (every bucket missing, or zero traffic) counts, for the slice methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum NoData {
    /// Left out: neither good nor bad (the default).
    #[default]
    Skip,
    /// Counted as a good slice (ratio 1).
    Good,
    /// Counted as a bad slice (ratio 0).
    Bad,
}

/// A window as written: `"28d"`, or `{ duration: "1M", rolling?: bool, timeZone?: "Europe/Berlin" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WindowSpec {
    /// A shorthand duration: `"30d"`, `"1w"`, `"1M"`, `"1Q"`, `"1Y"`.
    pub duration: String,
    /// Force a rolling window (`true`) or a calendar-aligned one (`false`). By default s, m, h and d are rolling and
    /// w, M, Q and Y are calendar periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling: Option<bool>,
    /// The IANA zone of a calendar window. Default UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct WindowObject {
    pub(crate) duration: String,
    #[serde(default)]
    pub(crate) rolling: Option<bool>,
    #[serde(default)]
    pub(crate) time_zone: Option<String>,
}

struct WindowVisitor;

impl<'de> Visitor<'de> for WindowVisitor {
    type Value = WindowSpec;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a window: \"28d\" or { duration, rolling?, timeZone? }")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<WindowSpec, E> {
        Ok(WindowSpec { duration: v.to_string(), rolling: None, time_zone: None })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<WindowSpec, A::Error> {
        let o = WindowObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(WindowSpec { duration: o.duration, rolling: o.rolling, time_zone: o.time_zone })
    }
}

impl WindowSpec {
    /// Deserialize from `"28d"` or an object (used by `#[serde(deserialize_with)]`).
    pub fn deserialize_any<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<WindowSpec, D::Error> {
        d.deserialize_any(WindowVisitor)
    }

    /// A rolling window of `secs` seconds, written as the shortest shorthand.
    pub fn rolling_seconds(secs: f64) -> WindowSpec {
        WindowSpec { duration: super::duration::format_seconds(secs), rolling: Some(true), time_zone: None }
    }

    /// Check and resolve the window. Errors carry `path` (`slo.window`) with `duration` or `timeZone` appended.
    pub fn resolve(&self, path: &str) -> Result<Window> {
        let dpath = join_path(path, "duration");
        let s = Shorthand::parse(&self.duration, &dpath)?;
        let calendar_default = matches!(s.unit, Unit::Week | Unit::Month | Unit::Quarter | Unit::Year);
        let rolling = self.rolling.unwrap_or(!calendar_default);
        if rolling {
            if self.time_zone.is_some() {
                return Err(Error::new(
                    ErrorCode::Unsupported,
                    join_path(path, "timeZone"),
                    "a rolling window has no time zone; remove timeZone or set rolling: false",
                ));
            }
            return Ok(Window::Rolling { seconds: s.seconds() });
        }
        let unit = match (s.count, s.unit) {
            (1, Unit::Day) => CalendarUnit::Day,
            (1, Unit::Week) => CalendarUnit::Week,
            (1, Unit::Month) => CalendarUnit::Month,
            (1, Unit::Quarter) => CalendarUnit::Quarter,
            (1, Unit::Year) => CalendarUnit::Year,
            _ => {
                return Err(Error::new(
                    ErrorCode::Unsupported,
                    dpath,
                    format!(
                        "a calendar window must be one of 1d, 1w, 1M, 1Q or 1Y, got \"{}\"; use rolling: true for a \
                         rolling window",
                        self.duration
                    ),
                ));
            }
        };
        let zone = match &self.time_zone {
            Some(z) => Zone::parse(z, &join_path(path, "timeZone"))?,
            None => Zone::UTC,
        };
        Ok(Window::Calendar { unit, zone })
    }
}

/// A resolved window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Window {
    /// The last `seconds` before the evaluation time.
    Rolling {
        /// The length in seconds.
        seconds: f64,
    },
    /// The calendar period, in `zone`, that contains the evaluation time.
    Calendar {
        /// The period.
        unit: CalendarUnit,
        /// The zone whose local midnights bound the period.
        zone: Zone,
    },
}

impl Window {
    /// The window that ends at (rolling) or contains (calendar) `as_of`. A calendar window is the period containing
    /// the instant just before `as_of`, so an `as_of` of exactly 1 April reports on all of March.
    pub fn at(&self, as_of: Timestamp) -> Result<Interval> {
        match *self {
            Window::Rolling { seconds } => Interval::new(as_of.plus_secs(-seconds, "asOf")?, as_of, ""),
            Window::Calendar { unit, zone } => calendar_period(unit, as_of.plus_secs(-0.001, "asOf")?, zone),
        }
    }

    /// A nominal length in seconds for alert-tier scaling: the rolling length, or 1, 7, 30, 90 or 365 days.
    pub fn nominal_seconds(&self) -> f64 {
        match *self {
            Window::Rolling { seconds } => seconds,
            Window::Calendar { unit, .. } => match unit {
                CalendarUnit::Day => Unit::Day.seconds(),
                CalendarUnit::Week => Unit::Week.seconds(),
                CalendarUnit::Month => Unit::Month.seconds(),
                CalendarUnit::Quarter => Unit::Quarter.seconds(),
                CalendarUnit::Year => Unit::Year.seconds(),
            },
        }
    }

    /// Whether the window rolls.
    pub fn is_rolling(&self) -> bool {
        matches!(self, Window::Rolling { .. })
    }
}

/// An SLO as written by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Slo {
    /// The objective, a fraction strictly between 0 and 1 (0.999).
    pub objective: f64,
    /// The window: `"28d"`, `"1M"`, or `{ duration, rolling?, timeZone? }`.
    #[serde(deserialize_with = "WindowSpec::deserialize_any")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::WindowSchema"))]
    pub window: WindowSpec,
    /// The budgeting method. Default occurrences.
    #[serde(default)]
    pub method: Method,
    /// For timeslices: the ratio at or above which a slice is good, in (0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_slice_target: Option<f64>,
    /// For the slice methods: the slice length (seconds or `"1m"`), a whole multiple of the series step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_slice_window: Option<Dur>,
    /// For the slice methods: how a slice without data counts. Default skip.
    #[serde(default)]
    pub no_data: NoData,
}

/// The resolved budgeting method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Budgeting {
    /// Good / total events.
    Occurrences,
    /// Good slices / slices.
    Timeslices {
        /// The per-slice good ratio threshold.
        target: f64,
        /// The slice length in seconds.
        slice: f64,
    },
    /// The mean of slice ratios.
    RatioTimeslices {
        /// The slice length in seconds.
        slice: f64,
    },
}

impl Budgeting {
    /// The slice length, for the slice methods.
    pub fn slice(&self) -> Option<f64> {
        match *self {
            Budgeting::Occurrences => None,
            Budgeting::Timeslices { slice, .. } | Budgeting::RatioTimeslices { slice } => Some(slice),
        }
    }
}

/// A checked SLO.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResolvedSlo {
    /// The objective, in (0, 1).
    pub objective: f64,
    /// The window.
    pub window: Window,
    /// The method.
    pub budgeting: Budgeting,
    /// How a slice without data counts.
    pub no_data: NoData,
}

impl ResolvedSlo {
    /// 1 − objective: the error rate at which the burn rate is exactly 1.
    pub fn budget_rate(&self) -> f64 {
        1.0 - self.objective
    }
}

impl Slo {
    /// Check every field; errors carry `path` (for example `slo`) as prefix.
    pub fn resolve(&self, path: &str) -> Result<ResolvedSlo> {
        let objective = check::target(self.objective, &join_path(path, "objective"))?;
        let window = self.window.resolve(&join_path(path, "window"))?;
        let slice = |p: &str| -> Result<f64> {
            let wp = join_path(p, "timeSliceWindow");
            match self.time_slice_window {
                Some(d) => d.positive(&wp),
                None => Err(Error::new(
                    ErrorCode::MissingField,
                    wp,
                    "the slice methods need timeSliceWindow, the slice length (\"1m\" or seconds)",
                )),
            }
        };
        let budgeting = match self.method {
            Method::Occurrences => Budgeting::Occurrences,
            Method::Timeslices => {
                let tp = join_path(path, "timeSliceTarget");
                let target = match self.time_slice_target {
                    Some(t) => check::fraction(t, &tp)?,
                    None => {
                        return Err(Error::new(
                            ErrorCode::MissingField,
                            tp,
                            "timeslices needs timeSliceTarget, the ratio at which a slice counts as good",
                        ));
                    }
                };
                if target <= 0.0 {
                    return Err(Error::new(ErrorCode::OutOfRange, tp, "timeSliceTarget must be above 0"));
                }
                Budgeting::Timeslices { target, slice: slice(path)? }
            }
            Method::RatioTimeslices => Budgeting::RatioTimeslices { slice: slice(path)? },
        };
        if let Some(s) = budgeting.slice() {
            let w = window.nominal_seconds();
            if s > w {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    join_path(path, "timeSliceWindow"),
                    format!("a slice of {} s is longer than the window ({} s)", Num(s), Num(w)),
                ));
            }
        }
        Ok(ResolvedSlo { objective, window, budgeting, no_data: self.no_data })
    }
}
