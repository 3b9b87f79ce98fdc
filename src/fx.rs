//! One fast hasher for the crate's hash maps and sets.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// FxHash (rustc's hasher) with a finaliser: ids and names are not attacker-chosen keys worth SipHash's cost
/// (and its per-map random keys), and looking up 20,000 incident or responder ids is a hot spot.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser, so keys that differ only in their high bits (f64 bit patterns of large whole
        // numbers) still spread over the table's low-bit buckets.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf.iter_mut().zip(chunk).for_each(|(b, c)| *b = *c);
            self.write_u64(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash map with [`Fx`] hashing.
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A hash set with [`Fx`] hashing.
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;
