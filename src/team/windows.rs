//! PagerDuty's interruption windows, in the responder's own local time.
//!
//! - business hours: 08:00–18:00, Monday to Friday;
//! - off-hours: 18:00–22:00 Monday to Friday, and all of Saturday and Sunday outside sleep hours;
//! - sleep hours: 22:00–08:00, every day.
//!
//! PagerDuty does not document whether the boundaries are inclusive. opscore takes every window as `[start, end)`:
//! 08:00:00.000 on a Monday is business hours, 18:00:00.000 is off-hours and 22:00:00.000 is sleep hours.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use serde::Serialize;

use crate::time::{Timestamp, Zone};

/// One of PagerDuty's interruption windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Window {
    /// 08:00–18:00, Monday to Friday.
    Business,
    /// 18:00–22:00 on weekdays, 08:00–22:00 at weekends.
    OffHours,
    /// 22:00–08:00, every day.
    Sleep,
}

/// The window of a local wall-clock time.
pub fn window_of(local: NaiveDateTime) -> Window {
    let hour = local.hour();
    if !(8..22).contains(&hour) {
        return Window::Sleep;
    }
    let weekend = matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
    if !weekend && hour < 18 { Window::Business } else { Window::OffHours }
}

/// The window of instant `t` for a responder in `zone`.
pub fn window_at(t: Timestamp, zone: Zone) -> Window {
    window_of(zone.local(t))
}
