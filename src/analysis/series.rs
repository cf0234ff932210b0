//! Monthly series aggregated for presentation: per recipient, per precision. Sums of what the
//! simulator recorded; nothing is re-simulated.

use crate::model::Scenario;
use crate::sim::Simulation;
use crate::units::Precision;
use crate::units::tflops_to_pflops;

/// For each recipient (file order), the monthly sum of `values` over its allocations.
/// `values` is one of the simulation's per-allocation arrays (`online`, `waiting`, …).
pub fn per_recipient(scenario: &Scenario, sim: &Simulation, values: &[u64]) -> Vec<Vec<u64>> {
    let mut out = vec![vec![0u64; sim.months]; scenario.recipients.len()];
    for (a, allocation) in scenario.allocations.iter().enumerate() {
        for (t, total) in out[allocation.recipient].iter_mut().enumerate() {
            *total += values[sim.at(a, t)];
        }
    }
    out
}

/// Dense peak PFLOPS online each month at `precision`, over the chips that have a figure at it.
pub fn pflops(scenario: &Scenario, sim: &Simulation, precision: Precision) -> Vec<f64> {
    (0..sim.months)
        .map(|t| {
            scenario
                .allocations
                .iter()
                .enumerate()
                .filter_map(|(a, allocation)| {
                    let tflops = scenario.chips[allocation.chip].tflops.get(precision)?;
                    Some(sim.online[sim.at(a, t)] as f64 * tflops_to_pflops(tflops))
                })
                .sum()
        })
        .collect()
}
