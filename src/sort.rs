//! Shared sorts. The standard library's sort is generic over the element type *and* the comparison closure, so
//! each `sort_by` call site compiles its own copy (2–5 KB of wasm each; about 95 KB over the crate). These
//! helpers sort through one shared instantiation instead: [`sort_by`] sorts a permutation of indices with a `dyn`
//! comparison and then moves the elements. Floats and integer keys on hot paths go through the radix sort
//! (`crate::radix`), so the crate holds one comparison sort (the standard stable one, over `usize`) and no
//! unstable sort or selection.

use std::cmp::Ordering;

/// Sort `v` stably by `cmp`, as `v.sort_by(cmp)` does, through one shared sort.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(order, &mut |a, b| v.swap(a, b));
}

/// Sort `v` stably by the key `f`, as `v.sort_by_key(f)` does, through one shared sort.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sort `v` into ascending order (stable; for `Ord` types whose equal values are identical this is the same
/// result as `sort_unstable`).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` sorts them (stable).
#[inline(never)]
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearrange a slice so that position `k` holds the element that was at `order[k]`, with `swap` exchanging two
/// positions: each cycle of the permutation is walked once.
#[inline(never)]
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut cur = start;
        while let Some(slot) = order.get_mut(cur) {
            let next = std::mem::replace(slot, cur);
            if next == start || next == cur {
                break;
            }
            swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_sorts() {
        // A fixed pseudo-random sequence with many ties.
        let mut x: u64 = 12345;
        let items: Vec<(u8, u32)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 60) as u8, i)
            })
            .collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut std = items.clone();
        std.sort_by_key(|a| a.0);
        assert_eq!(ours, std, "stable, like sort_by");
        let mut ours = items.clone();
        sort_by_key(&mut ours, |a| std::cmp::Reverse(a.0));
        let mut std = items.clone();
        std.sort_by_key(|a| std::cmp::Reverse(a.0));
        assert_eq!(ours, std);
        let mut ours = items.clone();
        sort(&mut ours);
        let mut std = items;
        std.sort_unstable();
        assert_eq!(ours, std);
    }

    #[test]
    fn small_cases() {
        let mut empty: Vec<i32> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
        // A reversal is one long cycle per pair; a rotation is one cycle over everything.
        let mut r: Vec<u32> = (0..9).rev().collect();
        sort(&mut r);
        assert_eq!(r, (0..9).collect::<Vec<_>>());
        let mut rot = vec![4, 5, 6, 7, 8, 0, 1, 2, 3];
        sort(&mut rot);
        assert_eq!(rot, (0..9).collect::<Vec<_>>());
    }
}
