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

/// Which values of a key would, other things equal, bring chips online sooner or add PFLOPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// More is better: power, install rates, supply, TFLOPS, efficiency.
    Higher,
    /// Less (or earlier) is better: dates, delays, commissioning, PUE, power per chip.
    Lower,
}

impl Slot {
    /// Whether this is a site's or region's `delay_months`: months that may be negative
    /// (earlier), and the only keys a reference class may feed.
    pub fn is_delay(self) -> bool {
        matches!(self, Slot::SiteDelay(_) | Slot::RegionDelay(_))
    }

    /// Which way the key helps, where that is plain; `None` for chip counts (more chips of
    /// one allocation can crowd out another's).
    pub fn better(self) -> Option<Better> {
        match self {
            Slot::GridMw(..)
            | Slot::PhaseItMw(..)
            | Slot::InstallRate(_)
            | Slot::CapPerMonth(_)
            | Slot::Tflops(..)
            | Slot::Efficiency(_) => Some(Better::Higher),
            Slot::GridFrom(..)
            | Slot::PhaseOnline(..)
            | Slot::RampStart(_)
            | Slot::RampMonths(_)
            | Slot::DeliveryMonth(..)
            | Slot::CapFrom(_)
            | Slot::RegionDelay(_)
            | Slot::SiteDelay(_)
            | Slot::Commissioning
            | Slot::SiteCommissioning(_)
            | Slot::Pue(_)
            | Slot::ItKw(_)
            | Slot::TdpW(_)
            | Slot::ServerOverhead => Some(Better::Lower),
            Slot::Count(_) => None,
        }
    }

    /// The unit the key's value is in, for people: "MW", "kW", "W", "TFLOPS", "chips",
    /// "chips a month", "months"; empty for ratios (PUE, overhead, efficiency) and months of
    /// the calendar.
    pub fn unit(self) -> &'static str {
        match self {
            Slot::GridMw(..) | Slot::PhaseItMw(..) => "MW",
            Slot::ItKw(_) => "kW",
            Slot::TdpW(_) => "W",
            Slot::Tflops(..) => "TFLOPS",
            Slot::Count(_) => "chips",
            Slot::CapPerMonth(_) | Slot::InstallRate(_) => "chips a month",
            Slot::RampMonths(_)
            | Slot::RegionDelay(_)
            | Slot::SiteDelay(_)
            | Slot::Commissioning
            | Slot::SiteCommissioning(_) => "months",
            Slot::GridFrom(..)
            | Slot::PhaseOnline(..)
            | Slot::RampStart(_)
            | Slot::DeliveryMonth(..)
            | Slot::CapFrom(_)
            | Slot::Pue(_)
            | Slot::ServerOverhead
            | Slot::Efficiency(_) => "",
        }
    }

    /// The finest step a number in this key is shown to, and so searched to: a tenth of a
    /// MW, a watt (0.001 kW), a watt of TDP, a TFLOPS, a hundredth of a ratio.
    pub fn display_step(self) -> f64 {
        match self {
            Slot::GridMw(..) | Slot::PhaseItMw(..) => 0.1,
            Slot::ItKw(_) => 0.001,
            Slot::TdpW(_) | Slot::Tflops(..) => 1.0,
            _ => 0.01,
        }
    }
}
