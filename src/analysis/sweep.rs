//! Sweeps (`gpuplan sweep`, docs/methods.md: What would it take): the scenario run at every point of a
//! grid of values of one or two keys — once each, or over samples on common random numbers —
//! with what each run says about every target.

use super::trial::{self, Assignment, Mode, TargetTrial};
use crate::model::Scenario;
use crate::uncertain::keys::Kind;
use crate::uncertain::paths::Variable;

/// Steps when none are given.
pub const DEFAULT_STEPS: usize = 11;

/// One key and the values it takes.
#[derive(Debug, Clone)]
pub struct Dimension<'a> {
    /// The key.
    pub variable: &'a Variable,
    /// Its values, in order.
    pub values: Vec<f64>,
}

impl<'a> Dimension<'a> {
    /// `steps` values evenly spaced from `from` to `to`, both included (whole numbers and
    /// months rounded to whole, repeats dropped).
    pub fn new(variable: &'a Variable, from: f64, to: f64, steps: usize) -> Dimension<'a> {
        let steps = steps.max(1);
        let mut values: Vec<f64> = Vec::with_capacity(steps);
        for i in 0..steps {
            let x = if steps == 1 {
                from
            } else {
                from + (to - from) * i as f64 / (steps - 1) as f64
            };
            let x = match variable.kind {
                Kind::Number => x,
                Kind::Whole | Kind::Month => x.round(),
            };
            if values.last() != Some(&x) {
                values.push(x);
            }
        }
        Dimension { variable, values }
    }
}

/// One run of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The value of each dimension.
    pub values: Vec<f64>,
    /// Per target, file order.
    pub targets: Vec<TargetTrial>,
}

/// A point of the grid whose values break a rule joining several values, and the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct BadPoint {
    /// The values of each dimension.
    pub values: Vec<f64>,
    /// What is wrong.
    pub problem: super::trial::TrialError,
}

/// Runs `base` at every point of the grid of `dimensions` (the first varies slowest).
pub fn sweep(
    base: &Scenario,
    dimensions: &[Dimension],
    mode: Mode,
) -> Result<Vec<Point>, BadPoint> {
    let mut grid: Vec<Vec<f64>> = vec![Vec::new()];
    for dimension in dimensions {
        grid = grid
            .iter()
            .flat_map(|prefix| {
                dimension.values.iter().map(move |&v| {
                    let mut point = prefix.clone();
                    point.push(v);
                    point
                })
            })
            .collect();
    }
    grid.into_iter()
        .map(|values| {
            let assignment = Assignment(
                dimensions
                    .iter()
                    .zip(&values)
                    .map(|(d, &v)| (d.variable.slot, v))
                    .collect(),
            );
            let targets = trial::run(base, &assignment, mode).map_err(|problem| BadPoint {
                values: values.clone(),
                problem,
            })?;
            Ok(Point { values, targets })
        })
        .collect()
}
