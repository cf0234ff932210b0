//! The files of `gpuplan mc`: `mc_targets.csv`, `mc_recipients.csv`, `mc_bands.csv`,
//! `mc_inputs.csv`, `samples.csv` on request, and the run record `mc_summary.json`.

use serde_json::{Value, json};

use super::sheet::{Cell, Sheet};
use crate::analysis::Report;
use crate::analysis::mc::{Mc, NEVER, month};
use crate::model::Scenario;
use crate::uncertain::Uncertainty;
use crate::uncertain::keys::Kind;
use crate::units::{Metric, YearMonth};

/// The tables of a Monte Carlo run, in the order their files are written; `samples.csv`
/// only when asked for.
pub fn sheets<'a>(
    scenario: &'a Scenario,
    uncertainty: &'a Uncertainty,
    mid: &'a Report,
    mc: &'a Mc,
    by: &'a [YearMonth],
    with_samples: bool,
) -> Vec<(&'static str, Sheet<'a>)> {
    let mut sheets = vec![
        ("mc_targets.csv", targets(scenario, mid, mc)),
        ("mc_recipients.csv", recipients(scenario, mc, by)),
        ("mc_bands.csv", bands(scenario, mc)),
        ("mc_inputs.csv", inputs(mc)),
        ("mc_importance.csv", importance(scenario, uncertainty, mc)),
    ];
    if with_samples {
        sheets.push(("samples.csv", samples(scenario, mc)));
    }
    sheets
}

/// A month index of the scenario as a cell: the month, or `never`.
fn reached(scenario: &Scenario, index: f64) -> Cell<'static> {
    Cell::Reached(month(scenario, index))
}

/// `mc_targets.csv`.
pub fn targets<'a>(scenario: &'a Scenario, mid: &'a Report, mc: &'a Mc) -> Sheet<'a> {
    let header = [
        "target",
        "metric",
        "precision",
        "value",
        "by",
        "p_met",
        "p_met_stderr",
        "achieved_p10",
        "achieved_p50",
        "achieved_p90",
        "never_share",
        "value_at_deadline_p10",
        "value_at_deadline_p50",
        "value_at_deadline_p90",
        "mid_achieved",
        "mid_met",
    ];
    Sheet::new(header, move |each| {
        for ((target, summary), mid) in scenario.targets.iter().zip(&mc.targets).zip(&mid.targets) {
            let value = |x: f64| Cell::target_value(target.metric == Metric::ChipsOnline, x);
            each(&[
                Cell::Text(&target.name),
                Cell::Text(target.metric.as_str()),
                Cell::Text(target.precision.map_or("", |p| p.as_str())),
                value(target.value),
                Cell::Month(Some(target.by)),
                Cell::Share(summary.p_met),
                Cell::Share(summary.p_met_stderr),
                reached(scenario, summary.achieved[0]),
                reached(scenario, summary.achieved[1]),
                reached(scenario, summary.achieved[2]),
                Cell::Share(summary.never_share),
                value(summary.value_at_deadline[0]),
                value(summary.value_at_deadline[1]),
                value(summary.value_at_deadline[2]),
                Cell::Month(mid.achieved),
                Cell::Flag(mid.met),
            ]);
        }
    })
}

/// `mc_recipients.csv`.
pub fn recipients<'a>(scenario: &'a Scenario, mc: &'a Mc, by: &'a [YearMonth]) -> Sheet<'a> {
    let header = ["recipient", "quantity", "p10", "p50", "p90", "mean"];
    Sheet::new(header, move |each| {
        for (r, (recipient, summary)) in scenario.recipients.iter().zip(&mc.recipients).enumerate()
        {
            let name = Cell::Text(&recipient.name);
            for (quantity, p) in ["online_50pct", "online_90pct", "online_100pct"]
                .iter()
                .zip(&summary.milestones)
            {
                each(&[
                    name,
                    Cell::Text(quantity),
                    reached(scenario, p[0]),
                    reached(scenario, p[1]),
                    reached(scenario, p[2]),
                    Cell::Empty,
                ]);
            }
            let w = summary.waiting;
            each(&[
                name,
                Cell::Text("chip_months_waiting"),
                Cell::Count(w[0] as u64),
                Cell::Count(w[1] as u64),
                Cell::Count(w[2] as u64),
                Cell::Decimal(summary.waiting_mean),
            ]);
            // A probability has no percentiles: its value is the mean of "fully online by then".
            for &month in by {
                let quantity = format!("p_full_by_{month}");
                each(&[
                    name,
                    Cell::Text(&quantity),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Decimal(mc.p_full_by(r, by_index(scenario, month))),
                ]);
            }
        }
    })
}

/// `month`'s index in the scenario (validated to lie in its horizon).
fn by_index(scenario: &Scenario, month: YearMonth) -> usize {
    usize::try_from(scenario.index_of(month)).unwrap_or(0)
}

/// `mc_bands.csv`: rows by month, then series; chip percentiles as whole chips.
pub fn bands<'a>(scenario: &'a Scenario, mc: &'a Mc) -> Sheet<'a> {
    let header = [
        "month", "series", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "mean",
    ];
    Sheet::new(header, move |each| {
        let mut row: Vec<Cell> = Vec::with_capacity(10);
        for t in 0..mc.layout.months {
            let month = Cell::Month(Some(scenario.month(t)));
            for series in &mc.bands {
                let chips = series.name.starts_with("chips_online");
                let band = series.months[t];
                row.clear();
                row.extend([month, Cell::Text(&series.name)]);
                row.extend(
                    band.percentiles
                        .iter()
                        .map(|&x| Cell::target_value(chips, x)),
                );
                row.push(Cell::Decimal(band.mean));
                each(&row);
            }
        }
    })
}

/// `mc_inputs.csv`: what each range really means — the percentiles and mean of its draws
/// (months as months, whole numbers as drawn), and the share truncated away. An input that
/// feeds a delay says in its distribution how much of it is early ("; 14.9% early").
pub fn inputs(mc: &Mc) -> Sheet<'_> {
    let header = [
        "input",
        "distribution",
        "p5",
        "p50",
        "p95",
        "mean",
        "truncated_share",
    ];
    Sheet::new(header, move |each| {
        for input in &mc.inputs {
            let mean = match input.kind {
                Kind::Month => Cell::key(Kind::Month, input.mean),
                _ => Cell::Decimal(input.mean),
            };
            let describe = match input.early_share {
                Some(share) => format!("{}; {} early", input.describe, early(share)),
                None => input.describe.clone(),
            };
            each(&[
                Cell::Text(&input.key),
                Cell::Text(&describe),
                Cell::key(input.kind, input.p5),
                Cell::key(input.kind, input.p50),
                Cell::key(input.kind, input.p95),
                mean,
                Cell::Decimal(input.truncated_share),
            ]);
        }
    })
}

/// A share of a distribution as a percentage to one decimal ("0%" only when none is).
fn early(share: f64) -> String {
    match share {
        0.0 => "0%".into(),
        s if s < 0.0005 => "< 0.1%".into(),
        s => format!("{:.1}%", s * 100.0),
    }
}

/// `mc_importance.csv`: `target,input,spearman,p_met_lowest_decile,p_met_highest_decile`, per
/// target (file order) each input in input order; `spearman` empty where the input or the
/// target's value never varies.
pub fn importance<'a>(
    scenario: &'a Scenario,
    uncertainty: &'a Uncertainty,
    mc: &'a Mc,
) -> Sheet<'a> {
    let header = [
        "target",
        "input",
        "spearman",
        "p_met_lowest_decile",
        "p_met_highest_decile",
    ];
    Sheet::new(header, move |each| {
        for (target, rows) in scenario.targets.iter().zip(&mc.importance) {
            for (input, row) in uncertainty.inputs.iter().zip(rows) {
                each(&[
                    Cell::Text(&target.name),
                    Cell::Text(&input.key),
                    row.spearman.map_or(Cell::Empty, Cell::Decimal),
                    Cell::Decimal(row.p_met_lowest_decile),
                    Cell::Decimal(row.p_met_highest_decile),
                ]);
            }
        }
    })
}

/// `samples.csv`: every kept sample's inputs and target outcomes, in sample order.
pub fn samples<'a>(scenario: &'a Scenario, mc: &'a Mc) -> Sheet<'a> {
    let mut header = vec!["sample".to_string()];
    header.extend(mc.inputs.iter().map(|input| input.key.clone()));
    for target in &scenario.targets {
        header.push(format!("{}:met", target.name));
        header.push(format!("{}:achieved", target.name));
    }
    Sheet::new(header, move |each| {
        let layout = &mc.layout;
        let width = layout.scalars().max(1);
        let mut cells: Vec<Cell> = Vec::new();
        for (i, row) in mc.scalars.chunks_exact(width).enumerate() {
            let sample = mc.kept_ids.as_ref().map_or(i as u64, |ids| ids[i]);
            cells.clear();
            cells.push(Cell::Count(sample));
            for (k, input) in mc.inputs.iter().enumerate() {
                cells.push(Cell::key(input.kind, row[layout.input(k)]));
            }
            for k in 0..layout.targets {
                let cell = layout.target(k);
                let achieved =
                    (row[cell + 1] != NEVER).then(|| scenario.month(row[cell + 1] as usize));
                cells.push(Cell::Flag(row[cell] == 1.0));
                cells.push(Cell::Month(achieved));
            }
            each(&cells);
        }
    })
}

/// The energy and money bands at the months they are reported (P10, P50, P90), for the
/// report: one row per band.
pub fn money_bands(picks: &[crate::analysis::mc::economics::Pick]) -> Sheet<'_> {
    Sheet::new(["band", "month", "p10", "p50", "p90"], move |each| {
        for pick in picks {
            let [_, p10, _, p50, _, p90, _] = pick.band.percentiles;
            each(&[
                Cell::Text(pick.series),
                Cell::Month(Some(pick.month)),
                // Whole GWh and whole currency units: the bands are kept as f32.
                Cell::Number(p10.round()),
                Cell::Number(p50.round()),
                Cell::Number(p90.round()),
            ]);
        }
    })
}

/// An input file of the run: its path as given and the SHA-256 of its bytes.
pub struct InputFile {
    /// The path.
    pub path: String,
    /// Hex SHA-256.
    pub sha256: String,
}

/// `mc_summary.json`: the run record (version, seed, samples, sampler, input files, the
/// uncertain inputs) and every figure of the terminal summary but the time taken, which
/// changes from run to run.
pub fn summary(
    scenario: &Scenario,
    uncertainty: &Uncertainty,
    mid: &Report,
    mc: &Mc,
    files: &[InputFile],
    by: &[YearMonth],
) -> String {
    let months = |p: [f64; 3]| -> Vec<Value> {
        p.iter()
            .map(|&x| month(scenario, x).map_or(Value::Null, |m| json!(m.to_string())))
            .collect()
    };
    let round = |x: f64| (x * 1e6).round() / 1e6;
    let record = json!({
        "gpuplan_version": env!("CARGO_PKG_VERSION"),
        "scenario": scenario.name,
        "seed": mc.seed,
        "samples": mc.samples,
        "conditioned_on_observations": mc.conditioned,
        "kept": mc.kept,
        "kept_share": round(mc.kept as f64 / mc.samples as f64),
        "sampler": crate::uncertain::stream::DESCRIPTION,
        "files": files.iter().map(|f| json!({"path": f.path, "sha256": f.sha256})).collect::<Vec<_>>(),
        "uncertain_inputs": uncertainty.inputs.iter().map(|input| json!({
            "input": input.key,
            "distribution": input.describe,
            "factor": input.factor,
            "used_by": input.uses.iter().map(|u| u.path.clone()).collect::<Vec<_>>(),
            "early_share": input.early_share().map(round),
        })).collect::<Vec<_>>(),
        "targets": scenario.targets.iter().zip(&mc.targets).zip(&mid.targets).map(|((t, s), m)| json!({
            "target": t.name,
            "p_met": round(s.p_met),
            "p_met_stderr": round(s.p_met_stderr),
            "p_met_95pct_interval": [round((s.p_met - 1.96 * s.p_met_stderr).max(0.0)), round((s.p_met + 1.96 * s.p_met_stderr).min(1.0))],
            "achieved_p10_p50_p90": months(s.achieved),
            "never_share": round(s.never_share),
            "mid_achieved": m.achieved.map(|m| m.to_string()),
            "mid_met": m.met,
        })).collect::<Vec<_>>(),
        "recipients": scenario.recipients.iter().zip(&mc.recipients).zip(&mid.recipients).enumerate().map(|(i, ((r, s), m))| {
            let mut entry = json!({
                "recipient": r.name,
                "online_100pct_p10_p50_p90": months(s.milestones[2]),
                "mid_online_100pct": m.online_100pct.map(|m| m.to_string()),
                "chip_months_waiting_p10_p50_p90": s.waiting.iter().map(|&w| w as u64).collect::<Vec<_>>(),
                "chip_months_waiting_mean": round(s.waiting_mean),
            });
            if !by.is_empty() {
                entry["p_full_by"] = by.iter().map(|&month| (month.to_string(), json!(round(mc.p_full_by(i, by_index(scenario, month)))))).collect::<serde_json::Map<_, _>>().into();
            }
            entry
        }).collect::<Vec<_>>(),
    });
    let mut record = record;
    let picks = crate::analysis::mc::economics::picks(scenario, mc);
    if !picks.is_empty() {
        record["economics"] = picks
            .iter()
            .map(|pick| {
                let [_, p10, _, p50, _, p90, _] = pick.band.percentiles;
                (
                    pick.series.to_string(),
                    json!({"month": pick.month.to_string(), "p10_p50_p90": [round(p10), round(p50), round(p90)], "mean": round(pick.band.mean)}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    let mut text = serde_json::to_string_pretty(&record).unwrap_or_default();
    text.push('\n');
    text
}
