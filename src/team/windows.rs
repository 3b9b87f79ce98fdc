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

/// The window of a local wall-clock time given as milliseconds since 1970-01-01T00:00 local (epoch milliseconds plus
/// the zone's offset): integer arithmetic only, for the hot loop over pages. 1970-01-01 was a Thursday.
pub fn window_of_local_millis(local_ms: i64) -> Window {
    let day = local_ms.div_euclid(86_400_000);
    let hour = (local_ms - day * 86_400_000) / 3_600_000;
    if !(8..22).contains(&hour) {
        return Window::Sleep;
    }
    // Days since Monday: 1970-01-01 (day 0) was a Thursday, 3 days after a Monday.
    let weekday = (day + 3).rem_euclid(7);
    if weekday < 5 && hour < 18 { Window::Business } else { Window::OffHours }
}

/// The window of instant `t` for a responder in `zone`.
pub fn window_at(t: Timestamp, zone: Zone) -> Window {
    window_of(zone.local(t))
}

/// Local times without a time-zone lookup per page: a zone's UTC offset is constant between two transitions, so one
/// lookup per responder (or any other slot) serves every page until the zone's next transition (twice a year for most zones).
#[derive(Default)]
pub(crate) struct OffsetCache {
    /// Per responder: the offset (ms) and the epoch-millisecond span `[from, until)` over which it holds.
    spans: Vec<Option<(i64, i64, i64)>>,
}

impl OffsetCache {
    /// Local wall-clock milliseconds (epoch milliseconds plus the UTC offset in force) of `ms` in `zone`.
    pub(crate) fn local_millis(&mut self, zone: Zone, responder: u32, ms: i64) -> i64 {
        let r = responder as usize;
        if self.spans.len() <= r {
            self.spans.resize(r + 1, None);
        }
        match self.spans.get_mut(r) {
            Some(Some((offset, from, until))) if *from <= ms && ms < *until => ms + *offset,
            Some(slot) => {
                let span = zone.offset_span_ms(ms);
                *slot = Some(span);
                ms + span.0
            }
            None => ms + zone.offset_span_ms(ms).0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn integer_windows_agree_with_calendar_windows() {
        // Every 7 minutes over two weeks from Monday 2026-03-02 (covers every hour boundary on every weekday).
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(0, 0, 0).unwrap();
        for k in 0..(14 * 24 * 60 / 7) {
            let t = start + chrono::Duration::minutes(7 * k);
            let ms = t.and_utc().timestamp_millis();
            assert_eq!(window_of_local_millis(ms), window_of(t), "{t}");
        }
        // Boundaries exactly: Monday 08:00 business, 18:00 off-hours, 22:00 sleep, 07:59:59.999 sleep.
        let at = |h: u32, m: u32, s: u32, milli: u32| {
            start.date().and_hms_milli_opt(h, m, s, milli).unwrap().and_utc().timestamp_millis()
        };
        assert_eq!(window_of_local_millis(at(8, 0, 0, 0)), Window::Business);
        assert_eq!(window_of_local_millis(at(7, 59, 59, 999)), Window::Sleep);
        assert_eq!(window_of_local_millis(at(18, 0, 0, 0)), Window::OffHours);
        assert_eq!(window_of_local_millis(at(22, 0, 0, 0)), Window::Sleep);
        // Before 1970 too (div_euclid): Saturday 1969-12-27 12:00 is off-hours.
        let sat = NaiveDate::from_ymd_opt(1969, 12, 27).unwrap().and_hms_opt(12, 0, 0).unwrap();
        assert_eq!(window_of_local_millis(sat.and_utc().timestamp_millis()), Window::OffHours);
    }
}
