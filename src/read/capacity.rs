//! [`Read`] impls of the Capacity: series, forecasts, runway queries, Erlang C inputs (written from their serde attributes; `tests/read.rs` checks them
//! against serde's derive).

use super::{Obj, Read, Source};
use crate::Result;

impl Read for crate::capacity::erlang::ErlangCInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ErlangCInput")?;
        Ok(Self {
            arrival_rate: o.req("arrivalRate")?,
            mean_service_time: o.req("meanServiceTime")?,
            servers: o.req("servers")?,
            target_wait: o.opt("targetWait")?,
            percentiles: o.opt("percentiles")?,
        })
    }
}

impl Read for crate::capacity::erlang::StaffingTarget {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct StaffingTarget")?;
        Ok(Self {
            service_level: o.opt("serviceLevel")?,
            within_seconds: o.opt("withinSeconds")?,
            max_mean_wait: o.opt("maxMeanWait")?,
            max_p_wait: o.opt("maxPWait")?,
            max_utilisation: o.opt("maxUtilisation")?,
        })
    }
}

impl Read for crate::capacity::erlang::StaffingInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct StaffingInput")?;
        Ok(Self {
            arrival_rate: o.req("arrivalRate")?,
            mean_service_time: o.req("meanServiceTime")?,
            target: o.req("target")?,
        })
    }
}

super::read_enum!(
    crate::capacity::forecast::TransformChoice,
    "enum TransformChoice",
    Auto = "auto",
    None = "none",
    Log = "log"
);

impl Read for crate::capacity::forecast::ForecastInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ForecastInput")?;
        Ok(Self {
            series: o.req("series")?,
            horizon: o.req("horizon")?,
            levels: o.opt("levels")?,
            model: o.opt("model")?,
            seasonal_periods: o.opt("seasonalPeriods")?,
            transform: o.or_default("transform")?,
            box_cox_lambda: o.opt("boxCoxLambda")?,
        })
    }
}

super::read_enum!(crate::capacity::runway::Direction, "enum Direction", Above = "above", Below = "below");

impl Read for crate::capacity::runway::StepChange {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct StepChange")?;
        Ok(Self { at: o.req("at")?, factor: o.opt("factor")?, add: o.opt("add")? })
    }
}

impl Read for crate::capacity::runway::CapacityChange {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CapacityChange")?;
        Ok(Self { at: o.req("at")?, delta: o.req("delta")? })
    }
}

impl Read for crate::capacity::runway::Scenario {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Scenario")?;
        Ok(Self {
            name: o.opt("name")?,
            growth: o.opt("growth")?,
            steps: o.or_default("steps")?,
            capacity_changes: o.or_default("capacityChanges")?,
        })
    }
}

impl Read for crate::capacity::runway::RunwayQuery {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct RunwayQuery")?;
        Ok(Self {
            capacity: o.req("capacity")?,
            utilisation_target: o.opt("utilisationTarget")?,
            largest_unit: o.opt("largestUnit")?,
            level: o.opt("level")?,
            direction: o.or_default("direction")?,
            scenarios: o.or_default("scenarios")?,
        })
    }
}

impl Read for crate::capacity::runway::RunwayInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct RunwayInput")?;
        Ok(Self {
            series: o.req("series")?,
            horizon: o.req("horizon")?,
            model: o.opt("model")?,
            seasonal_periods: o.opt("seasonalPeriods")?,
            transform: o.or_default("transform")?,
            capacity: o.req("capacity")?,
            utilisation_target: o.opt("utilisationTarget")?,
            largest_unit: o.opt("largestUnit")?,
            level: o.opt("level")?,
            direction: o.or_default("direction")?,
            scenarios: o.or_default("scenarios")?,
        })
    }
}

impl Read for crate::capacity::series::SeriesInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct SeriesInput")?;
        Ok(Self {
            start: o.opt("start")?,
            step: o.opt("step")?,
            timestamps: o.opt("timestamps")?,
            values: o.req("values")?,
        })
    }
}

impl Read for crate::capacity::series::Values {
    /// Numbers, `null` for a missing value (NaN); at most [`crate::error::check::MAX_ITEMS`].
    fn read<S: Source>(v: S) -> Result<Self> {
        use crate::error::check::MAX_ITEMS;
        let values = match v.numbers() {
            Some(x) => x,
            None if v.items().is_some() => {
                let x: Vec<Option<f64>> = Read::read(v)?;
                x.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()
            }
            None => return Err(super::invalid_type(&v, "an array of numbers (null for a missing value)")),
        };
        if values.len() > MAX_ITEMS {
            return Err(crate::Error::new(crate::ErrorCode::TooLarge, "", format!("more than {MAX_ITEMS} values")));
        }
        Ok(crate::capacity::series::Values(values))
    }
}
