//! What the simulator records each month: stocks and cumulative counts per (recipient, chip)
//! pair, power per site and region. Flat arrays indexed `[entity * months + t]`.

/// What held an allocation's chips back in a month, judged after placement (README: Why late,
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
    /// Every installation, in the order it happened (month, then service order, then site).
    /// A log rather than an allocation × site × month array, which would be mostly zeros.
    pub placements: Vec<Placement>,
}

impl Simulation {
    pub(crate) fn new(
        months: usize,
        allocations: usize,
        sites: usize,
        regions: usize,
    ) -> Simulation {
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
        }
    }

    /// Index of `entity`'s value at month `t` in any per-entity array.
    pub fn at(&self, entity: usize, t: usize) -> usize {
        entity * self.months + t
    }
}
