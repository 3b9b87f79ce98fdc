//! `opscore::num` against Rust's own float formatting: `fmt_f64` ≡ `format!("{x}")`, `fmt_f64_debug` ≡
//! `format!("{x:?}")` and `fmt_fixed(x, n)` ≡ `format!("{x:.n$}")`, over random bit patterns, "nice" decimals and
//! hand-picked edges. The reference is core's Grisu/Dragon (only linked natively, never into the wasm module).
#![cfg(not(target_arch = "wasm32"))]

use opscore::num::{Fixed, Num, clamp, fmt_f64, fmt_f64_debug, fmt_f64_list_debug, fmt_fixed};
use proptest::prelude::*;

/// Every form the crate uses, and a few more precisions, checked at once.
fn check(x: f64) -> Result<(), TestCaseError> {
    prop_assert_eq!(fmt_f64(x), format!("{x}"), "{{}} of {:e} ({:#x})", x, x.to_bits());
    prop_assert_eq!(fmt_f64_debug(x), format!("{x:?}"), "{{:?}} of {:e}", x);
    for n in [0, 1, 2, 3, 4, 6, 9, 17, 20] {
        prop_assert_eq!(fmt_fixed(x, n), format!("{x:.n$}"), "{{:.{}}} of {:e} ({:#x})", n, x, x.to_bits());
    }
    Ok(())
}

fn check_all(xs: &[f64]) {
    for &x in xs {
        check(x).unwrap();
        check(-x).unwrap();
    }
}

#[test]
fn hand_picked_edges() {
    check_all(&[
        0.0,
        0.1 + 0.2,
        0.1,
        0.3,
        1.0,
        1e21,
        1e22,
        1e23,
        1e-7,
        5e-324,
        1e-323,
        2.2250738585072014e-308, // smallest normal
        2.225073858507201e-308,  // largest subnormal
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        123456789012345680.0,
        9007199254740993.0,
        9007199254740992.0,
        4503599627370495.5,
        1125899906842624.0 + 0.25, // 2^50 + 1/4, a shortest tie: ….2 and ….3 both read back; core takes ….3
        1125899906842624.0 + 0.75,
        0.125,
        0.375,
        2.5,
        0.5,
        1.5,
        99.95,
        99.995,
        0.9995,
        0.999,
        0.99999,
        1e15,
        1e16,
        1e17,
        1e-4,
        9.999999999999999e-5,
        1e-5,
        1.5e-5,
        86_400.0,
        2_592_000.0,
        31_556_952.0,
        1234.5678,
        0.004,
        f64::NAN,
        f64::INFINITY,
    ]);
    // Pinned by hand, not only against core: the formats the crate's messages rely on.
    assert_eq!(fmt_f64(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(fmt_f64(1e21), "1000000000000000000000");
    assert_eq!(fmt_f64(1e-7), "0.0000001");
    assert_eq!(fmt_f64(-0.0), "-0");
    assert_eq!(fmt_f64(f64::NEG_INFINITY), "-inf");
    assert_eq!(fmt_f64(123456789012345680.0), "123456789012345680");
    assert_eq!(fmt_fixed(0.125, 2), "0.12"); // exact tie, half to even
    assert_eq!(fmt_fixed(0.375, 2), "0.38");
    assert_eq!(fmt_fixed(2.5, 0), "2");
    assert_eq!(fmt_fixed(3.5, 0), "4");
    assert_eq!(fmt_fixed(-0.004, 2), "-0.00");
    assert_eq!(fmt_fixed(f64::NAN, 3), "NaN");
    assert_eq!(fmt_f64_debug(1.0), "1.0");
    assert_eq!(fmt_f64_debug(1e16), "1e16");
    assert_eq!(fmt_f64_debug(1.5e-5), "1.5e-5");
    let levels = vec![0.8, 0.95, 1.0, 1e-5, -0.0, f64::NAN];
    assert_eq!(fmt_f64_list_debug(&levels), format!("{levels:?}"));
    assert_eq!(fmt_f64_list_debug(&[]), "[]");
    assert_eq!(format!("{} | {}", Num(99.95), Fixed(0.125, 2)), "99.95 | 0.12");
}

#[test]
fn clamp_matches_std_for_ordered_bounds() {
    for x in [-1.0, 0.0, -0.0, 0.5, 1.0, 2.0, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(clamp(x, 0.0, 1.0).to_bits(), x.clamp(0.0, 1.0).to_bits(), "{x}");
    }
    assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
}

#[test]
fn every_power_of_two_and_ten() {
    for e in -1074..=1023 {
        check(2f64.powi(e)).unwrap();
    }
    for e in -323..=308 {
        let x: f64 = format!("1e{e}").parse().unwrap();
        check(x).unwrap();
        check(f64::from_bits(x.to_bits() + 1)).unwrap();
        check(f64::from_bits(x.to_bits() - 1)).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Any bit pattern: normals, subnormals, NaNs and infinities of every sign.
    #[test]
    fn random_bits(bits in any::<u64>()) {
        check(f64::from_bits(bits))?;
    }

    /// Values near 2^k, where the rounding interval is lopsided, and just above or below them.
    #[test]
    fn near_binade_edges(e in -1074i32..1024, d in -3i64..=3) {
        let x = 2f64.powi(e);
        check(f64::from_bits((x.to_bits() as i64 + d).max(0) as u64))?;
    }

    /// Decimals people type: k / 10^j, percentages such as 99.95, money amounts, and their sums and quotients.
    #[test]
    fn nice_decimals(k in -10_000_000i64..10_000_000, j in 0i32..10, c in 1i64..100_000, other in 0u32..1000) {
        let x = k as f64 / 10f64.powi(j);
        check(x)?;
        check(x / 100.0)?;
        check(c as f64 / 100.0)?; // money: 0.01 … 999.99
        check(x * 1.0e-3 + f64::from(other) / 7.0)?;
        check(1.0 - f64::from(other) / 1e4)?; // targets such as 0.9995
        check(x * 86_400.0)?;
    }

    /// Exact binary fractions with few significant digits, where `{:.N}` meets exact ties.
    #[test]
    fn binary_fractions(k in -1_000_000i64..1_000_000, s in 0u32..30) {
        check(k as f64 / f64::from(1u32 << s))?;
    }
}
