//! Queueing: the M/M/c queue (Erlang C) and its inverse, staffing.
//!
//! Offered load `a = λ × S` erlangs (λ arrivals per second, S the mean service time in seconds) on `c` servers.
//! The queue has a steady state only when `c > a`; otherwise it grows without bound, and opscore reports that as
//! an `infeasible` error rather than a number.
//!
//! - P(wait) = C(c, a), computed from the Erlang B recurrence `B(0) = 1`, `B(k) = a·B(k−1) / (k + a·B(k−1))` and
//!   `C = c·B / (c − a·(1 − B))`, which never forms a factorial or a power and is stable for thousands of servers.
//! - Service level within t: `SL(t) = 1 − C · exp(−(c − a)·t / S)`.
//! - Mean wait (ASA): `C · S / (c − a)`; wait percentile p: 0 when `p ≤ 1 − C`, else `S / (c − a) · ln(C / (1 − p))`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path};
use crate::num::{Fixed, Num};

/// The most servers opscore will consider (one million).
pub const MAX_SERVERS: f64 = 1_000_000.0;

/// An M/M/c queue to evaluate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ErlangCInput {
    /// Arrivals per second (≥ 0). For "100 calls per 30 minutes" pass 100 / 1800.
    pub arrival_rate: f64,
    /// The mean service (handling) time, in seconds (> 0).
    pub mean_service_time: f64,
    /// The number of servers or agents: a whole number ≥ 1.
    pub servers: f64,
    /// A wait threshold in seconds for the service level "share answered within `targetWait`".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_wait: Option<f64>,
    /// Wait percentiles wanted, as fractions (0.95 for the 95th percentile). Default `[0.5, 0.8, 0.9, 0.95, 0.99]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentiles: Option<Vec<f64>>,
}

/// One wait percentile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitPercentile {
    /// The fraction (0.95).
    pub p: f64,
    /// The wait, in seconds, that this share of arrivals does not exceed.
    pub wait: f64,
}

/// The steady state of an M/M/c queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErlangC {
    /// Offered load in erlangs: arrival rate × mean service time.
    pub offered_load: f64,
    /// The number of servers.
    pub servers: u32,
    /// Server utilisation (occupancy): load / servers, a fraction below 1.
    pub utilisation: f64,
    /// The probability that an arrival waits at all (Erlang C).
    pub p_wait: f64,
    /// The mean wait over all arrivals (ASA), in seconds.
    pub mean_wait: f64,
    /// The mean wait of those who wait, in seconds: S / (c − a).
    pub mean_wait_if_waiting: f64,
    /// The mean time in the system (wait + service), in seconds.
    pub mean_response_time: f64,
    /// The mean number waiting in the queue (Little's law: λ × mean wait).
    pub mean_queue_length: f64,
    /// The share answered within `targetWait`, when it was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_level: Option<f64>,
    /// The requested wait percentiles.
    pub wait_percentiles: Vec<WaitPercentile>,
}

/// Erlang C probability of waiting for `c` servers and load `a` (requires `c > a ≥ 0`, `c ≥ 1`).
pub fn p_wait(c: u32, a: f64) -> f64 {
    if a <= 0.0 {
        return 0.0;
    }
    let mut b = 1.0;
    for k in 1..=c {
        let ab = a * b;
        b = ab / (f64::from(k) + ab);
    }
    let c = f64::from(c);
    c * b / (c - a * (1.0 - b))
}

/// The service level within `t` seconds: `1 − C · exp(−(c − a)·t / S)`.
pub fn service_level(c: u32, a: f64, service: f64, t: f64) -> f64 {
    let pw = p_wait(c, a);
    1.0 - pw * (-(f64::from(c) - a) * t / service).exp()
}

fn validate_rates(arrival_rate: f64, service: f64) -> Result<f64> {
    check::non_negative(arrival_rate, "arrivalRate")?;
    let s = check::finite(service, "meanServiceTime")?;
    if s <= 0.0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "meanServiceTime",
            format!("the mean service time must be more than 0 seconds, got {}", Num(s)),
        ));
    }
    Ok(arrival_rate * s)
}

fn validate_servers(c: f64, path: &str) -> Result<u32> {
    let c = check::finite(c, path)?;
    if c < 1.0 || c.fract() != 0.0 || c > MAX_SERVERS {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!("the number of servers must be a whole number from 1 to {}, got {}", Num(MAX_SERVERS), Num(c)),
        ));
    }
    Ok(c as u32)
}

fn no_steady_state(a: f64, c: u32, path: &str) -> Error {
    Error::new(
        ErrorCode::Infeasible,
        path,
        format!(
            "the offered load is {a4} erlangs but there are only {c} servers: utilisation would be {}% ≥ 100%, \
             so the queue grows without bound and has no steady state; add servers (more than {a4}) or reduce \
             the load",
            Fixed(100.0 * a / f64::from(c), 1),
            a4 = Fixed(a, 4)
        ),
    )
}

/// Evaluate an M/M/c queue.
///
/// Errors: a non-finite or negative arrival rate, a non-positive service time, servers that are not a whole
/// number ≥ 1, and `infeasible` when the load is at or above the number of servers (utilisation ≥ 1).
pub fn erlang_c(input: &ErlangCInput) -> Result<ErlangC> {
    let a = validate_rates(input.arrival_rate, input.mean_service_time)?;
    let c = validate_servers(input.servers, "servers")?;
    if a >= f64::from(c) {
        return Err(no_steady_state(a, c, "servers"));
    }
    let target = match input.target_wait {
        Some(t) => Some(check::duration(t, "targetWait")?),
        None => None,
    };
    let ps = match &input.percentiles {
        Some(ps) => {
            check::max_len(ps.len(), "percentiles")?;
            for (i, &p) in ps.iter().enumerate() {
                let path = index_path("percentiles", i);
                let p = check::finite(p, &path)?;
                if !(0.0..1.0).contains(&p) {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        path,
                        format!(
                            "a percentile is a fraction from 0 up to (not including) 1, such as 0.95; got {}",
                            Num(p)
                        ),
                    ));
                }
            }
            ps.clone()
        }
        None => vec![0.5, 0.8, 0.9, 0.95, 0.99],
    };
    Ok(evaluate(a, c, input.arrival_rate, input.mean_service_time, target, &ps))
}

fn evaluate(a: f64, c: u32, lambda: f64, s: f64, target: Option<f64>, ps: &[f64]) -> ErlangC {
    let pw = p_wait(c, a);
    let gap = f64::from(c) - a;
    let mean_wait_if_waiting = s / gap;
    let mean_wait = pw * mean_wait_if_waiting;
    let wait_percentiles = ps
        .iter()
        .map(|&p| {
            let wait = if p <= 1.0 - pw || pw <= 0.0 { 0.0 } else { mean_wait_if_waiting * (pw / (1.0 - p)).ln() };
            WaitPercentile { p, wait }
        })
        .collect();
    ErlangC {
        offered_load: a,
        servers: c,
        utilisation: a / f64::from(c),
        p_wait: pw,
        mean_wait,
        mean_wait_if_waiting,
        mean_response_time: mean_wait + s,
        mean_queue_length: lambda * mean_wait,
        service_level: target.map(|t| 1.0 - pw * (-gap * t / s).exp()),
        wait_percentiles,
    }
}

/// What the staffing must achieve. Give at least one; every one given must hold.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StaffingTarget {
    /// The share to be answered within `withinSeconds` (0.8 for "80% within 30 minutes"). Needs `withinSeconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<f64>,
    /// The wait threshold, in seconds, for `serviceLevel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_seconds: Option<f64>,
    /// The largest acceptable mean wait (ASA), in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_mean_wait: Option<f64>,
    /// The largest acceptable probability of waiting at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_p_wait: Option<f64>,
    /// The largest acceptable utilisation (occupancy), such as 0.85.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_utilisation: Option<f64>,
}

/// The inverse problem: the smallest number of servers meeting a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StaffingInput {
    /// Arrivals per second (≥ 0).
    pub arrival_rate: f64,
    /// The mean service (handling) time, in seconds (> 0).
    pub mean_service_time: f64,
    /// The target to meet.
    pub target: StaffingTarget,
}

/// The staffing answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Staffing {
    /// The smallest number of servers meeting every target.
    pub servers: u32,
    /// The queue at that number of servers.
    pub queue: ErlangC,
    /// The queue with one server fewer, when that has a steady state: it shows by how much the target is missed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_fewer: Option<ErlangC>,
}

/// The smallest number of servers `c > a` meeting every target in `input.target`.
///
/// Every measure improves as servers are added, so the search walks up from the smallest stable `c`.
/// Errors: invalid rates, no target given, a service level without `withinSeconds`, fractions outside (0, 1), and
/// `infeasible` when no count up to [`MAX_SERVERS`] meets the target.
pub fn staffing(input: &StaffingInput) -> Result<Staffing> {
    let a = validate_rates(input.arrival_rate, input.mean_service_time)?;
    let t = &input.target;
    let open_fraction = |v: Option<f64>, path: &str| -> Result<Option<f64>> {
        match v {
            None => Ok(None),
            Some(v) => {
                let v = check::finite(v, path)?;
                if v <= 0.0 || v >= 1.0 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        path,
                        format!("expected a fraction strictly between 0 and 1 (0.8, not 80), got {}", Num(v)),
                    ));
                }
                Ok(Some(v))
            }
        }
    };
    let sl = open_fraction(t.service_level, "target.serviceLevel")?;
    let max_pw = open_fraction(t.max_p_wait, "target.maxPWait")?;
    let max_util = open_fraction(t.max_utilisation, "target.maxUtilisation")?;
    let within = match t.within_seconds {
        Some(w) => Some(check::duration(w, "target.withinSeconds")?),
        None => None,
    };
    if sl.is_some() && within.is_none() {
        return Err(Error::new(
            ErrorCode::MissingField,
            "target.withinSeconds",
            "a service level needs `withinSeconds`: the wait, in seconds, within which that share must be answered",
        ));
    }
    let max_wait = match t.max_mean_wait {
        Some(w) => Some(check::duration(w, "target.maxMeanWait")?),
        None => None,
    };
    if sl.is_none() && max_pw.is_none() && max_util.is_none() && max_wait.is_none() {
        return Err(Error::new(
            ErrorCode::MissingField,
            "target",
            "give at least one target: serviceLevel with withinSeconds, maxMeanWait, maxPWait or maxUtilisation",
        ));
    }
    let s = input.mean_service_time;
    // Erlang B at c, carried along as c grows (B(c) = a·B(c−1) / (c + a·B(c−1))), so the whole search is linear
    // in the answer rather than quadratic.
    let erlang_c_from_b = |c: u32, b: f64| {
        if a <= 0.0 {
            return 0.0;
        }
        let cf = f64::from(c);
        cf * b / (cf - a * (1.0 - b))
    };
    let meets = |c: u32, b: f64| {
        let pw = erlang_c_from_b(c, b);
        let gap = f64::from(c) - a;
        let ok_sl = match (sl, within) {
            (Some(sl), Some(w)) => 1.0 - pw * (-gap * w / s).exp() >= sl,
            _ => true,
        };
        ok_sl
            && max_wait.is_none_or(|m| pw * s / gap <= m)
            && max_pw.is_none_or(|m| pw <= m)
            && max_util.is_none_or(|m| a / f64::from(c) <= m)
    };
    let first = (a.floor() + 1.0).max(1.0);
    if first > MAX_SERVERS {
        return Err(Error::new(
            ErrorCode::Infeasible,
            "arrivalRate",
            format!("the offered load of {} erlangs needs more than {} servers", Num(a), Num(MAX_SERVERS)),
        ));
    }
    let mut c = first as u32;
    let mut b = 1.0;
    for k in 1..=c {
        let ab = a * b;
        b = ab / (f64::from(k) + ab);
    }
    while !meets(c, b) {
        c += 1;
        let ab = a * b;
        b = ab / (f64::from(c) + ab);
        if f64::from(c) > MAX_SERVERS {
            return Err(Error::new(
                ErrorCode::Infeasible,
                "target",
                format!("no number of servers up to {} meets this target", Num(MAX_SERVERS)),
            ));
        }
    }
    let ps = [0.5, 0.8, 0.9, 0.95, 0.99];
    let lambda = input.arrival_rate;
    let queue = evaluate(a, c, lambda, s, within, &ps);
    let one_fewer = (c > 1 && f64::from(c - 1) > a).then(|| evaluate(a, c - 1, lambda, s, within, &ps));
    Ok(Staffing { servers: c, queue, one_fewer })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_c_is_stable() {
        // 900 erlangs on 950 servers: raw factorials would overflow (950! ≈ 10^2400); the recurrence stays finite.
        let pw = p_wait(950, 900.0);
        assert!(pw.is_finite() && pw > 0.0 && pw < 1.0, "{pw}");
        assert_eq!(p_wait(5, 0.0), 0.0);
    }
}
