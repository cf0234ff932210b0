//! The figures kept from a run that analyses compare across variations of one scenario: each
//! recipient's waiting and completion, and each target's outcome. Small, so that thousands of
//! runs (relief now; Monte Carlo and sensitivity later) keep only what they need.

use crate::model::Scenario;
use crate::sim::Simulation;
use crate::units::YearMonth;

use super::targets::{TargetOutcome, evaluate};

/// What one run says about each recipient and target.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Per recipient, file order.
    pub recipients: Vec<RecipientFigures>,
    /// Per target, file order.
    pub targets: Vec<TargetOutcome>,
}

/// One recipient's figures in one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecipientFigures {
    /// Sum over months of its chips delivered but not yet installed.
    pub chip_months_waiting: u64,
    /// First month with all of its allocation online (`None` if never, or nothing allocated).
    pub online_100pct: Option<YearMonth>,
}

impl Figures {
    /// The figures of a simulated scenario.
    pub fn of(scenario: &Scenario, sim: &Simulation) -> Figures {
        Figures {
            recipients: (0..scenario.recipients.len())
                .map(|r| {
                    let mine = allocations_of(scenario, r);
                    RecipientFigures {
                        chip_months_waiting: chip_months(sim, &mine, &sim.waiting),
                        online_100pct: first_online(scenario, sim, &mine, 100),
                    }
                })
                .collect(),
            targets: evaluate(scenario, sim),
        }
    }
}

/// Indices of recipient `r`'s allocations.
pub fn allocations_of(scenario: &Scenario, r: usize) -> Vec<usize> {
    (0..scenario.allocations.len())
        .filter(|&a| scenario.allocations[a].recipient == r)
        .collect()
}

/// Sum over months and `allocations` of a per-allocation stock (`waiting`, `backorder`).
pub fn chip_months(sim: &Simulation, allocations: &[usize], stock: &[u64]) -> u64 {
    allocations
        .iter()
        .map(|&a| {
            stock[sim.at(a, 0)..sim.at(a, 0) + sim.months]
                .iter()
                .sum::<u64>()
        })
        .sum()
}

/// First month with at least `pct` percent of `allocations`' chips online, compared exactly in
/// integers; `None` if never reached or if they hold no chips.
pub fn first_online(
    scenario: &Scenario,
    sim: &Simulation,
    allocations: &[usize],
    pct: u64,
) -> Option<YearMonth> {
    let allocated: u64 = allocations
        .iter()
        .map(|&a| scenario.allocations[a].count)
        .sum();
    if allocated == 0 {
        return None; // nothing to bring online
    }
    (0..sim.months)
        .find(|&t| {
            let online: u64 = allocations.iter().map(|&a| sim.online[sim.at(a, t)]).sum();
            u128::from(online) * 100 >= u128::from(allocated) * u128::from(pct)
        })
        .map(|t| scenario.month(t))
}
