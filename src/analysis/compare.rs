//! Side-by-side comparison of what-if cases (`gpuplan compare`): the same questions asked of each
//! case, the first as the baseline. The cells are values; `export::compare` writes them and their
//! differences from the baseline.

use crate::analysis::Report;
use crate::units::{Metric, Precision, YearMonth};

/// One measured answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A month, or never.
    Month(Option<YearMonth>),
    /// A count of chips or chip-months.
    Count(u64),
    /// MW or PFLOPS.
    Number(f64),
    /// Met or missed.
    Flag(bool),
    /// A chance over samples (`compare --samples`): the share met, its standard error, and the
    /// samples it is over.
    Chance {
        /// Share of samples meeting the target.
        p: f64,
        /// Its standard error.
        stderr: f64,
        /// Samples kept.
        samples: u64,
    },
    /// The case has no such subject (e.g. a target it does not define).
    Missing,
}

/// One question asked of every case.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// A target, a recipient, or "all".
    pub subject: String,
    /// What is measured (e.g. `online_50pct`, `achieved`, `peak_facility_mw`).
    pub metric: String,
    /// One cell per case, in case order.
    pub cells: Vec<Cell>,
}

/// The comparison table of `reports` (the first is the baseline).
pub fn rows(reports: &[&Report]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut push = |subject: &str, metric: &str, cell: &dyn Fn(&Report) -> Cell| {
        rows.push(Row {
            subject: subject.to_string(),
            metric: metric.to_string(),
            cells: reports.iter().map(|r| cell(r)).collect(),
        });
    };
    for target in union(reports, |r| {
        r.targets.iter().map(|t| t.name.clone()).collect()
    }) {
        let find = |r: &Report| r.targets.iter().find(|t| t.name == target).cloned();
        push(&target, "achieved", &|r| {
            find(r).map_or(Cell::Missing, |t| Cell::Month(t.achieved))
        });
        push(&target, "met", &|r| {
            find(r).map_or(Cell::Missing, |t| Cell::Flag(t.met))
        });
        push(&target, "value_at_deadline", &|r| {
            find(r).map_or(Cell::Missing, |t| match t.metric {
                Metric::ChipsOnline => Cell::Count(t.value_at_deadline.round() as u64),
                Metric::Pflops => Cell::Number(t.value_at_deadline),
            })
        });
    }
    for recipient in union(reports, |r| {
        r.recipients.iter().map(|x| x.name.clone()).collect()
    }) {
        let find = |r: &Report| r.recipients.iter().find(|x| x.name == recipient).cloned();
        push(&recipient, "online_50pct", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Month(x.online_50pct))
        });
        push(&recipient, "online_90pct", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Month(x.online_90pct))
        });
        push(&recipient, "online_100pct", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Month(x.online_100pct))
        });
        push(&recipient, "chip_months_waiting", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Count(x.chip_months_waiting))
        });
    }
    push("all", "peak_facility_mw", &|r| {
        Cell::Number(r.peak_facility_mw.0)
    });
    for precision in Precision::ALL {
        if reports
            .iter()
            .any(|r| r.pflops_at_end.iter().any(|p| p.precision == precision))
        {
            let metric = format!("pflops_at_end_{}", precision.as_str());
            push("all", &metric, &|r| {
                Cell::Number(
                    r.pflops_at_end
                        .iter()
                        .find(|p| p.precision == precision)
                        .map_or(0.0, |p| p.pflops),
                )
            });
        }
    }
    if reports.iter().any(|r| r.economics.is_some()) {
        money_rows(&mut push);
    }
    rows
}

/// `rows` with, after each target's `met`, its chance over each case's samples (`p_met`) and
/// that chance's standard error (`p_met_stderr`): `chances[case]` holds (target name, chance
/// cell) pairs; a case without the target shows it missing.
pub fn with_chances(rows: Vec<Row>, chances: &[Vec<(String, Cell)>]) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len() + chances.len() * 2);
    for row in rows {
        let target = (row.metric == "met").then(|| row.subject.clone());
        out.push(row);
        if let Some(target) = target {
            let chance = |case: &Vec<(String, Cell)>| {
                case.iter()
                    .find(|(name, _)| *name == target)
                    .map_or(Cell::Missing, |&(_, cell)| cell)
            };
            let cells: Vec<Cell> = chances.iter().map(chance).collect();
            out.push(Row {
                subject: target.clone(),
                metric: "p_met".into(),
                cells: cells.clone(),
            });
            out.push(Row {
                subject: target,
                metric: "p_met_stderr".into(),
                cells: cells
                    .iter()
                    .map(|cell| match *cell {
                        Cell::Chance { stderr, .. } => Cell::Number(stderr),
                        other => other,
                    })
                    .collect(),
            });
        }
    }
    out
}

/// Adds a row: its subject, its metric, and how each case's cell is read from its report.
type Push<'a> = dyn FnMut(&str, &str, &dyn Fn(&Report) -> Cell) + 'a;

/// Energy and its cost in each case's last full year, and all its capital spending (cases
/// with `[economics]`).
fn money_rows(push: &mut Push) {
    let last_full = |r: &Report| {
        r.economics
            .as_ref()
            .and_then(|m| m.years.iter().rev().find(|y| !y.partial).cloned())
    };
    push("all", "energy_gwh_last_full_year", &|r| {
        last_full(r).map_or(Cell::Missing, |y| Cell::Number(y.energy_gwh))
    });
    push("all", "electricity_cost_last_full_year", &|r| {
        last_full(r).map_or(Cell::Missing, |y| Cell::Number(y.electricity_cost))
    });
    push("all", "capex_total", &|r| {
        r.economics.as_ref().map_or(Cell::Missing, |m| {
            Cell::Number(
                m.years
                    .iter()
                    .map(|y| y.capex_chips + y.capex_buildings)
                    .fold(0.0, |a, b| a + b),
            )
        })
    });
}

/// Names across all reports, in order of first appearance.
fn union(reports: &[&Report], names: impl Fn(&Report) -> Vec<String>) -> Vec<String> {
    crate::names::unique_in_order(reports.iter().flat_map(|report| names(report)))
}
