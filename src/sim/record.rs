//! What a run keeps: the [`Recorder`] trait, and [`Simulation`], the recorder that keeps
//! everything — stocks and cumulative counts per (recipient, chip) pair, power per site and
//! region, the placement log and the month-by-month why-late judgement — in flat arrays
//! indexed `[entity * months + t]`.

use super::MonthView;

/// What a run reports to, month by month. Each method is called in month order.
pub trait Recorder {
    /// Whether the run should judge, every month, what held each allocation back (it costs
    /// time; Monte Carlo does not need it).
    const JUDGE: bool = false;

    /// Whether the run should note which constraints ever limit a delivery or an installation
    /// ([`Recorder::limited`]); relief skips relaxing those that never do.
    const TRACK_LIMITS: bool = false;

    /// Chips installed at a site.
    fn placed(&mut self, _placement: Placement) {}

    /// A constraint that was, at some delivery or installation, strictly the smallest of the
    /// terms that decide it (only when [`Recorder::TRACK_LIMITS`]).
    fn limited(&mut self, _limit: Limit) {}

    /// What held allocation `a` back in month `t` (only when [`Recorder::JUDGE`]).
    fn held(&mut self, _a: usize, _t: usize, _binding: Binding) {}

    /// The end of month `view.t`.
    fn month(&mut self, view: &MonthView);
}

/// What held an allocation's chips back in a month, judged after placement (docs/methods.md: Why late,
/// `constraints.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Binding {
    /// Nothing in backorder or waiting.
    Clear,
    /// Only backorder, nothing waiting: the supply cap.
    Supply,
    /// No site accepts this recipient and cooling.
    NoSite,
    /// A site had IT room for one more chip but its region's grid (index) had not.
    Grid(usize),
    /// A site had IT and grid room but no install slots left this month.
    InstallRate,
    /// No accepting site has IT room for one more chip (or none is built yet).
    SitePower,
}

impl Binding {
    /// The spelling in `constraints.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Binding::Clear => "",
            Binding::Supply => "supply",
            Binding::NoSite => "no_site",
            Binding::Grid(_) => "grid",
            Binding::InstallRate => "install_rate",
            Binding::SitePower => "site_power",
        }
    }
}

/// A constraint that can limit a delivery or an installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The supply cap.
    Supply,
    /// A region's grid (index).
    Grid(usize),
    /// A site's IT power (index).
    SitePower(usize),
    /// A site's install rate (index).
    InstallRate(usize),
}

/// Which constraints ever limited a delivery or an installation in a run: strictly the
/// smallest of the terms (waiting chips, IT fit, grid fit, install slots; backorder and cap)
/// that decided it. One that never did can be relaxed without changing the run at all: with
/// its term larger, every decision is the same minimum of the same terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Limits {
    /// The supply cap.
    pub supply: bool,
    /// Per region: its grid.
    pub grid: Vec<bool>,
    /// Per site: its IT power.
    pub site_power: Vec<bool>,
    /// Per site: its install rate.
    pub install_rate: Vec<bool>,
}

impl Limits {
    /// None limited yet, for `sites` sites and `regions` regions.
    pub fn new(sites: usize, regions: usize) -> Limits {
        Limits {
            supply: false,
            grid: vec![false; regions],
            site_power: vec![false; sites],
            install_rate: vec![false; sites],
        }
    }

    /// Notes that `limit` limited something.
    pub fn note(&mut self, limit: Limit) {
        match limit {
            Limit::Supply => self.supply = true,
            Limit::Grid(r) => self.grid[r] = true,
            Limit::SitePower(s) => self.site_power[s] = true,
            Limit::InstallRate(s) => self.install_rate[s] = true,
        }
    }
}

/// Chips of one allocation installed at one site in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Month index.
    pub t: usize,
    /// Index into the scenario's allocations.
    pub allocation: usize,
    /// Index into the scenario's sites.
    pub site: usize,
    /// Chips installed.
    pub chips: u64,
}

/// The month-by-month outcome of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// Months simulated.
    pub months: usize,
    /// Cumulative chips requested, per allocation and month.
    pub requested: Vec<u64>,
    /// Cumulative chips delivered.
    pub delivered: Vec<u64>,
    /// Chips requested but not yet delivered (held by the supply cap).
    pub backorder: Vec<u64>,
    /// Chips delivered but not yet installed, after placement.
    pub waiting: Vec<u64>,
    /// Chips installed but still commissioning.
    pub installing: Vec<u64>,
    /// Chips online.
    pub online: Vec<u64>,
    /// What held the allocation back, per allocation and month.
    pub binding: Vec<Binding>,
    /// Site IT capacity, kW, per site and month.
    pub site_capacity_it_kw: Vec<f64>,
    /// IT kW of chips installed at the site.
    pub site_it_kw: Vec<f64>,
    /// Facility kW of chips installed at the site (IT kW × PUE).
    pub site_facility_kw: Vec<f64>,
    /// Region grid capacity, facility kW, per region and month; infinite where unlimited.
    pub region_grid_kw: Vec<f64>,
    /// Facility kW drawn by the region's sites.
    pub region_facility_kw: Vec<f64>,
    /// Facility kW drawn by all sites, per month.
    pub facility_kw: Vec<f64>,
    /// Every installation, in the order it happened (month, then service order, then site in
    /// placement order).
    /// A log rather than an allocation × site × month array, which would be mostly zeros.
    pub placements: Vec<Placement>,
    /// Which constraints ever limited a delivery or an installation.
    pub limits: Limits,
}

impl Simulation {
    /// An empty record for a run of this shape.
    pub fn new(months: usize, allocations: usize, sites: usize, regions: usize) -> Simulation {
        let counts = || vec![0u64; allocations * months];
        Simulation {
            months,
            requested: counts(),
            delivered: counts(),
            backorder: counts(),
            waiting: counts(),
            installing: counts(),
            online: counts(),
            binding: vec![Binding::Clear; allocations * months],
            site_capacity_it_kw: vec![0.0; sites * months],
            site_it_kw: vec![0.0; sites * months],
            site_facility_kw: vec![0.0; sites * months],
            region_grid_kw: vec![0.0; regions * months],
            region_facility_kw: vec![0.0; regions * months],
            facility_kw: vec![0.0; months],
            // Most runs place each allocation at a few sites over a few dozen months; the log
            // grows (amortised, a handful of times per run) only beyond that.
            placements: Vec::with_capacity(allocations * 64),
            limits: Limits::new(sites, regions),
        }
    }

    /// Index of `entity`'s value at month `t` in any per-entity array.
    pub fn at(&self, entity: usize, t: usize) -> usize {
        entity * self.months + t
    }
}

impl Recorder for Simulation {
    const JUDGE: bool = true;
    const TRACK_LIMITS: bool = true;

    fn placed(&mut self, placement: Placement) {
        self.placements.push(placement);
    }

    fn limited(&mut self, limit: Limit) {
        self.limits.note(limit);
    }

    fn held(&mut self, a: usize, t: usize, binding: Binding) {
        self.binding[a * self.months + t] = binding;
    }

    fn month(&mut self, view: &MonthView) {
        let (months, t) = (self.months, view.t);
        let installed = view.installed();
        let online = view.online();
        for a in 0..online.len() {
            let i = a * months + t;
            self.requested[i] = view.requested()[a];
            self.delivered[i] = view.delivered()[a];
            self.backorder[i] = view.backorder()[a];
            self.waiting[i] = view.waiting()[a];
            self.installing[i] = installed[a] - online[a];
            self.online[i] = online[a];
        }
        for (s, &it_kw) in view.site_it_kw().iter().enumerate() {
            let i = s * months + t;
            self.site_capacity_it_kw[i] = view.site_capacity_kw(s);
            self.site_it_kw[i] = it_kw;
            self.site_facility_kw[i] = view.site_facility_kw()[s];
        }
        for (r, &drawn) in view.region_facility_kw().iter().enumerate() {
            let i = r * months + t;
            self.region_grid_kw[i] = view.grid_kw(r);
            self.region_facility_kw[i] = drawn;
        }
        self.facility_kw[t] = view.site_facility_kw().iter().sum();
    }
}
