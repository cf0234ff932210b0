//! Turns a [`Simulation`] into the answers people ask for: when each recipient's chips are
//! online, how long they wait, peak power, PFLOPS at the end, and target outcomes.
//!
//! [`Report`] is the one result every exporter reads; none of them recomputes anything.

pub mod backtest;
pub mod bound;
pub mod compare;
pub mod economics;
pub mod figures;
pub mod indirect;
pub mod mc;
pub mod observed;
pub mod relief;
pub mod seek;
pub mod series;
pub mod stranded;
pub mod sweep;
mod targets;
pub mod tornado;
pub mod trial;
pub mod variation;

pub use figures::Figures;
pub use relief::{Relaxation, Relief};
pub use targets::{TargetOutcome, evaluate, value_at};

use crate::units::{Kw, Mw, tflops_to_pflops};
use serde::Serialize;

use crate::model::Scenario;
use crate::sim::{Binding, Simulation};
use crate::units::{Precision, YearMonth};
use figures::{allocations_of, chip_months, first_online};
use variation::Variation;

/// Shares of an allocation whose first online month the summary reports, in percent.
pub const MILESTONES: [u64; 3] = [50, 90, 100];

/// A scenario with its simulation, the relief re-runs and the report: everything exporters and
/// charts read.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Its month-by-month simulation.
    pub sim: Simulation,
    /// The scenario re-run with each constraint relaxed.
    pub relief: Relief,
    /// Its summary.
    pub report: Report,
}

impl Outcome {
    /// Simulates `scenario`, re-runs it with each constraint relaxed, and summarises both.
    pub fn of(scenario: Scenario) -> Outcome {
        let sim = crate::sim::simulate(&scenario);
        let relief = Relief::of_run(&scenario, &sim);
        let report = Report::new(&scenario, &sim, &relief);
        Outcome {
            scenario,
            sim,
            relief,
            report,
        }
    }
}

/// The summary of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Scenario name.
    pub scenario: String,
    /// First simulated month.
    pub start: YearMonth,
    /// Last simulated month.
    pub end: YearMonth,
    /// Months simulated.
    pub months: usize,
    /// Per recipient, in file order.
    pub recipients: Vec<RecipientSummary>,
    /// Highest facility MW drawn by all sites in any month.
    pub peak_facility_mw: Mw,
    /// First month at that peak; `None` when nothing was ever installed.
    pub peak_facility_month: Option<YearMonth>,
    /// State in the last month.
    pub at_end: EndState,
    /// Dense peak PFLOPS online in the last month, per precision some online chip has a figure for.
    pub pflops_at_end: Vec<PrecisionPflops>,
    /// Target outcomes, in file order.
    pub targets: Vec<TargetOutcome>,
    /// Each target with every constraint relaxed, in file order.
    pub feasibility: Vec<Feasibility>,
    /// Each observation against the model, in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub observed: Vec<observed::ObservedCheck>,
    /// Allocations that end with chips waiting beside a hall with IT room for them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stranded: Vec<stranded::Stranded>,
    /// Energy and money, when the scenario has `[economics]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub economics: Option<economics::Money>,
}

/// Whether a target would be met if every constraint (supply, grids, site power, install
/// rates) were relaxed at once — a what-if — and how early it can possibly be achieved: the
/// bound that deliveries, the halls' opening dates and commissioning set whatever is relaxed
/// ([`bound`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feasibility {
    /// Target name.
    pub target: String,
    /// First month the value is reached in the run with everything relaxed.
    pub achieved_all_relaxed: Option<YearMonth>,
    /// Whether that run meets it.
    pub met_all_relaxed: bool,
    /// The first month its value can reach the goal under any relaxation; `None` if no month
    /// of the horizon.
    pub earliest_possible: Option<YearMonth>,
    /// Whether any relaxation could meet it by its deadline.
    pub met_possible: bool,
}

/// How one recipient fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientSummary {
    /// Recipient name.
    pub name: String,
    /// Chips allocated across all its allocations.
    pub allocated: u64,
    /// Chips online in the last month.
    pub online_at_end: u64,
    /// First month with at least 50% of the allocation online (`None` if never, or nothing allocated).
    pub online_50pct: Option<YearMonth>,
    /// First month with at least 90% online.
    pub online_90pct: Option<YearMonth>,
    /// First month with all of it online.
    pub online_100pct: Option<YearMonth>,
    /// Sum over months of chips delivered but not yet installed.
    pub chip_months_waiting: u64,
    /// Sum over months of chips requested but not yet delivered.
    pub chip_months_backorder: u64,
    /// The month-by-month judgement (`constraints.csv`) that held most of its chip-months in
    /// backorder or waiting, e.g. "grid in Capital area"; `None` if nothing ever was.
    pub held_back_mostly_by: Option<String>,
    /// That judgement's share of the held chip-months, 0–1.
    pub held_back_share: Option<f64>,
    /// The single relaxation (`relief.csv` key) that saves it the most chip-months of waiting;
    /// `None` when none saves any.
    pub most_relief_from: Option<String>,
    /// Chip-months of waiting that relaxation saves.
    pub most_relief: Option<u64>,
    /// Their share of its chip-months waiting, 0–1.
    pub most_relief_share: Option<f64>,
    /// When that relaxation lifts a limit on no place its chips may go: where the relief
    /// lands, by way of others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_relief_via: Option<indirect::Via>,
    /// Chip-months of waiting saved with every constraint relaxed (negative when it adds).
    pub relief_all_relaxed: i64,
}

/// Totals in the last simulated month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndState {
    /// Chips delivered so far.
    pub delivered: u64,
    /// Chips online.
    pub online: u64,
    /// IT MW of installed chips.
    pub it_mw: Mw,
    /// Facility MW of installed chips.
    pub facility_mw: Mw,
}

/// PFLOPS online at one precision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrecisionPflops {
    /// The precision.
    pub precision: Precision,
    /// Dense peak PFLOPS (POPS for int8) of online chips that have a figure at it.
    pub pflops: f64,
    /// Online chips left out because they have no figure at this precision.
    pub chips_without_figure: u64,
}

impl Report {
    /// Summarises a run and its relief re-runs.
    pub fn new(scenario: &Scenario, sim: &Simulation, relief: &Relief) -> Report {
        let last = sim.months - 1;
        let (peak_t, peak_kw) =
            sim.facility_kw
                .iter()
                .enumerate()
                .fold((None, 0.0), |(best_t, best), (t, &kw)| {
                    if kw > best {
                        (Some(t), kw)
                    } else {
                        (best_t, best)
                    }
                });
        let online_at = |a: usize, t: usize| sim.online[sim.at(a, t)];
        let n_alloc = scenario.allocations.len();
        Report {
            scenario: scenario.name.clone(),
            start: scenario.start,
            end: scenario.end(),
            months: sim.months,
            recipients: recipients(scenario, sim, relief),
            peak_facility_mw: Kw(peak_kw).mw(),
            peak_facility_month: peak_t.map(|t| scenario.month(t)),
            at_end: EndState {
                delivered: (0..n_alloc).map(|a| sim.delivered[sim.at(a, last)]).sum(),
                online: (0..n_alloc).map(|a| online_at(a, last)).sum(),
                it_mw: Kw((0..scenario.sites.len())
                    .map(|s| sim.site_it_kw[sim.at(s, last)])
                    .sum::<f64>())
                .mw(),
                facility_mw: Kw(sim.facility_kw[last]).mw(),
            },
            pflops_at_end: Precision::ALL
                .iter()
                .filter_map(|&precision| {
                    let mut pflops = 0.0;
                    let (mut with, mut without) = (0u64, 0u64);
                    for (a, allocation) in scenario.allocations.iter().enumerate() {
                        match scenario.chips[allocation.chip].tflops.get(precision) {
                            Some(tflops) => {
                                pflops += online_at(a, last) as f64 * tflops_to_pflops(tflops);
                                with += online_at(a, last);
                            }
                            None => without += online_at(a, last),
                        }
                    }
                    (with > 0).then_some(PrecisionPflops {
                        precision,
                        pflops,
                        chips_without_figure: without,
                    })
                })
                .collect(),
            targets: evaluate(scenario, sim),
            feasibility: relief
                .all_relaxed()
                .targets
                .iter()
                .zip(bound::bounds(scenario))
                .map(|(t, bound)| Feasibility {
                    target: t.name.clone(),
                    achieved_all_relaxed: t.achieved,
                    met_all_relaxed: t.met,
                    earliest_possible: bound.earliest_possible,
                    met_possible: bound.met_possible,
                })
                .collect(),
            observed: observed::check(scenario, sim),
            stranded: stranded::stranded(scenario, sim),
            economics: economics::money(scenario, sim),
        }
    }
}

fn recipients(scenario: &Scenario, sim: &Simulation, relief: &Relief) -> Vec<RecipientSummary> {
    let saturate = |x: i128| i64::try_from(x).unwrap_or(if x < 0 { i64::MIN } else { i64::MAX });
    scenario
        .recipients
        .iter()
        .enumerate()
        .map(|(r, recipient)| {
            let mine = allocations_of(scenario, r);
            let online = |t: usize| -> u64 { mine.iter().map(|&a| sim.online[sim.at(a, t)]).sum() };
            let (held_back_mostly_by, held_back_share) = held_back(scenario, sim, &mine);
            let waiting = chip_months(sim.months, &mine, &sim.waiting);
            let most = relief.most_relief(r);
            RecipientSummary {
                name: recipient.name.clone(),
                allocated: mine.iter().map(|&a| scenario.allocations[a].count).sum(),
                online_at_end: online(sim.months - 1),
                online_50pct: first_online(scenario, sim.months, &sim.online, &mine, MILESTONES[0]),
                online_90pct: first_online(scenario, sim.months, &sim.online, &mine, MILESTONES[1]),
                online_100pct: first_online(
                    scenario,
                    sim.months,
                    &sim.online,
                    &mine,
                    MILESTONES[2],
                ),
                chip_months_waiting: waiting,
                chip_months_backorder: chip_months(sim.months, &mine, &sim.backorder),
                held_back_mostly_by,
                held_back_share,
                most_relief_from: most.map(|(relaxation, _)| relaxation.key(scenario)),
                // Positive relief never exceeds the waiting it comes from, so it fits a u64.
                most_relief: most.map(|(_, chips)| u64::try_from(chips).unwrap_or(u64::MAX)),
                most_relief_share: most.map(|(_, chips)| chips as f64 / waiting as f64),
                most_relief_via: most
                    .filter(|&(relaxation, _)| !relaxation.reaches(scenario, r))
                    .and_then(|(relaxation, _)| {
                        let mut relaxed = scenario.clone();
                        relaxation.apply(&mut relaxed);
                        let after = crate::sim::simulate(&relaxed);
                        let mine = |a: usize| scenario.allocations[a].recipient == r;
                        indirect::via(scenario, sim, &after, mine, sim.months - 1)
                    }),
                relief_all_relaxed: saturate(relief.relief(r, relief.runs.len() - 1)),
            }
        })
        .collect()
}

/// The cause that held `allocations` back for the most chip-months (backorder for supply,
/// waiting otherwise), and its share of all held chip-months.
fn held_back(
    scenario: &Scenario,
    sim: &Simulation,
    allocations: &[usize],
) -> (Option<String>, Option<f64>) {
    let mut weights: std::collections::BTreeMap<Binding, u64> = std::collections::BTreeMap::new();
    for &a in allocations {
        for t in 0..sim.months {
            let i = sim.at(a, t);
            let weight = match sim.binding[i] {
                Binding::Clear => continue,
                Binding::Supply => sim.backorder[i],
                _ => sim.waiting[i] + sim.backorder[i],
            };
            *weights.entry(sim.binding[i]).or_default() += weight;
        }
    }
    let total: u64 = weights.values().sum();
    // Ties go to the cause listed first in `Binding`; the map iterates in that order.
    let Some((&cause, &most)) =
        weights
            .iter()
            .fold(None, |best: Option<(&Binding, &u64)>, (b, w)| match best {
                Some((_, bw)) if bw >= w => best,
                _ => Some((b, w)),
            })
    else {
        return (None, None);
    };
    let name = match cause {
        Binding::Grid(r) => format!("grid in {}", scenario.regions[r].name),
        Binding::NoSite => "no site accepts them".into(),
        Binding::InstallRate => "install rate".into(),
        Binding::SitePower => "site power".into(),
        Binding::Supply => "supply".into(),
        Binding::Clear => return (None, None),
    };
    (Some(name), (total > 0).then(|| most as f64 / total as f64))
}
