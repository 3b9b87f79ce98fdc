//! A fast reader for the most common RFC 3339 shape, `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, used where many ticket
//! times arrive as strings at once. It answers only for that exact shape and leaves everything else (offsets,
//! lower-case letters, a leap second, surrounding spaces, anything invalid) to [`Timestamp::parse`], so the result
//! and every error stay those of the general parser; a test compares the two on many strings.

use crate::time::Timestamp;

/// Epoch milliseconds of `s` when it has the shape above, names a real date and lies inside 1900–2200 — exactly
/// what `Timestamp::parse(s, _)?.millis()` gives; `None` otherwise (ask [`Timestamp::parse`]).
pub(crate) fn fast_millis(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b.len() > 30 || b.last() != Some(&b'Z') {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // The fraction: "" or "." and 1 to 9 digits before the Z; milliseconds are its first three digits.
    let frac = b.get(19..b.len() - 1)?;
    let millis = match frac {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) => {
            digits.iter().chain([b'0', b'0'].iter()).take(3).fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'))
        }
        _ => return None,
    };
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    let ms = secs * 1000 + millis;
    Timestamp::millis_in_range(ms).then_some(ms)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the fast reader answers, the general parser answers the same; and it answers for the usual shapes.
    #[test]
    fn agrees_with_the_general_parser() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut answered = 0;
        for k in 0..200_000 {
            let fracs = ["", ".5", ".123", ".1234567", ".000000001", ".", ".1234567890", "+00:00"];
            let mut s = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z",
                1890 + next(330),
                next(14),
                next(33),
                next(25),
                next(61),
                next(62),
                fracs[next(fracs.len() as u64) as usize],
            );
            if k % 7 == 0 {
                // A character replaced by another from a small alphabet.
                let alphabet = b"0123456789-:TtZz .+";
                let i = next(s.len() as u64) as usize;
                let c = alphabet[next(alphabet.len() as u64) as usize] as char;
                s.replace_range(i..i + 1, &c.to_string());
            }
            let general = Timestamp::parse(&s, "").ok().map(Timestamp::millis);
            match fast_millis(&s) {
                Some(ms) => {
                    answered += 1;
                    assert_eq!(Some(ms), general, "{s}");
                }
                None => {
                    // Only the shapes it declines may parse; the plain valid ones must not be declined.
                    let plain = s.len() == 20 && general.is_some() && !s.contains(['t', 'z', ' ', '+']);
                    assert!(!plain || s[17..19] == *"60", "declined {s}");
                }
            }
        }
        assert!(answered > 20_000, "{answered}");
        assert_eq!(fast_millis("2026-03-01T09:30:00Z"), Some(1_772_357_400_000));
        assert_eq!(fast_millis("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(
            fast_millis("2024-02-29T00:00:00Z"),
            Timestamp::parse("2024-02-29T00:00:00Z", "").ok().map(Timestamp::millis)
        );
        assert_eq!(fast_millis("2023-02-29T00:00:00Z"), None);
    }
}
