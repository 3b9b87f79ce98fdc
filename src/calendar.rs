//! Business calendars: weekly working hours per weekday, holidays and an IANA time zone, with the three operations
//! every business-hours clock needs: add N business seconds to an instant, count the business seconds between two
//! instants, and find the next working instant.
//!
//! Working hours are local wall-clock times (`"09:00"`–`"17:00"`), so they follow daylight saving: a 09:00–17:00
//! day is 8 hours long on either side of a transition, and a `"00:00"`–`"24:00"` day lasts 23 or 25 hours on the
//! transition days. A local time that does not exist (inside a spring-forward gap) is read with the offset in force
//! before the gap, as [`Zone::instant`] documents.
//!
//! Speed: a [`Timeline`] turns the calendar into a sorted list of working intervals in epoch milliseconds, one
//! local day at a time from precomputed per-weekday hours, with a running total of business time. Each query is
//! then a binary search, so 100,000 tickets cost a few hundred thousand searches over a few hundred days, never a
//! minute-by-minute walk. The timeline grows on demand in either direction.
//!
//! Conventions:
//! - a due time that lands exactly at the end of a working interval is that end (24 business hours against a
//!   09:00–17:00 weekday calendar, started Monday 09:00, fall due Wednesday 17:00, not Thursday 09:00);
//! - holidays are whole local days, given as `"YYYY-MM-DD"`.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::{Timestamp, Zone};

const DAY_SECS: u32 = 86_400;
/// The most local days a timeline may cover: 1900–2200 is about 110,000 days.
const MAX_DAYS: usize = 110_000;

/// One working interval of a day, as local wall-clock times `"HH:MM"` or `"HH:MM:SS"`; `end` may be `"24:00"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WorkingRange {
    /// Local start time, such as `"09:00"`.
    pub start: String,
    /// Local end time, such as `"17:00"`, after `start`; `"24:00"` means midnight at the end of the day.
    pub end: String,
}

/// Working hours per weekday. A missing or empty day is a day off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WeeklyHours {
    /// Monday's working ranges, sorted and not overlapping.
    #[serde(default)]
    pub monday: Vec<WorkingRange>,
    /// Tuesday's working ranges.
    #[serde(default)]
    pub tuesday: Vec<WorkingRange>,
    /// Wednesday's working ranges.
    #[serde(default)]
    pub wednesday: Vec<WorkingRange>,
    /// Thursday's working ranges.
    #[serde(default)]
    pub thursday: Vec<WorkingRange>,
    /// Friday's working ranges.
    #[serde(default)]
    pub friday: Vec<WorkingRange>,
    /// Saturday's working ranges.
    #[serde(default)]
    pub saturday: Vec<WorkingRange>,
    /// Sunday's working ranges.
    #[serde(default)]
    pub sunday: Vec<WorkingRange>,
}

impl WeeklyHours {
    /// The same ranges every weekday, Monday to Friday, and weekends off.
    pub fn weekdays(start: &str, end: &str) -> Self {
        let r = vec![WorkingRange { start: start.to_string(), end: end.to_string() }];
        WeeklyHours {
            monday: r.clone(),
            tuesday: r.clone(),
            wednesday: r.clone(),
            thursday: r.clone(),
            friday: r,
            ..WeeklyHours::default()
        }
    }

    fn days(&self) -> [(&'static str, &Vec<WorkingRange>); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }
}

/// A business calendar as a document: time zone, weekly hours, holidays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CalendarSpec {
    /// The IANA zone the working hours and holidays are in; UTC when absent.
    #[serde(default)]
    pub time_zone: Zone,
    /// Working hours per weekday. At least one weekday must have working time.
    pub working_hours: WeeklyHours,
    /// Local dates with no working time at all, as `"YYYY-MM-DD"`, in any order, each at most once.
    #[serde(default)]
    pub holidays: Vec<String>,
}

/// A validated business calendar. Build one with [`BusinessCalendar::new`]; query it through a [`Timeline`].
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessCalendar {
    zone: Zone,
    /// Working ranges per weekday (Monday = 0), in seconds from local midnight, sorted and disjoint.
    week: [Vec<(u32, u32)>; 7],
    /// Sorted, distinct.
    holidays: Vec<NaiveDate>,
}

/// Parse `"HH:MM"` or `"HH:MM:SS"` (or `"24:00"` when `allow_24` is set) into seconds from midnight.
fn parse_clock(s: &str, allow_24: bool, path: &str) -> Result<u32> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let bad = || {
        Error::new(
            ErrorCode::InvalidTimestamp,
            path,
            format!("\"{s}\" is not a local time such as \"09:00\" or \"17:30:00\""),
        )
    };
    if !(2..=3).contains(&parts.len()) {
        return Err(bad());
    }
    let mut nums = [0u32; 3];
    for (slot, part) in nums.iter_mut().zip(&parts) {
        if part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        *slot = part.parse().map_err(|_| bad())?;
    }
    let [h, m, sec] = nums;
    let total = h * 3600 + m * 60 + sec;
    if m > 59 || sec > 59 || total > DAY_SECS || (total == DAY_SECS && !allow_24) {
        let hint = if allow_24 { "00:00 to 24:00" } else { "00:00 to 23:59:59" };
        return Err(Error::new(ErrorCode::OutOfRange, path, format!("\"{s}\" is outside {hint}")));
    }
    Ok(total)
}

impl BusinessCalendar {
    /// Validate a calendar document. Errors (paths relative to the calendar): an unparsable or out-of-range time
    /// (`workingHours.monday[0].end`), an end not after its start, ranges of one day out of order or overlapping,
    /// a week with no working time at all (`empty` at `workingHours`), an unparsable or duplicate holiday.
    pub fn new(spec: &CalendarSpec) -> Result<Self> {
        let mut week: [Vec<(u32, u32)>; 7] = Default::default();
        for ((name, ranges), slot) in spec.working_hours.days().into_iter().zip(week.iter_mut()) {
            let day_path = join_path("workingHours", name);
            check::max_len(ranges.len(), &day_path)?;
            let mut prev_end = 0u32;
            for (i, r) in ranges.iter().enumerate() {
                let p = index_path(&day_path, i);
                let start = parse_clock(&r.start, false, &join_path(&p, "start"))?;
                let end = parse_clock(&r.end, true, &join_path(&p, "end"))?;
                if end <= start {
                    return Err(Error::new(
                        ErrorCode::EndBeforeStart,
                        join_path(&p, "end"),
                        format!("working hours end ({}) must be after they start ({})", r.end, r.start),
                    ));
                }
                if i > 0 && start < prev_end {
                    return Err(Error::new(
                        ErrorCode::Overlap,
                        join_path(&p, "start"),
                        format!(
                            "{name}'s working ranges must be in order and not overlap; {} starts too early",
                            r.start
                        ),
                    ));
                }
                prev_end = end;
                slot.push((start, end));
            }
        }
        if week.iter().all(Vec::is_empty) {
            return Err(Error::new(
                ErrorCode::Empty,
                "workingHours",
                "a business calendar needs working hours on at least one weekday, such as monday 09:00–17:00",
            ));
        }
        let mut holidays = Vec::with_capacity(spec.holidays.len());
        check::max_len(spec.holidays.len(), "holidays")?;
        for (i, h) in spec.holidays.iter().enumerate() {
            let p = index_path("holidays", i);
            let d = crate::time::local::parse_date(h.trim()).ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidTimestamp,
                    &p,
                    format!("\"{h}\" is not a local date such as \"2026-12-25\""),
                )
            })?;
            holidays.push((d, p));
        }
        crate::sort::sort_by_key(&mut holidays, |(d, _)| *d);
        for w in holidays.windows(2) {
            if let [(a, _), (b, p)] = w
                && a == b
            {
                return Err(Error::new(ErrorCode::Duplicate, p, format!("the holiday {b} is listed twice")));
            }
        }
        Ok(BusinessCalendar { zone: spec.time_zone, week, holidays: holidays.into_iter().map(|(d, _)| d).collect() })
    }

    /// A calendar from one working range on weekdays (Monday–Friday), no holidays.
    pub fn weekdays(start: &str, end: &str, zone: Zone) -> Result<Self> {
        Self::new(&CalendarSpec { time_zone: zone, working_hours: WeeklyHours::weekdays(start, end), holidays: vec![] })
    }

    /// The calendar's time zone.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// A timeline over this calendar, empty until first queried.
    pub fn timeline(&self) -> Timeline<'_> {
        Timeline {
            cal: self,
            first: None,
            next: None,
            starts: vec![],
            ends: vec![],
            cum: vec![],
            safe: (0, 0),
            base: 0,
            buckets: vec![],
        }
    }

    /// `t` plus `secs` business seconds. See [`Timeline::add_business_secs`].
    pub fn add_business_secs(&self, t: Timestamp, secs: f64) -> Result<Timestamp> {
        self.timeline().add_business_secs(t, secs)
    }

    /// Business seconds between two instants. See [`Timeline::business_secs_between`].
    pub fn business_secs_between(&self, a: Timestamp, b: Timestamp) -> Result<f64> {
        self.timeline().business_secs_between(a, b)
    }

    /// The first working instant at or after `t`. See [`Timeline::next_working_instant`].
    pub fn next_working_instant(&self, t: Timestamp) -> Result<Timestamp> {
        self.timeline().next_working_instant(t)
    }

    /// Working intervals of one local date, as epoch-millisecond pairs, appended to `out`.
    fn day_intervals(&self, date: NaiveDate, out: &mut Vec<(i64, i64)>) -> Result<()> {
        if self.holidays.binary_search(&date).is_ok() {
            return Ok(());
        }
        let ranges = self.week.get(date.weekday().num_days_from_monday() as usize).map_or(&[][..], Vec::as_slice);
        for &(s, e) in ranges {
            let start = self.local_ms(date, s)?;
            let end = self.local_ms(date, e)?;
            if end > start {
                out.push((start, end));
            }
        }
        Ok(())
    }

    /// The instant of `secs` seconds after local midnight of `date` (86,400 means the next midnight).
    fn local_ms(&self, date: NaiveDate, secs: u32) -> Result<i64> {
        let (date, secs) =
            if secs >= DAY_SECS { (date.checked_add_days(Days::new(1)).unwrap_or(date), 0) } else { (date, secs) };
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or(NaiveTime::MIN);
        Ok(self.zone.instant(date.and_time(time))?.millis())
    }
}

/// A calendar unrolled into working intervals (epoch milliseconds) with running business-time totals: the fast way
/// to run many queries. It covers whole local days and extends itself as queries need.
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    cal: &'a BusinessCalendar,
    /// First covered local date, and the first date after the covered range.
    first: Option<NaiveDate>,
    next: Option<NaiveDate>,
    starts: Vec<i64>,
    ends: Vec<i64>,
    /// Business milliseconds before interval i, counted from the start of the first covered day.
    cum: Vec<i64>,
    /// Instants (epoch ms) between which queries need no coverage check: two days inside the covered dates.
    safe: (i64, i64),
    /// UTC midnight (epoch ms) of the first covered date: day `d` of the bucket index starts at `base + d` days.
    base: i64,
    /// Per UTC day `d` from `base`: how many intervals start at or before the day's first instant. A lookup starts
    /// there and steps over the few intervals of that day, so it costs O(1) instead of a binary search.
    buckets: Vec<u32>,
}

impl Timeline<'_> {
    fn total(&self) -> i64 {
        match (self.cum.last(), self.starts.last(), self.ends.last()) {
            (Some(c), Some(s), Some(e)) => c + (e - s),
            _ => 0,
        }
    }

    fn too_far(date: NaiveDate) -> Error {
        Error::new(
            ErrorCode::OutOfRange,
            "",
            format!("business time would run past {date}, outside the years 1900–2200 opscore accepts"),
        )
    }

    fn push_day(&mut self, date: NaiveDate) -> Result<()> {
        let mut buf = Vec::with_capacity(2);
        self.cal.day_intervals(date, &mut buf).map_err(|_| Self::too_far(date))?;
        for (s, e) in buf {
            // Guard monotonicity across odd daylight-saving days: never step backwards.
            let s = s.max(self.ends.last().copied().unwrap_or(i64::MIN));
            if e > s {
                let c = self.total();
                self.starts.push(s);
                self.ends.push(e);
                self.cum.push(c);
            }
        }
        Ok(())
    }

    /// Cover local dates `from` (inclusive) to `to` (exclusive), rebuilding when `from` is before the current start.
    fn cover(&mut self, from: NaiveDate, to: NaiveDate) -> Result<()> {
        let (first, next) = match (self.first, self.next) {
            (Some(f), Some(n)) => (f, n),
            _ => (from, from),
        };
        if from < first {
            // Rebuild from the new first day (rare: queries usually move forward).
            let keep_to = next.max(to);
            self.starts.clear();
            self.ends.clear();
            self.cum.clear();
            self.buckets.clear();
            self.first = Some(from);
            self.next = Some(from);
            return self.cover(from, keep_to);
        }
        self.first = Some(first);
        let mut d = next;
        if (to - first).num_days() > MAX_DAYS as i64 || to.year() > 2200 || first.year() < 1900 {
            return Err(Self::too_far(to));
        }
        while d < to {
            self.push_day(d)?;
            d = d.checked_add_days(Days::new(1)).ok_or_else(|| Self::too_far(d))?;
        }
        let next = d.max(next);
        self.next = Some(next);
        let utc = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc().timestamp_millis();
        self.safe = (utc(first) + 2 * 86_400_000, utc(next) - 2 * 86_400_000);
        self.base = utc(first);
        self.index_days((next - first).num_days());
        Ok(())
    }

    /// Extend the per-day bucket index to the first `days - 1` UTC days from `base`. Intervals of dates not yet
    /// covered begin at or after the next date's local midnight, later than its UTC midnight less a day, so
    /// buckets up to there are final.
    fn index_days(&mut self, days: i64) {
        let want = usize::try_from(days.saturating_sub(1)).unwrap_or(0);
        let mut idx = self.buckets.last().map_or(0, |&b| b as usize);
        while self.buckets.len() < want {
            let day_start = self.base + self.buckets.len() as i64 * 86_400_000;
            while self.starts.get(idx).is_some_and(|&s| s <= day_start) {
                idx += 1;
            }
            self.buckets.push(idx as u32);
        }
    }

    /// How many intervals start at or before `t`: a bucket lookup and a short step forward when `t` falls in an
    /// indexed day, a binary search otherwise. Equal to `starts.partition_point(|&s| s <= t)`.
    fn locate(&self, t: i64) -> usize {
        let day = (t - self.base).div_euclid(86_400_000);
        match usize::try_from(day).ok().and_then(|d| self.buckets.get(d)) {
            Some(&b) => {
                let mut idx = b as usize;
                while self.starts.get(idx).is_some_and(|&s| s <= t) {
                    idx += 1;
                }
                idx
            }
            None => self.starts.partition_point(|&s| s <= t),
        }
    }

    /// Cover the local days from the one containing `lo` to the one containing `hi` (epoch ms) in one pass, before
    /// a batch of queries in that span. Best effort: an instant outside the supported years is left for the query
    /// itself to report.
    pub fn prepare(&mut self, lo: i64, hi: i64) {
        // A year inside 1901–2199 on both ends: far from the limits, so covering cannot fail halfway.
        const LO: i64 = -2_177_452_800_000; // 1901-01-01T00:00:00Z
        const HI: i64 = 7_226_582_400_000; // 2199-01-01T00:00:00Z
        if lo <= hi && lo > LO && hi < HI {
            let _ = self.cover_ms(lo).and_then(|()| self.cover_ms(hi));
        }
    }

    /// Make sure the local day containing `t` (epoch ms), and a day either side, are covered.
    fn cover_ms(&mut self, ms: i64) -> Result<()> {
        // Fast path, with no time-zone conversion: t is two days inside the covered dates (UTC offsets are within
        // ±14 h, so its local date, widened by a day on each side, is covered too).
        if ms >= self.safe.0 && ms < self.safe.1 {
            return Ok(());
        }
        let t = Timestamp::from_millis(ms, "")?;
        let date = self.cal.zone.local(t).date();
        let from = date.checked_sub_days(Days::new(1)).ok_or_else(|| Self::too_far(date))?;
        let to = date.checked_add_days(Days::new(2)).ok_or_else(|| Self::too_far(date))?;
        let (first, next) = (self.first.unwrap_or(to), self.next.unwrap_or(from));
        if from < first || to > next {
            self.cover(from.min(first), to.max(next))?;
        }
        Ok(())
    }

    /// Extend forward until the running total reaches `target` business ms.
    fn cover_total(&mut self, target: i64) -> Result<()> {
        while self.total() < target {
            let next = self.next.ok_or_else(|| Self::too_far(NaiveDate::MIN))?;
            // Grow in chunks of 28 days: a chunk always holds working time unless it is all holidays.
            let to = next.checked_add_days(Days::new(28)).ok_or_else(|| Self::too_far(next))?;
            self.cover(next, to)?;
        }
        Ok(())
    }

    /// Business milliseconds from the start of the covered range to `t` (t must be covered).
    fn business_ms_at(&self, t: i64) -> i64 {
        self.business_ms_at_index(t, self.locate(t))
    }

    /// [`Timeline::business_ms_at`] given `idx`, the number of intervals that start at or before `t`.
    fn business_ms_at_index(&self, t: i64, idx: usize) -> i64 {
        match idx.checked_sub(1) {
            None => 0,
            Some(i) => match (self.cum.get(i), self.starts.get(i), self.ends.get(i)) {
                (Some(c), Some(s), Some(e)) => c + (t.min(*e) - s),
                _ => 0,
            },
        }
    }

    /// The business seconds between `a` and `b`; negative when `b` is before `a`.
    pub fn business_secs_between(&mut self, a: Timestamp, b: Timestamp) -> Result<f64> {
        Ok(self.business_ms_between(a.millis(), b.millis())? as f64 / 1000.0)
    }

    /// [`Timeline::business_secs_between`] on epoch milliseconds, for hot loops.
    pub fn business_ms_between(&mut self, a: i64, b: i64) -> Result<i64> {
        self.cover_ms(a)?;
        self.cover_ms(b)?;
        Ok(self.business_ms_at(b) - self.business_ms_at(a))
    }

    /// The instant at which `secs` business seconds have passed since `t` (for `secs` = 0, `t` itself). When the
    /// target is reached exactly at the end of a working interval, that end is the answer. Errors: `secs` negative or
    /// not finite; a result beyond the year 2200.
    pub fn add_business_secs(&mut self, t: Timestamp, secs: f64) -> Result<Timestamp> {
        let secs = check::duration(secs, "")?;
        let ms = (secs * 1000.0).round();
        if ms > 1e16 {
            return Err(Self::too_far(NaiveDate::MAX));
        }
        Timestamp::from_millis(self.add_business_ms(t.millis(), ms as i64)?, "")
    }

    /// [`Timeline::add_business_secs`] on epoch milliseconds, for hot loops; `ms` below 0 counts as 0.
    pub fn add_business_ms(&mut self, t: i64, ms: i64) -> Result<i64> {
        if ms <= 0 {
            return Ok(t);
        }
        let (total, at) = self.mark(t)?;
        self.instant_at(total.saturating_add(ms), at)
    }

    /// The running business total (ms) at `t`, covering `t` first, and how many intervals start at or before it.
    /// Totals count from the start of the covered range, so only differences between marks taken while the
    /// timeline does not grow backwards mean anything: take the earliest instant's mark first, as the ticket clocks
    /// do (every later instant of a clock is at or after its creation, whose day and the day before are covered).
    pub(crate) fn mark(&mut self, t: i64) -> Result<(i64, usize)> {
        self.cover_ms(t)?;
        let at = self.locate(t);
        Ok((self.business_ms_at_index(t, at), at))
    }

    /// The instant at which the running total reaches `target` (a due time at the end of a working interval is that
    /// end), given the interval count `at` of a [`Timeline::mark`] at or before it, from which to search forward.
    pub(crate) fn instant_at(&mut self, target: i64, at: usize) -> Result<i64> {
        self.cover_total(target)?;
        // The first interval whose running total at its end reaches the target: not before the interval holding
        // the mark (the totals before it are at most the mark's own), so search forward from there.
        let idx = partition_end(&self.cum, &self.starts, &self.ends, target, at.saturating_sub(1));
        match (self.cum.get(idx), self.starts.get(idx)) {
            (Some(c), Some(s)) => Ok(s + (target - c)),
            _ => Err(Self::too_far(NaiveDate::MAX)),
        }
    }

    /// The first instant at or after `t` that is inside working hours.
    pub fn next_working_instant(&mut self, t: Timestamp) -> Result<Timestamp> {
        Timestamp::from_millis(self.next_working_ms(t.millis())?, "")
    }

    /// [`Timeline::next_working_instant`] on epoch milliseconds.
    pub fn next_working_ms(&mut self, ms: i64) -> Result<i64> {
        self.cover_ms(ms)?;
        loop {
            let idx = self.ends.partition_point(|&e| e <= ms);
            if let Some(&s) = self.starts.get(idx) {
                return Ok(s.max(ms));
            }
            let next = self.next.ok_or_else(|| Self::too_far(NaiveDate::MIN))?;
            let to = next.checked_add_days(Days::new(28)).ok_or_else(|| Self::too_far(next))?;
            self.cover(next, to)?;
        }
    }

    /// Whether `t` is inside working hours.
    pub fn is_working(&mut self, t: Timestamp) -> Result<bool> {
        Ok(self.next_working_instant(t)? == t)
    }
}

/// The index of the first interval whose running total at its end is ≥ `target`, given that none before `from` is:
/// a galloping search from `from` (most targets end a few intervals later), then a binary search.
fn partition_end(cum: &[i64], starts: &[i64], ends: &[i64], target: i64, from: usize) -> usize {
    let end_total = |i: usize| match (cum.get(i), starts.get(i), ends.get(i)) {
        (Some(c), Some(s), Some(e)) => c + (e - s),
        _ => i64::MAX,
    };
    let (mut lo, mut step) = (from.min(cum.len()), 1usize);
    let mut hi = lo;
    while hi < cum.len() && end_total(hi) < target {
        lo = hi + 1;
        hi = hi.saturating_add(step).min(cum.len());
        step = step.saturating_mul(2);
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if end_total(mid) < target {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s, "").unwrap()
    }

    #[test]
    fn clock_parsing() {
        assert_eq!(parse_clock("09:30", false, "x").unwrap(), 34_200);
        assert_eq!(parse_clock("24:00", true, "x").unwrap(), 86_400);
        assert_eq!(parse_clock("24:00", false, "x").unwrap_err().code, ErrorCode::OutOfRange);
        assert_eq!(parse_clock("9am", false, "x").unwrap_err().code, ErrorCode::InvalidTimestamp);
        assert_eq!(parse_clock("12:60", false, "x").unwrap_err().code, ErrorCode::OutOfRange);
    }

    #[test]
    fn timeline_grows_backwards() {
        let cal = BusinessCalendar::weekdays("09:00", "17:00", Zone::UTC).unwrap();
        let mut tl = cal.timeline();
        // Fri 2026-01-09 → Mon 2026-01-12 09:00 is 8 h of Friday; then ask about an earlier week.
        assert_eq!(tl.business_secs_between(ts("2026-01-09T09:00:00Z"), ts("2026-01-12T09:00:00Z")).unwrap(), 28_800.0);
        assert_eq!(tl.business_secs_between(ts("2026-01-02T09:00:00Z"), ts("2026-01-05T10:00:00Z")).unwrap(), 32_400.0);
        assert_eq!(tl.business_secs_between(ts("2026-01-09T09:00:00Z"), ts("2026-01-12T09:00:00Z")).unwrap(), 28_800.0);
    }
}
