//! Pages in either of two forms, validated into one compact list of interruptions.
//!
//! - `pages`: one object per notification, with string responder and incident ids — the readable form;
//! - `pageColumns`: one array per field, with responders as indices into `responders` and incidents as numbers —
//!   the fast form for long histories, because crossing into WebAssembly costs per object and per string, not per
//!   number. A year of 20,000 pages crosses in a few milliseconds as columns.
//!
//! Both may be given; they are counted together.

use crate::fx::FxMap;

use serde::{Deserialize, Serialize};

use super::oncall::{Channel, OnCallInput, Urgency};
use super::stats;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::radix;
use crate::time::Timestamp;

/// Pages as columns: every array has one entry per notification, in the same order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PageColumns {
    /// When each page was sent, epoch milliseconds.
    pub at: Vec<f64>,
    /// The index in `responders` of the responder paged.
    pub responder: Vec<f64>,
    /// When each was acknowledged, epoch milliseconds; NaN (or null) for "not acknowledged".
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub acknowledged_at: Option<Vec<f64>>,
    /// A numeric incident id per page; NaN (or null) for a page that is its own
    /// incident. These ids are distinct from the
    /// string ids of `pages`.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub incident: Option<Vec<f64>>,
    /// 1 for high urgency, 0 for low, NaN (or null) for unknown.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Option<f64>>>"))]
    pub high_urgency: Option<Vec<f64>>,
}

/// An interruption after validation: compact, with no strings. Collected in input order (rows first, then
/// columns), which breaks ties in time.
#[derive(Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) responder: u32,
    /// The interned incident id, or [`NO_INCIDENT`].
    pub(crate) incident: u32,
    pub(crate) at: i64,
    /// The acknowledgement, or [`NO_ACK`].
    pub(crate) ack: i64,
    pub(crate) high: bool,
}

/// A page that is its own incident.
pub(crate) const NO_INCIDENT: u32 = u32::MAX;
/// A page that was not acknowledged.
pub(crate) const NO_ACK: i64 = i64::MIN;

/// Incident ids interned to `0..len`: string ids (`pages`) and numbered ids (`pageColumns`) are distinct keys.
/// Whole numbers from 0 up to a bound proportional to the page count, the usual numbering, are looked up in a
/// table instead of hashed.
#[derive(Default)]
struct Incidents<'a> {
    named: FxMap<&'a str, u32>,
    /// Per whole number k below `limit`: its interned id, or `u32::MAX` when not seen yet.
    small: Vec<u32>,
    limit: usize,
    /// Other numbers, by their bit pattern (so −0 and +0 stay distinct, as NaN never reaches here).
    other: FxMap<u64, u32>,
    len: u32,
}

impl<'a> Incidents<'a> {
    fn with_limit(limit: usize) -> Self {
        Incidents { limit, ..Default::default() }
    }

    fn fresh(len: &mut u32) -> u32 {
        let id = *len;
        *len += 1;
        id
    }

    fn named(&mut self, id: &'a str) -> u32 {
        let len = &mut self.len;
        *self.named.entry(id).or_insert_with(|| Self::fresh(len))
    }

    fn numbered(&mut self, k: f64) -> u32 {
        let whole = k as usize; // saturating; NaN becomes 0, which then differs from k
        if whole < self.limit && whole as f64 == k && k.is_sign_positive() {
            if self.small.len() <= whole {
                self.small.resize(whole + 1, u32::MAX);
            }
            if let Some(slot) = self.small.get_mut(whole) {
                if *slot == u32::MAX {
                    *slot = Self::fresh(&mut self.len);
                }
                return *slot;
            }
        }
        let len = &mut self.len;
        *self.other.entry(k.to_bits()).or_insert_with(|| Self::fresh(len))
    }
}

/// The validated interruptions.
pub(crate) struct Hits {
    /// Sorted by (responder, time), deduplicated.
    pub(crate) hits: Vec<Hit>,
    /// Every notification received.
    pub(crate) notifications: usize,
    /// Email notifications.
    pub(crate) email: usize,
    /// Notifications merged into another at the same instant.
    pub(crate) merged: usize,
    /// Distinct interned incident ids.
    pub(crate) incidents: usize,
}

fn out_of_period(path: String, at: Timestamp, input: &OnCallInput) -> Error {
    Error::new(
        ErrorCode::OutOfRange,
        path,
        format!("the page at {at} is outside the period {} – {}", input.period.start, input.period.end),
    )
}

/// Validate both forms and collect the interruptions. `lookup` maps a responder id to its index.
pub(crate) fn collect(input: &OnCallInput, lookup: &impl Fn(&str, &str, usize) -> Result<u32>) -> Result<Hits> {
    let period = input.period;
    let cols = input.page_columns.as_ref();
    let n_cols = cols.map_or(0, |c| c.at.len());
    check::max_len(input.pages.len().saturating_add(n_cols), "pages")?;
    let mut hits: Vec<Hit> = Vec::with_capacity(input.pages.len() + n_cols);
    let mut ids = Incidents::with_limit(n_cols.saturating_mul(4).saturating_add(1024));
    let mut email = 0usize;
    for (i, p) in input.pages.iter().enumerate() {
        let responder = lookup(&p.responder, "pages", i)?;
        if !period.contains(p.at) {
            return Err(out_of_period(join_path(&index_path("pages", i), "at"), p.at, input));
        }
        if let Some(ack) = p.acknowledged_at
            && ack < p.at
        {
            return Err(Error::new(
                ErrorCode::EndBeforeStart,
                join_path(&index_path("pages", i), "acknowledgedAt"),
                format!("acknowledged at {ack}, before the page was sent at {}", p.at),
            ));
        }
        if p.channel == Some(Channel::Email) {
            email += 1;
            continue;
        }
        let incident = p.incident_id.as_deref().map_or(NO_INCIDENT, |id| ids.named(id));
        hits.push(Hit {
            responder,
            incident,
            at: p.at.millis(),
            ack: p.acknowledged_at.map_or(NO_ACK, Timestamp::millis),
            high: p.urgency == Some(Urgency::High),
        });
    }
    if let Some(c) = cols {
        let n = c.at.len();
        let same_length = |len: usize, field: &str| -> Result<()> {
            if len == n {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorCode::OutOfRange,
                    join_path("pageColumns", field),
                    format!("has {len} entries but pageColumns.at has {n}: every column needs one entry per page"),
                ))
            }
        };
        same_length(c.responder.len(), "responder")?;
        let empty: &[f64] = &[];
        let acks = c.acknowledged_at.as_deref().unwrap_or(empty);
        let incidents = c.incident.as_deref().unwrap_or(empty);
        let urgency = c.high_urgency.as_deref().unwrap_or(empty);
        for (col, field) in
            [(&c.acknowledged_at, "acknowledgedAt"), (&c.incident, "incident"), (&c.high_urgency, "highUrgency")]
        {
            if let Some(v) = col {
                same_length(v.len(), field)?;
            }
        }
        let n_resp = input.responders.len();
        // Whole-number checks first: building a Timestamp (a calendar date) per page is only needed to report an
        // error. The period is already within opscore's 1900–2200 range, so inside it is valid.
        let (lo, hi) = (period.start.millis(), period.end.millis());
        for (i, (&at, &r)) in c.at.iter().zip(&c.responder).enumerate() {
            let col_path = |field: &str| index_path(&join_path("pageColumns", field), i);
            let at_ms = stats::round(at);
            let at = if at_ms >= lo as f64 && at_ms < hi as f64 {
                at_ms as i64
            } else {
                let t = Timestamp::from_millis_f64(at, "").map_err(|e| e.at(col_path("at")))?;
                return Err(out_of_period(col_path("at"), t, input));
            };
            if !(r.is_finite() && r.fract() == 0.0 && r >= 0.0 && (r as usize) < n_resp) {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    col_path("responder"),
                    format!(
                        "{} is not the index of a responder (0 to {})",
                        crate::num::Num(r),
                        n_resp.saturating_sub(1)
                    ),
                ));
            }
            let ack = match acks.get(i).map(|a| (*a, stats::round(*a))) {
                // Acknowledged within a century of the page: certainly a valid instant.
                Some((_, a)) if a >= at as f64 && a < (at + 100 * 365 * 86_400_000) as f64 => a as i64,
                Some((a, _)) if !a.is_nan() => {
                    let a = Timestamp::from_millis_f64(a, "").map_err(|e| e.at(col_path("acknowledgedAt")))?;
                    return Err(Error::new(
                        ErrorCode::EndBeforeStart,
                        col_path("acknowledgedAt"),
                        format!("acknowledged at {a}, before the page was sent at {}", Timestamp::from_millis(at, "")?),
                    ));
                }
                _ => NO_ACK,
            };
            let incident = match incidents.get(i) {
                Some(k) if !k.is_nan() => {
                    if k.is_infinite() {
                        check::finite(*k, &col_path("incident"))?;
                    }
                    ids.numbered(*k)
                }
                _ => NO_INCIDENT,
            };
            let high = match urgency.get(i) {
                Some(u) if *u == 1.0 => true,
                Some(u) if *u == 0.0 || u.is_nan() => false,
                Some(u) => {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        col_path("highUrgency"),
                        format!("highUrgency is 1 (high), 0 (low) or NaN (unknown), got {}", crate::num::Num(*u)),
                    ));
                }
                None => false,
            };
            hits.push(Hit { responder: r as u32, incident, at, ack, high });
        }
    }
    let notifications = input.pages.len() + n_cols;
    // Ordered by (responder, time, position): hits are pushed in position order, so a stable sort by (responder,
    // time) gives it. One radix sort by the responder above the milliseconds since the period's start when both
    // fit in 64 bits (every page is inside the period), else a stable sort by time and then one by responder.
    let (lo, span) = (period.start.millis(), period.end.millis().saturating_sub(period.start.millis()));
    let time_bits = 64 - (span as u64).leading_zeros();
    if time_bits + (64 - (input.responders.len() as u64).leading_zeros()) <= 64 {
        radix::sort_by_key(&mut hits, |h| {
            u64::from(h.responder).wrapping_shl(time_bits) | h.at.wrapping_sub(lo) as u64
        });
    } else {
        radix::sort_by_key(&mut hits, |h| radix::i64_key(h.at));
        radix::sort_by_key(&mut hits, |h| u64::from(h.responder));
    }
    let before = hits.len();
    hits.dedup_by(|b, a| a.responder == b.responder && a.at == b.at);
    Ok(Hits { merged: before - hits.len(), hits, notifications, email, incidents: ids.len as usize })
}
