//! Chips still waiting at the end of the horizon while a hall that accepts them has IT room:
//! what kept them out of it in the last month (its region's grid, or its install slots), so a
//! reader is not left to guess why "room" did not mean "placed".

use serde::Serialize;

use crate::model::Scenario;
use crate::sim::{Simulation, fit};

/// An allocation that ends the horizon with chips waiting beside a hall with IT room for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stranded {
    /// Recipient name.
    pub recipient: String,
    /// Chip name.
    pub chip: String,
    /// Chips waiting in the last month.
    pub waiting: u64,
    /// The accepting site with IT room (the first in placement order).
    pub site: String,
    /// Chips of this allocation its free IT power would hold.
    pub room: u64,
    /// Why none went there in the last month.
    pub held_by: HeldBy,
}

/// What kept waiting chips out of a hall with IT room, in the last month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HeldBy {
    /// The site's region (named) had no grid room for one more of them.
    Grid(String),
    /// The site installed as many chips as it can in a month (its `install_per_month`).
    InstallRate(u64),
}

/// Every allocation (file order) that ends with chips waiting while an accepting site has IT
/// room for at least one of them.
pub fn stranded(scenario: &Scenario, sim: &Simulation) -> Vec<Stranded> {
    let last = sim.months - 1;
    let order = crate::sim::placement_order(scenario);
    let mut out = Vec::new();
    for (a, allocation) in scenario.allocations.iter().enumerate() {
        let waiting = sim.waiting[sim.at(a, last)];
        if waiting == 0 {
            continue;
        }
        let cooling = scenario.chips[allocation.chip].cooling;
        for &s in &order {
            let site = &scenario.sites[s];
            if !site.accepts(allocation.recipient, cooling) {
                continue;
            }
            let free_it =
                sim.site_capacity_it_kw[sim.at(s, last)] - sim.site_it_kw[sim.at(s, last)];
            let room = fit(free_it, allocation.it_kw.0);
            if room == 0 {
                continue;
            }
            // Placement left chips waiting although the hall had IT room: in the last month
            // either the region's grid or the install slots stopped it (docs/methods.md: Simulation rules).
            let grid_full = site.region.is_some_and(|r| {
                let i = sim.at(r, last);
                fit(
                    sim.region_grid_kw[i] - sim.region_facility_kw[i],
                    allocation.it_kw.0 * site.pue,
                ) == 0
            });
            let held_by = if grid_full {
                HeldBy::Grid(scenario.regions[site.region.unwrap_or(0)].name.clone())
            } else if let Some(rate) = site.install_per_month
                && installs_at(sim, s, last) >= rate
            {
                HeldBy::InstallRate(rate)
            } else {
                continue;
            };
            out.push(Stranded {
                recipient: scenario.recipients[allocation.recipient].name.clone(),
                chip: scenario.chips[allocation.chip].name.clone(),
                waiting,
                site: site.name.clone(),
                room,
                held_by,
            });
            break;
        }
    }
    out
}

/// Chips installed at site `s` in month `t`, over every allocation.
fn installs_at(sim: &Simulation, s: usize, t: usize) -> u64 {
    sim.placements
        .iter()
        .filter(|p| p.t == t && p.site == s)
        .map(|p| p.chips)
        .sum()
}
