//! The period an SLA is measured over: an explicit `{start, end}`, or the calendar month, quarter or year (or day
//! or week) that contains an instant, in an IANA time zone, with daylight saving applied.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, join_path};
use crate::time::{CalendarUnit, Interval, Timestamp, Zone, calendar_period};

/// A period as a document: either `{start, end}` or `{unit, containing}`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeriodSpec {
    /// Explicit start (with `end`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Timestamp>,
    /// Explicit end, after `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Timestamp>,
    /// A calendar unit (with `containing`): the whole local month, quarter, year, week or day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<CalendarUnit>,
    /// Any instant inside the wanted calendar period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub containing: Option<Timestamp>,
}

impl PeriodSpec {
    /// An explicit period.
    pub fn explicit(start: Timestamp, end: Timestamp) -> Self {
        PeriodSpec { start: Some(start), end: Some(end), unit: None, containing: None }
    }

    /// The calendar period of `unit` containing `t`.
    pub fn calendar(unit: CalendarUnit, t: Timestamp) -> Self {
        PeriodSpec { start: None, end: None, unit: Some(unit), containing: Some(t) }
    }

    /// The interval this spec names, in `zone` for calendar units. Errors under `path`: both forms or neither
    /// (`infeasible` / `missing_field`), a missing half, end not after start.
    pub fn resolve(&self, zone: Zone, path: &str) -> Result<Interval> {
        match (self.start, self.end, self.unit, self.containing) {
            (Some(start), Some(end), None, None) => Interval::new(start, end, path),
            (None, None, Some(unit), Some(t)) => calendar_period(unit, t, zone),
            (None, None, Some(_), None) => Err(Error::new(
                ErrorCode::MissingField,
                join_path(path, "containing"),
                "a calendar period needs `containing`: any instant inside the wanted month, quarter or year",
            )),
            (None, None, None, Some(_)) => Err(Error::new(
                ErrorCode::MissingField,
                join_path(path, "unit"),
                "a calendar period needs `unit`: \"day\", \"week\", \"month\", \"quarter\" or \"year\"",
            )),
            (Some(_), None, None, None) => {
                Err(Error::new(ErrorCode::MissingField, join_path(path, "end"), "an explicit period needs `end`"))
            }
            (None, Some(_), None, None) => {
                Err(Error::new(ErrorCode::MissingField, join_path(path, "start"), "an explicit period needs `start`"))
            }
            (None, None, None, None) => Err(Error::new(
                ErrorCode::MissingField,
                path,
                "give the period as {start, end} or as {unit, containing}, such as {unit: \"month\", containing: \"2026-03-01T00:00:00Z\"}",
            )),
            _ => Err(Error::new(
                ErrorCode::Infeasible,
                path,
                "give the period either as {start, end} or as {unit, containing}, not both",
            )),
        }
    }
}
