//! [`Read`] impls of the Time, time zones, calendars and intervals inputs (written from their serde attributes; `tests/read.rs` checks them
//! against serde's derive).

use super::{Obj, Read, Source};
use crate::Result;

impl Read for crate::calendar::WorkingRange {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct WorkingRange")?;
        Ok(Self { start: o.req("start")?, end: o.req("end")? })
    }
}

impl Read for crate::calendar::WeeklyHours {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct WeeklyHours")?;
        Ok(Self {
            monday: o.or_default("monday")?,
            tuesday: o.or_default("tuesday")?,
            wednesday: o.or_default("wednesday")?,
            thursday: o.or_default("thursday")?,
            friday: o.or_default("friday")?,
            saturday: o.or_default("saturday")?,
            sunday: o.or_default("sunday")?,
        })
    }
}

impl Read for crate::calendar::CalendarSpec {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CalendarSpec")?;
        Ok(Self {
            time_zone: o.or_default("timeZone")?,
            working_hours: o.req("workingHours")?,
            holidays: o.or_default("holidays")?,
        })
    }
}

impl Read for crate::time::Interval {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Interval")?;
        Ok(Self { start: o.req("start")?, end: o.req("end")? })
    }
}

super::read_enum!(
    crate::time::CalendarUnit,
    "enum CalendarUnit",
    Day = "day",
    Week = "week",
    Month = "month",
    Quarter = "quarter",
    Year = "year"
);

impl Read for crate::time::Timestamp {
    /// An RFC 3339 string or epoch milliseconds (whole numbers exactly, others rounded).
    fn read<S: Source>(v: S) -> Result<Self> {
        use crate::time::Timestamp;
        if let Some(x) = v.number() {
            return if x.fract() == 0.0 && x.abs() <= super::MAX_SAFE {
                Timestamp::from_millis(x as i64, "")
            } else {
                Timestamp::from_millis_f64(x, "")
            };
        }
        match v.string() {
            Some(s) => Timestamp::parse(&s, ""),
            None => Err(super::invalid_type(&v, "an RFC 3339 timestamp string or epoch milliseconds")),
        }
    }
}

impl Read for crate::time::Zone {
    /// An IANA zone name.
    fn read<S: Source>(v: S) -> Result<Self> {
        let name = String::read(v)?;
        crate::time::Zone::parse(&name, "")
    }
}
