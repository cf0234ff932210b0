//! Target evaluation (docs/methods.md: Simulation rules, 6): the value of each target month by month, when it is first
//! reached, and whether it holds at the deadline.

use crate::input::format::TARGET_EFFICIENCY;
use crate::units::tflops_to_pflops;
use serde::Serialize;

use crate::model::{Scenario, Target};
use crate::sim::Simulation;
use crate::units::{Metric, Precision, YearMonth};

/// Slack when comparing a target's value, so 0.1 + 0.2 reaches 0.3.
pub(crate) const TARGET_TOLERANCE: f64 = 1e-9;

/// How one target fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetOutcome {
    /// Target name.
    pub name: String,
    /// `chips_online` or `pflops`.
    pub metric: Metric,
    /// Precision of a `pflops` target.
    pub precision: Option<Precision>,
    /// Value to reach (chips, or PFLOPS after efficiency).
    pub value: f64,
    /// Deadline.
    pub by: YearMonth,
    /// First month the value was reached, if ever.
    pub achieved: Option<YearMonth>,
    /// Value at the deadline.
    pub value_at_deadline: f64,
    /// Whether the value held at the deadline.
    pub met: bool,
}

/// The target's value at month index `t`.
pub fn value_at(scenario: &Scenario, sim: &Simulation, target: &Target, t: usize) -> f64 {
    value_of(scenario, target, |a| sim.online[sim.at(a, t)])
}

/// The target's value when allocation `a` has `online(a)` chips online: every value of a
/// target is summed this one way, in file order, so two counts that agree give equal values.
pub(crate) fn value_of(scenario: &Scenario, target: &Target, online: impl Fn(usize) -> u64) -> f64 {
    scenario
        .allocations
        .iter()
        .enumerate()
        .filter(|(_, allocation)| target.covers(allocation))
        .map(|(a, allocation)| {
            let online = online(a) as f64;
            match (target.metric, target.precision) {
                (Metric::Pflops, Some(precision)) => {
                    // Validation guarantees every chip in scope has a figure at this precision.
                    let tflops = scenario.chips[allocation.chip]
                        .tflops
                        .get(precision)
                        .unwrap_or(0.0);
                    online * tflops_to_pflops(tflops) * target.numbers.get(&TARGET_EFFICIENCY)
                }
                _ => online,
            }
        })
        .sum()
}

/// Evaluates every target of the scenario.
pub fn evaluate(scenario: &Scenario, sim: &Simulation) -> Vec<TargetOutcome> {
    evaluate_online(scenario, sim.months, &sim.online)
}

/// Evaluates every target of a run of `months` months with chips `online` per allocation and
/// month (`[allocation * months + t]`).
pub fn evaluate_online(scenario: &Scenario, months: usize, online: &[u64]) -> Vec<TargetOutcome> {
    scenario
        .targets
        .iter()
        .map(|target| {
            let value = |t: usize| value_of(scenario, target, |a| online[a * months + t]);
            let reached = |t: &usize| value(*t) >= target.value - TARGET_TOLERANCE;
            let achieved = (0..months).find(reached).map(|t| scenario.month(t));
            // Validation keeps `by` inside the horizon.
            let deadline = usize::try_from(scenario.index_of(target.by))
                .unwrap_or(0)
                .min(months - 1);
            let value_at_deadline = value(deadline);
            TargetOutcome {
                name: target.name.clone(),
                metric: target.metric,
                precision: target.precision,
                value: target.value,
                by: target.by,
                achieved,
                value_at_deadline,
                met: value_at_deadline >= target.value - TARGET_TOLERANCE,
            }
        })
        .collect()
}
