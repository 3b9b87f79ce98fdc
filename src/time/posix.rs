//! POSIX TZ strings, the footer of a TZif file (RFC 8536 §3.3): the rule in force after the last recorded
//! transition, such as `EST5EDT,M3.2.0,M11.1.0` or `<+0330>-3:30`. Only what zic writes is accepted: names
//! (alphabetic or `<…>`), offsets `[+-]hh[:mm[:ss]]`, and dates `Mm.w.d`, `Jn` or `n` with optional `/time`, where
//! the time may be negative or over 24 hours (the RFC 8536 extension).

use chrono::{Datelike, NaiveDate};

/// A parsed POSIX TZ rule. Offsets are seconds east of UTC (the opposite sign of the POSIX text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PosixTz {
    /// The standard-time offset.
    pub(crate) std: i32,
    /// Daylight saving, when the rule has it.
    pub(crate) dst: Option<Dst>,
}

/// The daylight-saving part of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dst {
    /// The daylight-time offset.
    pub(crate) offset: i32,
    /// When daylight time starts, in local standard time.
    pub(crate) start: RuleDate,
    /// When daylight time ends, in local daylight time.
    pub(crate) end: RuleDate,
}

/// A day of the year and a local time of day (seconds, possibly negative or over a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RuleDate {
    day: Day,
    time: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// `Jn`: day 1–365, February 29 never counted.
    Julian1(u16),
    /// `n`: day 0–365, February 29 counted in leap years.
    Julian0(u16),
    /// `Mm.w.d`: month 1–12, week 1–5 (5 = last), weekday 0–6 (0 = Sunday).
    Month(u8, u8, u8),
}

impl RuleDate {
    /// The local time of this rule in `year`, as seconds since 1970-01-01T00:00 of that local clock.
    fn local_secs(self, year: i32) -> Option<i64> {
        let date = match self.day {
            Day::Julian1(n) => {
                let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
                let n = if leap && n >= 60 { n + 1 } else { n };
                NaiveDate::from_yo_opt(year, u32::from(n))?
            }
            Day::Julian0(n) => NaiveDate::from_yo_opt(year, u32::from(n) + 1)?,
            Day::Month(m, w, d) => {
                let first = NaiveDate::from_ymd_opt(year, u32::from(m), 1)?;
                let first_wd = first.weekday().num_days_from_sunday();
                let mut day = 1 + (u32::from(d) + 7 - first_wd) % 7 + 7 * (u32::from(w) - 1);
                let len = days_in_month(year, u32::from(m))?;
                while day > len {
                    day -= 7;
                }
                NaiveDate::from_ymd_opt(year, u32::from(m), day)?
            }
        };
        let midnight = date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
        Some(midnight + i64::from(self.time))
    }
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    u32::try_from(next.signed_duration_since(first).num_days()).ok()
}

impl PosixTz {
    /// Parse a footer; `None` when it is not a rule zic could have written.
    pub(crate) fn parse(s: &str) -> Option<PosixTz> {
        let mut p = Parser { s: s.as_bytes(), i: 0 };
        p.name()?;
        let std = -p.offset(24)?;
        if p.done() {
            return Some(PosixTz { std, dst: None });
        }
        p.name()?;
        let offset = if p.peek() == Some(b',') { std + 3600 } else { -p.offset(24)? };
        p.eat(b',')?;
        let start = p.rule_date()?;
        p.eat(b',')?;
        let end = p.rule_date()?;
        p.done().then_some(PosixTz { std, dst: Some(Dst { offset, start, end }) })
    }

    /// The UTC instants (epoch seconds) at which the offset changes in `year`, with the offset from then on,
    /// in time order.
    pub(crate) fn transitions(&self, year: i32) -> Option<[(i64, i32); 2]> {
        let dst = self.dst.as_ref()?;
        let on = (dst.start.local_secs(year)? - i64::from(self.std), dst.offset);
        let off = (dst.end.local_secs(year)? - i64::from(dst.offset), self.std);
        Some(if on.0 <= off.0 { [on, off] } else { [off, on] })
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i >= self.s.len()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    fn name(&mut self) -> Option<()> {
        let start = self.i;
        if self.eat(b'<').is_some() {
            while self.peek()? != b'>' {
                self.i += 1;
            }
            self.i += 1;
            return (self.i - start > 2).then_some(());
        }
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.i += 1;
        }
        (self.i - start >= 3).then_some(())
    }

    fn number(&mut self, max: u32) -> Option<u32> {
        let start = self.i;
        let mut n: u32 = 0;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
            self.i += 1;
        }
        (self.i > start && n <= max).then_some(n)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, with hours up to `max_hours`.
    fn offset(&mut self, max_hours: u32) -> Option<i32> {
        let sign = if self.eat(b'-').is_some() {
            -1
        } else {
            let _ = self.eat(b'+');
            1
        };
        let mut secs = self.number(max_hours)? * 3600;
        if self.eat(b':').is_some() {
            secs += self.number(59)? * 60;
            if self.eat(b':').is_some() {
                secs += self.number(59)?;
            }
        }
        Some(sign * i32::try_from(secs).ok()?)
    }

    fn rule_date(&mut self) -> Option<RuleDate> {
        let day = if self.eat(b'M').is_some() {
            let m = self.number(12)?;
            self.eat(b'.')?;
            let w = self.number(5)?;
            self.eat(b'.')?;
            let d = self.number(6)?;
            if m == 0 || w == 0 {
                return None;
            }
            Day::Month(u8::try_from(m).ok()?, u8::try_from(w).ok()?, u8::try_from(d).ok()?)
        } else if self.eat(b'J').is_some() {
            let n = self.number(365)?;
            if n == 0 {
                return None;
            }
            Day::Julian1(u16::try_from(n).ok()?)
        } else {
            Day::Julian0(u16::try_from(self.number(365)?).ok()?)
        };
        let time = if self.eat(b'/').is_some() { self.offset(167)? } else { 7200 };
        Some(RuleDate { day, time })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn us_eastern() {
        let tz = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(tz.std, -5 * 3600);
        // 2026: second Sunday of March is the 8th, 02:00 EST = 07:00Z; first Sunday of November is the 1st,
        // 02:00 EDT = 06:00Z.
        let t = tz.transitions(2026).unwrap();
        assert_eq!(t, [(utc("2026-03-08T07:00:00Z"), -4 * 3600), (utc("2026-11-01T06:00:00Z"), -5 * 3600)]);
    }

    #[test]
    fn fixed_and_odd_forms() {
        assert_eq!(PosixTz::parse("<+0330>-3:30").unwrap(), PosixTz { std: 3 * 3600 + 1800, dst: None });
        assert_eq!(PosixTz::parse("<-03>3").unwrap().std, -3 * 3600);
        // Southern hemisphere: DST ends in April before it starts in October. Sydney 2026: first Sunday of April is
        // the 5th, 03:00 AEDT (+11) = 04-04T16:00Z; first Sunday of October is the 4th, 02:00 AEST (+10) = 10-03T16:00Z.
        let syd = PosixTz::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
        assert_eq!(
            syd.transitions(2026).unwrap(),
            [(utc("2026-04-04T16:00:00Z"), 10 * 3600), (utc("2026-10-03T16:00:00Z"), 11 * 3600)]
        );
        // Greenland-style negative time: M3.5.0/-1 is the last Sunday of March (2026-03-29) at −1:00, that is
        // 23:00 on the 28th in standard time (−02), which is 2026-03-29T01:00Z.
        let g = PosixTz::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").unwrap();
        assert_eq!(g.transitions(2026).unwrap()[0], (utc("2026-03-28T23:00:00-02:00"), -3600));
        // Jn skips Feb 29: J60 is always 1 March; n counts it: day 59 is 29 Feb in a leap year. Time 25:00 > 24 h.
        let j = PosixTz::parse("AAA-1BBB,J60/25,59").unwrap();
        assert_eq!(j.transitions(2024).unwrap()[1].0, utc("2024-03-02T01:00:00+01:00"));
        assert_eq!(j.transitions(2024).unwrap()[0].0, utc("2024-02-29T02:00:00+02:00"));
        for bad in ["", "E5", "EST", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.2.0", "<+03", "EST5EDT,J0,J5"] {
            assert_eq!(PosixTz::parse(bad), None, "{bad}");
        }
    }
}
