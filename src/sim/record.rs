//! What the simulator records each month: stocks and cumulative counts per (recipient, chip)
//! pair, power per site and region. Flat arrays indexed `[entity * months + t]`.

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
            site_capacity_it_kw: vec![0.0; sites * months],
            site_it_kw: vec![0.0; sites * months],
            site_facility_kw: vec![0.0; sites * months],
            region_grid_kw: vec![0.0; regions * months],
            region_facility_kw: vec![0.0; regions * months],
            facility_kw: vec![0.0; months],
        }
    }

    /// Index of `entity`'s value at month `t` in any per-entity array.
    pub fn at(&self, entity: usize, t: usize) -> usize {
        entity * self.months + t
    }
}
