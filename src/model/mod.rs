//! The validated scenario: every reference resolved to an index, every default applied, every
//! date a [`YearMonth`]. Built only by [`validate::validate`], which [`crate::load`] runs (as
//! [`Scenario::load`] / [`Scenario::from_source`]); nothing downstream re-checks input.

mod derive;
mod patch;
pub(crate) mod validate;

pub use derive::Deliveries;

use crate::input::format::Numbers;
use crate::units::{Cooling, Kw, Metric, Mw, Observed, Precision, Tflops, YearMonth};

pub use validate::{MAX_MONTHS, MAX_TOTAL_CHIPS, MAX_VALUE};

/// A scenario ready to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// `[scenario].name`.
    pub name: String,
    /// `[scenario].description`.
    pub description: Option<String>,
    /// First simulated month.
    pub start: YearMonth,
    /// Number of simulated months (`end - start + 1`, 1..=1200).
    pub months: usize,
    /// Months from install to online where a site does not say.
    pub commissioning_months: u32,
    /// IT kW per chip = `tdp_w / 1000 * server_overhead` for a chip with no `it_kw`.
    pub server_overhead: f64,
    /// Chips used by allocations or named by targets: the catalog with the file's overrides applied.
    pub chips: Vec<Chip>,
    /// Recipients in file order.
    pub recipients: Vec<Recipient>,
    /// Allocations in file order.
    pub allocations: Vec<Allocation>,
    /// The supply cap's steps in date order, if the file has `[supply]`.
    pub supply: Option<Vec<Step<u64>>>,
    /// Regions in file order.
    pub regions: Vec<Region>,
    /// Sites in file order.
    pub sites: Vec<Site>,
    /// Targets in file order.
    pub targets: Vec<Target>,
    /// Observations in file order.
    pub observations: Vec<Observation>,
    /// `[economics]`, if the file has it.
    pub economics: Option<Economics>,
    /// The declared numbers of its table ([`crate::input::format::Stored::Number`]).
    pub numbers: Numbers,
}

impl Scenario {
    /// The last simulated month.
    pub fn end(&self) -> YearMonth {
        self.start.plus(self.months - 1)
    }

    /// The month at index `t` (0 = `start`).
    pub fn month(&self, t: usize) -> YearMonth {
        self.start.plus(t)
    }

    /// Index of `month`, which validation guarantees lies inside the horizon where it matters.
    pub fn index_of(&self, month: YearMonth) -> i64 {
        month.months_since(self.start)
    }
}

/// A chip as this scenario sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chip {
    /// Name.
    pub name: String,
    /// Board power, W.
    pub tdp_w: Option<f64>,
    /// All-in IT kW per chip as given (catalog or file).
    pub it_kw: Option<f64>,
    /// Cooling it needs.
    pub cooling: Cooling,
    /// Dense peak TFLOPS per precision.
    pub tflops: Tflops,
    /// The declared numbers of its table ([`crate::input::format::Stored::Number`]).
    pub numbers: Numbers,
}

/// A recipient of allocations.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    /// Name.
    pub name: String,
    /// Lower is served first.
    pub priority: i64,
}

/// An allocation of chips to a recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    /// Index into [`Scenario::recipients`].
    pub recipient: usize,
    /// Index into [`Scenario::chips`].
    pub chip: usize,
    /// Chips allocated.
    pub count: u64,
    /// The requested deliveries as written.
    pub deliveries: Deliveries,
    /// IT kW per chip: the chip's `it_kw`, or `tdp_w / 1000 * server_overhead` (derived).
    pub it_kw: Kw,
    /// Requested deliveries as (month, chips), derived from `deliveries`; months are never
    /// before `start`. Requests after `end` are kept (the simulator drops them; a warning
    /// counts them); a ramp running past `end` keeps its remainder as one entry after it.
    pub requests: Vec<(YearMonth, u64)>,
    /// The declared numbers of its table ([`crate::input::format::Stored::Number`]).
    pub numbers: Numbers,
}

/// A step function's step: `value` applies from `from` until the next step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step<T> {
    /// First month the value applies.
    pub from: YearMonth,
    /// The value.
    pub value: T,
}

/// A grid region.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Name.
    pub name: String,
    /// Facility MW the grid can supply, in date order; `None` = unlimited.
    pub grid_mw: Option<Vec<Step<Mw>>>,
    /// Months every grid step is shifted later (negative: earlier).
    pub delay_months: i32,
    /// The declared numbers of its table ([`crate::input::format::Stored::Number`]).
    pub numbers: Numbers,
}

/// A data-center site.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Name.
    pub name: String,
    /// Index into [`Scenario::regions`]; `None` = never grid-limited.
    pub region: Option<usize>,
    /// Recipients it accepts (indices); `None` = all.
    pub recipients: Option<Vec<usize>>,
    /// Facility power / IT power.
    pub pue: f64,
    /// Cooling it provides.
    pub cooling: Cooling,
    /// Chips it can install per month; `None` = unlimited.
    pub install_per_month: Option<u64>,
    /// `commissioning_months` as the site gives it, if it does.
    pub commissioning_override: Option<u32>,
    /// Months from install to online for chips installed here (derived: the site's value or
    /// the scenario's default).
    pub commissioning_months: u32,
    /// Months every phase is shifted later (negative: earlier).
    pub delay_months: i32,
    /// Build phases as (online month, IT MW added), in file order.
    pub phases: Vec<(YearMonth, Mw)>,
    /// The declared numbers of its table ([`crate::input::format::Stored::Number`]).
    pub numbers: Numbers,
}

impl Site {
    /// How many of the scenario's `recipients` this site accepts (every one without a list).
    pub fn accepted_recipients(&self, recipients: usize) -> usize {
        match &self.recipients {
            None => recipients,
            Some(list) => {
                let mut distinct = list.clone();
                distinct.sort_unstable();
                distinct.dedup();
                distinct.len()
            }
        }
    }

    /// Whether this site takes chips of `recipient` that need `cooling`.
    pub fn accepts(&self, recipient: usize, cooling: Cooling) -> bool {
        self.cooling.hosts(cooling)
            && self
                .recipients
                .as_ref()
                .is_none_or(|list| list.contains(&recipient))
    }
}

/// A count of chips that has been seen, to check the projection against (and to condition
/// Monte Carlo on).
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The month, inside the horizon.
    pub month: YearMonth,
    /// What was counted.
    pub metric: Observed,
    /// How many.
    pub value: f64,
    /// Recipient filter (indices); `None` = all.
    pub recipients: Option<Vec<usize>>,
    /// Chip filter (indices); `None` = all.
    pub chips: Option<Vec<usize>>,
    /// A model value within value × (1 ± tolerance) agrees with it.
    pub tolerance: f64,
    /// Where it was reported.
    pub source: String,
}

impl Observation {
    /// Whether allocation `allocation` counts towards this observation.
    pub fn covers(&self, allocation: &Allocation) -> bool {
        in_scope(&self.recipients, &self.chips, allocation)
    }

    /// Whether a model value agrees with it.
    pub fn agrees(&self, model: f64) -> bool {
        let slack = self.value.abs() * self.tolerance + 1e-9;
        (model - self.value).abs() <= slack
    }
}

/// `[economics]`: what turns chips online into energy, money and CO2 (docs/methods.md: Energy and
/// money). Its numbers are declared numbers ([`crate::input::format`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Economics {
    /// The label of every amount.
    pub currency: String,
    /// `usd_rate`, `utilisation`, `national_twh`, `build_cost_per_mw`.
    pub numbers: Numbers,
    /// Electricity price steps, in date order.
    pub electricity: Vec<PriceStep>,
    /// Carbon intensity steps, in date order.
    pub carbon: Vec<PriceStep>,
}

/// A value from a month on: a price per kWh, or grams of CO2 per kWh.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceStep {
    /// From this month on.
    pub from: YearMonth,
    /// Its declared number (`per_kwh` or `g_per_kwh`).
    pub numbers: Numbers,
}

/// A goal to check the projection against.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Name.
    pub name: String,
    /// What it measures.
    pub metric: Metric,
    /// Precision for `pflops` targets.
    pub precision: Option<Precision>,
    /// Value to reach.
    pub value: f64,
    /// Deadline, inside the horizon.
    pub by: YearMonth,
    /// Recipient filter (indices); `None` = all.
    pub recipients: Option<Vec<usize>>,
    /// Chip filter (indices); `None` = all.
    pub chips: Option<Vec<usize>>,
    /// The declared numbers of its table ([`crate::input::format::Stored::Number`]).
    pub numbers: Numbers,
}

impl Target {
    /// Whether allocation `a` of `scenario` counts towards this target.
    pub fn covers(&self, allocation: &Allocation) -> bool {
        in_scope(&self.recipients, &self.chips, allocation)
    }
}

/// Whether `allocation` passes a recipient and a chip filter (`None` = all).
fn in_scope(
    recipients: &Option<Vec<usize>>,
    chips: &Option<Vec<usize>>,
    allocation: &Allocation,
) -> bool {
    recipients
        .as_ref()
        .is_none_or(|r| r.contains(&allocation.recipient))
        && chips.as_ref().is_none_or(|c| c.contains(&allocation.chip))
}
