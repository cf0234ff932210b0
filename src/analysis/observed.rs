//! What the model says against what was observed (`observed.csv`, docs/korea.md: Korea, as of late 2026):
//! each observation's count in the model at its month, and whether it lies within tolerance.

use serde::Serialize;

use crate::model::{Observation, Scenario};
use crate::sim::Simulation;
use crate::units::{Observed, YearMonth};

/// One observation against the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservedCheck {
    /// The month.
    pub month: YearMonth,
    /// What was counted.
    pub metric: Observed,
    /// Whose chips: recipients (or "all"), then chips if filtered.
    pub scope: String,
    /// The count observed.
    pub observed: f64,
    /// The model's count.
    pub model: f64,
    /// Model minus observed.
    pub difference: f64,
    /// Whether the model lies within observed × (1 ± tolerance).
    pub within_tolerance: bool,
    /// Where the figure was reported.
    pub source: String,
}

/// A count of `metric` summed over the allocations `covered` marks, from per-allocation stocks
/// at one month: cumulative delivered, installed (installing + online) and online.
pub fn count(
    metric: Observed,
    covered: impl Iterator<Item = usize>,
    delivered: &[u64],
    installed: &[u64],
    online: &[u64],
) -> u64 {
    let stock = match metric {
        Observed::Delivered => delivered,
        Observed::Installed => installed,
        Observed::Online => online,
    };
    covered.map(|a| stock[a]).sum()
}

/// Every observation against the simulation, in file order.
pub fn check(scenario: &Scenario, sim: &Simulation) -> Vec<ObservedCheck> {
    scenario
        .observations
        .iter()
        .map(|o| {
            let t = usize::try_from(scenario.index_of(o.month))
                .unwrap_or(0)
                .min(sim.months - 1);
            let at = |stock: &[u64]| -> Vec<u64> {
                (0..scenario.allocations.len())
                    .map(|a| stock[sim.at(a, t)])
                    .collect()
            };
            let installed: Vec<u64> = (0..scenario.allocations.len())
                .map(|a| sim.installing[sim.at(a, t)] + sim.online[sim.at(a, t)])
                .collect();
            let covered = covered(scenario, o);
            let model = count(
                o.metric,
                covered.into_iter(),
                &at(&sim.delivered),
                &installed,
                &at(&sim.online),
            ) as f64;
            ObservedCheck {
                month: o.month,
                metric: o.metric,
                scope: scope(scenario, o),
                observed: o.value,
                model,
                difference: model - o.value,
                within_tolerance: o.agrees(model),
                source: o.source.clone(),
            }
        })
        .collect()
}

/// The allocations an observation counts.
pub fn covered(scenario: &Scenario, o: &Observation) -> Vec<usize> {
    (0..scenario.allocations.len())
        .filter(|&a| o.covers(&scenario.allocations[a]))
        .collect()
}

/// "Government", "all", "Government+SK / B200": whose chips an observation counts.
pub fn scope(scenario: &Scenario, o: &Observation) -> String {
    let names = |indices: &[usize], name: &dyn Fn(usize) -> String| -> String {
        indices
            .iter()
            .map(|&i| name(i))
            .collect::<Vec<_>>()
            .join("+")
    };
    let recipients = o.recipients.as_ref().map_or_else(
        || "all".to_string(),
        |r| names(r, &|i| scenario.recipients[i].name.clone()),
    );
    match &o.chips {
        Some(chips) => format!(
            "{recipients} / {}",
            names(chips, &|i| scenario.chips[i].name.clone())
        ),
        None => recipients,
    }
}
