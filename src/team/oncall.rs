//! On-call load: interruptions per responder and per shift, PagerDuty's business / off-hours / sleep windows in
//! each responder's local time, incidents per 12 hours against the SRE book's limit of 2, time on call against
//! 25%, MTTA per responder, and fairness (Gini and the busiest responder's share).
//!
//! Counting rules (PagerDuty's): notifications to the same responder at the same instant (SMS, push and phone for
//! one alert) count as one interruption, and email notifications do not count. An incident is a distinct
//! `incidentId`; a page without one is an incident of its own. Team-level incident load uses 12-hour blocks from the
//! start of `period`, each incident counted once, in the block of its first interruption.

use serde::{Deserialize, Serialize};

use super::pages::{Hit, Hits, NO_ACK, PageColumns, collect};
use super::rotation::{INCIDENTS_PER_12H_LIMIT, ON_CALL_LIMIT, Rotation, RotationReport};
use super::stats::gini;
use super::windows::{OffsetCache, Window, window_of_local_millis};
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::fx::FxMap;
use crate::time::{Interval, Timestamp, Zone};

const WEEK: f64 = 7.0 * 86_400.0;
const TWELVE_HOURS_MS: i64 = 12 * 3_600_000;

/// A person who can be paged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Responder {
    /// A unique identifier, referenced by pages and shifts.
    pub id: String,
    /// The responder's IANA time zone; it defines their business, off and sleep hours.
    pub time_zone: Zone,
}

/// How urgent a page was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Urgency {
    /// Wakes someone up.
    High,
    /// Can wait.
    Low,
}

/// How a notification was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    /// A text message.
    Sms,
    /// A push notification.
    Push,
    /// A phone call.
    Phone,
    /// An email: never an interruption.
    Email,
}

/// One page or notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// When it was sent.
    pub at: Timestamp,
    /// The responder's id.
    pub responder: String,
    /// Its urgency, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// When the responder acknowledged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<Timestamp>,
    /// The incident it belongs to; a page without one is its own incident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_id: Option<String>,
    /// The delivery channel; anything but email counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

/// The role of a shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// First to be paged.
    Primary,
    /// The escalation.
    Secondary,
}

/// One person's turn on call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    /// The responder's id.
    pub responder: String,
    /// Start, inclusive.
    pub start: Timestamp,
    /// End, exclusive.
    pub end: Timestamp,
    /// Primary or secondary, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// Input of [`on_call_load`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OnCallInput {
    /// The observation window; every page must fall inside it, and shifts are clipped to it.
    pub period: Interval,
    /// Everyone who can be paged, at least one.
    pub responders: Vec<Responder>,
    /// Pages and notifications, in any order.
    #[serde(default)]
    pub pages: Vec<Page>,
    /// Pages as columns, the fast form for long histories (see [`PageColumns`]); counted with `pages`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_columns: Option<PageColumns>,
    /// The shifts actually worked, for time on call and per-shift load.
    #[serde(default)]
    pub shifts: Vec<Shift>,
    /// The rotation's shape, for the SRE book's rotation figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation: Option<Rotation>,
}

/// One responder's load.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponderLoad {
    /// The responder.
    pub responder: String,
    /// Their time zone.
    pub time_zone: Zone,
    /// Interruptions (deduplicated, email excluded).
    pub interruptions: usize,
    /// In business hours, local time.
    pub business: usize,
    /// In off-hours, local time.
    pub off_hours: usize,
    /// In sleep hours, local time.
    pub sleep: usize,
    /// High-urgency interruptions.
    pub high_urgency: usize,
    /// Interruptions that were acknowledged.
    pub acknowledged: usize,
    /// Mean time to acknowledge over those, seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtta_seconds: Option<f64>,
    /// interruptions per week of the period.
    pub interruptions_per_week: f64,
    /// This responder's share of all interruptions.
    pub share_of_interruptions: f64,
    /// Seconds on call inside the period (overlapping shifts counted once); absent without shifts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_call_seconds: Option<f64>,
    /// onCallSeconds / period; absent without shifts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_call_share: Option<f64>,
}

/// One shift's load.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftLoad {
    /// The index of the shift in the input.
    pub index: usize,
    /// The responder.
    pub responder: String,
    /// The shift's start.
    pub start: Timestamp,
    /// The shift's end.
    pub end: Timestamp,
    /// Interruptions the responder had during the shift.
    pub interruptions: usize,
    /// Distinct incidents among them.
    pub incidents: usize,
    /// incidents × 12 h / shift length.
    pub incidents_per_12_hours: f64,
    /// Whether that exceeds the SRE book's 2.
    pub over_limit: bool,
}

/// Interruption totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Notifications received, every channel.
    pub notifications: usize,
    /// Email notifications (not interruptions).
    pub email: usize,
    /// Notifications merged into another one at the same instant for the same responder.
    pub merged: usize,
    /// Interruptions.
    pub interruptions: usize,
    /// In business hours.
    pub business: usize,
    /// In off-hours.
    pub off_hours: usize,
    /// In sleep hours.
    pub sleep: usize,
    /// High urgency.
    pub high_urgency: usize,
    /// Team MTTA over acknowledged interruptions, seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtta_seconds: Option<f64>,
}

/// Incident load in 12-hour blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentLoad {
    /// Distinct incidents.
    pub incidents: usize,
    /// 12-hour blocks in the period (the last may be partial).
    pub blocks: usize,
    /// incidents / (period / 12 h).
    pub per_12_hours: f64,
    /// The SRE book's limit, 2.
    pub limit_per_12_hours: f64,
    /// The most incidents in one block.
    pub busiest_block: usize,
    /// Blocks with more than 2 incidents.
    pub blocks_over_limit: usize,
}

/// How evenly the load is shared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fairness {
    /// Gini coefficient of interruptions per responder: 0 when equal, at most (n − 1) / n.
    pub gini: f64,
    /// Gini coefficient of sleep-hour interruptions per responder.
    pub sleep_gini: f64,
    /// The responder with the most interruptions (the first, on a tie).
    pub busiest_responder: String,
    /// Their share of all interruptions (0 when there are none).
    pub busiest_share: f64,
    /// Their interruptions per week of the period.
    pub busiest_per_week: f64,
}

/// Time on call measured from shifts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeOnCall {
    /// The largest share of any responder.
    pub max_share: f64,
    /// The mean share over responders.
    pub mean_share: f64,
    /// The 25% guidance.
    pub limit: f64,
    /// Responders above it.
    pub responders_over_limit: usize,
}

/// Result of [`on_call_load`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OnCallReport {
    /// The window.
    pub period: Interval,
    /// Weeks in the window.
    pub weeks: f64,
    /// Totals.
    pub totals: Totals,
    /// Per responder, in input order.
    pub responders: Vec<ResponderLoad>,
    /// Per shift, in input order.
    pub shifts: Vec<ShiftLoad>,
    /// Shifts over the limit of 2 incidents per 12 hours.
    pub shifts_over_limit: usize,
    /// Incidents per 12 hours.
    pub incident_load: IncidentLoad,
    /// Fairness.
    pub fairness: Fairness,
    /// Time on call from shifts; absent without shifts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_on_call: Option<TimeOnCall>,
    /// The rotation against the SRE book; absent without `rotation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation: Option<RotationReport>,
    /// Sleep-hour interruptions per responder per week.
    pub sleep_per_responder_week: f64,
    /// The window convention, in words.
    pub windows: &'static str,
}

/// The window convention reported with every result.
pub const WINDOWS: &str = "PagerDuty windows in each responder's local time, boundaries [start, end): business \
                           08:00–18:00 Mon–Fri; off-hours 18:00–22:00 Mon–Fri and 08:00–22:00 Sat–Sun; sleep 22:00–08:00 daily";

/// Compute the on-call load. Errors: no responders; a duplicate responder id; a page or shift naming an unknown
/// responder; a page outside the period; an acknowledgement before its page; a shift that ends before it starts;
/// an invalid rotation.
pub fn on_call_load(input: &OnCallInput) -> Result<OnCallReport> {
    let period = input.period;
    period.validate("period")?;
    check::list_len(input.responders.len(), "responders")?;
    check::max_len(input.shifts.len(), "shifts")?;
    if let Some(r) = &input.rotation {
        r.validate("rotation")?;
    }
    let mut index: FxMap<&str, u32> = FxMap::default();
    for (i, r) in input.responders.iter().enumerate() {
        if index.insert(r.id.as_str(), i as u32).is_some() {
            return Err(Error::new(
                ErrorCode::Duplicate,
                join_path(&index_path("responders", i), "id"),
                format!("responder id \"{}\" appears twice", r.id),
            ));
        }
    }
    // The error path is built only on failure: no allocation per page.
    let lookup = |id: &str, list: &str, i: usize| -> Result<u32> {
        index.get(id).copied().ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReference,
                join_path(&index_path(list, i), "responder"),
                format!("no responder has the id \"{id}\"; add it to responders"),
            )
        })
    };

    let Hits { hits, notifications, email, merged, incidents } = collect(input, &lookup)?;
    let n_resp = input.responders.len();
    let weeks = period.secs() / WEEK;
    let mut loads: Vec<ResponderLoad> = input
        .responders
        .iter()
        .map(|r| ResponderLoad {
            responder: r.id.clone(),
            time_zone: r.time_zone,
            interruptions: 0,
            business: 0,
            off_hours: 0,
            sleep: 0,
            high_urgency: 0,
            acknowledged: 0,
            mtta_seconds: None,
            interruptions_per_week: 0.0,
            share_of_interruptions: 0.0,
            on_call_seconds: None,
            on_call_share: None,
        })
        .collect();
    let mut ack_sums = vec![0.0f64; n_resp];
    let mut cache = OffsetCache::default();
    for h in &hits {
        let Some(load) = loads.get_mut(h.responder as usize) else {
            continue;
        };
        load.interruptions += 1;
        match window_of_local_millis(cache.local_millis(load.time_zone, h.responder, h.at)) {
            Window::Business => load.business += 1,
            Window::OffHours => load.off_hours += 1,
            Window::Sleep => load.sleep += 1,
        }
        load.high_urgency += usize::from(h.high);
        if h.ack != NO_ACK {
            load.acknowledged += 1;
            if let Some(s) = ack_sums.get_mut(h.responder as usize) {
                *s += (h.ack - h.at) as f64 / 1000.0;
            }
        }
    }
    let total = hits.len();
    for (load, sum) in loads.iter_mut().zip(&ack_sums) {
        load.mtta_seconds = (load.acknowledged > 0).then(|| sum / load.acknowledged as f64);
        load.interruptions_per_week = load.interruptions as f64 / weeks;
        load.share_of_interruptions = if total > 0 { load.interruptions as f64 / total as f64 } else { 0.0 };
    }

    let shifts = shift_loads(input, &hits, incidents, &lookup)?;
    let time_on_call = on_call_time(input, &mut loads, &lookup)?;
    let incident_load = incident_load(input, &hits, incidents);
    let acknowledged: usize = loads.iter().map(|l| l.acknowledged).sum();
    let totals = Totals {
        notifications,
        email,
        merged,
        interruptions: total,
        business: loads.iter().map(|l| l.business).sum(),
        off_hours: loads.iter().map(|l| l.off_hours).sum(),
        sleep: loads.iter().map(|l| l.sleep).sum(),
        high_urgency: loads.iter().map(|l| l.high_urgency).sum(),
        mtta_seconds: (acknowledged > 0).then(|| ack_sums.iter().sum::<f64>() / acknowledged as f64),
    };
    let fairness = fairness(&loads, total, weeks);
    let sleep_per_responder_week = totals.sleep as f64 / (n_resp as f64 * weeks);
    Ok(OnCallReport {
        period,
        weeks,
        totals,
        shifts_over_limit: shifts.iter().filter(|s| s.over_limit).count(),
        responders: loads,
        shifts,
        incident_load,
        fairness,
        time_on_call,
        rotation: input.rotation.map(|r| r.report()),
        sleep_per_responder_week,
        windows: WINDOWS,
    })
}

fn shift_loads(
    input: &OnCallInput,
    hits: &[Hit],
    distinct: usize,
    lookup: &impl Fn(&str, &str, usize) -> Result<u32>,
) -> Result<Vec<ShiftLoad>> {
    let mut out = Vec::with_capacity(input.shifts.len());
    // Distinct incidents per shift without sorting: the last shift that counted each interned incident.
    let mut seen: Vec<usize> = vec![usize::MAX; distinct];
    for (i, s) in input.shifts.iter().enumerate() {
        let responder = lookup(&s.responder, "shifts", i)?;
        if s.end <= s.start {
            Interval::new(s.start, s.end, &index_path("shifts", i))?;
        }
        let (a, b) = (s.start.millis(), s.end.millis());
        let lo = hits.partition_point(|h| (h.responder, h.at) < (responder, a));
        let hi = hits.partition_point(|h| (h.responder, h.at) < (responder, b));
        let inside = hits.get(lo..hi).unwrap_or(&[]);
        let mut incidents = 0usize;
        for h in inside {
            match seen.get_mut(h.incident as usize) {
                Some(last) if *last == i => {}
                Some(last) => {
                    *last = i;
                    incidents += 1;
                }
                // A page that is its own incident (NO_INCIDENT is past the end).
                None => incidents += 1,
            }
        }
        let per12 = incidents as f64 * TWELVE_HOURS_MS as f64 / (b - a) as f64;
        out.push(ShiftLoad {
            index: i,
            responder: s.responder.clone(),
            start: s.start,
            end: s.end,
            interruptions: inside.len(),
            incidents,
            incidents_per_12_hours: per12,
            over_limit: per12 > INCIDENTS_PER_12H_LIMIT,
        });
    }
    Ok(out)
}

fn on_call_time(
    input: &OnCallInput,
    loads: &mut [ResponderLoad],
    lookup: &impl Fn(&str, &str, usize) -> Result<u32>,
) -> Result<Option<TimeOnCall>> {
    if input.shifts.is_empty() {
        return Ok(None);
    }
    let period = input.period;
    let mut spans: Vec<(u32, i64, i64)> = Vec::with_capacity(input.shifts.len());
    for (i, s) in input.shifts.iter().enumerate() {
        let r = lookup(&s.responder, "shifts", i)?;
        if let Some(c) = (Interval { start: s.start, end: s.end }).intersect(&period) {
            spans.push((r, c.start.millis(), c.end.millis()));
        }
    }
    crate::sort::sort(&mut spans);
    let mut secs = vec![0.0f64; loads.len()];
    let mut cur: Option<(u32, i64, i64)> = None;
    let flush = |c: (u32, i64, i64), secs: &mut Vec<f64>| {
        if let Some(s) = secs.get_mut(c.0 as usize) {
            *s += (c.2 - c.1) as f64 / 1000.0;
        }
    };
    for sp in spans {
        cur = match cur {
            Some(c) if c.0 == sp.0 && sp.1 <= c.2 => Some((c.0, c.1, c.2.max(sp.2))),
            Some(c) => {
                flush(c, &mut secs);
                Some(sp)
            }
            None => Some(sp),
        };
    }
    if let Some(c) = cur {
        flush(c, &mut secs);
    }
    let total = period.secs();
    for (load, s) in loads.iter_mut().zip(&secs) {
        load.on_call_seconds = Some(*s);
        load.on_call_share = Some(s / total);
    }
    let shares: Vec<f64> = secs.iter().map(|s| s / total).collect();
    Ok(Some(TimeOnCall {
        max_share: shares.iter().copied().fold(0.0, f64::max),
        mean_share: shares.iter().sum::<f64>() / shares.len().max(1) as f64,
        limit: ON_CALL_LIMIT,
        responders_over_limit: shares.iter().filter(|s| **s > ON_CALL_LIMIT + 1e-12).count(),
    }))
}

fn incident_load(input: &OnCallInput, hits: &[Hit], distinct: usize) -> IncidentLoad {
    let start = input.period.start.millis();
    let span = input.period.end.millis() - start;
    let blocks = (span + TWELVE_HOURS_MS - 1) / TWELVE_HOURS_MS;
    let mut counts = vec![0usize; blocks.max(1) as usize];
    let mut first = vec![i64::MAX; distinct];
    let mut incidents = 0usize;
    let mut count = |at: i64| {
        if let Some(c) = counts.get_mut(((at - start) / TWELVE_HOURS_MS) as usize) {
            *c += 1;
        }
    };
    for h in hits {
        match first.get_mut(h.incident as usize) {
            Some(f) => *f = (*f).min(h.at),
            None => {
                incidents += 1;
                count(h.at);
            }
        }
    }
    for &at in first.iter().filter(|&&at| at != i64::MAX) {
        incidents += 1;
        count(at);
    }
    let limit = INCIDENTS_PER_12H_LIMIT as usize;
    IncidentLoad {
        incidents,
        blocks: counts.len(),
        per_12_hours: incidents as f64 * TWELVE_HOURS_MS as f64 / span as f64,
        limit_per_12_hours: INCIDENTS_PER_12H_LIMIT,
        busiest_block: counts.iter().copied().max().unwrap_or(0),
        blocks_over_limit: counts.iter().filter(|c| **c > limit).count(),
    }
}

fn fairness(loads: &[ResponderLoad], total: usize, weeks: f64) -> Fairness {
    let counts: Vec<f64> = loads.iter().map(|l| l.interruptions as f64).collect();
    let sleeps: Vec<f64> = loads.iter().map(|l| l.sleep as f64).collect();
    let mut busiest: Option<&ResponderLoad> = None;
    for l in loads {
        if busiest.is_none_or(|b| l.interruptions > b.interruptions) {
            busiest = Some(l);
        }
    }
    let (name, max) = busiest.map_or((String::new(), 0), |b| (b.responder.clone(), b.interruptions));
    Fairness {
        gini: gini(&counts),
        sleep_gini: gini(&sleeps),
        busiest_responder: name,
        busiest_share: if total > 0 { max as f64 / total as f64 } else { 0.0 },
        busiest_per_week: max as f64 / weeks,
    }
}
