//! The parts of a [`Scenario`] that follow from others: each allocation's IT power per chip and
//! requested deliveries, each site's commissioning time. Computed once after validation and
//! again after a Monte Carlo sample patches the values they follow from — in place, so a
//! sample allocates nothing once the buffers have grown to size.

use super::Scenario;
use crate::units::YearMonth;
use crate::units::{Kw, w_to_kw};

/// An allocation's requested deliveries as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Deliveries {
    /// An even ramp of `months` months from `start`.
    Ramp {
        /// First month.
        start: YearMonth,
        /// Months (at least 1).
        months: u64,
    },
    /// Explicit (month, chips) entries, in the order given.
    Schedule(Vec<(YearMonth, u64)>),
}

impl Deliveries {
    /// Writes the requests for `count` chips into `out` (cleared first): a ramp gives each month
    /// `count div months` and the first `count mod months` one more. Months after `end` carry
    /// nothing the simulator can use, so a ramp keeps at most one entry past `end`, holding the
    /// rest of the ramp.
    pub fn requests(&self, count: u64, end: YearMonth, out: &mut Vec<(YearMonth, u64)>) {
        out.clear();
        match self {
            Deliveries::Ramp { start, months } => {
                let months = (*months).max(1);
                let (base, rem) = (count / months, count % months);
                let inside = u64::try_from(end.months_since(*start) + 1)
                    .unwrap_or(0)
                    .min(months);
                out.extend(
                    (0..inside).map(|i| (start.plus(i as usize), base + u64::from(i < rem))),
                );
                if inside < months {
                    let delivered: u64 = out.iter().map(|&(_, n)| n).sum();
                    out.push((start.plus(inside as usize), count - delivered));
                }
            }
            Deliveries::Schedule(list) => out.extend_from_slice(list),
        }
    }
}

impl Scenario {
    /// Recomputes what follows from other values: allocations' IT kW per chip and requests,
    /// sites' commissioning months.
    pub fn derive(&mut self) {
        let end = self.end();
        for allocation in &mut self.allocations {
            let chip = &self.chips[allocation.chip];
            // Validation guarantees a chip with allocations has `it_kw` or `tdp_w`.
            allocation.it_kw = Kw(chip
                .it_kw
                .unwrap_or_else(|| w_to_kw(chip.tdp_w.unwrap_or(0.0)) * self.server_overhead));
            allocation
                .deliveries
                .requests(allocation.count, end, &mut allocation.requests);
        }
        for site in &mut self.sites {
            site.commissioning_months = site
                .commissioning_override
                .unwrap_or(self.commissioning_months);
        }
    }
}
