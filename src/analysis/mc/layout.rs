//! Where each figure of a sample goes: one row of `f64` scalars per sample (input values,
//! target outcomes, recipient milestones), and its monthly band values in its block's band
//! table, stored column by column so that a column of all samples is a run of whole blocks.

use crate::model::Scenario;
use crate::uncertain::Uncertainty;
use crate::units::{Metric, Precision};

/// Samples run together on one thread: a block of the tables.
pub const BLOCK: usize = 64;

/// The shape of a sample's rows.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Uncertain inputs.
    pub inputs: usize,
    /// Targets.
    pub targets: usize,
    /// Recipients.
    pub recipients: usize,
    /// Months.
    pub months: usize,
    /// Precisions with a PFLOPS band: each a target uses, or bf16 when none does.
    pub precisions: Vec<Precision>,
    /// Observations each sample is checked against.
    pub observations: usize,
    /// Regions: each has a band of the facility MW its sites draw.
    pub regions: usize,
    /// Whether some site has no region: its draw gets a band of its own.
    pub unregioned: bool,
    /// The `chips_online` targets limited to some recipients or chips: each has a band of the
    /// chips online in its scope (target indices, file order).
    pub scoped: Vec<usize>,
    /// Whether the scenario has `[economics]`: three more bands (energy of the year to each
    /// month, its electricity cost, capital spent so far).
    pub economics: bool,
}

impl Layout {
    /// The layout for `scenario` and its `uncertainty`.
    pub fn new(scenario: &Scenario, uncertainty: &Uncertainty) -> Layout {
        let mut precisions: Vec<Precision> = Vec::new();
        for target in &scenario.targets {
            if let (Metric::Pflops, Some(p)) = (target.metric, target.precision)
                && !precisions.contains(&p)
            {
                precisions.push(p);
            }
        }
        if precisions.is_empty() {
            precisions.push(Precision::Bf16);
        }
        Layout {
            inputs: uncertainty.inputs.len(),
            targets: scenario.targets.len(),
            recipients: scenario.recipients.len(),
            months: scenario.months,
            precisions,
            observations: scenario.observations.len(),
            regions: scenario.regions.len(),
            unregioned: scenario.sites.iter().any(|s| s.region.is_none()),
            scoped: (0..scenario.targets.len())
                .filter(|&k| {
                    let t = &scenario.targets[k];
                    t.metric == Metric::ChipsOnline && (t.recipients.is_some() || t.chips.is_some())
                })
                .collect(),
            economics: scenario.economics.is_some(),
        }
    }

    /// Scalars per sample: one per input, three per target (met, achieved, value at the
    /// deadline), four per recipient (50%, 90%, 100% online, chip-months waiting), one per
    /// observation (1 where the sample agrees with it, else 0).
    pub fn scalars(&self) -> usize {
        self.inputs + 3 * self.targets + 4 * self.recipients + self.observations
    }

    /// Observation `k`'s cell: whether the sample agrees with it.
    pub fn observation(&self, k: usize) -> usize {
        self.inputs + 3 * self.targets + 4 * self.recipients + k
    }

    /// Band series: chips online, chips online per recipient, facility MW, PFLOPS per
    /// precision; then facility MW per region (and of the sites with no region), chips online
    /// in each scoped target's scope, and with `[economics]` the energy and money bands.
    pub fn series(&self) -> usize {
        self.economics_series(0) + if self.economics { 3 } else { 0 }
    }

    /// Series `k` of the energy and money bands ([`super::economics::SERIES`]).
    pub fn economics_series(&self, k: usize) -> usize {
        self.scope_series(self.scoped.len()) + k
    }

    /// Series of region `r`'s facility MW (`r == regions`: the sites with no region).
    pub fn region_series(&self, r: usize) -> usize {
        1 + self.recipients + 1 + self.precisions.len() + r
    }

    /// Series of the chips online in the scope of `scoped[k]`.
    pub fn scope_series(&self, k: usize) -> usize {
        self.region_series(self.regions) + usize::from(self.unregioned) + k
    }

    /// Band values per sample.
    pub fn bands(&self) -> usize {
        self.series() * self.months
    }

    /// Bytes a run of `samples` samples on `threads` threads holds while it summarises:
    /// every sample's scalars and monthly series (kept whole so that percentiles are exact),
    /// the columns the importance figures work on (two per target, three per input being
    /// worked on), and with `samples_csv` the text of `samples.csv` (about 12 bytes a value).
    pub fn memory(&self, samples: u64, threads: usize, samples_csv: bool) -> u64 {
        let row = 8 * self.scalars().max(1) + 4 * self.bands();
        let working = 8 * (2 * self.targets + 3 * threads.clamp(1, self.inputs.max(1)));
        let text = if samples_csv {
            12 * (1 + self.inputs + 2 * self.targets)
        } else {
            0
        };
        samples.saturating_mul((row + working + text) as u64)
    }

    /// Input `k`'s value.
    pub fn input(&self, k: usize) -> usize {
        k
    }

    /// Target `k`'s first cell: met, then achieved, then the value at the deadline.
    pub fn target(&self, k: usize) -> usize {
        self.inputs + 3 * k
    }

    /// Recipient `r`'s first cell: 50%, 90%, 100% online, then chip-months waiting.
    pub fn recipient(&self, r: usize) -> usize {
        self.inputs + 3 * self.targets + 4 * r
    }

    /// Series `s` at month `t`: the band column.
    pub fn band(&self, s: usize, t: usize) -> usize {
        s * self.months + t
    }

    /// Where row `j` of a block keeps series `s` at month `t` in the block's band table
    /// (`bands()` columns of [`BLOCK`] rows each).
    pub fn block_band(&self, s: usize, t: usize, j: usize) -> usize {
        self.band(s, t) * BLOCK + j
    }
}
