//! Everything the monthly loop needs, laid out as flat arrays before the loop starts, so the loop
//! itself never allocates, parses or searches.

use crate::model::{Scenario, Step};

/// Dense per-month inputs and per-allocation lookups derived from a [`Scenario`].
pub(crate) struct Plan {
    /// Months in the horizon.
    pub months: usize,
    /// Requested deliveries, `[allocation * months + t]`.
    pub requests: Vec<u64>,
    /// Supply cap per month; `None` without `[supply]`.
    pub cap: Option<Vec<u64>>,
    /// Allocation indices in service order.
    pub order: Vec<usize>,
    /// IT kW per chip of each allocation.
    pub it_kw: Vec<f64>,
    /// Sites accepting allocation `a`, in file order: `eligible[eligible_start[a]..eligible_start[a + 1]]`.
    pub eligible: Vec<usize>,
    pub eligible_start: Vec<usize>,
    /// Per site: PUE, region, install slots per month (`u64::MAX` = unlimited), commissioning lag.
    pub pue: Vec<f64>,
    pub region: Vec<Option<usize>>,
    pub slots: Vec<u64>,
    pub lag: Vec<usize>,
    /// Site IT capacity in kW, `[site * months + t]`.
    pub site_capacity_kw: Vec<f64>,
    /// Region grid capacity in facility kW, `[region * months + t]`; infinite where unlimited.
    pub grid_kw: Vec<f64>,
}

impl Plan {
    pub fn new(scenario: &Scenario) -> Plan {
        let sites = &scenario.sites;
        let (eligible, eligible_start) = eligible_sites(scenario);
        Plan {
            months: scenario.months,
            requests: requests(scenario),
            cap: scenario.supply.as_ref().map(|steps| {
                (0..scenario.months)
                    .map(|t| step_value(scenario, steps, 0, t).unwrap_or(0))
                    .collect()
            }),
            order: service_order(scenario),
            it_kw: scenario.allocations.iter().map(|a| a.it_kw).collect(),
            eligible,
            eligible_start,
            pue: sites.iter().map(|s| s.pue).collect(),
            region: sites.iter().map(|s| s.region).collect(),
            slots: sites
                .iter()
                .map(|s| s.install_per_month.unwrap_or(u64::MAX))
                .collect(),
            lag: sites
                .iter()
                .map(|s| s.commissioning_months as usize)
                .collect(),
            site_capacity_kw: site_capacity_kw(scenario),
            grid_kw: grid_kw(scenario),
        }
    }

    /// Sites that accept allocation `a`, in file order.
    pub fn eligible_sites(&self, a: usize) -> &[usize] {
        &self.eligible[self.eligible_start[a]..self.eligible_start[a + 1]]
    }
}

/// Requested chips per allocation and month; requests after `end` never arrive.
fn requests(scenario: &Scenario) -> Vec<u64> {
    let months = scenario.months;
    let mut requests = vec![0u64; scenario.allocations.len() * months];
    for (a, allocation) in scenario.allocations.iter().enumerate() {
        for &(month, count) in &allocation.requests {
            // Validation keeps requests at or after `start`.
            if let Ok(t) = usize::try_from(scenario.index_of(month))
                && t < months
            {
                requests[a * months + t] += count;
            }
        }
    }
    requests
}

/// Allocations by recipient priority; a stable sort keeps file order among equals.
fn service_order(scenario: &Scenario) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scenario.allocations.len()).collect();
    order.sort_by_key(|&a| scenario.recipients[scenario.allocations[a].recipient].priority);
    order
}

/// For each allocation, the sites that accept its recipient and cooling, flattened.
fn eligible_sites(scenario: &Scenario) -> (Vec<usize>, Vec<usize>) {
    let mut eligible = Vec::new();
    let mut start = Vec::with_capacity(scenario.allocations.len() + 1);
    for allocation in &scenario.allocations {
        start.push(eligible.len());
        let cooling = scenario.chips[allocation.chip].cooling;
        eligible.extend(
            (0..scenario.sites.len())
                .filter(|&s| scenario.sites[s].accepts(allocation.recipient, cooling)),
        );
    }
    start.push(eligible.len());
    (eligible, start)
}

/// Each site's IT capacity in kW per month: the phases online (after the site's delay).
fn site_capacity_kw(scenario: &Scenario) -> Vec<f64> {
    let months = scenario.months;
    let mut capacity_kw = vec![0.0; scenario.sites.len() * months];
    for (s, site) in scenario.sites.iter().enumerate() {
        let active_from = |online| {
            scenario
                .index_of(online)
                .saturating_add(i64::from(site.delay_months))
        };
        let mut capacity = 0.0;
        for t in 0..months {
            // Recompute only when a phase comes online; summing in file order keeps the
            // arithmetic exactly as the rule states it.
            if t == 0
                || site
                    .phases
                    .iter()
                    .any(|&(online, _)| active_from(online) == t as i64)
            {
                let mw: f64 = site
                    .phases
                    .iter()
                    .filter(|&&(online, _)| active_from(online) <= t as i64)
                    .map(|&(_, mw)| mw)
                    .sum();
                capacity = mw * 1000.0;
            }
            capacity_kw[s * months + t] = capacity;
        }
    }
    capacity_kw
}

/// Each region's grid capacity in facility kW per month; infinite where the region has no grid.
fn grid_kw(scenario: &Scenario) -> Vec<f64> {
    let months = scenario.months;
    let mut grid_kw = vec![f64::INFINITY; scenario.regions.len() * months];
    for (r, region) in scenario.regions.iter().enumerate() {
        if let Some(steps) = &region.grid_mw {
            for t in 0..months {
                let mw =
                    step_value(scenario, steps, i64::from(region.delay_months), t).unwrap_or(0.0);
                grid_kw[r * months + t] = mw * 1000.0;
            }
        }
    }
    grid_kw
}

/// The value of the latest step whose `from + delay` is at or before month index `t`.
fn step_value<T: Copy>(scenario: &Scenario, steps: &[Step<T>], delay: i64, t: usize) -> Option<T> {
    steps
        .iter()
        .rev()
        .find(|step| scenario.index_of(step.from).saturating_add(delay) <= t as i64)
        .map(|step| step.value)
}
