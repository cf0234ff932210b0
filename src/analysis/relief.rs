//! "What would help" (`relief.csv` and `feasibility.csv`, docs/methods.md: What would help): the scenario re-run with
//! one constraint relaxed at a time, and once with all of them relaxed. A constraint's *relief*
//! for a recipient is how many chip-months of waiting relaxing it saves — a counterfactual, so it
//! names only what would really change the outcome (unlike the month-by-month judgement, which
//! says what stood in the way but not whether removing it would let anything through).

use super::figures::Figures;
use super::variation::{Variation, run_each};
use crate::model::Scenario;
use crate::sim::{Limits, Simulation, simulate};
use crate::units::Mw;

/// A constraint lifted for one re-run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relaxation {
    /// Nothing: the scenario as written.
    None,
    /// No supply cap.
    Supply,
    /// Region (index) with an unlimited grid for the whole run.
    Grid(usize),
    /// Site (index) with unlimited IT capacity from its first phase's month (delay included).
    SitePower(usize),
    /// Site (index) with no install-rate limit.
    InstallRate(usize),
    /// Every relaxation above at once.
    All,
}

impl Relaxation {
    /// The relaxations of `scenario` in `relief.csv` order: none; supply (if capped); each
    /// region with a grid; each site with a phase; each site with an install rate; all.
    pub fn of(scenario: &Scenario) -> Vec<Relaxation> {
        let mut out = vec![Relaxation::None];
        if scenario.supply.is_some() {
            out.push(Relaxation::Supply);
        }
        out.extend(
            (0..scenario.regions.len())
                .filter(|&r| scenario.regions[r].grid_mw.is_some())
                .map(Relaxation::Grid),
        );
        out.extend(
            (0..scenario.sites.len())
                .filter(|&s| !scenario.sites[s].phases.is_empty())
                .map(Relaxation::SitePower),
        );
        out.extend(
            (0..scenario.sites.len())
                .filter(|&s| scenario.sites[s].install_per_month.is_some())
                .map(Relaxation::InstallRate),
        );
        out.push(Relaxation::All);
        out
    }

    /// The `relaxed` column of `relief.csv`: `none`, `supply`, `grid:<region>`,
    /// `site_power:<site>`, `install_rate:<site>`, `all`.
    pub fn key(self, scenario: &Scenario) -> String {
        match self {
            Relaxation::None => "none".into(),
            Relaxation::Supply => "supply".into(),
            Relaxation::Grid(r) => format!("grid:{}", scenario.regions[r].name),
            Relaxation::SitePower(s) => format!("site_power:{}", scenario.sites[s].name),
            Relaxation::InstallRate(s) => format!("install_rate:{}", scenario.sites[s].name),
            Relaxation::All => "all".into(),
        }
    }

    /// Whether this relaxation lifts a limit on a place recipient `r`'s chips may go (a site
    /// that accepts one of its allocations, or a region holding one); if not, any relief it
    /// gives `r` comes by way of others.
    pub fn reaches(self, scenario: &Scenario, r: usize) -> bool {
        let accepts = |s: usize| {
            scenario.allocations.iter().any(|a| {
                a.recipient == r && scenario.sites[s].accepts(r, scenario.chips[a.chip].cooling)
            })
        };
        match self {
            Relaxation::None | Relaxation::Supply | Relaxation::All => true,
            Relaxation::Grid(g) => {
                (0..scenario.sites.len()).any(|s| scenario.sites[s].region == Some(g) && accepts(s))
            }
            Relaxation::SitePower(s) | Relaxation::InstallRate(s) => accepts(s),
        }
    }

    /// Whether relaxing this can change a run in which `limits` are the constraints that ever
    /// limited something. A single constraint that never did leaves every decision of the run
    /// as it was (its term was never strictly the smallest), so the run need not be simulated
    /// again.
    pub fn can_change(self, limits: &Limits) -> bool {
        match self {
            Relaxation::None => false,
            Relaxation::Supply => limits.supply,
            Relaxation::Grid(r) => limits.grid.get(r).copied().unwrap_or(true),
            Relaxation::SitePower(s) => limits.site_power.get(s).copied().unwrap_or(true),
            Relaxation::InstallRate(s) => limits.install_rate.get(s).copied().unwrap_or(true),
            // Two constraints tied for the smallest term limit nothing alone, yet relaxing both
            // at once changes the run: `All` is always simulated.
            Relaxation::All => true,
        }
    }

    fn relax(self, scenario: &mut Scenario) {
        match self {
            Relaxation::None => {}
            Relaxation::Supply => scenario.supply = None,
            Relaxation::Grid(r) => scenario.regions[r].grid_mw = None,
            Relaxation::SitePower(s) => {
                let site = &mut scenario.sites[s];
                // From the first phase's month on (the site's delay still applies), no limit.
                if let Some(first) = site.phases.iter().map(|&(online, _)| online).min() {
                    site.phases = vec![(first, Mw(f64::INFINITY))];
                }
            }
            Relaxation::InstallRate(s) => scenario.sites[s].install_per_month = None,
            Relaxation::All => {
                for relaxation in Relaxation::of(scenario) {
                    if relaxation != Relaxation::All {
                        relaxation.relax(scenario);
                    }
                }
            }
        }
    }
}

impl Variation for Relaxation {
    fn apply(&self, scenario: &mut Scenario) {
        self.relax(scenario);
    }
}

/// Every relaxation of a scenario and the figures of its run.
#[derive(Debug, Clone, PartialEq)]
pub struct Relief {
    /// The relaxations, `None` first and `All` last.
    pub relaxations: Vec<Relaxation>,
    /// One run per relaxation, in the same order.
    pub runs: Vec<Figures>,
}

impl Relief {
    /// Runs `scenario`, then re-runs it once per relaxation that can change it.
    pub fn of(scenario: &Scenario) -> Relief {
        Relief::of_run(scenario, &simulate(scenario))
    }

    /// The relief of `scenario`, whose run is `sim`: each relaxation of a constraint that ever
    /// limited something in `sim` is simulated; every other one gives `sim`'s own figures
    /// (relaxing it changes nothing — see [`Relaxation::can_change`]). So a scenario with many
    /// sites costs a run per site that ever fills, not per site.
    pub fn of_run(scenario: &Scenario, sim: &Simulation) -> Relief {
        let relaxations = Relaxation::of(scenario);
        let base = Figures::of(scenario, sim);
        let changing: Vec<Relaxation> = relaxations
            .iter()
            .copied()
            .filter(|r| r.can_change(&sim.limits))
            .collect();
        let mut rerun = run_each(scenario, &changing).into_iter();
        let runs = relaxations
            .iter()
            .map(|r| {
                if r.can_change(&sim.limits) {
                    rerun.next().unwrap_or_else(|| base.clone())
                } else {
                    base.clone()
                }
            })
            .collect();
        Relief { relaxations, runs }
    }

    /// The scenario as written.
    pub fn base(&self) -> &Figures {
        &self.runs[0]
    }

    /// The run with everything relaxed.
    pub fn all_relaxed(&self) -> &Figures {
        &self.runs[self.runs.len() - 1]
    }

    /// Chip-months of waiting that relaxation `k` saves recipient `r` (negative when it adds).
    pub fn relief(&self, r: usize, k: usize) -> i128 {
        i128::from(self.base().recipients[r].chip_months_waiting)
            - i128::from(self.runs[k].recipients[r].chip_months_waiting)
    }

    /// The single relaxation (not `All`) that saves recipient `r` the most waiting, and how
    /// much; `None` when none saves any. Ties go to the first in `relief.csv` order.
    pub fn most_relief(&self, r: usize) -> Option<(Relaxation, i128)> {
        let singles = 1..self.relaxations.len() - 1;
        singles
            .map(|k| (self.relaxations[k], self.relief(r, k)))
            .filter(|&(_, relief)| relief > 0)
            .fold(None, |best, (relaxation, relief)| match best {
                Some((_, most)) if most >= relief => best,
                _ => Some((relaxation, relief)),
            })
    }
}
