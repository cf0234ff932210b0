//! Why a change that should not help someone does: by way of others. When relaxing a hall a
//! recipient cannot use is what saves it the most waiting, or a later date brings a target's
//! chips online sooner, the line that says so also says where the difference lands — the site
//! where those chips gain most, and whether others' chips take less of it (or of its region's
//! grid) — so the reader is not left with a result that reads as an error.

use serde::Serialize;

use super::trial::Assignment;
use super::variation::Variation;
use crate::model::Scenario;
use crate::sim::{Simulation, simulate};

/// Where a change helps some allocations by way of others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Via {
    /// The site where their chips gain the most chip-months installed.
    pub site: String,
    /// What others' chips leave to them there.
    pub freed: Freed,
}

/// Whether others' chips take less of the site, or of its region's grid, after the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Freed {
    /// Others' chips hold fewer chip-months at the site.
    Site,
    /// Others' chips hold fewer chip-months in the site's region (named): its grid.
    Grid(String),
    /// Neither: their chips simply go there more.
    Neither,
}

/// Compares a run `before` and `after` a change, for the allocations `mine` selects, over the
/// months through `until`: the site where their installed chip-months gain most, and whether
/// others' fall there. `None` when they gain nowhere.
pub fn via(
    scenario: &Scenario,
    before: &Simulation,
    after: &Simulation,
    mine: impl Fn(usize) -> bool,
    until: usize,
) -> Option<Via> {
    let sites = scenario.sites.len();
    let (mine_before, others_before) = chip_months(before, sites, &mine, until);
    let (mine_after, others_after) = chip_months(after, sites, &mine, until);
    let gain = |s: usize| i128::from(mine_after[s]) - i128::from(mine_before[s]);
    let best =
        (0..sites)
            .filter(|&s| gain(s) > 0)
            .fold(None, |best: Option<usize>, s| match best {
                Some(b) if gain(b) >= gain(s) => Some(b),
                _ => Some(s),
            })?;
    let site = &scenario.sites[best];
    let freed = if others_after[best] < others_before[best] {
        Freed::Site
    } else if let Some(r) = site.region {
        let in_region = |others: &[u64]| -> u64 {
            (0..sites)
                .filter(|&s| scenario.sites[s].region == Some(r))
                .map(|s| others[s])
                .sum()
        };
        if in_region(&others_after) < in_region(&others_before) {
            Freed::Grid(scenario.regions[r].name.clone())
        } else {
            Freed::Neither
        }
    } else {
        Freed::Neither
    };
    Some(Via {
        site: site.name.clone(),
        freed,
    })
}

/// [`via`] for two assignments of keys on `base` (each applied to a copy and simulated).
pub fn via_assignments(
    base: &Scenario,
    before: &Assignment,
    after: &Assignment,
    mine: impl Fn(usize) -> bool,
    until: usize,
) -> Option<Via> {
    let run = |assignment: &Assignment| {
        let mut scenario = base.clone();
        assignment.apply(&mut scenario);
        simulate(&scenario)
    };
    via(base, &run(before), &run(after), mine, until)
}

/// Per site, the chip-months installed through month `until` by the allocations `mine`
/// selects, and by the others.
fn chip_months(
    sim: &Simulation,
    sites: usize,
    mine: &impl Fn(usize) -> bool,
    until: usize,
) -> (Vec<u64>, Vec<u64>) {
    let (mut own, mut others) = (vec![0u64; sites], vec![0u64; sites]);
    for p in sim.placements.iter().filter(|p| p.t <= until) {
        let months = (until - p.t + 1) as u64;
        let cell = if mine(p.allocation) {
            &mut own[p.site]
        } else {
            &mut others[p.site]
        };
        *cell = cell.saturating_add(p.chips.saturating_mul(months));
    }
    (own, others)
}
