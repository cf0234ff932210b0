//! Where an uncertain input's value goes in a [`crate::model::Scenario`]: one variant per key
//! that may be uncertain, with the indices of the element (and list entry) it belongs to.

use crate::units::Precision;

/// A place in the scenario a drawn value is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `scenario.commissioning_months`.
    Commissioning,
    /// `scenario.server_overhead`.
    ServerOverhead,
    /// `chip.tdp_w` of chip `.0` (index in the scenario's chips).
    TdpW(usize),
    /// `chip.it_kw`.
    ItKw(usize),
    /// `chip.tflops.<precision>`.
    Tflops(usize, Precision),
    /// `allocation.count` (ramp deliveries only).
    Count(usize),
    /// `allocation.deliveries.start`.
    RampStart(usize),
    /// `allocation.deliveries.months`.
    RampMonths(usize),
    /// `allocation.deliveries[k].month`.
    DeliveryMonth(usize, usize),
    /// `supply.cap[k].from`.
    CapFrom(usize),
    /// `supply.cap[k].per_month`.
    CapPerMonth(usize),
    /// `region.grid[k].from`.
    GridFrom(usize, usize),
    /// `region.grid[k].mw`.
    GridMw(usize, usize),
    /// `region.delay_months`.
    RegionDelay(usize),
    /// `site.pue`.
    Pue(usize),
    /// `site.install_per_month`.
    InstallRate(usize),
    /// `site.commissioning_months`.
    SiteCommissioning(usize),
    /// `site.delay_months`.
    SiteDelay(usize),
    /// `site.phases[k].online`.
    PhaseOnline(usize, usize),
    /// `site.phases[k].it_mw`.
    PhaseItMw(usize, usize),
    /// `target.efficiency`.
    Efficiency(usize),
}
