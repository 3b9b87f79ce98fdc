#![cfg(not(target_arch = "wasm32"))]
//! The input readers of `src/read/` against serde's derive, which stays on every input type for Rust users and
//! the JSON Schema: on every input of a corpus and on thousands of mutations of it, both readers must accept the
//! same inputs with the same value (compared by `Debug`), or reject them with the same code and message.
//!
//! The corpus: `examples/org.json` and every JSON input of the boundary tests (`tests/web/*.rs`, the
//! `js(r#"..."#)` literals), each tried as every top-level input type. Each input that a type accepts is then
//! mutated one place at a time: a field removed, or a value replaced by `"x"`, `1.5`, `-1`, `null`, `true`, `[]`,
//! `{}` or `[1, "x"]`.
//!
//! serde_json differs from the JS boundary in a few ways, and those are normalised or skipped: a whole number of
//! the wrong type is "integer `5`" (JS numbers are all "floating point `5.0`"); `null` is "null" (the boundary,
//! like serde, says "unit value"); it reads a struct from an array of its fields, which the boundary never did; and
//! it words an enum's type errors its own way (only the codes are compared there). And where an input has a missing
//! field and another error, serde may report the other one first (it reads in key order, and reports missing fields
//! last); the readers report the first problem in field order.

use std::fmt::Debug;

use opscore::Error;
use opscore::read::{Kind, Read, Source};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A JSON value as a reader source.
struct J(Value);

impl Source for J {
    fn kind(&self) -> Kind {
        match &self.0 {
            Value::Null => Kind::Nullish,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(n) => Kind::Num(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Kind::Str(s.clone()),
            Value::Array(_) => Kind::Seq,
            Value::Object(_) => Kind::Map,
        }
    }
    fn is_nullish(&self) -> bool {
        self.0.is_null()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn string(&self) -> Option<String> {
        self.0.as_str().map(str::to_string)
    }
    fn numbers(&self) -> Option<Vec<f64>> {
        self.0.as_array()?.iter().map(Value::as_f64).collect()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.0.as_array()?.iter().cloned().map(J).collect())
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        Some(self.0.as_object()?.iter().map(|(k, v)| (k.clone(), J(v.clone()))).collect())
    }
}

/// serde_json's wording of a type error, as the JS boundary words it.
fn normalise(message: &str) -> String {
    let mut out = message.replace("invalid type: null,", "invalid type: unit value,");
    if let Some(rest) = out.strip_prefix("invalid type: integer `")
        && let Some((n, tail)) = rest.split_once('`')
    {
        out = format!("invalid type: floating point `{n}.0`{tail}");
    }
    out
}

/// How one reader did: the value's `Debug`, or the error's code and message.
fn outcome<T: Debug>(r: Result<T, Error>) -> Result<String, (String, String)> {
    r.map(|v| format!("{v:?}")).map_err(|e| (e.code.as_str().to_string(), normalise(&e.message)))
}

/// Both readers on one input; `Err` describes a disagreement. `Ok(true)` when the input was accepted.
fn agree<T: Read + DeserializeOwned + Debug>(v: &Value) -> Result<bool, String> {
    let ours = outcome(opscore::read::read::<T, _>(J(v.clone())));
    let serde = outcome(serde_json::from_value::<T>(v.clone()).map_err(|e| Error::from_serde("", &e.to_string())));
    match (&ours, &serde) {
        (Ok(a), Ok(b)) if a == b => Ok(true),
        (Err(a), Err(b)) if a == b => Ok(false),
        // serde_json also reads a struct from an array of its fields in order; the JS boundary never did (a
        // struct is an object), so an array there is an error either way.
        (Err(a), _) if a.1.starts_with("invalid type: sequence, expected an object: struct") => Ok(false),
        // serde reads the fields in the input's key order and reports missing fields after the last key; the readers
        // read in the type's field order and stop at the first problem. With a missing field and another error in
        // one input, each may report a different one of the two.
        (Err(a), Err(_)) if a.0 == "missing_field" => Ok(false),
        // serde_json words an enum's type errors its own way ("expected string or map"); the JS boundary words
        // them as serde's derive does ("expected enum Urgency"), as before: the code must agree.
        (Err(a), Err(b))
            if a.0 == b.0 && (b.1.contains("expected string or map") || b.1.contains("map with a single key")) =>
        {
            Ok(false)
        }
        _ => Err(format!(
            "{}\n  ours:  {:.300}\n  serde: {:.300}",
            std::any::type_name::<T>(),
            format!("{ours:?}"),
            format!("{serde:?}")
        )),
    }
}

/// Every one-place mutation of `v`, with what was changed.
fn mutations(v: &Value) -> Vec<(String, Value)> {
    let replacements =
        [json!("x"), json!(1.5), json!(-1), Value::Null, json!(true), json!([]), json!({}), json!([1, "x"])];
    let mut pointers = Vec::new();
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                    out.push(p.clone());
                    walk(x, p, out);
                }
            }
            // Long arrays: their first two elements are enough.
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate().take(2) {
                    let p = format!("{at}/{i}");
                    out.push(p.clone());
                    walk(x, p, out);
                }
            }
            _ => {}
        }
    }
    walk(v, String::new(), &mut pointers);
    let mut out = Vec::new();
    for p in &pointers {
        for r in &replacements {
            let mut m = v.clone();
            if let Some(slot) = m.pointer_mut(p) {
                *slot = r.clone();
                out.push((format!("{p} = {r}"), m));
            }
        }
        let (parent, key) = p.rsplit_once('/').unwrap_or(("", p));
        let mut m = v.clone();
        if let Some(Value::Object(obj)) = m.pointer_mut(parent) {
            obj.remove(&key.replace("~1", "/").replace("~0", "~"));
            out.push((format!("{p} removed"), m));
        }
    }
    out
}

/// The corpus: the example organisation, `tests/read/corpus.json` (inputs no boundary test writes as JSON) and
/// the boundary tests' JSON inputs.
fn corpus() -> Vec<Value> {
    let root = env!("CARGO_MANIFEST_DIR");
    let file =
        |p: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(format!("{root}/{p}")).unwrap()).unwrap() };
    let mut out = vec![file("examples/org.json")];
    out.extend(file("tests/read/corpus.json").as_array().unwrap().iter().cloned());
    let mut files: Vec<_> =
        std::fs::read_dir(format!("{root}/tests/web")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for chunk in text.split("js(r#\"").skip(1) {
            if let Some((lit, _)) = chunk.split_once("\"#")
                && let Ok(v) = serde_json::from_str::<Value>(lit)
            {
                out.push(v);
            }
        }
    }
    out
}

/// Run `T` over the corpus, and over the mutations of each input `T` accepts; returns (accepted, checked).
fn check<T: Read + DeserializeOwned + Debug>(corpus: &[Value], failures: &mut Vec<String>) -> (usize, usize) {
    let (mut accepted, mut checked) = (0, 0);
    for (i, v) in corpus.iter().enumerate() {
        checked += 1;
        match agree::<T>(v) {
            Ok(true) => {
                accepted += 1;
                for (change, m) in mutations(v) {
                    checked += 1;
                    if let Err(e) = agree::<T>(&m) {
                        failures.push(format!("{e}\n  corpus input {i}, {change}"));
                    }
                }
            }
            Ok(false) => {}
            Err(e) => failures.push(format!("{e}\n  corpus input {i}")),
        }
    }
    (accepted, checked)
}

#[test]
fn the_readers_agree_with_serde_on_the_corpus_and_its_mutations() {
    use opscore::{budget, capacity, org, sla, team};
    let corpus = corpus();
    assert!(corpus.len() > 50, "the corpus shrank to {} inputs", corpus.len());
    let mut failures = Vec::new();
    let mut accepted = Vec::new();
    macro_rules! types {
        ($($t:ty),+ $(,)?) => {$(
            let (a, n) = check::<$t>(&corpus, &mut failures);
            accepted.push((stringify!($t), a, n));
        )+};
    }
    types!(
        org::document::OrgDocument,
        org::scorecard::ScorecardOptions,
        sla::downtime::DowntimeQuery,
        sla::csat::CsatInput,
        sla::report::SlaReportInput,
        sla::incidents::IncidentInput,
        sla::tickets::TicketInput,
        sla::tickets::TicketOptions,
        sla::composite::CompositeInput,
        budget::report::BudgetInput,
        budget::report::ReportOptions,
        budget::tiers::AlertTiersInput,
        budget::prometheus::PrometheusInput,
        budget::backtest::BacktestInput,
        budget::composite::CompositeInput,
        budget::slo::Slo,
        budget::series::SliSeries,
        capacity::forecast::ForecastInput,
        capacity::runway::RunwayInput,
        capacity::runway::RunwayQuery,
        capacity::erlang::ErlangCInput,
        capacity::erlang::StaffingInput,
        team::dora::DoraInput,
        team::oncall::OnCallInput,
        team::toil::ToilInput,
        team::survey::SurveyInput,
        team::health::TeamHealthInput,
    );
    let mut checked = 0;
    for (t, a, n) in &accepted {
        eprintln!("{t}: {a} inputs accepted, {n} checked");
        checked += n;
    }
    eprintln!("{checked} inputs checked in all");
    assert!(
        failures.is_empty(),
        "{} disagreements; the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(8)].join("\n")
    );
    // Every type must be exercised by at least one accepted input, or its mutations never run.
    let unexercised: Vec<_> = accepted.iter().filter(|(_, a, _)| *a == 0).map(|(t, _, _)| *t).collect();
    assert!(unexercised.is_empty(), "no corpus input is accepted as: {unexercised:?}");
}
