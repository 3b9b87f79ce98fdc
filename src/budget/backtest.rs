//! Backtesting alert tiers over the history: when each tier would have fired and reset, how often, how fast it
//! caught each incident the caller marks, and how much budget burned while it was silent.
//!
//! Each tier is evaluated at the end of every unit (bucket, or slice for the slice methods), like a rule evaluated
//! once per bucket: it fires while the error rate over both its long and its short window is strictly above
//! burnRate × (1 − objective) (`>`, as the Prometheus rules do). Windows at the start of the history use the data
//! there is, as Prometheus does. Bad events in a unit count as burned "while no alert fired" when the tier was not
//! firing as the unit began.

use serde::{Deserialize, Serialize};

use super::report::SloHistory;
use super::series::SliSeries;
use super::slo::{Budgeting, Slo};
use super::tiers::{AlertTier, TierSpec, resolve_tiers};
use super::units::Units;
use crate::error::{Error, ErrorCode, Result, check, index_path};
use crate::time::{Interval, Timestamp};

/// An incident the caller marks, to measure detection time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct MarkedIncident {
    /// A label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When it began.
    pub start: Timestamp,
    /// When it ended.
    pub end: Timestamp,
}

/// Options of a backtest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BacktestOptions {
    /// Caller tiers; default the four Workbook/Sloth tiers scaled to the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<TierSpec>>,
    /// Incidents to measure detection against.
    #[serde(default)]
    pub incidents: Vec<MarkedIncident>,
    /// Evaluate from here (default the series start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Timestamp>,
    /// Evaluate until here (default the series end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Timestamp>,
    /// List at most this many fires per tier (counts stay exact). Default 1,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_fires: Option<u32>,
}

/// Input of [`backtest_alerts`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BacktestInput {
    /// The SLO.
    pub slo: Slo,
    /// The SLI history.
    pub series: SliSeries,
    /// Options.
    #[serde(default)]
    pub options: BacktestOptions,
}

/// One firing of a tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fire {
    /// When it fired.
    pub start: Timestamp,
    /// When it reset; null when still firing at the end.
    pub end: Option<Timestamp>,
}

/// How a tier did on one marked incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detection {
    /// The incident's index in `incidents`.
    pub incident: usize,
    /// Its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When the tier was first firing during the incident; null when it never fired before the incident ended.
    pub detected_at: Option<Timestamp>,
    /// Seconds from the incident's start to detection (0 when already firing); null when missed.
    pub detection_seconds: Option<f64>,
}

/// Budget burned while no alert was firing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Silent {
    /// Bad events (or slices) in units that began with no alert firing.
    pub bad: f64,
    /// That as a share of all bad events (or slices) in the range (0 when there were none).
    pub share: f64,
    /// That in budgets of one SLO window (1 = a whole window's budget).
    pub budgets: f64,
}

/// The backtest of one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierBacktest {
    /// The tier.
    pub tier: AlertTier,
    /// How many times it fired.
    pub fire_count: usize,
    /// Seconds it spent firing.
    pub firing_seconds: f64,
    /// Its fires (at most `maxFires`).
    pub fires: Vec<Fire>,
    /// Whether `fires` was cut short.
    pub truncated: bool,
    /// Per marked incident.
    pub detections: Vec<Detection>,
    /// Fires that overlap no marked incident (0 when no incidents were marked).
    pub fires_outside_incidents: usize,
    /// Budget burned while this tier was silent.
    pub silent: Silent,
}

/// The backtest result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backtest {
    /// The first evaluated instant.
    pub from: Timestamp,
    /// The last evaluated instant.
    pub to: Timestamp,
    /// Evaluations per tier (one per unit).
    pub evaluations: usize,
    /// Bad events (or slices) in the range.
    pub total_bad: f64,
    /// One window's budget in events (or slices), at the range's average traffic.
    pub budget_per_window: f64,
    /// Per tier.
    pub tiers: Vec<TierBacktest>,
    /// Budget burned while no tier at all was firing.
    pub silent_all: Silent,
}

/// Backtest the tiers of an SLO over a series.
pub fn backtest_alerts(input: &BacktestInput) -> Result<Backtest> {
    let mut h = SloHistory::new(&input.series, "series")?;
    backtest_history(&mut h, &input.slo, &input.options)
}

/// Backtest against an indexed history (cheap to repeat with other tiers or objectives).
pub fn backtest_history(h: &mut SloHistory, slo: &Slo, o: &BacktestOptions) -> Result<Backtest> {
    let resolved = slo.resolve("slo")?;
    let tiers = resolve_tiers(&resolved, o.tiers.as_deref(), "options.tiers")?;
    check::max_len(o.incidents.len(), "options.incidents")?;
    for (i, inc) in o.incidents.iter().enumerate() {
        Interval { start: inc.start, end: inc.end }.validate(&index_path("options.incidents", i))?;
    }
    let max_fires = o.max_fires.unwrap_or(1_000) as usize;
    let budget_rate = resolved.budget_rate();
    let w = resolved.window.nominal_seconds();
    let u: &Units = h.units(&resolved, "slo")?;
    let from_ms = o.from.map(|t| t.millis()).unwrap_or(u.start_ms);
    let to_ms = o.to.map(|t| t.millis()).unwrap_or_else(|| u.time_of(u.len()));
    if to_ms <= from_ms {
        return Err(Error::new(ErrorCode::EndBeforeStart, "options.to", "to must be after from"));
    }
    let (lo, hi) = u.range(from_ms, to_ms);
    if hi <= lo {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "options.from",
            "the range from..to holds no whole bucket of the series",
        ));
    }
    let range = u.sums(lo, hi);
    let unit_secs = u.unit_secs();
    let budget_per_window = match resolved.budgeting {
        Budgeting::Occurrences => {
            let covered = range.units.saturating_sub(range.missing) as f64 * unit_secs;
            if covered > 0.0 { budget_rate * range.den * w / covered } else { 0.0 }
        }
        _ => budget_rate * w / unit_secs,
    };
    let span = |secs: f64| ((secs / unit_secs).ceil() as usize).max(1);
    let params: Vec<(usize, usize, f64)> =
        tiers.iter().map(|t| (span(t.long_window_seconds), span(t.short_window_seconds), t.error_rate)).collect();
    let nt = tiers.len();
    let (pb, pd) = (u.prefix_bad(), u.prefix_den());
    let spans: Vec<Vec<(usize, Option<usize>)>> =
        params.iter().map(|&(kl, ks, thr)| run_tier(pb, pd, lo, hi, kl, ks, thr)).collect();
    // Units that began while a tier was firing are those in [fire, reset); everything else burned silently.
    let burned = |a: usize, b: usize| pb.get(b).copied().unwrap_or(0.0) - pb.get(a).copied().unwrap_or(0.0);
    let silent: Vec<f64> =
        spans.iter().map(|sp| range.bad - sp.iter().map(|&(a, b)| burned(a, b.unwrap_or(hi))).sum::<f64>()).collect();
    let mut all: Vec<(usize, usize)> = spans.iter().flatten().map(|&(a, b)| (a, b.unwrap_or(hi))).collect();
    crate::sort::sort(&mut all);
    let mut alerted = 0.0;
    let mut cur: Option<(usize, usize)> = None;
    for (a, b) in all {
        cur = match cur {
            Some((ca, cb)) if a <= cb => Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                alerted += burned(ca, cb);
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    if let Some((ca, cb)) = cur {
        alerted += burned(ca, cb);
    }
    let silent_all = range.bad - alerted;
    let total_bad = range.bad;
    let silent_of = |bad: f64| Silent {
        bad,
        share: if total_bad > 0.0 { bad / total_bad } else { 0.0 },
        budgets: if budget_per_window > 0.0 { bad / budget_per_window } else { 0.0 },
    };
    let ts = |i: usize| Timestamp::from_millis(u.time_of(i), "");
    let end_ms = u.time_of(hi);
    let mut out = Vec::with_capacity(nt);
    for ((tier, sp), sil) in tiers.into_iter().zip(spans).zip(silent) {
        let firing_seconds: f64 = sp.iter().map(|&(s, e)| (e.unwrap_or(hi).saturating_sub(s)) as f64 * unit_secs).sum();
        let ms_span = |&(s, e): &(usize, Option<usize>)| (u.time_of(s), e.map(|e| u.time_of(e)).unwrap_or(end_ms));
        let detections = o
            .incidents
            .iter()
            .enumerate()
            .map(|(j, inc)| {
                let (is, ie) = (inc.start.millis(), inc.end.millis());
                let hit = sp.iter().map(ms_span).find(|&(fs, fe)| fs <= ie && fe > is);
                let detected_ms = hit.map(|(fs, _)| fs.max(is));
                Ok(Detection {
                    incident: j,
                    name: inc.name.clone(),
                    detected_at: detected_ms.map(|m| Timestamp::from_millis(m, "")).transpose()?,
                    detection_seconds: detected_ms.map(|m| (m - is) as f64 / 1000.0),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let fires_outside_incidents = if o.incidents.is_empty() {
            0
        } else {
            sp.iter()
                .map(ms_span)
                .filter(|&(fs, fe)| !o.incidents.iter().any(|inc| fs <= inc.end.millis() && fe > inc.start.millis()))
                .count()
        };
        let fires = sp
            .iter()
            .take(max_fires)
            .map(|&(s, e)| Ok(Fire { start: ts(s)?, end: e.map(ts).transpose()? }))
            .collect::<Result<Vec<_>>>()?;
        out.push(TierBacktest {
            tier,
            fire_count: sp.len(),
            firing_seconds,
            truncated: sp.len() > fires.len(),
            fires,
            detections,
            fires_outside_incidents,
            silent: silent_of(sil),
        });
    }
    Ok(Backtest {
        from: ts(lo)?,
        to: ts(hi)?,
        evaluations: hi.saturating_sub(lo),
        total_bad,
        budget_per_window,
        tiers: out,
        silent_all: silent_of(silent_all),
    })
}

/// The state of one tier while it is evaluated.
struct TierRun<'a> {
    pb: &'a [f64],
    pd: &'a [f64],
    kl: usize,
    thr: f64,
    firing: bool,
    start: usize,
    spans: Vec<(usize, Option<usize>)>,
}

impl TierRun<'_> {
    /// Evaluate at the end `e` of a unit, given the cumulative sums at `e` and the short window's start.
    #[inline(always)]
    fn eval(&mut self, e: usize, b: f64, d: f64, bs: f64, ds: f64) {
        let ds = d - ds;
        let mut now = ds > 0.0 && b - bs > self.thr * ds;
        if now {
            let l = e.saturating_sub(self.kl);
            let (bl, dl) = (self.pb.get(l).copied().unwrap_or(0.0), self.pd.get(l).copied().unwrap_or(0.0));
            let dl = d - dl;
            now = dl > 0.0 && b - bl > self.thr * dl;
        }
        if now != self.firing {
            self.firing = now;
            if now {
                self.start = e;
            } else {
                self.spans.push((self.start, Some(e)));
            }
        }
    }
}

/// One tier over units `lo..hi`: its firing spans, as unit indices of fire and reset (the tier is firing as units
/// `fire..reset` begin). Plain indexed loops: the release profile optimises for size, which leaves iterator adapters
/// un-inlined. Once the short window lies wholly inside the history, the loop reads four equal-length slices, so
/// the bounds checks fold away.
fn run_tier(
    pb: &[f64],
    pd: &[f64],
    lo: usize,
    hi: usize,
    kl: usize,
    ks: usize,
    thr: f64,
) -> Vec<(usize, Option<usize>)> {
    let mut run = TierRun { pb, pd, kl, thr, firing: false, start: 0, spans: Vec::new() };
    let last = hi.min(pb.len().min(pd.len()).saturating_sub(1));
    let steady = (lo + 1).max(ks);
    // Windows that reach back before the history's start: clamp to unit 0.
    let mut e = lo + 1;
    while e <= last && e < steady {
        let s = e.saturating_sub(ks);
        let (Some(&b), Some(&d), Some(&bs), Some(&ds)) = (pb.get(e), pd.get(e), pb.get(s), pd.get(s)) else {
            break;
        };
        run.eval(e, b, d, bs, ds);
        e += 1;
    }
    if steady <= last
        && let (Some(bh), Some(dh), Some(bt), Some(dt)) = (
            pb.get(steady..=last),
            pd.get(steady..=last),
            pb.get(steady - ks..=last - ks),
            pd.get(steady - ks..=last - ks),
        )
    {
        let len = bh.len().min(dh.len()).min(bt.len()).min(dt.len());
        let mut j = 0;
        while j < len {
            let (Some(&b), Some(&d), Some(&bs), Some(&ds)) = (bh.get(j), dh.get(j), bt.get(j), dt.get(j)) else {
                break;
            };
            run.eval(steady + j, b, d, bs, ds);
            j += 1;
        }
    }
    if run.firing {
        run.spans.push((run.start, None));
    }
    run.spans
}
