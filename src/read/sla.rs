//! [`Read`] impls of the SLA: downtime, availability, incidents, tickets, credits, composites inputs (written from their serde attributes; `tests/read.rs` checks them
//! against serde's derive).

use super::{Obj, Read, Source};
use crate::Result;

impl Read for crate::sla::availability::Outage {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Outage")?;
        Ok(Self { start: o.req("start")?, end: o.req("end")?, impact: o.opt("impact")? })
    }
}

impl Read for crate::sla::availability::SampleSeries {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct SampleSeries")?;
        Ok(Self {
            start: o.req("start")?,
            step: o.req("step")?,
            up: o.opt("up")?,
            good: o.opt("good")?,
            total: o.opt("total")?,
        })
    }
}

impl Read for crate::sla::availability::EventCounts {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct EventCounts")?;
        Ok(Self { good: o.req("good")?, total: o.req("total")? })
    }
}

super::read_enum!(crate::sla::availability::OverlapRule, "enum OverlapRule", Max = "max", SumCapped = "sumCapped");

super::read_enum!(crate::sla::composite::Combine, "enum Combine", Serial = "serial", Parallel = "parallel");

impl Read for crate::sla::composite::Component {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Component")?;
        Ok(Self {
            name: o.req("name")?,
            availability: o.opt("availability")?,
            kind: o.opt("kind")?,
            children: o.opt("children")?,
        })
    }
}

impl Read for crate::sla::composite::CompositeInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CompositeInput")?;
        Ok(Self { root: o.req("root")? })
    }
}

impl Read for crate::sla::credits::CreditTier {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CreditTier")?;
        Ok(Self { min: o.opt("min")?, max: o.opt("max")?, credit: o.req("credit")? })
    }
}

super::read_enum!(crate::sla::credits::CreditPreset, "enum CreditPreset", AwsComputeRegion = "awsComputeRegion");

impl Read for crate::sla::credits::CreditTable {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CreditTable")?;
        Ok(Self { preset: o.opt("preset")?, tiers: o.opt("tiers")? })
    }
}

impl Read for crate::sla::csat::CsatInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct CsatInput")?;
        Ok(Self { scores: o.req("scores")? })
    }
}

super::read_enum!(
    crate::sla::downtime::Convention,
    "enum Convention",
    Gregorian = "gregorian",
    Days30 = "days30",
    Days365 = "days365"
);

impl Read for crate::sla::downtime::DowntimeQuery {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct DowntimeQuery")?;
        Ok(Self { target: o.req("target")?, convention: o.or_default("convention")?, period: o.opt("period")? })
    }
}

impl Read for crate::sla::incidents::Incident {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Incident")?;
        Ok(Self {
            id: o.opt("id")?,
            start: o.req("start")?,
            detected_at: o.opt("detectedAt")?,
            acknowledged_at: o.opt("acknowledgedAt")?,
            resolved_at: o.req("resolvedAt")?,
            severity: o.opt("severity")?,
        })
    }
}

super::read_enum!(crate::sla::incidents::Statistic, "enum Statistic", Mean = "mean", Median = "median");

super::read_enum!(
    crate::sla::incidents::MttrFrom,
    "enum MttrFrom",
    Start = "start",
    Detected = "detected",
    Acknowledged = "acknowledged"
);

impl Read for crate::sla::incidents::IncidentInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct IncidentInput")?;
        Ok(Self {
            incidents: o.req("incidents")?,
            statistic: o.or_default("statistic")?,
            mttr_from: o.or_default("mttrFrom")?,
            period: o.opt("period")?,
        })
    }
}

impl Read for crate::sla::period::PeriodSpec {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct PeriodSpec")?;
        Ok(Self { start: o.opt("start")?, end: o.opt("end")?, unit: o.opt("unit")?, containing: o.opt("containing")? })
    }
}

impl Read for crate::sla::report::SlaReportInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct SlaReportInput")?;
        Ok(Self {
            target: o.req("target")?,
            period: o.req("period")?,
            time_zone: o.or_default("timeZone")?,
            outages: o.opt("outages")?,
            samples: o.opt("samples")?,
            events: o.opt("events")?,
            maintenance: o.or_default("maintenance")?,
            overlap: o.or_default("overlap")?,
            breakdown: o.opt("breakdown")?,
            credits: o.opt("credits")?,
        })
    }
}

impl Read for crate::sla::ticket_table::PauseColumns {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct PauseColumns")?;
        Ok(Self {
            offsets: o.req("offsets")?,
            start: o.req("start")?,
            end: o.with("end", super::nan_for_null)?.flatten(),
        })
    }
}

impl Read for crate::sla::ticket_table::TicketColumns {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TicketColumns")?;
        Ok(Self {
            ids: o.opt("ids")?,
            priority: o.req("priority")?,
            priority_names: o.opt("priorityNames")?,
            created_at: o.req("createdAt")?,
            first_response_at: o.with("firstResponseAt", super::nan_for_null)?.flatten(),
            resolved_at: o.with("resolvedAt", super::nan_for_null)?.flatten(),
            pauses: o.opt("pauses")?,
        })
    }
}

super::read_enum!(crate::sla::tickets::ClockKind, "enum ClockKind", Calendar = "calendar", Business = "business");

impl Read for crate::sla::tickets::Target {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Target")?;
        Ok(Self {
            seconds: o.req("seconds")?,
            clock: o.or_default("clock")?,
            due_in_working_hours: o.or_default("dueInWorkingHours")?,
        })
    }
}

impl Read for crate::sla::tickets::PriorityTargets {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct PriorityTargets")?;
        Ok(Self { response: o.opt("response")?, resolution: o.opt("resolution")? })
    }
}

impl Read for crate::sla::tickets::Pause {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Pause")?;
        Ok(Self { start: o.req("start")?, end: o.opt("end")? })
    }
}

impl Read for crate::sla::tickets::Ticket {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Ticket")?;
        Ok(Self {
            id: o.req("id")?,
            priority: o.req("priority")?,
            created_at: o.req("createdAt")?,
            first_response_at: o.opt("firstResponseAt")?,
            resolved_at: o.opt("resolvedAt")?,
            pauses: o.or_default("pauses")?,
        })
    }
}

super::read_enum!(crate::sla::tickets::PausesApplyTo, "enum PausesApplyTo", Resolution = "resolution", Both = "both");

super::read_enum!(crate::sla::tickets::TicketDetail, "enum TicketDetail", All = "all", Open = "open", None = "none");

impl Read for crate::sla::tickets::TicketInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TicketInput")?;
        Ok(Self {
            tickets: o.req("tickets")?,
            targets: o.req("targets")?,
            calendar: o.opt("calendar")?,
            as_of: o.opt("asOf")?,
            pauses_apply_to: o.or_default("pausesApplyTo")?,
            worst_offenders: o.opt("worstOffenders")?,
            percentiles: o.opt("percentiles")?,
            detail: o.or_default("detail")?,
        })
    }
}

impl Read for crate::sla::tickets::TicketOptions {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TicketOptions")?;
        Ok(Self {
            targets: o.req("targets")?,
            calendar: o.opt("calendar")?,
            as_of: o.opt("asOf")?,
            pauses_apply_to: o.or_default("pausesApplyTo")?,
            worst_offenders: o.opt("worstOffenders")?,
            percentiles: o.opt("percentiles")?,
            detail: o.or_default("detail")?,
        })
    }
}

impl Read for crate::sla::tickets::IdColumn {
    /// An array of id strings, or `{ text, offsets }`.
    fn read<S: Source>(v: S) -> Result<Self> {
        use crate::sla::tickets::IdColumn;
        if v.items().is_some() {
            return Vec::<String>::read(v).map(IdColumn::List);
        }
        if v.entries().is_none() {
            return Err(super::invalid_type(&v, "an array of id strings, or { text, offsets }"));
        }
        let mut o = Obj::new(v, "")?;
        Ok(IdColumn::Joined { text: o.req("text")?, offsets: o.req("offsets")? })
    }
}

impl Read for crate::sla::tickets::PriorityColumn {
    /// Priority names, or indices into `priorityNames`; one kind only.
    fn read<S: Source>(v: S) -> Result<Self> {
        use crate::sla::tickets::PriorityColumn;
        if let Some(x) = v.numbers() {
            return Ok(PriorityColumn::Indices(x));
        }
        let Some(items) = v.items() else {
            return Err(super::invalid_type(&v, "an array of priority names, or of indices into priorityNames"));
        };
        let (mut names, mut indices) = (Vec::new(), Vec::new());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(s) = item.string() {
                names.push(s);
            } else if let Some(x) = item.number() {
                indices.push(x);
            } else {
                let e = super::invalid_type(&item, "a priority name or an index into priorityNames");
                return Err(e.within(&format!("[{i}]")));
            }
            if !names.is_empty() && !indices.is_empty() {
                return Err(crate::Error::new(
                    crate::ErrorCode::InvalidType,
                    "",
                    "the priority column mixes names and indices; use one kind",
                ));
            }
        }
        Ok(if names.is_empty() { PriorityColumn::Indices(indices) } else { PriorityColumn::Names(names) })
    }
}
