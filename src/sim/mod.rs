//! The monthly engine (SPEC §3): supply, capacity, placement, commissioning, record — in that
//! order, every month, deterministically.
//!
//! [`simulate`] lays the scenario out as flat arrays once ([`plan`]), then runs a loop that only
//! reads and writes preallocated buffers, so thousands of calls (Monte Carlo, sensitivity) stay cheap.

mod plan;
mod record;

pub use record::{Binding, Simulation};

use crate::model::Scenario;
use plan::Plan;

/// Slack added to free power before dividing, so rounding in the running sums never costs a chip.
pub const FIT_TOLERANCE_KW: f64 = 1e-6;

/// How many chips needing `need_kw` each fit in `free_kw`: floor((free + 1e-6) / need), at least 0.
pub fn fit(free_kw: f64, need_kw: f64) -> u64 {
    let n = ((free_kw + FIT_TOLERANCE_KW) / need_kw).floor();
    if n >= u64::MAX as f64 {
        u64::MAX
    } else if n >= 1.0 {
        n as u64
    } else {
        0 // also catches NaN
    }
}

/// Runs the scenario month by month.
pub fn simulate(scenario: &Scenario) -> Simulation {
    let plan = Plan::new(scenario);
    let months = plan.months;
    let (n_alloc, n_sites, n_regions) = (
        scenario.allocations.len(),
        scenario.sites.len(),
        scenario.regions.len(),
    );
    let mut out = Simulation::new(months, n_alloc, n_sites, n_regions);

    let mut requested = vec![0u64; n_alloc];
    let mut delivered = vec![0u64; n_alloc];
    let mut backorder = vec![0u64; n_alloc];
    let mut waiting = vec![0u64; n_alloc];
    let mut installed = vec![0u64; n_alloc];
    let mut online = vec![0u64; n_alloc];
    // Chips of allocation `a` that come online at month `t`: `[a * months + t]`.
    let mut comes_online = vec![0u64; n_alloc * months];
    let mut site_it_kw = vec![0.0f64; n_sites];
    let mut site_facility_kw = vec![0.0f64; n_sites];
    let mut region_facility_kw = vec![0.0f64; n_regions];
    let mut slots = vec![0u64; n_sites];

    for t in 0..months {
        // 1. Supply: requests join the backorder; the cap is shared in service order.
        let mut cap_left = plan.cap.as_ref().map_or(u64::MAX, |cap| cap[t]);
        for &a in &plan.order {
            let request = plan.requests[a * months + t];
            requested[a] += request;
            backorder[a] += request;
            let take = backorder[a].min(cap_left);
            cap_left -= take;
            backorder[a] -= take;
            delivered[a] += take;
            waiting[a] += take;
        }

        // 2. Capacity is precomputed in the plan; install slots refill.
        slots.copy_from_slice(&plan.slots);

        // 3. Placement, allocations in service order, sites in file order.
        for &a in &plan.order {
            let it_kw = plan.it_kw[a];
            for &s in plan.eligible_sites(a) {
                if waiting[a] == 0 {
                    break;
                }
                let facility_per_chip = it_kw * plan.pue[s];
                let free_it = plan.site_capacity_kw[s * months + t] - site_it_kw[s];
                let mut n = waiting[a].min(slots[s]).min(fit(free_it, it_kw));
                if let Some(r) = plan.region[s] {
                    let free_grid = plan.grid_kw[r * months + t] - region_facility_kw[r];
                    n = n.min(fit(free_grid, facility_per_chip));
                }
                if n == 0 {
                    continue;
                }
                let chips = n as f64;
                site_it_kw[s] += chips * it_kw;
                site_facility_kw[s] += chips * facility_per_chip;
                if let Some(r) = plan.region[s] {
                    region_facility_kw[r] += chips * facility_per_chip;
                }
                slots[s] -= n;
                waiting[a] -= n;
                installed[a] += n;
                let ready = t + plan.lag[s];
                if ready < months {
                    comes_online[a * months + ready] += n;
                }
            }
        }

        // Why chips are still held back, now that every allocation has been placed.
        for a in 0..n_alloc {
            if backorder[a] > 0 || waiting[a] > 0 {
                out.binding[a * months + t] = binding(
                    &plan,
                    a,
                    t,
                    waiting[a],
                    &site_it_kw,
                    &region_facility_kw,
                    &slots,
                );
            }
        }

        // 4. Online: chips whose commissioning ends this month (including L = 0 installs above).
        for a in 0..n_alloc {
            online[a] += comes_online[a * months + t];
        }

        // 5. Record.
        for a in 0..n_alloc {
            let i = a * months + t;
            out.requested[i] = requested[a];
            out.delivered[i] = delivered[a];
            out.backorder[i] = backorder[a];
            out.waiting[i] = waiting[a];
            out.installing[i] = installed[a] - online[a];
            out.online[i] = online[a];
        }
        for s in 0..n_sites {
            let i = s * months + t;
            out.site_capacity_it_kw[i] = plan.site_capacity_kw[i];
            out.site_it_kw[i] = site_it_kw[s];
            out.site_facility_kw[i] = site_facility_kw[s];
        }
        for (r, &drawn) in region_facility_kw.iter().enumerate() {
            let i = r * months + t;
            out.region_grid_kw[i] = plan.grid_kw[i];
            out.region_facility_kw[i] = drawn;
        }
        out.facility_kw[t] = site_facility_kw.iter().sum();
    }
    out
}

/// The binding constraint for allocation `a` after placement in month `t` (SPEC §4): supply when
/// nothing waits; no site when none accepts it; else, over the accepting sites, grid if one had
/// IT room for one more chip but its grid had not, install rate if one had room but no slots,
/// else site power.
fn binding(
    plan: &Plan,
    a: usize,
    t: usize,
    waiting: u64,
    site_it_kw: &[f64],
    region_facility_kw: &[f64],
    slots: &[u64],
) -> Binding {
    if waiting == 0 {
        return Binding::Supply;
    }
    let sites = plan.eligible_sites(a);
    if sites.is_empty() {
        return Binding::NoSite;
    }
    let (months, it_kw) = (plan.months, plan.it_kw[a]);
    let mut install_rate = false;
    for &s in sites {
        if fit(plan.site_capacity_kw[s * months + t] - site_it_kw[s], it_kw) == 0 {
            continue;
        }
        if let Some(r) = plan.region[s]
            && fit(
                plan.grid_kw[r * months + t] - region_facility_kw[r],
                it_kw * plan.pue[s],
            ) == 0
        {
            return Binding::Grid(r);
        }
        install_rate |= slots[s] == 0;
    }
    if install_rate {
        Binding::InstallRate
    } else {
        Binding::SitePower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_floors_with_tolerance() {
        assert_eq!(fit(10.0, 2.5), 4);
        assert_eq!(fit(9.999_999_5, 2.5), 4, "within 1e-6 kW counts as a fit");
        assert_eq!(fit(9.99, 2.5), 3);
        assert_eq!(fit(-5.0, 1.0), 0);
        assert_eq!(fit(f64::INFINITY, 1.0), u64::MAX);
        assert_eq!(fit(f64::NAN, 1.0), 0);
    }
}
