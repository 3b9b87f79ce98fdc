//! [`Read`] impls of the Error budgets: SLOs, series, reports, alerts, OpenSLO inputs (written from their serde attributes; `tests/read.rs` checks them
//! against serde's derive).

use super::{Obj, Read, Source};
use crate::Result;

impl Read for crate::budget::backtest::MarkedIncident {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct MarkedIncident")?;
        Ok(Self { name: o.opt("name")?, start: o.req("start")?, end: o.req("end")? })
    }
}

impl Read for crate::budget::backtest::BacktestOptions {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct BacktestOptions")?;
        Ok(Self {
            tiers: o.opt("tiers")?,
            incidents: o.or_default("incidents")?,
            from: o.opt("from")?,
            to: o.opt("to")?,
            max_fires: o.opt("maxFires")?,
        })
    }
}

impl Read for crate::budget::backtest::BacktestInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct BacktestInput")?;
        Ok(Self { slo: o.req("slo")?, series: o.req("series")?, options: o.or_default("options")? })
    }
}

impl Read for crate::budget::composite::Component {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Component")?;
        Ok(Self { name: o.opt("name")?, weight: o.opt("weight")?, slo: o.req("slo")?, series: o.req("series")? })
    }
}

impl Read for crate::budget::composite::CompositeInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CompositeInput")?;
        Ok(Self { components: o.req("components")?, options: o.or_default("options")? })
    }
}

impl Read for crate::budget::openslo::OpenSloDoc {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct OpenSloDoc")?;
        Ok(Self {
            api_version: o.req("apiVersion")?,
            kind: o.req("kind")?,
            metadata: o.req("metadata")?,
            spec: o.req("spec")?,
        })
    }
}

impl Read for crate::budget::openslo::Metadata {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Metadata")?;
        Ok(Self { name: o.req("name")?, display_name: o.opt("displayName")? })
    }
}

impl Read for crate::budget::openslo::Spec {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Spec")?;
        Ok(Self {
            service: o.opt("service")?,
            indicator: o.opt("indicator")?,
            time_window: o.opt("timeWindow")?,
            budgeting_method: o.req("budgetingMethod")?,
            objectives: o.req("objectives")?,
        })
    }
}

impl Read for crate::budget::openslo::Indicator {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Indicator")?;
        Ok(Self { spec: o.opt("spec")? })
    }
}

impl Read for crate::budget::openslo::IndicatorSpec {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct IndicatorSpec")?;
        Ok(Self { threshold_metric: o.opt("thresholdMetric")? })
    }
}

impl Read for crate::budget::openslo::TimeWindow {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TimeWindow")?;
        Ok(Self { duration: o.req("duration")?, is_rolling: o.opt("isRolling")?, calendar: o.opt("calendar")? })
    }
}

impl Read for crate::budget::openslo::Calendar {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Calendar")?;
        Ok(Self { start_time: o.opt("startTime")?, time_zone: o.opt("timeZone")? })
    }
}

impl Read for crate::budget::openslo::Objective {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Objective")?;
        Ok(Self {
            display_name: o.opt("displayName")?,
            name: o.opt("name")?,
            op: o.opt("op")?,
            value: o.opt("value")?,
            target: o.opt("target")?,
            target_percent: o.opt("targetPercent")?,
            time_slice_target: o.opt("timeSliceTarget")?,
            time_slice_window: o.opt("timeSliceWindow")?,
            composite_weight: o.opt("compositeWeight")?,
        })
    }
}

impl Read for crate::budget::prometheus::PrometheusInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct PrometheusInput")?;
        Ok(Self {
            slo: o.req("slo")?,
            service: o.req("service")?,
            name: o.req("name")?,
            error_query: o.req("errorQuery")?,
            total_query: o.req("totalQuery")?,
            tiers: o.opt("tiers")?,
            labels: o.opt("labels")?,
        })
    }
}

impl Read for crate::budget::report::PolicyRule {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct PolicyRule")?;
        Ok(Self { state: o.req("state")?, above: o.req("above")? })
    }
}

impl Read for crate::budget::report::Policy {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Policy")?;
        Ok(Self { rules: o.req("rules")?, otherwise: o.opt("otherwise")? })
    }
}

impl Read for crate::budget::report::BudgetInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct BudgetInput")?;
        Ok(Self { slo: o.req("slo")?, series: o.req("series")?, options: o.or_default("options")? })
    }
}

impl Read for crate::budget::report::ReportOptions {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ReportOptions")?;
        Ok(Self {
            as_of: o.opt("asOf")?,
            burn_windows: o.opt("burnWindows")?,
            current_burn_window: o.opt("currentBurnWindow")?,
            policy: o.opt("policy")?,
            max_points: o.opt("maxPoints")?,
            what_if: o.opt("whatIf")?,
        })
    }
}

impl Read for crate::budget::series::SliSeries {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct SliSeries")?;
        Ok(Self {
            start: o.opt("start")?,
            step: o.req("step")?,
            t: o.opt("t")?,
            good: o.with("good", super::nan_for_null)?.flatten(),
            bad: o.with("bad", super::nan_for_null)?.flatten(),
            total: o.with("total", super::nan_for_null)?.flatten(),
            exclude: o.or_default("exclude")?,
        })
    }
}

super::read_enum!(
    crate::budget::slo::Method,
    "enum Method",
    Occurrences = "occurrences",
    Timeslices = "timeslices",
    RatioTimeslices = "ratioTimeslices"
);

super::read_enum!(crate::budget::slo::NoData, "enum NoData", Skip = "skip", Good = "good", Bad = "bad");

impl Read for crate::budget::slo::WindowSpec {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct WindowSpec")?;
        Ok(Self { duration: o.req("duration")?, rolling: o.opt("rolling")?, time_zone: o.opt("timeZone")? })
    }
}

impl Read for crate::budget::slo::WindowObject {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct WindowObject")?;
        o.deny_unknown(&["duration", "rolling", "timeZone"])?;
        Ok(Self { duration: o.req("duration")?, rolling: o.opt("rolling")?, time_zone: o.opt("timeZone")? })
    }
}

impl Read for crate::budget::slo::Slo {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Slo")?;
        Ok(Self {
            objective: o.req("objective")?,
            window: o.req_with("window", window_any)?,
            method: o.or_default("method")?,
            time_slice_target: o.opt("timeSliceTarget")?,
            time_slice_window: o.opt("timeSliceWindow")?,
            no_data: o.or_default("noData")?,
        })
    }
}

impl Read for crate::budget::tiers::TierSpec {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TierSpec")?;
        Ok(Self {
            name: o.opt("name")?,
            severity: o.opt("severity")?,
            long_window: o.req("longWindow")?,
            short_window: o.opt("shortWindow")?,
            burn_rate: o.opt("burnRate")?,
            budget_consumed: o.opt("budgetConsumed")?,
        })
    }
}

impl Read for crate::budget::tiers::AlertTier {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct AlertTier")?;
        Ok(Self {
            name: o.req("name")?,
            severity: o.req("severity")?,
            long_window: o.req("longWindow")?,
            long_window_seconds: o.req("longWindowSeconds")?,
            short_window: o.req("shortWindow")?,
            short_window_seconds: o.req("shortWindowSeconds")?,
            burn_rate: o.req("burnRate")?,
            error_rate: o.req("errorRate")?,
            budget_consumed: o.req("budgetConsumed")?,
            reachable: o.req("reachable")?,
        })
    }
}

impl Read for crate::budget::tiers::AlertTiersInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct AlertTiersInput")?;
        Ok(Self { slo: o.req("slo")?, tiers: o.opt("tiers")? })
    }
}

impl Read for crate::budget::whatif::WhatIf {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct WhatIf")?;
        Ok(Self {
            incidents: o.or_default("incidents")?,
            objective: o.opt("objective")?,
            window: o.with("window", window_any)?,
        })
    }
}

impl Read for crate::budget::whatif::HypotheticalIncident {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct HypotheticalIncident")?;
        Ok(Self {
            start: o.opt("start")?,
            duration: o.req("duration")?,
            error_rate: o.opt("errorRate")?,
            affected_fraction: o.opt("affectedFraction")?,
        })
    }
}

impl Read for crate::budget::duration::Dur {
    /// Seconds as a number, or a shorthand such as `"5m"` or `"28d"`.
    fn read<S: Source>(v: S) -> Result<Self> {
        use crate::budget::duration::{Dur, Shorthand};
        if let Some(x) = v.number() {
            return Ok(Dur(x));
        }
        match v.string() {
            Some(s) => Shorthand::parse(&s, "").map(|s| Dur(s.seconds())),
            None => Err(super::invalid_type(
                &v,
                "a duration: seconds as a number, or a string such as \"5m\", \"1h\" or \"28d\"",
            )),
        }
    }
}

/// A window written as `"28d"` or `{ duration, rolling?, timeZone? }` (what serde reads with
/// `WindowSpec::deserialize_any`).
fn window_any<S: Source>(v: S) -> Result<crate::budget::slo::WindowSpec> {
    use crate::budget::slo::{WindowObject, WindowSpec};
    if let Some(duration) = v.string() {
        return Ok(WindowSpec { duration, rolling: None, time_zone: None });
    }
    if v.entries().is_none() {
        return Err(super::invalid_type(&v, "a window: \"28d\" or { duration, rolling?, timeZone? }"));
    }
    let o = WindowObject::read(v)?;
    Ok(WindowSpec { duration: o.duration, rolling: o.rolling, time_zone: o.time_zone })
}

impl Read for crate::budget::openslo::NumOrText {
    /// A number or a string (serde's untagged enum).
    fn read<S: Source>(v: S) -> Result<Self> {
        use crate::budget::openslo::NumOrText;
        if let Some(x) = v.number() {
            return Ok(NumOrText::Num(x));
        }
        match v.string() {
            Some(s) => Ok(NumOrText::Text(s)),
            None => Err(crate::Error::new(
                crate::ErrorCode::InvalidType,
                "",
                "data did not match any variant of untagged enum NumOrText",
            )),
        }
    }
}

impl Read for serde::de::IgnoredAny {
    /// Anything, not looked at.
    fn read<S: Source>(_: S) -> Result<Self> {
        Ok(serde::de::IgnoredAny)
    }
}
