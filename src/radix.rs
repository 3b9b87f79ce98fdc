//! A stable least-significant-digit radix sort by a `u64` key, for the hot paths (20,000 pages by time and
//! responder, thousands of lead times, simulated forecast paths, ticket clock percentiles) and every float sort. It moves each element once per 11-bit digit of the key that
//! varies, so a year of pages (35 bits of milliseconds) takes four linear passes where a comparison sort takes ~15
//! compares per element, each a call at the release profile's `opt-level = "z"`.

/// Bits per digit: 2,048 counters (16 KB) per pass.
const BITS: u32 = 11;
const MASK: u64 = (1 << BITS) - 1;

/// The key of a float whose ascending order is [`f64::total_cmp`]'s (−NaN, −∞ … −0, +0 … +∞, NaN).
pub(crate) fn f64_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// The key of an integer whose ascending order is `i64`'s.
pub(crate) fn i64_key(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

/// Sort `v` stably by `key`, as `v.sort_by_key(key)` does: the keys are computed once and sorted with their
/// positions, then the elements gathered. `v` holds at most [`crate::error::check::MAX_ITEMS`] elements.
pub(crate) fn sort_by_key<T: Copy>(v: &mut [T], key: impl Fn(&T) -> u64) {
    // Plain loops over preallocated vectors: iterator adapters that allocate are not inlined at opt-level "z".
    let mut pairs = vec![(0u64, 0u32); v.len()];
    let mut i = 0u32;
    for (p, x) in pairs.iter_mut().zip(v.iter()) {
        *p = (key(x), i);
        i = i.wrapping_add(1);
    }
    sort_pairs(&mut pairs);
    let unsorted = v.to_vec();
    for (x, p) in v.iter_mut().zip(&pairs) {
        if let Some(y) = unsorted.get(p.1 as usize) {
            *x = *y;
        }
    }
}

/// Sort (key, position) pairs stably by key. Pairs already in order cost one pass; digits that are the same in
/// every key cost no pass, and one pass counts every digit that varies.
#[inline(never)]
fn sort_pairs(v: &mut Vec<(u64, u32)>) {
    let Some(first) = v.first().map(|p| p.0) else {
        return;
    };
    // Exports are often in order already (pages by time, with one responder per rotation week).
    if v.windows(2).all(|w| w.first().map(|p| p.0) <= w.get(1).map(|p| p.0)) {
        return;
    }
    let varying = v.iter().fold(0u64, |acc, p| acc | (p.0 ^ first));
    let shifts: Vec<u32> = (0..64).step_by(BITS as usize).filter(|s| (varying >> s) & MASK != 0).collect();
    let mut counts = vec![0usize; shifts.len() << BITS];
    for p in v.iter() {
        for (k, s) in shifts.iter().enumerate() {
            if let Some(c) = counts.get_mut((k << BITS) | ((p.0 >> s) & MASK) as usize) {
                *c += 1;
            }
        }
    }
    let mut buf = v.clone();
    for (next, s) in counts.chunks_mut(1 << BITS).zip(&shifts) {
        // Counts to starting positions.
        let mut sum = 0usize;
        for c in next.iter_mut() {
            let count = *c;
            *c = sum;
            sum += count;
        }
        for p in v.iter() {
            if let Some(at) = next.get_mut(((p.0 >> s) & MASK) as usize) {
                if let Some(slot) = buf.get_mut(*at) {
                    *slot = *p;
                }
                *at += 1;
            }
        }
        std::mem::swap(v, &mut buf);
    }
}

/// Sort floats ascending by [`f64::total_cmp`] (−NaN first, −0 before +0, NaN last), as
/// `v.sort_by(f64::total_cmp)` does (values that compare equal have the same bits, so stability cannot show).
pub(crate) fn sort_f64(v: &mut [f64]) {
    sort_by_key(v, |x| f64_key(*x));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed pseudo-random sequence (64-bit LCG, high bits).
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        *seed
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        let mut seed = 7u64;
        for (n, bits) in [(0usize, 8u32), (1, 8), (2, 1), (500, 4), (3_000, 20), (5_000, 64), (1_000, 40), (300, 0)] {
            // (key, position): equal keys must keep their positions in order.
            let items: Vec<(i64, usize)> = (0..n)
                .map(|i| {
                    let k = (lcg(&mut seed) >> (64 - bits.max(1))) as i64;
                    // bits 0: every key equal; 64: any i64.
                    (
                        match bits {
                            0 => 0,
                            64 => k,
                            _ => k - (1 << (bits - 1)),
                        },
                        i,
                    )
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| i64_key(x.0));
            let mut std = items;
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "n = {n}, {bits} bits");
            // Sorted input stays as it is.
            sort_by_key(&mut ours, |x| i64_key(x.0));
            assert_eq!(ours, std, "n = {n}, {bits} bits, sorted");
        }
    }

    #[test]
    fn floats_sort_in_total_order() {
        let mut seed = 11u64;
        let mut v: Vec<f64> = (0..2_000).map(|_| (lcg(&mut seed) >> 11) as f64 / 1e9 - 4e6).collect();
        v.extend([0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e-300, -1e-300, 7.0, 7.0]);
        let mut ours = v.clone();
        sort_f64(&mut ours);
        v.sort_by(f64::total_cmp);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&ours), bits(&v));
    }
}
