//! [`Read`] impls of the Team health: DORA, on-call, toil, surveys, score inputs (written from their serde attributes; `tests/read.rs` checks them
//! against serde's derive).

use super::{Obj, Read, Source};
use crate::Result;

super::read_enum!(
    crate::team::benchmark::BenchmarkSet,
    "enum BenchmarkSet",
    Dora2021 = "dora-2021",
    Dora2023 = "dora-2023"
);

super::read_enum!(
    crate::team::benchmark::Tier,
    "enum Tier",
    Elite = "elite",
    High = "high",
    Medium = "medium",
    Low = "low"
);

super::read_enum!(
    crate::team::benchmark::Key,
    "enum Key",
    DeploymentFrequency = "deploymentFrequency",
    LeadTime = "leadTime",
    ChangeFailRate = "changeFailRate",
    RecoveryTime = "recoveryTime"
);

impl Read for crate::team::deploy_columns::DeploymentColumns {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct DeploymentColumns")?;
        Ok(Self {
            at: o.req("at")?,
            commit_offsets: o.opt("commitOffsets")?,
            commit_times: o.opt("commitTimes")?,
            lead_time_seconds: o.with("leadTimeSeconds", super::nan_for_null)?.flatten(),
            failed: o.with("failed", super::nan_for_null)?.flatten(),
            recovered_at: o.with("recoveredAt", super::nan_for_null)?.flatten(),
            rework: o.with("rework", super::nan_for_null)?.flatten(),
        })
    }
}

impl Read for crate::team::dora::Deployment {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Deployment")?;
        Ok(Self {
            id: o.opt("id")?,
            at: o.req("at")?,
            commit_times: o.opt("commitTimes")?,
            lead_time_seconds: o.opt("leadTimeSeconds")?,
            failed: o.opt("failed")?,
            recovered_at: o.opt("recoveredAt")?,
            caused_incident_ids: o.or_default("causedIncidentIds")?,
            rework: o.opt("rework")?,
        })
    }
}

impl Read for crate::team::dora::DoraIncident {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct DoraIncident")?;
        Ok(Self { id: o.req("id")?, start: o.req("start")?, resolved_at: o.opt("resolvedAt")? })
    }
}

impl Read for crate::team::dora::DoraInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct DoraInput")?;
        Ok(Self {
            deployments: o.or_default("deployments")?,
            deployment_columns: o.opt("deploymentColumns")?,
            incidents: o.or_default("incidents")?,
            period: o.opt("period")?,
            benchmark: o.or_default("benchmark")?,
            median: o.or_default("median")?,
            time_zone: o.or_default("timeZone")?,
        })
    }
}

impl Read for crate::team::health::TeamHealthInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct TeamHealthInput")?;
        Self::read_fields(&mut o)
    }
}

impl crate::team::health::TeamHealthInput {
    /// The fields of a team-health input, from `o` (also read by a team of the organisation document, which has
    /// them beside its `id` and `name`).
    pub(crate) fn read_fields<S: Source>(o: &mut Obj<S>) -> Result<Self> {
        Ok(Self {
            dora: o.opt("dora")?,
            on_call: o.opt("onCall")?,
            toil: o.opt("toil")?,
            surveys: o.opt("surveys")?,
            weights: o.or_default("weights")?,
            what_if: o.or_default("whatIf")?,
        })
    }
}

impl Read for crate::team::oncall::Responder {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Responder")?;
        Ok(Self { id: o.req("id")?, time_zone: o.req("timeZone")? })
    }
}

super::read_enum!(crate::team::oncall::Urgency, "enum Urgency", High = "high", Low = "low");

super::read_enum!(
    crate::team::oncall::Channel,
    "enum Channel",
    Sms = "sms",
    Push = "push",
    Phone = "phone",
    Email = "email"
);

impl Read for crate::team::oncall::Page {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Page")?;
        Ok(Self {
            at: o.req("at")?,
            responder: o.req("responder")?,
            urgency: o.opt("urgency")?,
            acknowledged_at: o.opt("acknowledgedAt")?,
            incident_id: o.opt("incidentId")?,
            channel: o.opt("channel")?,
        })
    }
}

super::read_enum!(crate::team::oncall::Role, "enum Role", Primary = "primary", Secondary = "secondary");

impl Read for crate::team::oncall::Shift {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Shift")?;
        Ok(Self { responder: o.req("responder")?, start: o.req("start")?, end: o.req("end")?, role: o.opt("role")? })
    }
}

impl Read for crate::team::oncall::OnCallInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct OnCallInput")?;
        Ok(Self {
            period: o.req("period")?,
            responders: o.req("responders")?,
            pages: o.or_default("pages")?,
            page_columns: o.opt("pageColumns")?,
            shifts: o.or_default("shifts")?,
            rotation: o.opt("rotation")?,
        })
    }
}

impl Read for crate::team::pages::PageColumns {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct PageColumns")?;
        Ok(Self {
            at: o.req("at")?,
            responder: o.req("responder")?,
            acknowledged_at: o.with("acknowledgedAt", super::nan_for_null)?.flatten(),
            incident: o.with("incident", super::nan_for_null)?.flatten(),
            high_urgency: o.with("highUrgency", super::nan_for_null)?.flatten(),
        })
    }
}

impl Read for crate::team::rotation::Rotation {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Rotation")?;
        Ok(Self {
            members: o.req("members")?,
            roles_per_shift: o.or_else("rolesPerShift", crate::team::rotation::two)?,
            sites: o.or_else("sites", crate::team::rotation::one)?,
            shift_hours: o.or_else("shiftHours", crate::team::rotation::week_hours)?,
        })
    }
}

super::read_enum!(
    crate::team::score::Part,
    "enum Part",
    Delivery = "delivery",
    SleepPages = "sleepPages",
    IncidentLoad = "incidentLoad",
    OnCallTime = "onCallTime",
    BusiestLoad = "busiestLoad",
    Toil = "toil",
    Surveys = "surveys"
);

impl Read for crate::team::score::Weights {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Weights")?;
        o.deny_unknown(&["delivery", "sleepPages", "incidentLoad", "onCallTime", "busiestLoad", "toil", "surveys"])?;
        let d = Self::default();
        Ok(Self {
            delivery: o.or("delivery", d.delivery)?,
            sleep_pages: o.or("sleepPages", d.sleep_pages)?,
            incident_load: o.or("incidentLoad", d.incident_load)?,
            on_call_time: o.or("onCallTime", d.on_call_time)?,
            busiest_load: o.or("busiestLoad", d.busiest_load)?,
            toil: o.or("toil", d.toil)?,
            surveys: o.or("surveys", d.surveys)?,
        })
    }
}

super::read_enum!(
    crate::team::stats::MedianConvention,
    "enum MedianConvention",
    Interpolated = "interpolated",
    Lower = "lower"
);

super::read_enum!(crate::team::survey::Vote, "enum Vote", Green = "green", Yellow = "yellow", Red = "red");

super::read_enum!(
    crate::team::survey::Trend,
    "enum Trend",
    Improving = "improving",
    Stable = "stable",
    Worsening = "worsening"
);

impl Read for crate::team::survey::SquadVote {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct SquadVote")?;
        Ok(Self {
            team: o.req("team")?,
            at: o.req("at")?,
            card: o.req("card")?,
            vote: o.req("vote")?,
            trend: o.opt("trend")?,
        })
    }
}

super::read_enum!(crate::team::survey::Rating, "enum Rating", Healthy = "healthy", BitSick = "bitSick", Sick = "sick");

impl Read for crate::team::survey::AttributeRating {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct AttributeRating")?;
        Ok(Self { team: o.req("team")?, at: o.req("at")?, attribute: o.req("attribute")?, rating: o.req("rating")? })
    }
}

impl Read for crate::team::survey::Answer {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Answer")?;
        Ok(Self { team: o.req("team")?, at: o.req("at")?, score: o.req("score")? })
    }
}

impl Read for crate::team::survey::SurveyInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct SurveyInput")?;
        Ok(Self {
            squad_health: o.or_default("squadHealth")?,
            atlassian: o.or_default("atlassian")?,
            enps: o.or_default("enps")?,
            csat: o.or_default("csat")?,
        })
    }
}

impl Read for crate::team::toil::ToilEntry {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ToilEntry")?;
        Ok(Self {
            person: o.or_default("person")?,
            week: o.req("week")?,
            category: o.req("category")?,
            hours: o.req("hours")?,
            toil: o.or_else("toil", crate::team::toil::yes)?,
        })
    }
}

impl Read for crate::team::toil::ToilShare {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ToilShare")?;
        Ok(Self { person: o.or_default("person")?, week: o.req("week")?, toil_fraction: o.req("toilFraction")? })
    }
}

impl Read for crate::team::toil::Automation {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Automation")?;
        Ok(Self { category: o.req("category")?, fraction: o.req("fraction")? })
    }
}

impl Read for crate::team::toil::ToilInput {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ToilInput")?;
        Ok(Self {
            entries: o.or_default("entries")?,
            entry_columns: o.opt("entryColumns")?,
            shares: o.or_default("shares")?,
            hours_per_week: o.opt("hoursPerWeek")?,
            time_zone: o.or_default("timeZone")?,
            automate: o.or_default("automate")?,
        })
    }
}

impl Read for crate::team::toil_columns::ToilEntryColumns {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct ToilEntryColumns")?;
        Ok(Self {
            people: o.opt("people")?,
            person: o.opt("person")?,
            week: o.req("week")?,
            categories: o.req("categories")?,
            category: o.req("category")?,
            hours: o.req("hours")?,
            toil: o.opt("toil")?,
        })
    }
}

impl Read for crate::team::whatif::Scenario {
    fn read<S: Source>(v: S) -> Result<Self> {
        let mut o = Obj::new(v, "an object: struct Scenario")?;
        Ok(Self {
            name: o.or_default("name")?,
            rotation_members: o.opt("rotationMembers")?,
            page_reduction: o.opt("pageReduction")?,
            automate: o.or_default("automate")?,
            shift_hours: o.opt("shiftHours")?,
        })
    }
}
