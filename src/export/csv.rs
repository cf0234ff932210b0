//! The tables of a run (docs/outputs.md: Outputs): `timeline.csv`, `sites.csv`, `regions.csv`,
//! `constraints.csv`, `targets.csv`, `placements.csv`, `relief.csv`, `feasibility.csv`,
//! `observed.csv`, each as a [`Sheet`] that the CSV files, the workbook and the report write.
//! Headers and column order are part of the contract; rows run by month, then by file order.

use super::sheet::{Cell, Sheet};
use crate::analysis::{Relief, Report};
use crate::model::Scenario;
use crate::sim::Simulation;
use crate::units::{Metric, kw_to_mw};

/// The recipient and chip names of allocation `a`.
fn pair(scenario: &Scenario, a: usize) -> [Cell<'_>; 2] {
    let allocation = &scenario.allocations[a];
    [
        Cell::Text(&scenario.recipients[allocation.recipient].name),
        Cell::Text(&scenario.chips[allocation.chip].name),
    ]
}

/// `timeline.csv`: one row per month and (recipient, chip) pair.
pub fn timeline<'a>(scenario: &'a Scenario, sim: &'a Simulation) -> Sheet<'a> {
    let header = [
        "month",
        "recipient",
        "chip",
        "requested",
        "delivered",
        "waiting",
        "installing",
        "online",
    ];
    Sheet::new(header, move |each| {
        for t in 0..sim.months {
            let month = Cell::Month(Some(scenario.month(t)));
            for a in 0..scenario.allocations.len() {
                let i = sim.at(a, t);
                let [recipient, chip] = pair(scenario, a);
                each(&[
                    month,
                    recipient,
                    chip,
                    Cell::Count(sim.requested[i]),
                    Cell::Count(sim.delivered[i]),
                    Cell::Count(sim.waiting[i]),
                    Cell::Count(sim.installing[i]),
                    Cell::Count(sim.online[i]),
                ]);
            }
        }
    })
}

/// `sites.csv`: one row per month and site.
pub fn sites<'a>(scenario: &'a Scenario, sim: &'a Simulation) -> Sheet<'a> {
    let header = [
        "month",
        "site",
        "region",
        "capacity_it_mw",
        "used_it_mw",
        "facility_mw",
    ];
    Sheet::new(header, move |each| {
        for t in 0..sim.months {
            let month = Cell::Month(Some(scenario.month(t)));
            for (s, site) in scenario.sites.iter().enumerate() {
                let i = sim.at(s, t);
                let region = site
                    .region
                    .map_or(Cell::Empty, |r| Cell::Text(&scenario.regions[r].name));
                each(&[
                    month,
                    Cell::Text(&site.name),
                    region,
                    Cell::Decimal(kw_to_mw(sim.site_capacity_it_kw[i])),
                    Cell::Decimal(kw_to_mw(sim.site_it_kw[i])),
                    Cell::Decimal(kw_to_mw(sim.site_facility_kw[i])),
                ]);
            }
        }
    })
}

/// `regions.csv`: one row per month and region; `grid_mw` empty when unlimited.
pub fn regions<'a>(scenario: &'a Scenario, sim: &'a Simulation) -> Sheet<'a> {
    let header = ["month", "region", "grid_mw", "facility_mw"];
    Sheet::new(header, move |each| {
        for t in 0..sim.months {
            let month = Cell::Month(Some(scenario.month(t)));
            for (r, region) in scenario.regions.iter().enumerate() {
                let i = sim.at(r, t);
                let grid = sim.region_grid_kw[i];
                let grid = if grid.is_finite() {
                    Cell::Decimal(kw_to_mw(grid))
                } else {
                    Cell::Empty
                };
                each(&[
                    month,
                    Cell::Text(&region.name),
                    grid,
                    Cell::Decimal(kw_to_mw(sim.region_facility_kw[i])),
                ]);
            }
        }
    })
}

/// `constraints.csv` ("why late"): one row per month and pair with chips in backorder or waiting
/// after placement, and what held them.
pub fn constraints<'a>(scenario: &'a Scenario, sim: &'a Simulation) -> Sheet<'a> {
    let header = [
        "month",
        "recipient",
        "chip",
        "backorder",
        "waiting",
        "binding",
    ];
    Sheet::new(header, move |each| {
        for t in 0..sim.months {
            let month = Cell::Month(Some(scenario.month(t)));
            for a in 0..scenario.allocations.len() {
                let i = sim.at(a, t);
                if sim.backorder[i] == 0 && sim.waiting[i] == 0 {
                    continue;
                }
                let [recipient, chip] = pair(scenario, a);
                each(&[
                    month,
                    recipient,
                    chip,
                    Cell::Count(sim.backorder[i]),
                    Cell::Count(sim.waiting[i]),
                    Cell::Text(sim.binding[i].as_str()),
                ]);
            }
        }
    })
}

/// `targets.csv`: one row per target; chip counts as integers, PFLOPS as decimals.
pub fn targets(report: &Report) -> Sheet<'_> {
    let header = [
        "target",
        "metric",
        "precision",
        "value",
        "by",
        "achieved",
        "value_at_deadline",
        "met",
    ];
    Sheet::new(header, move |each| {
        for target in &report.targets {
            let chips = target.metric == Metric::ChipsOnline;
            each(&[
                Cell::Text(&target.name),
                Cell::Text(target.metric.as_str()),
                Cell::Text(target.precision.map_or("", |p| p.as_str())),
                Cell::target_value(chips, target.value),
                Cell::Month(Some(target.by)),
                Cell::Month(target.achieved),
                Cell::target_value(chips, target.value_at_deadline),
                Cell::Flag(target.met),
            ]);
        }
    })
}

/// `placements.csv`: for every (pair, site) that installs at least one chip during the run, the
/// cumulative chips of that pair installed there, one row per month from the first; rows by
/// month, then pair (file order), then site (file order).
pub fn placements<'a>(scenario: &'a Scenario, sim: &'a Simulation) -> Sheet<'a> {
    let header = ["month", "recipient", "chip", "site", "installed"];
    Sheet::new(header, move |each| {
        let sites = scenario.sites.len();
        // Which (allocation, site) cells ever hold a chip, and their running totals.
        let mut used = vec![false; scenario.allocations.len() * sites];
        for p in &sim.placements {
            used[p.allocation * sites + p.site] = true;
        }
        let cells: Vec<usize> = (0..used.len()).filter(|&i| used[i]).collect();
        let mut installed = vec![0u64; used.len()];
        let mut log = sim.placements.iter().peekable();
        for t in 0..sim.months {
            while let Some(p) = log.next_if(|p| p.t == t) {
                installed[p.allocation * sites + p.site] += p.chips;
            }
            let month = Cell::Month(Some(scenario.month(t)));
            for &cell in &cells {
                let (a, s) = (cell / sites, cell % sites);
                let [recipient, chip] = pair(scenario, a);
                each(&[
                    month,
                    recipient,
                    chip,
                    Cell::Text(&scenario.sites[s].name),
                    Cell::Count(installed[cell]),
                ]);
            }
        }
    })
}

/// `relief.csv`: per recipient (file order), one row per relaxation (docs/methods.md: What would help)
/// with the recipient's chip-months waiting in that run, the relief against the scenario as
/// written, and the month all its chips are online in that run.
pub fn relief<'a>(scenario: &'a Scenario, relief: &'a Relief) -> Sheet<'a> {
    let header = [
        "recipient",
        "relaxed",
        "chip_months_waiting",
        "relief",
        "online_100pct",
    ];
    Sheet::new(header, move |each| {
        for (r, recipient) in scenario.recipients.iter().enumerate() {
            for (k, relaxation) in relief.relaxations.iter().enumerate() {
                let figures = relief.runs[k].recipients[r];
                let key = relaxation.key(scenario);
                each(&[
                    Cell::Text(&recipient.name),
                    Cell::Text(&key),
                    Cell::Count(figures.chip_months_waiting),
                    Cell::Whole(relief.relief(r, k)),
                    Cell::Month(figures.online_100pct),
                ]);
            }
        }
    })
}

/// `feasibility.csv`: each target as run, with every constraint relaxed (a what-if), and the
/// earliest month any relaxation allows (a bound).
pub fn feasibility(report: &Report) -> Sheet<'_> {
    let header = [
        "target",
        "achieved",
        "met",
        "achieved_all_relaxed",
        "met_all_relaxed",
        "earliest_possible",
        "met_possible",
    ];
    Sheet::new(header, move |each| {
        for (target, relaxed) in report.targets.iter().zip(&report.feasibility) {
            each(&[
                Cell::Text(&target.name),
                Cell::Month(target.achieved),
                Cell::Flag(target.met),
                Cell::Month(relaxed.achieved_all_relaxed),
                Cell::Flag(relaxed.met_all_relaxed),
                Cell::Month(relaxed.earliest_possible),
                Cell::Flag(relaxed.met_possible),
            ]);
        }
    })
}

/// `observed.csv`: `month,metric,scope,observed,model,difference,within_tolerance` — each
/// observation against the model, in file order.
pub fn observed(report: &Report) -> Sheet<'_> {
    let header = [
        "month",
        "metric",
        "scope",
        "observed",
        "model",
        "difference",
        "within_tolerance",
    ];
    Sheet::new(header, move |each| {
        for o in &report.observed {
            each(&[
                Cell::Month(Some(o.month)),
                Cell::Text(o.metric.as_str()),
                Cell::Text(&o.scope),
                Cell::Number(o.observed),
                Cell::Number(o.model),
                Cell::Number(o.difference),
                Cell::Flag(o.within_tolerance),
            ]);
        }
    })
}
