//! Availability evidence and how it becomes downtime: outages, time-sliced samples, or good/total event counts.
//!
//! Outages and samples both become *down segments*: disjoint, sorted stretches of time, each with an impact (the
//! fraction of users or capacity affected, 1 = fully down). Downtime is impact-weighted: 30 minutes at impact 0.5
//! count as 15 minutes of downtime.
//!
//! Overlapping outages are merged, never counted twice. Where outages with different impacts overlap, the rule
//! ([`OverlapRule`]) decides the combined impact: by default the largest impact applies over the overlap (the
//! outages are assumed to hit the same users), or, with `sumCapped`, impacts add up to at most 1 (they are assumed
//! to hit different users).
//!
//! Maintenance windows are cut out of both the downtime and the period: an outage that overlaps a window keeps only
//! its part outside the window.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::{Interval, Timestamp};

/// An outage: `[start, end)`, affecting `impact` of the users or capacity (1 when absent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Outage {
    /// When the outage began.
    pub start: Timestamp,
    /// When it ended, after `start`.
    pub end: Timestamp,
    /// The fraction of users or capacity affected, in [0, 1]; 1 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<f64>,
}

/// Time-sliced evidence, columnar: slice `i` covers `[start + i·step, start + (i+1)·step)`. Give either `up` or
/// both `good` and `total`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SampleSeries {
    /// The start of the first slice.
    pub start: Timestamp,
    /// The slice length in seconds, > 0 (60 for per-minute samples).
    pub step: f64,
    /// Per slice, the fraction that was up, in [0, 1]: 1 = up, 0 = down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up: Option<Vec<f64>>,
    /// Per slice, good events (with `total`); a slice's up fraction is good / total, and a slice with total 0
    /// counts as up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good: Option<Vec<f64>>,
    /// Per slice, all events (with `good`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Vec<f64>>,
}

/// Aggregate request counts over the whole period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EventCounts {
    /// Good (successful) events, 0 ≤ good ≤ total.
    pub good: f64,
    /// All events, > 0.
    pub total: f64,
}

/// How overlapping outages with different impacts combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum OverlapRule {
    /// The largest impact applies over the overlap (the same users are affected). The default.
    #[default]
    Max,
    /// Impacts add up, capped at 1 (different users are affected).
    SumCapped,
}

impl OverlapRule {
    /// A sentence for the report.
    pub fn describe(self) -> &'static str {
        match self {
            OverlapRule::Max => {
                "overlapping outages are merged; over an overlap the largest impact applies (assumed to affect the same users), so no time is counted twice"
            }
            OverlapRule::SumCapped => {
                "overlapping outages are merged; over an overlap the impacts add up, capped at 1 (assumed to affect different users)"
            }
        }
    }
}

/// A stretch of down time, epoch milliseconds, `[start, end)`, with its impact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start, epoch ms.
    pub start: i64,
    /// End, epoch ms.
    pub end: i64,
    /// Impact in (0, 1].
    pub impact: f64,
}

/// Validate outages and merge them into disjoint sorted segments under `rule`. Returns the segments and how many
/// outages overlapped another one.
pub fn merge_outages(outages: &[Outage], rule: OverlapRule, path: &str) -> Result<(Vec<Segment>, usize)> {
    check::max_len(outages.len(), path)?;
    // Boundary events: (time, +impact at a start / −impact at an end).
    let mut events: Vec<(i64, bool, f64)> = Vec::with_capacity(outages.len() * 2);
    for (i, o) in outages.iter().enumerate() {
        let p = index_path(path, i);
        Interval { start: o.start, end: o.end }.validate(&p)?;
        let impact = match o.impact {
            Some(x) => check::fraction(x, &join_path(&p, "impact"))?,
            None => 1.0,
        };
        if impact > 0.0 {
            events.push((o.start.millis(), true, impact));
            events.push((o.end.millis(), false, impact));
        }
    }
    // Ends before starts at the same instant, so touching outages do not count as overlapping.
    crate::sort::sort_by(&mut events, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut active: Vec<f64> = Vec::new();
    let mut out: Vec<Segment> = Vec::new();
    let mut overlapping = 0usize;
    let mut last_t = i64::MIN;
    for (t, is_start, impact) in events {
        if !active.is_empty() && t > last_t {
            let level = match rule {
                OverlapRule::Max => active.iter().copied().fold(0.0, f64::max),
                OverlapRule::SumCapped => active.iter().sum::<f64>().min(1.0),
            };
            push_segment(&mut out, Segment { start: last_t, end: t, impact: level });
        }
        if is_start {
            if !active.is_empty() {
                overlapping += 1;
            }
            active.push(impact);
        } else if let Some(pos) = active.iter().position(|&x| x == impact) {
            active.swap_remove(pos);
        }
        last_t = t;
    }
    Ok((out, overlapping))
}

/// Append a segment, joining it to the previous one when they touch with the same impact.
fn push_segment(out: &mut Vec<Segment>, s: Segment) {
    if s.end <= s.start || s.impact <= 0.0 {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.end == s.start
        && last.impact == s.impact
    {
        last.end = s.end;
        return;
    }
    out.push(s);
}

/// Validate a sample series and turn it into down segments, plus the interval the samples cover.
pub fn sample_segments(s: &SampleSeries, path: &str) -> Result<(Vec<Segment>, Interval)> {
    let step = check::finite(s.step, &join_path(path, "step"))?;
    if step <= 0.0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            join_path(path, "step"),
            format!("the slice length must be > 0 seconds, got {}", crate::num::Num(step)),
        ));
    }
    let step_ms = step * 1000.0;
    let start_ms = s.start.millis();
    let at = |i: usize| start_ms + (i as f64 * step_ms).round() as i64;
    let mut out = Vec::new();
    let n = match (&s.up, &s.good, &s.total) {
        (Some(up), None, None) => {
            let up_path = join_path(path, "up");
            check::list_len(up.len(), &up_path)?;
            for (i, &u) in up.iter().enumerate() {
                if u == 1.0 {
                    continue;
                }
                let u = check::fraction(u, &index_path(&up_path, i))?;
                push_segment(&mut out, Segment { start: at(i), end: at(i + 1), impact: 1.0 - u });
            }
            up.len()
        }
        (None, Some(good), Some(total)) => {
            let (gp, tp) = (join_path(path, "good"), join_path(path, "total"));
            check::list_len(total.len(), &tp)?;
            if good.len() != total.len() {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    gp,
                    format!("good has {} slices but total has {}; they must match", good.len(), total.len()),
                ));
            }
            for (i, (&g, &t)) in good.iter().zip(total).enumerate() {
                let t = check::non_negative(t, &index_path(&tp, i))?;
                let g = check::non_negative(g, &index_path(&gp, i))?;
                if g > t {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        index_path(&gp, i),
                        format!("good ({}) cannot exceed total ({})", crate::num::Num(g), crate::num::Num(t)),
                    ));
                }
                if t > 0.0 && g < t {
                    push_segment(&mut out, Segment { start: at(i), end: at(i + 1), impact: 1.0 - g / t });
                }
            }
            total.len()
        }
        (None, None, None) => {
            return Err(Error::new(ErrorCode::MissingField, join_path(path, "up"), "give `up`, or `good` and `total`"));
        }
        (None, Some(_), None) => {
            return Err(Error::new(ErrorCode::MissingField, join_path(path, "total"), "`good` needs `total`"));
        }
        (None, None, Some(_)) => {
            return Err(Error::new(ErrorCode::MissingField, join_path(path, "good"), "`total` needs `good`"));
        }
        _ => {
            return Err(Error::new(
                ErrorCode::Infeasible,
                join_path(path, "up"),
                "give either `up` or `good` and `total`, not both",
            ));
        }
    };
    let covered = Interval::new(s.start, Timestamp::from_millis(at(n), &join_path(path, "step"))?, path)?;
    Ok((out, covered))
}

/// Validate maintenance windows and merge them into a sorted union, epoch ms.
pub fn merge_windows(windows: &[Interval], path: &str) -> Result<Vec<(i64, i64)>> {
    check::max_len(windows.len(), path)?;
    let mut w: Vec<(i64, i64)> = Vec::with_capacity(windows.len());
    for (i, iv) in windows.iter().enumerate() {
        iv.validate(&index_path(path, i))?;
        w.push((iv.start.millis(), iv.end.millis()));
    }
    crate::sort::sort(&mut w);
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(w.len());
    for (s, e) in w {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    Ok(out)
}

/// `[start, end)` minus the (sorted, disjoint) `holes`.
pub fn subtract(start: i64, end: i64, holes: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut cur = start;
    for &(hs, he) in holes {
        if he <= cur {
            continue;
        }
        if hs >= end {
            break;
        }
        if hs > cur {
            out.push((cur, hs));
        }
        cur = cur.max(he);
    }
    if cur < end {
        out.push((cur, end));
    }
    out
}

/// Clip sorted disjoint segments to sorted disjoint `keep` intervals.
pub fn clip(segments: &[Segment], keep: &[(i64, i64)]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len());
    let mut k = 0usize;
    for s in segments {
        while let Some(&(_, ke)) = keep.get(k) {
            if ke <= s.start {
                k += 1;
            } else {
                break;
            }
        }
        let mut j = k;
        while let Some(&(ks, ke)) = keep.get(j) {
            if ks >= s.end {
                break;
            }
            let (a, b) = (s.start.max(ks), s.end.min(ke));
            if b > a {
                out.push(Segment { start: a, end: b, impact: s.impact });
            }
            j += 1;
        }
    }
    out
}

/// Total length (ms) of sorted disjoint intervals inside `[start, end)`.
pub fn length_within(intervals: &[(i64, i64)], start: i64, end: i64) -> i64 {
    let first = intervals.partition_point(|&(_, e)| e <= start);
    let mut total = 0;
    for &(s, e) in intervals.get(first..).unwrap_or(&[]) {
        if s >= end {
            break;
        }
        total += e.min(end) - s.max(start);
    }
    total
}

/// Impact-weighted downtime (ms) and outage wall time (ms) of sorted disjoint segments inside `[start, end)`.
pub fn downtime_within(segments: &[Segment], start: i64, end: i64) -> (f64, i64) {
    let first = segments.partition_point(|s| s.end <= start);
    let (mut weighted, mut wall) = (0.0, 0i64);
    for s in segments.get(first..).unwrap_or(&[]) {
        if s.start >= end {
            break;
        }
        let len = s.end.min(end) - s.start.max(start);
        if len > 0 {
            weighted += len as f64 * s.impact;
            wall += len;
        }
    }
    (weighted, wall)
}
