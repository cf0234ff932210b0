//! The CSV files of a run (README: Outputs): `timeline.csv`, `sites.csv`, `regions.csv`, `constraints.csv`,
//! `targets.csv`, `placements.csv`, `relief.csv`, `feasibility.csv`.
//! Headers and column order are part of the contract; rows run by month, then by file order.

use std::fmt::Write;

use crate::analysis::{Relief, Report};
use crate::model::{Allocation, Scenario};
use crate::present::format::{csv_field, decimal};
use crate::sim::Simulation;
use crate::units::Metric;

/// The `recipient,chip` fields of an allocation's rows.
fn pair(scenario: &Scenario, allocation: &Allocation) -> String {
    let recipient = csv_field(&scenario.recipients[allocation.recipient].name);
    format!(
        "{recipient},{}",
        csv_field(&scenario.chips[allocation.chip].name)
    )
}

/// `timeline.csv`: one row per month and (recipient, chip) pair.
pub fn timeline(scenario: &Scenario, sim: &Simulation) -> String {
    let mut out =
        String::from("month,recipient,chip,requested,delivered,waiting,installing,online\n");
    for t in 0..sim.months {
        let month = scenario.month(t);
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            let i = sim.at(a, t);
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{month},{},{},{},{},{},{}",
                pair(scenario, allocation),
                sim.requested[i],
                sim.delivered[i],
                sim.waiting[i],
                sim.installing[i],
                sim.online[i],
            );
        }
    }
    out
}

/// `sites.csv`: one row per month and site.
pub fn sites(scenario: &Scenario, sim: &Simulation) -> String {
    let mut out = String::from("month,site,region,capacity_it_mw,used_it_mw,facility_mw\n");
    for t in 0..sim.months {
        let month = scenario.month(t);
        for (s, site) in scenario.sites.iter().enumerate() {
            let i = sim.at(s, t);
            let region = site
                .region
                .map_or(String::new(), |r| csv_field(&scenario.regions[r].name));
            let _ = writeln!(
                out,
                "{month},{},{region},{},{},{}",
                csv_field(&site.name),
                decimal(sim.site_capacity_it_kw[i] / 1000.0),
                decimal(sim.site_it_kw[i] / 1000.0),
                decimal(sim.site_facility_kw[i] / 1000.0),
            );
        }
    }
    out
}

/// `regions.csv`: one row per month and region; `grid_mw` empty when unlimited.
pub fn regions(scenario: &Scenario, sim: &Simulation) -> String {
    let mut out = String::from("month,region,grid_mw,facility_mw\n");
    for t in 0..sim.months {
        let month = scenario.month(t);
        for (r, region) in scenario.regions.iter().enumerate() {
            let i = sim.at(r, t);
            let grid = sim.region_grid_kw[i];
            let grid = if grid.is_finite() {
                decimal(grid / 1000.0)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{month},{},{grid},{}",
                csv_field(&region.name),
                decimal(sim.region_facility_kw[i] / 1000.0)
            );
        }
    }
    out
}

/// `constraints.csv` ("why late"): one row per month and pair with chips in backorder or waiting
/// after placement, and what held them.
pub fn constraints(scenario: &Scenario, sim: &Simulation) -> String {
    let mut out = String::from("month,recipient,chip,backorder,waiting,binding\n");
    for t in 0..sim.months {
        let month = scenario.month(t);
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            let i = sim.at(a, t);
            if sim.backorder[i] == 0 && sim.waiting[i] == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "{month},{},{},{},{}",
                pair(scenario, allocation),
                sim.backorder[i],
                sim.waiting[i],
                sim.binding[i].as_str(),
            );
        }
    }
    out
}

/// `targets.csv`: one row per target; chip counts as integers, PFLOPS as decimals.
pub fn targets(report: &Report) -> String {
    let mut out = String::from("target,metric,precision,value,by,achieved,value_at_deadline,met\n");
    for target in &report.targets {
        let number = |x: f64| match target.metric {
            Metric::ChipsOnline => format!("{}", x.round() as u64),
            Metric::Pflops => decimal(x),
        };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            csv_field(&target.name),
            target.metric.as_str(),
            target.precision.map_or("", |p| p.as_str()),
            number(target.value),
            target.by,
            target.achieved.map(|m| m.to_string()).unwrap_or_default(),
            number(target.value_at_deadline),
            target.met,
        );
    }
    out
}

/// `placements.csv`: for every (pair, site) that installs at least one chip during the run, the
/// cumulative chips of that pair installed there, one row per month from the first; rows by
/// month, then pair (file order), then site (file order).
pub fn placements(scenario: &Scenario, sim: &Simulation) -> String {
    let sites = scenario.sites.len();
    // Which (allocation, site) cells ever hold a chip, and their running totals.
    let mut used = vec![false; scenario.allocations.len() * sites];
    for p in &sim.placements {
        used[p.allocation * sites + p.site] = true;
    }
    let cells: Vec<usize> = (0..used.len()).filter(|&i| used[i]).collect();
    let mut installed = vec![0u64; used.len()];
    let mut log = sim.placements.iter().peekable();
    let mut out = String::from("month,recipient,chip,site,installed\n");
    for t in 0..sim.months {
        while let Some(p) = log.next_if(|p| p.t == t) {
            installed[p.allocation * sites + p.site] += p.chips;
        }
        let month = scenario.month(t);
        for &cell in &cells {
            let (a, s) = (cell / sites, cell % sites);
            let _ = writeln!(
                out,
                "{month},{},{},{}",
                pair(scenario, &scenario.allocations[a]),
                csv_field(&scenario.sites[s].name),
                installed[cell]
            );
        }
    }
    out
}

/// `relief.csv`: per recipient (file order), one row per relaxation (README: What would help) with the
/// recipient's chip-months waiting in that run, the relief against the scenario as written, and
/// the month all its chips are online in that run.
pub fn relief(scenario: &Scenario, relief: &Relief) -> String {
    let mut out = String::from("recipient,relaxed,chip_months_waiting,relief,online_100pct\n");
    for (r, recipient) in scenario.recipients.iter().enumerate() {
        for (k, relaxation) in relief.relaxations.iter().enumerate() {
            let figures = relief.runs[k].recipients[r];
            let _ = writeln!(
                out,
                "{},{},{},{},{}",
                csv_field(&recipient.name),
                csv_field(&relaxation.key(scenario)),
                figures.chip_months_waiting,
                relief.relief(r, k),
                figures
                    .online_100pct
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            );
        }
    }
    out
}

/// `feasibility.csv`: each target as run, with every constraint relaxed (a what-if), and the
/// earliest month any relaxation allows (a bound).
pub fn feasibility(report: &Report) -> String {
    let mut out = String::from(
        "target,achieved,met,achieved_all_relaxed,met_all_relaxed,earliest_possible,met_possible\n",
    );
    for (target, relaxed) in report.targets.iter().zip(&report.feasibility) {
        let month =
            |m: Option<crate::units::YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            csv_field(&target.name),
            month(target.achieved),
            target.met,
            month(relaxed.achieved_all_relaxed),
            relaxed.met_all_relaxed,
            month(relaxed.earliest_possible),
            relaxed.met_possible,
        );
    }
    out
}

/// `observed.csv`: `month,metric,scope,observed,model,difference,within_tolerance` — each
/// observation against the model, in file order.
pub fn observed(report: &Report) -> String {
    let mut out = String::from("month,metric,scope,observed,model,difference,within_tolerance\n");
    for o in &report.observed {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            o.month,
            o.metric.as_str(),
            csv_field(&o.scope),
            o.observed,
            o.model,
            o.difference,
            o.within_tolerance,
        );
    }
    out
}
