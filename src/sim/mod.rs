//! The monthly engine (README: Simulation rules): supply, capacity, placement, commissioning, record — in that
//! order, every month, deterministically.
//!
//! [`simulate`] lays the scenario out as flat arrays once ([`plan`]), then runs a loop that only
//! reads and writes preallocated buffers, so thousands of calls (Monte Carlo, sensitivity) stay cheap.

mod plan;
mod record;

pub use record::{Binding, Placement, Simulation};

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
    let mut out = Simulation::new(
        plan.months,
        scenario.allocations.len(),
        scenario.sites.len(),
        scenario.regions.len(),
    );
    let mut state = State::new(&plan, scenario.sites.len(), scenario.regions.len());
    for t in 0..plan.months {
        state.supply(t);
        state.place(t, &mut out);
        state.judge(t, &mut out);
        state.commission(t);
        state.record(t, &mut out);
    }
    out
}

/// Stocks and running power sums carried from month to month; allocated once per run.
struct State<'p> {
    plan: &'p Plan,
    /// Per allocation: cumulative requested and delivered; stocks in backorder and waiting;
    /// cumulative installed; online.
    requested: Vec<u64>,
    delivered: Vec<u64>,
    backorder: Vec<u64>,
    waiting: Vec<u64>,
    installed: Vec<u64>,
    online: Vec<u64>,
    /// Chips of allocation `a` that come online at month `t`: `[a * months + t]`.
    comes_online: Vec<u64>,
    /// Per site: IT and facility kW installed, install slots left this month.
    site_it_kw: Vec<f64>,
    site_facility_kw: Vec<f64>,
    slots: Vec<u64>,
    /// Per region: facility kW installed.
    region_facility_kw: Vec<f64>,
    /// Per site, while judging a month: whether an allocation served earlier still has chips
    /// waiting and accepts this site (any room freed here would go to it first).
    queued: Vec<bool>,
}

impl<'p> State<'p> {
    fn new(plan: &'p Plan, sites: usize, regions: usize) -> Self {
        let allocations = plan.it_kw.len();
        let counts = || vec![0u64; allocations];
        State {
            plan,
            requested: counts(),
            delivered: counts(),
            backorder: counts(),
            waiting: counts(),
            installed: counts(),
            online: counts(),
            comes_online: vec![0; allocations * plan.months],
            site_it_kw: vec![0.0; sites],
            site_facility_kw: vec![0.0; sites],
            slots: vec![0; sites],
            region_facility_kw: vec![0.0; regions],
            queued: vec![false; sites],
        }
    }

    /// 1. Supply: requests join the backorder; the month's cap is shared in service order.
    fn supply(&mut self, t: usize) {
        let plan = self.plan;
        let mut cap_left = plan.cap.as_ref().map_or(u64::MAX, |cap| cap[t]);
        for &a in &plan.order {
            let request = plan.requests[a * plan.months + t];
            self.requested[a] += request;
            self.backorder[a] += request;
            let take = self.backorder[a].min(cap_left);
            cap_left -= take;
            self.backorder[a] -= take;
            self.delivered[a] += take;
            self.waiting[a] += take;
        }
    }

    /// 2–3. Capacity (precomputed in the plan) and placement: install slots refill; allocations
    /// in service order fill the sites that accept them, in file order.
    fn place(&mut self, t: usize, out: &mut Simulation) {
        let plan = self.plan;
        let months = plan.months;
        self.slots.copy_from_slice(&plan.slots);
        for &a in &plan.order {
            let it_kw = plan.it_kw[a];
            for &s in plan.eligible_sites(a) {
                if self.waiting[a] == 0 {
                    break;
                }
                let facility_per_chip = it_kw * plan.pue[s];
                let free_it = plan.site_capacity_kw[s * months + t] - self.site_it_kw[s];
                let mut n = self.waiting[a].min(self.slots[s]).min(fit(free_it, it_kw));
                if let Some(r) = plan.region[s] {
                    let free_grid = plan.grid_kw[r * months + t] - self.region_facility_kw[r];
                    n = n.min(fit(free_grid, facility_per_chip));
                }
                if n == 0 {
                    continue;
                }
                let chips = n as f64;
                self.site_it_kw[s] += chips * it_kw;
                self.site_facility_kw[s] += chips * facility_per_chip;
                if let Some(r) = plan.region[s] {
                    self.region_facility_kw[r] += chips * facility_per_chip;
                }
                self.slots[s] -= n;
                self.waiting[a] -= n;
                self.installed[a] += n;
                let ready = t + plan.lag[s];
                if ready < months {
                    self.comes_online[a * months + ready] += n;
                }
                out.placements.push(Placement {
                    t,
                    allocation: a,
                    site: s,
                    chips: n,
                });
            }
        }
    }

    /// Why chips are still held back, now that every allocation has been placed. Allocations
    /// are judged in service order so that each sees which sites earlier ones still queue for.
    fn judge(&mut self, t: usize, out: &mut Simulation) {
        let plan = self.plan;
        self.queued.fill(false);
        for &a in &plan.order {
            if self.backorder[a] > 0 || self.waiting[a] > 0 {
                out.binding[a * plan.months + t] = binding(
                    plan,
                    Judged {
                        a,
                        t,
                        waiting: self.waiting[a],
                    },
                    &self.site_it_kw,
                    &self.region_facility_kw,
                    &self.slots,
                    &self.queued,
                );
            }
            if self.waiting[a] > 0 {
                for &s in plan.eligible_sites(a) {
                    self.queued[s] = true;
                }
            }
        }
    }

    /// 4. Online: chips whose commissioning ends this month (including L = 0 installs).
    fn commission(&mut self, t: usize) {
        for (a, online) in self.online.iter_mut().enumerate() {
            *online += self.comes_online[a * self.plan.months + t];
        }
    }

    /// 5. Record the month.
    fn record(&self, t: usize, out: &mut Simulation) {
        let (plan, months) = (self.plan, self.plan.months);
        for a in 0..self.online.len() {
            let i = a * months + t;
            out.requested[i] = self.requested[a];
            out.delivered[i] = self.delivered[a];
            out.backorder[i] = self.backorder[a];
            out.waiting[i] = self.waiting[a];
            out.installing[i] = self.installed[a] - self.online[a];
            out.online[i] = self.online[a];
        }
        for s in 0..self.site_it_kw.len() {
            let i = s * months + t;
            out.site_capacity_it_kw[i] = plan.site_capacity_kw[i];
            out.site_it_kw[i] = self.site_it_kw[s];
            out.site_facility_kw[i] = self.site_facility_kw[s];
        }
        for (r, &drawn) in self.region_facility_kw.iter().enumerate() {
            let i = r * months + t;
            out.region_grid_kw[i] = plan.grid_kw[i];
            out.region_facility_kw[i] = drawn;
        }
        out.facility_kw[t] = self.site_facility_kw.iter().sum();
    }
}

/// The allocation and month being judged, and its chips still waiting after placement.
#[derive(Clone, Copy)]
struct Judged {
    a: usize,
    t: usize,
    waiting: u64,
}

/// The binding constraint for an allocation after placement (README: Why late): supply when nothing
/// waits; no site when none accepts it; else, over the judged sites — the accepting sites no
/// earlier-served waiting allocation queues for, or all of them when every one is queued —
/// grid if one has IT room for one more chip but its grid has not, install rate if one has room
/// but no slots, else site power.
fn binding(
    plan: &Plan,
    Judged { a, t, waiting }: Judged,
    site_it_kw: &[f64],
    region_facility_kw: &[f64],
    slots: &[u64],
    queued: &[bool],
) -> Binding {
    if waiting == 0 {
        return Binding::Supply;
    }
    let sites = plan.eligible_sites(a);
    if sites.is_empty() {
        return Binding::NoSite;
    }
    let every_site_queued = sites.iter().all(|&s| queued[s]);
    let (months, it_kw) = (plan.months, plan.it_kw[a]);
    let mut install_rate = false;
    for &s in sites {
        if queued[s] && !every_site_queued {
            continue;
        }
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
