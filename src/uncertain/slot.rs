//! Where an uncertain input's value goes in a scenario: one variant per key kept in a field of
//! its own, with the indices of the element (and list entry) it belongs to, and one for every
//! declared number. What a key is — its unit, which way helps, its step — is its declaration's
//! ([`crate::input::format`]).

use crate::input::format::{self, Key, Uncertain};
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
    /// A declared number ([`crate::input::format::Stored::Number`]): the key's place in
    /// [`format::KEYS`], and the element's index in its list (0 for `[scenario]`).
    Declared(usize, usize),
}

pub use crate::input::format::Better;

impl Slot {
    /// The key's declaration.
    pub fn key(self) -> &'static Key {
        match self {
            Slot::Commissioning => &format::SCENARIO_COMMISSIONING,
            Slot::ServerOverhead => &format::SCENARIO_SERVER_OVERHEAD,
            Slot::TdpW(_) => &format::CHIP_TDP_W,
            Slot::ItKw(_) => &format::CHIP_IT_KW,
            Slot::Tflops(..) => &format::TFLOPS_FIGURE,
            Slot::Count(_) => &format::ALLOCATION_COUNT,
            Slot::RampStart(_) => &format::RAMP_START,
            Slot::RampMonths(_) => &format::RAMP_MONTHS,
            Slot::DeliveryMonth(..) => &format::DELIVERY_MONTH,
            Slot::CapFrom(_) => &format::CAP_FROM,
            Slot::CapPerMonth(_) => &format::CAP_PER_MONTH,
            Slot::GridFrom(..) => &format::GRID_FROM,
            Slot::GridMw(..) => &format::GRID_MW,
            Slot::RegionDelay(_) => &format::REGION_DELAY,
            Slot::Pue(_) => &format::SITE_PUE,
            Slot::InstallRate(_) => &format::SITE_INSTALL_PER_MONTH,
            Slot::SiteCommissioning(_) => &format::SITE_COMMISSIONING,
            Slot::SiteDelay(_) => &format::SITE_DELAY,
            Slot::PhaseOnline(..) => &format::PHASE_ONLINE,
            Slot::PhaseItMw(..) => &format::PHASE_IT_MW,
            Slot::Declared(key, _) => &format::KEYS[key],
        }
    }

    /// Whether this is a site's or region's `delay_months`: months that may be negative
    /// (earlier), and the only keys a reference class may feed.
    pub fn is_delay(self) -> bool {
        self.key().uncertain == Uncertain::Delay
    }

    /// Which way the key helps, where that is plain; `None` for chip counts (more chips of
    /// one allocation can crowd out another's).
    pub fn better(self) -> Option<Better> {
        self.key().better
    }

    /// The unit the key's value is in, for people: "MW", "kW", "W", "TFLOPS", "chips",
    /// "chips a month", "months"; empty for ratios (PUE, overhead, efficiency) and months of
    /// the calendar.
    pub fn unit(self) -> &'static str {
        self.key().unit
    }

    /// The finest step a number in this key is shown to, and so searched to: a tenth of a
    /// MW, a watt (0.001 kW), a watt of TDP, a TFLOPS, a hundredth of a ratio.
    pub fn display_step(self) -> f64 {
        self.key().step
    }
}
