//! The stocks and running power sums carried from month to month, and the five steps of a
//! month. Allocated once per [`super::Engine`]; every run resets and reuses it.

use super::plan::Plan;
use super::record::{Binding, Limit, Placement, Recorder};
use super::{MonthView, fit};

/// Per allocation, site and region: what the month's steps read and write.
pub(crate) struct State {
    /// Per allocation: cumulative requested and delivered; stocks in backorder and waiting;
    /// cumulative installed; online.
    pub(crate) requested: Vec<u64>,
    pub(crate) delivered: Vec<u64>,
    pub(crate) backorder: Vec<u64>,
    pub(crate) waiting: Vec<u64>,
    pub(crate) installed: Vec<u64>,
    pub(crate) online: Vec<u64>,
    /// Chips of allocation `a` that come online at month `t`: `[a * months + t]`.
    comes_online: Vec<u64>,
    /// Facility kW (at full draw) of the chips that come online at month `t`.
    kw_comes_online: Vec<f64>,
    /// Facility kW (at full draw) of the chips online.
    pub(crate) online_facility_kw: f64,
    /// Per site: IT and facility kW installed, install slots left this month.
    pub(crate) site_it_kw: Vec<f64>,
    pub(crate) site_facility_kw: Vec<f64>,
    slots: Vec<u64>,
    /// Per region: facility kW installed.
    pub(crate) region_facility_kw: Vec<f64>,
    /// Per site, while judging a month: whether an allocation served earlier still has chips
    /// waiting and accepts this site (any room freed here would go to it first).
    queued: Vec<bool>,
}

impl State {
    pub(crate) fn new(plan: &Plan) -> Self {
        let (allocations, sites, regions) = (plan.it_kw.len(), plan.pue.len(), plan.regions);
        let counts = || vec![0u64; allocations];
        State {
            requested: counts(),
            delivered: counts(),
            backorder: counts(),
            waiting: counts(),
            installed: counts(),
            online: counts(),
            comes_online: vec![0; allocations * plan.months],
            kw_comes_online: vec![0.0; plan.months],
            online_facility_kw: 0.0,
            site_it_kw: vec![0.0; sites],
            site_facility_kw: vec![0.0; sites],
            slots: vec![0; sites],
            region_facility_kw: vec![0.0; regions],
            queued: vec![false; sites],
        }
    }

    /// Back to month 0: nothing requested, delivered or installed.
    pub(crate) fn reset(&mut self) {
        for stock in [
            &mut self.requested,
            &mut self.delivered,
            &mut self.backorder,
            &mut self.waiting,
            &mut self.installed,
            &mut self.online,
            &mut self.comes_online,
        ] {
            stock.fill(0);
        }
        self.kw_comes_online.fill(0.0);
        self.online_facility_kw = 0.0;
        self.site_it_kw.fill(0.0);
        self.site_facility_kw.fill(0.0);
        self.region_facility_kw.fill(0.0);
    }

    /// Runs every month of `plan`, reporting to `out`.
    pub(crate) fn run<R: Recorder>(&mut self, plan: &Plan, out: &mut R) {
        self.reset();
        let mut settled = false;
        for t in 0..plan.months {
            // Once every request is in and every chip delivered is online, no step can change
            // anything: the months left are only recorded.
            if !settled {
                self.supply(plan, t, out);
                self.place(plan, t, out);
                if R::JUDGE {
                    self.judge(plan, t, out);
                }
                self.commission(plan, t);
                settled = t >= plan.last_request && self.all_online();
            }
            out.month(&MonthView {
                plan,
                state: self,
                t,
            });
        }
    }

    /// Whether nothing is in backorder, waiting or installing.
    fn all_online(&self) -> bool {
        self.backorder.iter().all(|&n| n == 0)
            && self.waiting.iter().all(|&n| n == 0)
            && self.installed == self.online
    }

    /// 1. Supply: requests join the backorder; the month's cap is shared in service order.
    fn supply<R: Recorder>(&mut self, plan: &Plan, t: usize, out: &mut R) {
        let mut cap_left = if plan.capped { plan.cap[t] } else { u64::MAX };
        for &a in &plan.order {
            let request = plan.requests[a * plan.months + t];
            self.requested[a] += request;
            self.backorder[a] += request;
            if R::TRACK_LIMITS && cap_left < self.backorder[a] {
                out.limited(Limit::Supply);
            }
            let take = self.backorder[a].min(cap_left);
            cap_left -= take;
            self.backorder[a] -= take;
            self.delivered[a] += take;
            self.waiting[a] += take;
        }
    }

    /// 2–3. Capacity (precomputed in the plan) and placement: install slots refill; allocations
    /// in service order fill the sites that accept them, in file order.
    fn place<R: Recorder>(&mut self, plan: &Plan, t: usize, out: &mut R) {
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
                let (waiting, slots, it) = (self.waiting[a], self.slots[s], fit(free_it, it_kw));
                let grid = match plan.region[s] {
                    Some(r) => fit(
                        plan.grid_kw[r * months + t] - self.region_facility_kw[r],
                        facility_per_chip,
                    ),
                    None => u64::MAX,
                };
                let n = waiting.min(slots).min(it).min(grid);
                if R::TRACK_LIMITS {
                    // A term strictly below all the others decided this installation.
                    if it < waiting.min(slots).min(grid) {
                        out.limited(Limit::SitePower(s));
                    }
                    if slots < waiting.min(it).min(grid) {
                        out.limited(Limit::InstallRate(s));
                    }
                    if let Some(r) = plan.region[s]
                        && grid < waiting.min(slots).min(it)
                    {
                        out.limited(Limit::Grid(r));
                    }
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
                    self.kw_comes_online[ready] += chips * facility_per_chip;
                }
                out.placed(Placement {
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
    fn judge<R: Recorder>(&mut self, plan: &Plan, t: usize, out: &mut R) {
        self.queued.fill(false);
        for &a in &plan.order {
            if self.backorder[a] > 0 || self.waiting[a] > 0 {
                out.held(a, t, self.binding(plan, a, t));
            }
            if self.waiting[a] > 0 {
                for &s in plan.eligible_sites(a) {
                    self.queued[s] = true;
                }
            }
        }
    }

    /// 4. Online: chips whose commissioning ends this month (including L = 0 installs).
    fn commission(&mut self, plan: &Plan, t: usize) {
        for (a, online) in self.online.iter_mut().enumerate() {
            *online += self.comes_online[a * plan.months + t];
        }
        self.online_facility_kw += self.kw_comes_online[t];
    }

    /// The binding constraint for allocation `a` after placement in month `t` (docs/methods.md: Why
    /// late): supply when nothing waits; no site when none accepts it; else, over the judged
    /// sites — the accepting sites no earlier-served waiting allocation queues for, or all of
    /// them when every one is queued — grid if one has IT room for one more chip but its grid
    /// has not, install rate if one has room but no slots, else site power.
    fn binding(&self, plan: &Plan, a: usize, t: usize) -> Binding {
        if self.waiting[a] == 0 {
            return Binding::Supply;
        }
        let sites = plan.eligible_sites(a);
        if sites.is_empty() {
            return Binding::NoSite;
        }
        let every_site_queued = sites.iter().all(|&s| self.queued[s]);
        let (months, it_kw) = (plan.months, plan.it_kw[a]);
        let mut install_rate = false;
        for &s in sites {
            if self.queued[s] && !every_site_queued {
                continue;
            }
            if fit(
                plan.site_capacity_kw[s * months + t] - self.site_it_kw[s],
                it_kw,
            ) == 0
            {
                continue;
            }
            if let Some(r) = plan.region[s]
                && fit(
                    plan.grid_kw[r * months + t] - self.region_facility_kw[r],
                    it_kw * plan.pue[s],
                ) == 0
            {
                return Binding::Grid(r);
            }
            install_rate |= self.slots[s] == 0;
        }
        if install_rate {
            Binding::InstallRate
        } else {
            Binding::SitePower
        }
    }
}
