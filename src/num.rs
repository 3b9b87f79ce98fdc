//! Formatting of `f64` as text, with exactly the output of Rust's own `{}`, `{:.N}` and `{:?}`, but without
//! linking core's float formatting (`core::fmt::float`, `core::num::flt2dec`: Grisu, Dragon and their bignum,
//! about 7 KB of the gzipped wasm module).
//!
//! The method is short and exact rather than fast: a finite `f64` is `f · 2^q` with integer `f`, so its exact
//! decimal expansion is the integer `f · 2^q` (q ≥ 0) or `f · 5^−q` scaled by `10^q` (q < 0), computed with a tiny
//! base-2³² big integer. `{:.N}` rounds that expansion half to even, as Rust does. `{}` tries 1, 2, … 17
//! significant digits and takes, for the first count that works, the nearer of the two neighbouring decimals that
//! lies inside the value's rounding interval (checked exactly, with the interval's ends inclusive when `f` is
//! even): the shortest string that reads back as the same `f64`, nearest to it, ties upward, like core's
//! Grisu/Dragon. The outputs are only used in messages and generated text, never on a hot path.

use std::cmp::Ordering;
use std::fmt;

/// `x` as a format argument: `format!("{}", Num(x))` writes what `format!("{x}")` writes ([`fmt_f64`]). Width,
/// fill and precision flags are ignored (use [`Fixed`] for a precision).
#[derive(Debug, Clone, Copy)]
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fmt_f64(self.0))
    }
}

/// `x` with a fixed number of decimals as a format argument: `format!("{}", Fixed(x, 2))` writes what
/// `format!("{x:.2}")` writes ([`fmt_fixed`]).
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub f64, pub usize);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fmt_fixed(self.0, self.1))
    }
}

/// `format!("{x}")`: the shortest digits that read back as `x`, always in plain decimal notation (never an
/// exponent), `"NaN"`, `"inf"`, `"-inf"`, and `"-0"` for negative zero.
pub fn fmt_f64(x: f64) -> String {
    match special(x) {
        Some(s) => s,
        None => {
            let (digits, exp) = shortest(x);
            plain(x.is_sign_negative(), &digits, exp, 0)
        }
    }
}

/// `format!("{x:?}")`: as [`fmt_f64`] but with at least one decimal (`1.0`), and in exponent notation (`1e16`,
/// `1.5e-5`) when `|x|` is at least 10¹⁶ or below 10⁻⁴ (zero excepted).
pub fn fmt_f64_debug(x: f64) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    let (digits, exp) = shortest(x);
    let a = x.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // d.ddd e k: the exponent of the first digit.
        let mut s = String::from(if x.is_sign_negative() { "-" } else { "" });
        let mut it = digits.iter();
        s.push(char::from(it.next().copied().unwrap_or(b'0')));
        if digits.len() > 1 {
            s.push('.');
            s.extend(it.map(|&d| char::from(d)));
        }
        s.push('e');
        s.push_str(&(exp + digits.len() as i32 - 1).to_string());
        s
    } else {
        plain(x.is_sign_negative(), &digits, exp, 1)
    }
}

/// `format!("{xs:?}")` for a slice of `f64`: `[0.8, 0.95]`.
pub fn fmt_f64_list_debug(xs: &[f64]) -> String {
    let mut s = String::from("[");
    for (i, &x) in xs.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&fmt_f64_debug(x));
    }
    s.push(']');
    s
}

/// `format!("{x:.decimals$}")`: `x` rounded to `decimals` places, half to even on its exact binary value (so
/// `0.125` gives `"0.12"` and `2.5` with no decimals gives `"2"`), with the sign of `x` kept (`-0.004` → `"-0.00"`).
pub fn fmt_fixed(x: f64, decimals: usize) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    let (mut digits, exp) = exact(x);
    let n = i32::try_from(decimals).unwrap_or(i32::MAX);
    if exp >= -n {
        // Exact: the value times 10^decimals is an integer.
        digits.extend(std::iter::repeat_n(b'0', (exp + n) as usize));
    } else {
        // Drop `cut` digits, rounding half to even on the exact remainder.
        let cut = (-exp - n) as usize;
        let keep = digits.len().saturating_sub(cut);
        let rest: Vec<u8> = if cut > digits.len() {
            let mut r = vec![b'0'; cut - digits.len()];
            r.extend_from_slice(&digits);
            r
        } else {
            digits.get(keep..).unwrap_or_default().to_vec()
        };
        digits.truncate(keep);
        let first = rest.first().copied().unwrap_or(b'0');
        let beyond = rest.iter().skip(1).any(|&d| d != b'0');
        let odd = digits.last().is_some_and(|&d| (d - b'0') % 2 == 1);
        if first > b'5' || (first == b'5' && (beyond || odd)) {
            increment(&mut digits);
        }
    }
    plain_scaled(x.is_sign_negative(), &digits, decimals)
}

/// `x.clamp(lo, hi)` without its assertion: `f64::clamp` asserts `lo <= hi` with a message that formats both
/// bounds with `{:?}`, which alone links core's float formatting. Callers pass ordered bounds; NaN stays NaN.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// The text for NaN and the infinities (whatever the precision), or `None` for a finite value.
fn special(x: f64) -> Option<String> {
    if x.is_nan() {
        Some("NaN".to_string())
    } else if x.is_infinite() {
        Some(if x < 0.0 { "-inf" } else { "inf" }.to_string())
    } else {
        None
    }
}

/// `x` (finite, sign ignored) as `(f, q)` with `|x| = f · 2^q`.
fn decode(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let field = ((bits >> 52) & 0x7ff) as i32;
    let mant = bits & ((1 << 52) - 1);
    if field == 0 { (mant, -1074) } else { (mant | (1 << 52), field - 1075) }
}

/// The exact decimal expansion of `|x|` (finite) as ASCII digits `D` (no leading zeros; `"0"` for zero) and an
/// exponent `e` with `|x| = D · 10^e`.
fn exact(x: f64) -> (Vec<u8>, i32) {
    let (f, q) = decode(x);
    dyadic(f, q)
}

/// The exact decimal expansion of `k · 2^b`: `k · 2^b` itself when b ≥ 0, else `k · 5^−b` scaled by `10^b`.
fn dyadic(k: u64, b: i32) -> (Vec<u8>, i32) {
    let mut n = vec![k as u32, (k >> 32) as u32];
    normalise(&mut n);
    let (base, exp) = if b >= 0 { (2, 0) } else { (5, b) };
    let mut e = b.unsigned_abs();
    while e > 0 {
        // 2^13 and 5^13 fit in a limb: 13 powers per pass over the number.
        let s = e.min(13);
        mul_small(&mut n, u32::pow(base, s));
        e -= s;
    }
    (to_decimal(n), exp)
}

/// Compares `A · 10^ea` with `B · 10^eb`, both positive with no leading zeros.
fn cmp_dec(a: &[u8], ea: i32, b: &[u8], eb: i32) -> Ordering {
    // The position of the leading digit decides, then the digits from there on (missing ones are zeros).
    (a.len() as i32 + ea).cmp(&(b.len() as i32 + eb)).then_with(|| {
        let digit = |d: &[u8], i: usize| d.get(i).copied().unwrap_or(b'0');
        (0..a.len().max(b.len())).map(|i| digit(a, i).cmp(&digit(b, i))).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
    })
}

/// The shortest digits `D` (no trailing zeros) and exponent `e` such that `D · 10^e` reads back as `|x|`
/// (finite), nearest to `|x|` among those of that length, ties upward.
fn shortest(x: f64) -> (Vec<u8>, i32) {
    let (digits, exp) = exact(x);
    if x == 0.0 {
        return (digits, 0);
    }
    let (f, q) = decode(x);
    // The rounding interval, exactly, in units of 2^(q−2): halfway to the neighbours (the one below is nearer when
    // f is the smallest mantissa of a binade above the subnormals), ends included when f is even (ties to even).
    let (low, low_exp) = dyadic(if f == 1 << 52 && q > -1074 { 4 * f - 1 } else { 4 * f - 2 }, q - 2);
    let (high, high_exp) = dyadic(4 * f + 2, q - 2);
    let inclusive = f % 2 == 0;
    let inside = |m: u64, e: i32| {
        let m = m.to_string().into_bytes();
        let lo = cmp_dec(&m, e, &low, low_exp);
        let hi = cmp_dec(&m, e, &high, high_exp);
        if inclusive { lo.is_ge() && hi.is_le() } else { lo.is_gt() && hi.is_lt() }
    };
    for p in 1..=17 {
        if p >= digits.len() {
            break;
        }
        let (head, rest) = digits.split_at(p);
        let t = head.iter().fold(0u64, |a, &d| a * 10 + u64::from(d - b'0'));
        let e = exp + (digits.len() - p) as i32;
        let up_first = rest.first().is_some_and(|&d| d >= b'5');
        let order = if up_first { [t + 1, t] } else { [t, t + 1] };
        if let Some(&m) = order.iter().find(|&&m| inside(m, e)) {
            return trim(m.to_string().into_bytes(), e);
        }
    }
    // The exact expansion has at most as many digits as tried (at 17 digits the nearer candidate is always
    // inside, so this is only reached when the expansion is that short).
    trim(digits, exp)
}

/// Drops trailing zeros of `D · 10^e`, raising `e`.
fn trim(mut digits: Vec<u8>, mut exp: i32) -> (Vec<u8>, i32) {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
        exp += 1;
    }
    (digits, exp)
}

/// `D · 10^e` in plain notation with at least `min_decimals` decimals.
fn plain(negative: bool, digits: &[u8], exp: i32, min_decimals: usize) -> String {
    let decimals = usize::try_from(-exp).unwrap_or(0);
    let mut scaled = digits.to_vec();
    scaled.extend(std::iter::repeat_n(b'0', usize::try_from(exp).unwrap_or(0)));
    if decimals < min_decimals {
        scaled.extend(std::iter::repeat_n(b'0', min_decimals - decimals));
    }
    plain_scaled(negative, &scaled, decimals.max(min_decimals))
}

/// The integer `D` divided by `10^decimals`, with exactly `decimals` decimals and at least one integer digit.
fn plain_scaled(negative: bool, digits: &[u8], decimals: usize) -> String {
    let mut s = Vec::with_capacity(digits.len() + decimals + 3);
    if negative {
        s.push(b'-');
    }
    let (int, frac) = digits.split_at(digits.len().saturating_sub(decimals));
    s.extend_from_slice(if int.is_empty() { b"0" } else { int });
    if decimals > 0 {
        s.push(b'.');
        s.resize(s.len() + (decimals - frac.len()), b'0');
        s.extend_from_slice(frac);
    }
    // Only ASCII was written.
    String::from_utf8(s).unwrap_or_default()
}

/// Adds one to a decimal digit string, growing it on carry (`"99"` → `"100"`, `""` → `"1"`).
fn increment(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

// A minimal unsigned big integer: base-2³² limbs, least significant first, no leading zero limbs.

fn normalise(n: &mut Vec<u32>) {
    while n.last() == Some(&0) {
        n.pop();
    }
}

fn mul_small(n: &mut Vec<u32>, k: u32) {
    let mut carry = 0u64;
    for limb in n.iter_mut() {
        let v = u64::from(*limb) * u64::from(k) + carry;
        *limb = v as u32;
        carry = v >> 32;
    }
    if carry > 0 {
        n.push(carry as u32);
    }
}

/// Divides `n` by `k` in place and returns the remainder.
fn div_small(n: &mut Vec<u32>, k: u32) -> u32 {
    let mut rem = 0u64;
    for limb in n.iter_mut().rev() {
        let v = (rem << 32) | u64::from(*limb);
        *limb = (v / u64::from(k)) as u32;
        rem = v % u64::from(k);
    }
    normalise(n);
    rem as u32
}

/// The decimal digits of `n` (`"0"` for zero).
fn to_decimal(mut n: Vec<u32>) -> Vec<u8> {
    let mut rev = Vec::new();
    while !n.is_empty() {
        rev.push(b'0' + div_small(&mut n, 10) as u8);
    }
    if rev.is_empty() {
        rev.push(b'0');
    }
    rev.reverse();
    rev
}
