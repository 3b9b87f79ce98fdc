//! Local dates and date-times in the two fixed layouts opscore reads (`2026-12-25`, `2022-01-01 00:00:00`), parsed
//! exactly as chrono's `parse_from_str` parses them with `%Y-%m-%d` and `%Y-%m-%d %H:%M:%S` / `%Y-%m-%dT%H:%M:%S`,
//! but without chrono's strftime machinery (about 20 KB of wasm). Same rules: whitespace may precede any number
//! (and a space in the layout matches any whitespace, or none); the year has up to 4 digits, or any number of
//! digits after a `+` or `-`; month, day, hour, minute and second have 1 or 2 digits; second 60 is a leap second;
//! nothing may follow. The tests compare both parsers on many generated strings.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// What is left of the input.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    /// Up to `max` ASCII digits (at least one), as chrono's `scan::number` reads them.
    fn digits(&mut self, max: usize) -> Option<i64> {
        let n = self.0.bytes().take(max).take_while(u8::is_ascii_digit).count();
        let (digits, rest) = self.0.split_at_checked(n)?;
        let mut v = 0i64;
        for d in digits.bytes() {
            v = v.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
        }
        self.0 = rest;
        (n > 0).then_some(v)
    }

    /// An unsigned field of up to `max` digits, after optional whitespace, within `range`.
    fn field(&mut self, max: usize, range: std::ops::RangeInclusive<i64>) -> Option<u32> {
        self.0 = self.0.trim_start();
        let v = self.digits(max)?;
        if range.contains(&v) { u32::try_from(v).ok() } else { None }
    }

    /// `%Y`: after optional whitespace, `-` or `+` and any number of digits, or up to 4 digits.
    fn year(&mut self) -> Option<i32> {
        self.0 = self.0.trim_start();
        let v = if let Some(rest) = self.0.strip_prefix('-') {
            self.0 = rest;
            0i64.checked_sub(self.digits(usize::MAX)?)?
        } else if let Some(rest) = self.0.strip_prefix('+') {
            self.0 = rest;
            self.digits(usize::MAX)?
        } else {
            self.digits(4)?
        };
        i32::try_from(v).ok()
    }

    fn literal(&mut self, s: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(s)?;
        Some(())
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let year = self.year()?;
        self.literal("-")?;
        let month = self.field(2, 1..=12)?;
        self.literal("-")?;
        let day = self.field(2, 1..=31)?;
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

/// A local date written `%Y-%m-%d`, such as `2026-12-25`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut c = Cursor(s);
    let d = c.date()?;
    c.0.is_empty().then_some(d)
}

/// A local date-time written `%Y-%m-%d %H:%M:%S` (`t_separator` false: any whitespace, or none, between date and
/// time) or `%Y-%m-%dT%H:%M:%S` (`t_separator` true).
pub fn parse_date_time(s: &str, t_separator: bool) -> Option<NaiveDateTime> {
    let mut c = Cursor(s);
    let date = c.date()?;
    if t_separator {
        c.literal("T")?;
    } else {
        c.0 = c.0.trim_start();
    }
    let hour = c.field(2, 0..=23)?;
    c.literal(":")?;
    let minute = c.field(2, 0..=59)?;
    c.literal(":")?;
    let second = c.field(2, 0..=60)?;
    if !c.0.is_empty() {
        return None;
    }
    // A leap second is second 59 plus one second of nanoseconds, as chrono keeps it.
    let (second, nano) = if second == 60 { (59, 1_000_000_000) } else { (second, 0) };
    Some(date.and_time(NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings built from the characters these layouts care about, from a fixed pseudo-random sequence.
    fn samples() -> Vec<String> {
        let alphabet: Vec<char> = "0123456789012345678901234567890123456789--::  T+t\u{a0}\tx".chars().collect();
        let templates = ["2026-12-25", "2022-01-01 00:00:00", "2022-01-01T00:00:00", "1999-12-31T23:59:60"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let mut out: Vec<String> = Vec::new();
        for _ in 0..40_000 {
            // A template with a few characters replaced, inserted or removed, or a random string.
            let mut s: Vec<char> = match next(4) {
                0 => (0..next(24)).map(|_| alphabet[next(alphabet.len())]).collect(),
                _ => templates[next(templates.len())].chars().collect(),
            };
            for _ in 0..next(4) {
                let i = next(s.len() + 1);
                match next(3) {
                    0 if i < s.len() => s[i] = alphabet[next(alphabet.len())],
                    1 => s.insert(i, alphabet[next(alphabet.len())]),
                    _ if i < s.len() => {
                        s.remove(i);
                    }
                    _ => {}
                }
            }
            out.push(s.into_iter().collect());
        }
        out.extend(
            [
                "2026-2-3",
                "+2026-02-03",
                "-0001-02-03",
                "+12026-1-1",
                "99999-01-01",
                "0999-01-01",
                "999-1-1",
                "2026-02-29",
                "2024-02-29",
                "2026- 02-03",
                "2026 -02-03",
                " 2026-02-03",
                "2026-02-03 ",
                "2026-13-01",
                "2026-00-10",
                "+99999999999-01-01",
                "2022-01-0100:00:00",
                "2022-01-01  1:2:3",
                "2022-01-01T 01:02:03",
                "2022-01-01t01:02:03",
                "2022-01-01T24:00:00",
                "2022-01-01T23:60:00",
                "2022-06-30T23:59:60",
                "2022-01-01T23:59:61",
                "2022-01-01 00:00",
                "",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn dates_parse_as_chrono_parses_them() {
        let mut accepted = 0;
        for s in samples() {
            let ours = parse_date(&s);
            assert_eq!(ours, NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok(), "{s:?}");
            accepted += usize::from(ours.is_some());
        }
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn date_times_parse_as_chrono_parses_them() {
        let mut accepted = 0;
        for s in samples() {
            let space = parse_date_time(&s, false);
            assert_eq!(space, NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S").ok(), "{s:?}");
            let t = parse_date_time(&s, true);
            assert_eq!(t, NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok(), "{s:?}");
            accepted += usize::from(space.is_some()) + usize::from(t.is_some());
        }
        assert!(accepted > 1000, "{accepted}");
    }
}
