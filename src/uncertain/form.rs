//! From a range as written to a distribution: each form's rules (A below B, a lognormal's A
//! above 0, min ≤ likely ≤ max, weights above 0, months that parse) and its description.
//!
//! Numbers: `"A to B"` is a lognormal (a normal with `shape = "normal"`); `{ min, likely, max }`
//! PERT; `{ min, max }` uniform. Months live on a month axis where month m covers [m, m+1):
//! `"A to B"` is a normal with 5% before A's first day and 5% after B's last; PERT and uniform
//! span [A, B+1), a PERT's mode being the middle of its `likely` month.

use std::ops::Range;

use super::dist::Shape;
use super::keys::Kind;
use super::refclass;
use crate::input::raw::{Form, S};
use crate::units::YearMonth;

/// A problem with a range: where, and what.
pub type Problem = (Range<usize>, String);

/// What a form's bounds are: numbers or months.
pub trait Bounds {
    /// The distribution and its description; `Err` with every problem found. `span` is the
    /// whole value's.
    fn shape_of(&self, kind: Kind, span: &Range<usize>) -> Result<(Shape, String), Vec<Problem>>;
}

/// The distribution of `form` (written at `span`) for a key of `kind`.
pub fn shape<B>(
    form: &Form<B>,
    kind: Kind,
    span: &Range<usize>,
) -> Result<(Shape, String), Vec<Problem>>
where
    Form<B>: Bounds,
{
    form.shape_of(kind, span)
}

/// A factor where a distribution was expected (factors are resolved before shapes are made,
/// so this is only reached by a form nobody resolved).
fn factor_here(span: &Range<usize>) -> Vec<Problem> {
    vec![(span.clone(), "a factor cannot be used here".into())]
}

/// `{ reference = "NAME" }`: the class's slips, as months of delay; with `lead_months = N`,
/// the slips relative to their plans' leads (cases with a lead above 0), times N.
fn reference(
    name: &S<String>,
    lead_months: Option<&S<f64>>,
    kind: Kind,
) -> Result<(Shape, String), Vec<Problem>> {
    let Some(class) = refclass::class(&name.value) else {
        return Err(vec![(
            name.span(),
            format!(
                "unknown reference class `{}` (the classes: {}; `gpuplan refclass` lists their cases)",
                name.value,
                refclass::names()
            ),
        )]);
    };
    let (slips, what) = match lead_months {
        None => (refclass::slips(&class.name), "cases".to_string()),
        Some(lead) => {
            let n = lead.value;
            if !(n > 0.0 && n <= MAX_LEAD_MONTHS) {
                return Err(vec![(
                    lead.span(),
                    format!(
                        "`lead_months` is the months from when the plan was stated to its planned date: above 0 and at most {MAX_LEAD_MONTHS} (got {})",
                        number(n)
                    ),
                )]);
            }
            let relative = refclass::relative_slips(&class.name);
            if relative.is_empty() {
                return Err(vec![(
                    lead.span(),
                    format!(
                        "no case of reference class `{}` has a lead, so its slips cannot be scaled to one: leave out `lead_months`",
                        class.name
                    ),
                )]);
            }
            let scaled = relative.iter().map(|r| r * n).collect();
            (
                scaled,
                format!("cases' slip per month of lead × {} months", number(n)),
            )
        }
    };
    let (lo, hi) = slips
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    let describe = format!(
        "reference class {}: {} {what}, {} to {} months{}",
        class.name,
        slips.len(),
        number(lo),
        number(hi),
        rounded(kind)
    );
    Ok((Shape::empirical(slips), describe))
}

/// The longest lead a plan can have: a horizon's length (100 years).
const MAX_LEAD_MONTHS: f64 = 1200.0;

/// A number as written in descriptions: no trailing zeros.
fn number(x: f64) -> String {
    crate::numbers::short(x)
}

fn rounded(kind: Kind) -> &'static str {
    if kind == Kind::Whole { ", rounded" } else { "" }
}

impl Bounds for Form<f64> {
    fn shape_of(&self, kind: Kind, span: &Range<usize>) -> Result<(Shape, String), Vec<Problem>> {
        let round = rounded(kind);
        match self {
            Form::Interval { p5, p95, shape } => number_interval(p5, p95, shape.as_ref(), round),
            Form::Pert { min, likely, max } => {
                pert_order(min, likely, max, |x| number(*x))?;
                Ok((
                    Shape::pert(min.value, likely.value, max.value),
                    format!(
                        "PERT {}, likely {}, {}{round}",
                        number(min.value),
                        number(likely.value),
                        number(max.value)
                    ),
                ))
            }
            Form::Uniform { min, max } => {
                if !(min.value.is_finite() && max.value.is_finite()) || min.value >= max.value {
                    return Err(vec![(
                        min.span.start..max.span.end,
                        format!(
                            "`min` must be below `max` (got {} and {})",
                            number(min.value),
                            number(max.value)
                        ),
                    )]);
                }
                Ok((
                    Shape::Uniform {
                        lo: min.value,
                        hi: max.value,
                    },
                    format!(
                        "uniform {} to {}{round}",
                        number(min.value),
                        number(max.value)
                    ),
                ))
            }
            Form::Choose(choices) => {
                let values: Vec<(f64, S<f64>)> =
                    choices.iter().map(|(v, w)| (v.value, w.clone())).collect();
                choose(&values, span, |x| number(*x))
            }
            Form::Factor(_) => Err(factor_here(span)),
            Form::Reference { class, lead_months } => reference(class, lead_months.as_ref(), kind),
        }
    }
}

impl Bounds for Form<String> {
    fn shape_of(&self, _: Kind, span: &Range<usize>) -> Result<(Shape, String), Vec<Problem>> {
        match self {
            Form::Interval { p5, p95, shape } => month_interval(p5, p95, shape.as_ref()),
            Form::Pert { min, likely, max } => {
                let m = months(&[min, likely, max])?;
                let (a, l, b) = (m[0], m[1], m[2]);
                if !(a <= l && l <= b) {
                    return Err(vec![(
                        min.span.start..max.span.end,
                        format!(
                            "`min`, `likely` and `max` must be in that order (got {}, {}, {})",
                            min.value, likely.value, max.value
                        ),
                    )]);
                }
                Ok((
                    Shape::pert(a, l + 0.5, b + 1.0),
                    format!("PERT {}, likely {}, {}", min.value, likely.value, max.value),
                ))
            }
            Form::Uniform { min, max } => {
                let m = months(&[min, max])?;
                if m[0] > m[1] {
                    return Err(vec![(
                        min.span.start..max.span.end,
                        format!(
                            "`min` must not be after `max` (got {} and {})",
                            min.value, max.value
                        ),
                    )]);
                }
                Ok((
                    Shape::Uniform {
                        lo: m[0],
                        hi: m[1] + 1.0,
                    },
                    format!("uniform {} to {}", min.value, max.value),
                ))
            }
            Form::Choose(choices) => {
                let parsed = months(&choices.iter().map(|(v, _)| v).collect::<Vec<_>>())?;
                // Each month's middle, so that its draws floor to it.
                let values: Vec<(f64, S<f64>)> = parsed
                    .iter()
                    .zip(choices)
                    .map(|(&m, (_, w))| (m + 0.5, w.clone()))
                    .collect();
                choose(&values, span, |m| {
                    YearMonth::from_index(m.floor() as i64).map_or(String::new(), |m| m.to_string())
                })
            }
            Form::Factor(_) => Err(factor_here(span)),
            Form::Reference { class, .. } => Err(vec![(
                class.span(),
                "a reference class gives months of delay, not a month: use it in `delay_months` or a [[factor]]".into(),
            )]),
        }
    }
}

/// `"A to B"` or `{ p5, p95, shape }` of numbers: lognormal (ends above 0) or normal.
fn number_interval(
    p5: &S<f64>,
    p95: &S<f64>,
    shape: Option<&S<String>>,
    round: &str,
) -> Result<(Shape, String), Vec<Problem>> {
    let (a, b) = (p5.value, p95.value);
    let normal = match shape.map(|s| s.value.as_str()) {
        None | Some("lognormal") => false,
        Some("normal") => true,
        Some(other) => {
            let span = shape.map_or(p5.span(), S::span);
            return Err(vec![(
                span,
                format!("unknown shape `{other}` (expected one of: normal, lognormal)"),
            )]);
        }
    };
    if !(a.is_finite() && b.is_finite()) || a >= b {
        return Err(vec![(
            p5.span.start..p95.span.end,
            format!(
                "a range \"A to B\" needs A below B (got {} to {})",
                number(a),
                number(b)
            ),
        )]);
    }
    if normal {
        Ok((
            Shape::normal_interval(a, b),
            format!("normal, 90% in {} to {}{round}", number(a), number(b)),
        ))
    } else if a <= 0.0 {
        Err(vec![(
            p5.span(),
            format!(
                "for a value anywhere from {a} to {b}, write {{ min = {a}, max = {b} }} (every value between equally likely), or {{ min = {a}, likely = …, max = {b} }} with the most likely value; \"{a} to {b}\" is a 90% interval of a lognormal, whose ends must be above 0 (or add shape = \"normal\": {{ p5 = {a}, p95 = {b}, shape = \"normal\" }})",
                a = number(a),
                b = number(b),
            ),
        )])
    } else {
        Ok((
            Shape::lognormal_interval(a, b),
            format!("lognormal, 90% in {} to {}{round}", number(a), number(b)),
        ))
    }
}

/// `"A to B"` or `{ p5, p95 }` of months: normal on the month axis.
fn month_interval(
    p5: &S<String>,
    p95: &S<String>,
    shape: Option<&S<String>>,
) -> Result<(Shape, String), Vec<Problem>> {
    if let Some(s) = shape
        && s.value != "normal"
    {
        return Err(vec![(
            s.span(),
            format!(
                "a month range is normal on the month axis; `shape = \"{}\"` does not apply",
                s.value
            ),
        )]);
    }
    let m = months(&[p5, p95])?;
    if m[0] > m[1] {
        return Err(vec![(
            p5.span.start..p95.span.end,
            format!(
                "a range \"A to B\" needs A no later than B (got {} to {})",
                p5.value, p95.value
            ),
        )]);
    }
    // 5% before A's first day, 5% after B's last: [A, B + 1).
    Ok((
        Shape::normal_interval(m[0], m[1] + 1.0),
        format!("normal, 90% in {} to {}", p5.value, p95.value),
    ))
}

/// A month of a range as a month-axis index.
fn month(s: &S<String>) -> Result<f64, Problem> {
    YearMonth::parse(&s.value)
        .map(|m| f64::from(m.index()))
        .ok_or_else(|| {
            (
                s.span(),
                format!(
                    "malformed month `{}`: expected \"YYYY-MM\" with a month from 01 to 12",
                    s.value
                ),
            )
        })
}

/// The months of a range, or every one that is malformed.
fn months(list: &[&S<String>]) -> Result<Vec<f64>, Vec<Problem>> {
    let parsed: Vec<Result<f64, Problem>> = list.iter().map(|s| month(s)).collect();
    let problems: Vec<Problem> = parsed.iter().filter_map(|r| r.clone().err()).collect();
    if problems.is_empty() {
        Ok(parsed.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(problems)
    }
}

/// PERT's order rule: min ≤ likely ≤ max, min < max.
fn pert_order<B>(
    min: &S<B>,
    likely: &S<B>,
    max: &S<B>,
    show: impl Fn(&B) -> String,
) -> Result<(), Vec<Problem>>
where
    B: PartialOrd,
{
    if min.value <= likely.value && likely.value <= max.value && min.value < max.value {
        Ok(())
    } else {
        Err(vec![(
            min.span.start..max.span.end,
            format!(
                "`min`, `likely` and `max` must be in that order, with `min` below `max` (got {}, {}, {})",
                show(&min.value),
                show(&likely.value),
                show(&max.value)
            ),
        )])
    }
}

/// Discrete alternatives: weights above 0.
fn choose(
    values: &[(f64, S<f64>)],
    span: &Range<usize>,
    show: impl Fn(&f64) -> String,
) -> Result<(Shape, String), Vec<Problem>> {
    let problems: Vec<Problem> = values
        .iter()
        .filter(|(_, w)| !(w.value.is_finite() && w.value > 0.0))
        .map(|(_, w)| {
            (
                w.span(),
                format!(
                    "a choice's `weight` must be above 0 (got {})",
                    number(w.value)
                ),
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    if values.is_empty() || values.iter().any(|(v, _)| !v.is_finite()) {
        return Err(vec![(
            span.clone(),
            "`choose` needs at least one { value, weight } with a finite value".into(),
        )]);
    }
    let total: f64 = values.iter().map(|(_, w)| w.value).sum();
    let describe = values
        .iter()
        .map(|(v, w)| format!("{} ({:.0}%)", show(v), w.value / total * 100.0))
        .collect::<Vec<_>>()
        .join(", ");
    Ok((
        Shape::discrete(values.iter().map(|(v, w)| (*v, w.value)).collect()),
        format!("choose {describe}"),
    ))
}
