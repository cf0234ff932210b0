//! One-at-a-time sensitivity (`gpuplan tornado`, docs/methods.md: What would it take): each uncertain
//! input at its P10 and at its P90 with every other input at its median, and how far each
//! target's value at its deadline moves between the two.

use super::indirect::{self, Via};
use super::trial::{self, Assignment, Mode, TargetTrial, TrialError};
use crate::model::Scenario;
use crate::uncertain::slot::Better;
use crate::uncertain::{Input, Uncertainty};

/// The two quantiles each input is run at.
pub const LOW: f64 = 0.1;
/// The high quantile.
pub const HIGH: f64 = 0.9;

/// One input's two runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The input (index in the scenario's uncertain inputs).
    pub input: usize,
    /// Its value at P10 and at P90 (as drawn; each key rounds it as it must).
    pub values: [f64; 2],
    /// Per target, file order: the run at P10 and the run at P90.
    pub runs: [Vec<TargetTrial>; 2],
    /// Per target: when the value that should hurt (a later date, less power) gives *more*
    /// by the deadline, where that lands, by way of others ([`indirect`]); else `None`.
    pub against_intuition: Vec<Option<Via>>,
}

impl Bar {
    /// |value at the deadline at P90 − at P10| for target `k`.
    pub fn swing(&self, k: usize) -> f64 {
        (self.runs[1][k].value_at_deadline - self.runs[0][k].value_at_deadline).abs()
    }
}

/// Both runs of every input, in input order, and the mid-value case.
pub fn tornado(
    base: &Scenario,
    uncertainty: &Uncertainty,
) -> Result<(Vec<Bar>, Vec<TargetTrial>), TrialError> {
    let mid = trial::run(base, &Assignment::default(), Mode::Once)?;
    let bars = uncertainty
        .inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let values = [input.draw(LOW), input.draw(HIGH)];
            let run = |x: f64| {
                trial::run(base, &at(input, x), Mode::Once).map_err(|e| {
                    let at = format!("`{}` = {x}", input.key);
                    e.at(crate::lang::fill("trial.with", &[("at", &at)]))
                })
            };
            let runs = [run(values[0])?, run(values[1])?];
            let against_intuition = (0..base.targets.len())
                .map(|k| against_intuition(base, input, values, &runs, k))
                .collect();
            Ok(Bar {
                input: i,
                values,
                runs,
                against_intuition,
            })
        })
        .collect::<Result<Vec<_>, TrialError>>()?;
    Ok((bars, mid))
}

/// For target `k`: if the input's value that should hurt gives more by the deadline than the
/// one that should help, where that comes from ([`indirect::via`]); else `None`.
fn against_intuition(
    base: &Scenario,
    input: &Input,
    values: [f64; 2],
    runs: &[Vec<TargetTrial>; 2],
    k: usize,
) -> Option<Via> {
    let better = input.uses.first()?.slot.better()?;
    if input.uses.iter().any(|u| u.slot.better() != Some(better)) {
        return None; // a factor feeding keys that pull opposite ways has no plain direction
    }
    // Index of the run that should be better: P90 when more helps, P10 when less does.
    let (good, bad) = match better {
        Better::Higher => (1, 0),
        Better::Lower => (0, 1),
    };
    if runs[bad][k].value_at_deadline <= runs[good][k].value_at_deadline + 1e-9 {
        return None;
    }
    let target = &base.targets[k];
    let deadline = usize::try_from(base.index_of(target.by)).unwrap_or(0);
    indirect::via_assignments(
        base,
        &at(input, values[good]),
        &at(input, values[bad]),
        |a| target.covers(&base.allocations[a]),
        deadline.min(base.months - 1),
    )
}

/// Every key that takes `input`'s draw, set to `x` as that key holds it.
fn at(input: &Input, x: f64) -> Assignment {
    Assignment(
        input
            .uses
            .iter()
            .map(|u| (u.slot, u.kind.finish(x)))
            .collect(),
    )
}

/// The bars for target `k`, largest swing first; equal swings in the order of their inputs'
/// keys.
pub fn ranked<'a>(bars: &'a [Bar], uncertainty: &Uncertainty, k: usize) -> Vec<&'a Bar> {
    let mut order: Vec<&Bar> = bars.iter().collect();
    order.sort_by(|a, b| {
        b.swing(k).total_cmp(&a.swing(k)).then_with(|| {
            uncertainty.inputs[a.input]
                .key
                .cmp(&uncertainty.inputs[b.input].key)
        })
    });
    order
}
