//! Composite availability of a service built from independent components, as a named tree of serial nodes (all
//! children needed: A = ∏ aᵢ) and parallel nodes (any child suffices: A = 1 − ∏ (1 − aᵢ)).
//!
//! For each leaf the output says what improving it alone would buy:
//! - `ifPerfect`: the composite if this component never failed, and `gainIfPerfect` over today's composite;
//! - `ifOneMoreNine`: the composite if this component's unavailability were cut tenfold (99.9% → 99.99%), and
//!   `gainPerNine`;
//! - `marginalGain`: ∂A/∂aᵢ (Birnbaum importance), the composite gain per unit of this component's availability.
//!
//! Leaves are ranked by `gainPerNine` (the realistic next step), then `gainIfPerfect`; `bestImprovement` names the top
//! leaf. Because every leaf appears once, the composite is linear in each leaf, so ∂A/∂aᵢ = A(aᵢ=1) − A(aᵢ=0).

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::fx::FxSet;

/// The most nodes a tree may have.
const MAX_NODES: usize = 2_000;
/// The deepest a tree may nest.
const MAX_DEPTH: usize = 64;

/// How a group's children combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Combine {
    /// All children are needed.
    Serial,
    /// Any one child suffices (independent redundancy).
    Parallel,
}

/// A node: a leaf (`availability`) or a group (`kind` and `children`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Component {
    /// A name, unique in the tree.
    pub name: String,
    /// A leaf's availability, a fraction in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    /// A group's combination rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Combine>,
    /// A group's children, at least one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<Component>>,
}

/// Input of [`composite_availability`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompositeInput {
    /// The root of the tree.
    pub root: Component,
}

/// A node's computed availability.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeResult {
    /// Its name.
    pub name: String,
    /// "leaf", "serial" or "parallel".
    pub kind: &'static str,
    /// Its availability.
    pub availability: f64,
    /// Its children, for groups.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeResult>,
}

/// What improving one leaf would buy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// The leaf's name.
    pub name: String,
    /// Names from the root to the leaf, joined by "/".
    pub path: String,
    /// The leaf's availability.
    pub availability: f64,
    /// ∂A/∂a: composite gain per unit of this leaf's availability.
    pub marginal_gain: f64,
    /// The composite if this leaf were perfect.
    pub if_perfect: f64,
    /// ifPerfect − composite.
    pub gain_if_perfect: f64,
    /// The composite if this leaf's unavailability were a tenth of today's.
    pub if_one_more_nine: f64,
    /// ifOneMoreNine − composite.
    pub gain_per_nine: f64,
    /// The share of the composite's unavailability this leaf alone would remove if perfect:
    /// gainIfPerfect / (1 − composite); 0 when the composite is perfect.
    pub share_of_unavailability: f64,
}

/// Result of [`composite_availability`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompositeResult {
    /// The composite availability.
    pub availability: f64,
    /// The tree with every node's availability.
    pub tree: NodeResult,
    /// One entry per leaf, best improvement first.
    pub contributions: Vec<Contribution>,
    /// The leaf whose single improvement (one more nine) raises the composite most.
    pub best_improvement: String,
}

fn validate(c: &Component, path: &str, depth: usize, names: &mut FxSet<String>, count: &mut usize) -> Result<()> {
    *count += 1;
    if *count > MAX_NODES {
        return Err(Error::new(ErrorCode::TooLarge, path, format!("a tree may have at most {MAX_NODES} nodes")));
    }
    if depth > MAX_DEPTH {
        return Err(Error::new(ErrorCode::TooLarge, path, format!("a tree may nest at most {MAX_DEPTH} levels")));
    }
    if c.name.trim().is_empty() {
        return Err(Error::new(ErrorCode::MissingField, join_path(path, "name"), "every component needs a name"));
    }
    if !names.insert(c.name.clone()) {
        return Err(Error::new(
            ErrorCode::Duplicate,
            join_path(path, "name"),
            format!("the name \"{}\" is used twice; names must be unique", c.name),
        ));
    }
    match (c.availability, c.kind, &c.children) {
        (Some(a), None, None) => {
            check::fraction(a, &join_path(path, "availability"))?;
        }
        (None, Some(_), Some(children)) => {
            let cp = join_path(path, "children");
            check::list_len(children.len(), &cp)?;
            for (i, ch) in children.iter().enumerate() {
                validate(ch, &index_path(&cp, i), depth + 1, names, count)?;
            }
        }
        (None, None, Some(_)) => {
            return Err(Error::new(
                ErrorCode::MissingField,
                join_path(path, "kind"),
                "a group needs `kind`: \"serial\" (all needed) or \"parallel\" (any suffices)",
            ));
        }
        (None, Some(_), None) => {
            return Err(Error::new(ErrorCode::MissingField, join_path(path, "children"), "a group needs `children`"));
        }
        (None, None, None) => {
            return Err(Error::new(
                ErrorCode::MissingField,
                join_path(path, "availability"),
                "a leaf needs `availability`; a group needs `kind` and `children`",
            ));
        }
        (Some(_), _, _) => {
            return Err(Error::new(
                ErrorCode::Infeasible,
                join_path(path, "availability"),
                "a component is either a leaf (availability) or a group (kind, children), not both",
            ));
        }
    }
    Ok(())
}

/// The availability of `c`, with the leaf named `over` replaced by `value`.
fn eval(c: &Component, over: Option<(&str, f64)>) -> f64 {
    match (&c.children, c.kind) {
        (Some(children), Some(kind)) => {
            let vals = children.iter().map(|ch| eval(ch, over));
            match kind {
                Combine::Serial => vals.product(),
                Combine::Parallel => 1.0 - vals.map(|a| 1.0 - a).product::<f64>(),
            }
        }
        _ => match over {
            Some((name, v)) if name == c.name => v,
            _ => c.availability.unwrap_or(0.0),
        },
    }
}

fn tree(c: &Component) -> NodeResult {
    let (kind, children) = match (&c.children, c.kind) {
        (Some(ch), Some(Combine::Serial)) => ("serial", ch.iter().map(tree).collect()),
        (Some(ch), Some(Combine::Parallel)) => ("parallel", ch.iter().map(tree).collect()),
        _ => ("leaf", Vec::new()),
    };
    NodeResult { name: c.name.clone(), kind, availability: eval(c, None), children }
}

fn leaves<'a>(c: &'a Component, prefix: &str, out: &mut Vec<(&'a Component, String)>) {
    let path = if prefix.is_empty() { c.name.clone() } else { format!("{prefix}/{}", c.name) };
    match &c.children {
        Some(ch) => ch.iter().for_each(|x| leaves(x, &path, out)),
        None => out.push((c, path)),
    }
}

/// Compute the composite availability and each leaf's contribution. Errors (paths like `root.children[1].name`):
/// a missing name, a duplicate name, a leaf availability outside [0, 1], a group without kind or with no children,
/// a node that is both leaf and group, more than 2,000 nodes or 64 levels.
pub fn composite_availability(input: &CompositeInput) -> Result<CompositeResult> {
    let mut names = FxSet::default();
    let mut count = 0;
    validate(&input.root, "root", 0, &mut names, &mut count)?;
    let a = eval(&input.root, None);
    let mut ls = Vec::new();
    leaves(&input.root, "", &mut ls);
    let mut contributions: Vec<Contribution> = ls
        .into_iter()
        .map(|(leaf, path)| {
            let ai = leaf.availability.unwrap_or(0.0);
            let hi = eval(&input.root, Some((&leaf.name, 1.0)));
            let lo = eval(&input.root, Some((&leaf.name, 0.0)));
            let nine = eval(&input.root, Some((&leaf.name, 1.0 - (1.0 - ai) / 10.0)));
            Contribution {
                name: leaf.name.clone(),
                path,
                availability: ai,
                marginal_gain: hi - lo,
                if_perfect: hi,
                gain_if_perfect: hi - a,
                if_one_more_nine: nine,
                gain_per_nine: nine - a,
                share_of_unavailability: if a < 1.0 { (hi - a) / (1.0 - a) } else { 0.0 },
            }
        })
        .collect();
    crate::sort::sort_by(&mut contributions, |x, y| {
        y.gain_per_nine.total_cmp(&x.gain_per_nine).then(y.gain_if_perfect.total_cmp(&x.gain_if_perfect))
    });
    let best_improvement = contributions.first().map(|c| c.name.clone()).unwrap_or_default();
    Ok(CompositeResult { availability: a, tree: tree(&input.root), contributions, best_improvement })
}
