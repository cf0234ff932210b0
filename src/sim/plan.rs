//! Everything the monthly loop needs, laid out as flat arrays before the loop starts, so the loop
//! itself never allocates, parses or searches. [`Plan::refill`] lays out another scenario of the
//! same shape (a Monte Carlo sample) into the same arrays.

use crate::model::{Scenario, Step};
use crate::units::mw_to_kw;

/// Dense per-month inputs and per-allocation lookups derived from a [`Scenario`].
pub(crate) struct Plan {
    /// Months in the horizon.
    pub months: usize,
    /// Regions in the scenario.
    pub regions: usize,
    /// Requested deliveries, `[allocation * months + t]`.
    pub requests: Vec<u64>,
    /// The last month with a request (0 if none).
    pub last_request: usize,
    /// Whether the scenario has `[supply]`; if so, the cap per month.
    pub capped: bool,
    pub cap: Vec<u64>,
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
        let (months, allocations) = (scenario.months, scenario.allocations.len());
        let (sites, regions) = (scenario.sites.len(), scenario.regions.len());
        let (eligible, eligible_start) = eligible_sites(scenario);
        let mut plan = Plan {
            months,
            regions,
            requests: vec![0; allocations * months],
            last_request: 0,
            capped: false,
            cap: vec![0; months],
            order: service_order(scenario),
            it_kw: vec![0.0; allocations],
            eligible,
            eligible_start,
            pue: vec![1.0; sites],
            region: vec![None; sites],
            slots: vec![0; sites],
            lag: vec![0; sites],
            site_capacity_kw: vec![0.0; sites * months],
            grid_kw: vec![0.0; regions * months],
        };
        plan.refill(scenario);
        plan
    }

    /// Lays `scenario` out in this plan's arrays. The service order and which sites accept
    /// which allocation are kept from the scenario the plan was made for (priorities,
    /// recipients and cooling are never uncertain).
    pub fn refill(&mut self, scenario: &Scenario) {
        self.requests(scenario);
        self.capped = scenario.supply.is_some();
        if let Some(steps) = &scenario.supply {
            for (t, cap) in self.cap.iter_mut().enumerate() {
                *cap = step_value(scenario, steps, 0, t).unwrap_or(0);
            }
        }
        for (it_kw, allocation) in self.it_kw.iter_mut().zip(&scenario.allocations) {
            *it_kw = allocation.it_kw.0;
        }
        for (s, site) in scenario.sites.iter().enumerate() {
            self.pue[s] = site.pue;
            self.region[s] = site.region;
            self.slots[s] = site.install_per_month.unwrap_or(u64::MAX);
            self.lag[s] = site.commissioning_months as usize;
        }
        self.site_capacity(scenario);
        self.grid(scenario);
    }

    /// Sites that accept allocation `a`, in file order.
    pub fn eligible_sites(&self, a: usize) -> &[usize] {
        &self.eligible[self.eligible_start[a]..self.eligible_start[a + 1]]
    }

    /// Requested chips per allocation and month; requests after `end` never arrive.
    fn requests(&mut self, scenario: &Scenario) {
        let months = self.months;
        self.requests.fill(0);
        self.last_request = 0;
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            for &(month, count) in &allocation.requests {
                // Validation keeps requests at or after `start`.
                if let Ok(t) = usize::try_from(scenario.index_of(month))
                    && t < months
                {
                    self.requests[a * months + t] += count;
                    if count > 0 {
                        self.last_request = self.last_request.max(t);
                    }
                }
            }
        }
    }

    /// Each site's IT capacity in kW per month: the phases online (after the site's delay).
    fn site_capacity(&mut self, scenario: &Scenario) {
        let months = self.months;
        for (s, site) in scenario.sites.iter().enumerate() {
            let active_from = |online| {
                scenario
                    .index_of(online)
                    .saturating_add(i64::from(site.delay_months))
            };
            let row = &mut self.site_capacity_kw[s * months..(s + 1) * months];
            // The capacity changes only in the months a phase comes online; there it is summed
            // over the phases online, in file order, exactly as the rule states it.
            let mut t = 0usize;
            while t < months {
                let now = t as i64;
                let mw: f64 = site
                    .phases
                    .iter()
                    .filter(|&&(online, _)| active_from(online) <= now)
                    .map(|&(_, mw)| mw.0)
                    .sum();
                let next = site
                    .phases
                    .iter()
                    .map(|&(online, _)| active_from(online))
                    .filter(|&m| m > now)
                    .min()
                    .map_or(months, |m| (m as usize).min(months));
                row[t..next].fill(mw_to_kw(mw));
                t = next;
            }
        }
    }

    /// Each region's grid capacity in facility kW per month; infinite where it has no grid.
    fn grid(&mut self, scenario: &Scenario) {
        let months = self.months;
        for (r, region) in scenario.regions.iter().enumerate() {
            let row = &mut self.grid_kw[r * months..(r + 1) * months];
            let Some(steps) = &region.grid_mw else {
                row.fill(f64::INFINITY);
                continue;
            };
            // The latest step whose `from + delay` has come: steps are in date order, so each
            // holds from its month to the next step's.
            let delay = i64::from(region.delay_months);
            let month_of = |k: usize| {
                let m = scenario.index_of(steps[k].from).saturating_add(delay);
                usize::try_from(m.max(0)).unwrap_or(0).min(months)
            };
            let first = if steps.is_empty() {
                months
            } else {
                month_of(0)
            };
            row[..first].fill(0.0);
            for k in 0..steps.len() {
                let (from, until) = (
                    month_of(k),
                    if k + 1 < steps.len() {
                        month_of(k + 1)
                    } else {
                        months
                    },
                );
                if from < until {
                    row[from..until].fill(steps[k].value.kw().0);
                }
            }
        }
    }
}

/// Allocations by recipient priority; a stable sort keeps file order among equals.
fn service_order(scenario: &Scenario) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scenario.allocations.len()).collect();
    order.sort_by_key(|&a| scenario.recipients[scenario.allocations[a].recipient].priority);
    order
}

/// For each allocation, the sites that accept its recipient and cooling, in placement order,
/// flattened.
fn eligible_sites(scenario: &Scenario) -> (Vec<usize>, Vec<usize>) {
    let order = placement_order(scenario);
    let mut eligible = Vec::new();
    let mut start = Vec::with_capacity(scenario.allocations.len() + 1);
    for allocation in &scenario.allocations {
        start.push(eligible.len());
        let cooling = scenario.chips[allocation.chip].cooling;
        eligible.extend(
            order
                .iter()
                .copied()
                .filter(|&s| scenario.sites[s].accepts(allocation.recipient, cooling)),
        );
    }
    start.push(eligible.len());
    (eligible, start)
}

/// Every site in *placement order* (docs/methods.md: Simulation rules, 4): sites that accept fewer
/// recipients first — a site with no `recipients` list accepts every recipient of the
/// scenario — ties in file order. A recipient so fills the halls only it may use before the
/// shared ones; in file order alone a low-priority recipient could take a shared hall while
/// its own stood empty, and strand the chips of one served before it for good.
pub fn placement_order(scenario: &Scenario) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scenario.sites.len()).collect();
    // A stable sort keeps file order among sites that accept as many recipients.
    order.sort_by_key(|&s| scenario.sites[s].accepted_recipients(scenario.recipients.len()));
    order
}

/// The value of the latest step whose `from + delay` is at or before month index `t`.
fn step_value<T: Copy>(scenario: &Scenario, steps: &[Step<T>], delay: i64, t: usize) -> Option<T> {
    steps
        .iter()
        .rev()
        .find(|step| scenario.index_of(step.from).saturating_add(delay) <= t as i64)
        .map(|step| step.value)
}
