//! The figures kept from a run that analyses compare across variations of one scenario: each
//! recipient's waiting and completion, and each target's outcome. Small, so that the many
//! runs of relief, seek, sweep and tornado keep only what they need.

use crate::model::Scenario;
use crate::sim::{MonthView, Recorder, Simulation};
use crate::units::YearMonth;

use super::targets::{TargetOutcome, evaluate_online};

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
        Figures::of_stocks(scenario, sim.months, &sim.online, &sim.waiting)
    }

    /// The figures of a run of `months` months, from chips online and waiting per allocation
    /// and month (`[allocation * months + t]`).
    pub fn of_stocks(
        scenario: &Scenario,
        months: usize,
        online: &[u64],
        waiting: &[u64],
    ) -> Figures {
        Figures {
            recipients: (0..scenario.recipients.len())
                .map(|r| {
                    let mine = allocations_of(scenario, r);
                    RecipientFigures {
                        chip_months_waiting: chip_months(months, &mine, waiting),
                        online_100pct: first_online(scenario, months, online, &mine, 100),
                    }
                })
                .collect(),
            targets: evaluate_online(scenario, months, online),
        }
    }
}

/// A lean [`Recorder`]: chips online and waiting per allocation and month, all [`Figures`]
/// need. Relief's re-runs use it, so each costs the simulation alone, however many sites
/// there are to record.
pub struct Stocks {
    months: usize,
    /// Chips online, `[allocation * months + t]`.
    pub online: Vec<u64>,
    /// Chips waiting, likewise.
    pub waiting: Vec<u64>,
}

impl Stocks {
    /// Empty stocks for `allocations` allocations over `months` months.
    pub fn new(months: usize, allocations: usize) -> Stocks {
        Stocks {
            months,
            online: vec![0; months * allocations],
            waiting: vec![0; months * allocations],
        }
    }

    /// The figures of the run recorded.
    pub fn figures(&self, scenario: &Scenario) -> Figures {
        Figures::of_stocks(scenario, self.months, &self.online, &self.waiting)
    }
}

impl Recorder for Stocks {
    fn month(&mut self, view: &MonthView) {
        let (months, t) = (self.months, view.t);
        for (a, (&online, &waiting)) in view.online().iter().zip(view.waiting()).enumerate() {
            self.online[a * months + t] = online;
            self.waiting[a * months + t] = waiting;
        }
    }
}

/// Indices of recipient `r`'s allocations.
pub fn allocations_of(scenario: &Scenario, r: usize) -> Vec<usize> {
    (0..scenario.allocations.len())
        .filter(|&a| scenario.allocations[a].recipient == r)
        .collect()
}

/// Sum over `months` months and `allocations` of a per-allocation stock (`waiting`,
/// `backorder`), laid out `[allocation * months + t]`.
pub fn chip_months(months: usize, allocations: &[usize], stock: &[u64]) -> u64 {
    allocations
        .iter()
        .map(|&a| stock[a * months..(a + 1) * months].iter().sum::<u64>())
        .sum()
}

/// First month with at least `pct` percent of `allocations`' chips online (`online` laid out
/// `[allocation * months + t]`), compared exactly in integers; `None` if never reached or if
/// they hold no chips.
pub fn first_online(
    scenario: &Scenario,
    months: usize,
    online: &[u64],
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
    (0..months)
        .find(|&t| {
            let now: u64 = allocations.iter().map(|&a| online[a * months + t]).sum();
            u128::from(now) * 100 >= u128::from(allocated) * u128::from(pct)
        })
        .map(|t| scenario.month(t))
}
