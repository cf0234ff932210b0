//! Warnings about a run's outcome, in the reader's language: what the run found that the
//! scenario's author would want to hear of (chips stranded beside a hall with room).

use crate::analysis::stranded::{HeldBy, Stranded};
use crate::lang::fill;
use crate::numbers::thousands;
use crate::units::YearMonth;

/// "SK's B200 chips end the horizon (2032-12) with 1,200 still waiting, while …, which
/// accepts them, has IT room for 800 more: the grid in … has no room left for them".
pub fn stranded(stranded: &Stranded, end: YearMonth) -> String {
    let why = match &stranded.held_by {
        HeldBy::Grid(region) => fill("stranded.grid", &[("region", region)]),
        HeldBy::InstallRate(rate) => fill("stranded.install_rate", &[("rate", &thousands(*rate))]),
    };
    fill(
        "stranded.warning",
        &[
            ("recipient", &stranded.recipient),
            ("chip", &stranded.chip),
            ("end", &end.to_string()),
            ("waiting", &thousands(stranded.waiting)),
            ("site", &stranded.site),
            ("room", &thousands(stranded.room)),
            ("why", &why),
        ],
    )
}
