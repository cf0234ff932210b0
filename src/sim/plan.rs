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
        let months = scenario.months;
        let index = |month| scenario.index_of(month);

        let mut requests = vec![0u64; scenario.allocations.len() * months];
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            for &(month, count) in &allocation.requests {
                // Validation keeps requests at or after `start`; those after `end` never arrive.
                if let Ok(t) = usize::try_from(index(month))
                    && t < months
                {
                    requests[a * months + t] += count;
                }
            }
        }

        let cap = scenario.supply.as_ref().map(|steps| {
            (0..months)
                .map(|t| step_value(steps, 0, t, &index).unwrap_or(0))
                .collect()
        });

        let mut order: Vec<usize> = (0..scenario.allocations.len()).collect();
        // A stable sort keeps file order among equal priorities.
        order.sort_by_key(|&a| scenario.recipients[scenario.allocations[a].recipient].priority);

        let mut eligible = Vec::new();
        let mut eligible_start = Vec::with_capacity(scenario.allocations.len() + 1);
        for allocation in &scenario.allocations {
            eligible_start.push(eligible.len());
            let cooling = scenario.chips[allocation.chip].cooling;
            eligible.extend(
                (0..scenario.sites.len())
                    .filter(|&s| scenario.sites[s].accepts(allocation.recipient, cooling)),
            );
        }
        eligible_start.push(eligible.len());

        let mut site_capacity_kw = vec![0.0; scenario.sites.len() * months];
        for (s, site) in scenario.sites.iter().enumerate() {
            let active_from = |online| index(online).saturating_add(i64::from(site.delay_months));
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
                site_capacity_kw[s * months + t] = capacity;
            }
        }

        let mut grid_kw = vec![f64::INFINITY; scenario.regions.len() * months];
        for (r, region) in scenario.regions.iter().enumerate() {
            if let Some(steps) = &region.grid_mw {
                for t in 0..months {
                    let mw =
                        step_value(steps, i64::from(region.delay_months), t, &index).unwrap_or(0.0);
                    grid_kw[r * months + t] = mw * 1000.0;
                }
            }
        }

        let sites = &scenario.sites;
        Plan {
            months,
            requests,
            cap,
            order,
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
            site_capacity_kw,
            grid_kw,
        }
    }

    /// Sites that accept allocation `a`, in file order.
    pub fn eligible_sites(&self, a: usize) -> &[usize] {
        &self.eligible[self.eligible_start[a]..self.eligible_start[a + 1]]
    }
}

/// The value of the latest step whose `from + delay` is at or before month index `t`.
fn step_value<T: Copy>(
    steps: &[Step<T>],
    delay: i64,
    t: usize,
    index: &impl Fn(crate::units::YearMonth) -> i64,
) -> Option<T> {
    steps
        .iter()
        .rev()
        .find(|step| index(step.from).saturating_add(delay) <= t as i64)
        .map(|step| step.value)
}
