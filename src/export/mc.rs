//! The files of `gpuplan mc`: `mc_targets.csv`, `mc_recipients.csv`, `mc_bands.csv`,
//! `mc_inputs.csv`, `samples.csv` on request, and the run record `mc_summary.json`.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::analysis::Report;
use crate::analysis::mc::{Mc, NEVER, month};
use crate::model::Scenario;
use crate::present::format::{csv_field, decimal, key_value};
use crate::uncertain::Uncertainty;
use crate::uncertain::keys::Kind;
use crate::units::{Metric, YearMonth};

/// A month index of the scenario as written in the files: `YYYY-MM`, or `never`.
fn month_or_never(scenario: &Scenario, index: f64) -> String {
    month(scenario, index).map_or_else(|| "never".to_string(), |m| m.to_string())
}

/// A target's value: whole chips, or PFLOPS as a decimal.
fn target_value(metric: Metric, x: f64) -> String {
    match metric {
        Metric::ChipsOnline => format!("{}", x.round() as u64),
        Metric::Pflops => decimal(x),
    }
}

/// `mc_targets.csv`.
pub fn targets(scenario: &Scenario, mid: &Report, mc: &Mc) -> String {
    let mut out = String::from(
        "target,metric,precision,value,by,p_met,p_met_stderr,achieved_p10,achieved_p50,achieved_p90,never_share,value_at_deadline_p10,value_at_deadline_p50,value_at_deadline_p90,mid_achieved,mid_met\n",
    );
    for ((target, summary), mid) in scenario.targets.iter().zip(&mc.targets).zip(&mid.targets) {
        let value = |x: f64| target_value(target.metric, x);
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            csv_field(&target.name),
            target.metric.as_str(),
            target.precision.map_or("", |p| p.as_str()),
            value(target.value),
            target.by,
            decimal(summary.p_met),
            decimal(summary.p_met_stderr),
            month_or_never(scenario, summary.achieved[0]),
            month_or_never(scenario, summary.achieved[1]),
            month_or_never(scenario, summary.achieved[2]),
            decimal(summary.never_share),
            value(summary.value_at_deadline[0]),
            value(summary.value_at_deadline[1]),
            value(summary.value_at_deadline[2]),
            mid.achieved.map(|m| m.to_string()).unwrap_or_default(),
            mid.met,
        );
    }
    out
}

/// `mc_recipients.csv`.
pub fn recipients(scenario: &Scenario, mc: &Mc, by: &[YearMonth]) -> String {
    let mut out = String::from("recipient,quantity,p10,p50,p90,mean\n");
    for (r, (recipient, summary)) in scenario.recipients.iter().zip(&mc.recipients).enumerate() {
        let name = csv_field(&recipient.name);
        for (quantity, p) in ["online_50pct", "online_90pct", "online_100pct"]
            .iter()
            .zip(&summary.milestones)
        {
            let _ = writeln!(
                out,
                "{name},{quantity},{},{},{},",
                month_or_never(scenario, p[0]),
                month_or_never(scenario, p[1]),
                month_or_never(scenario, p[2]),
            );
        }
        let w = summary.waiting;
        let _ = writeln!(
            out,
            "{name},chip_months_waiting,{},{},{},{}",
            w[0] as u64,
            w[1] as u64,
            w[2] as u64,
            decimal(summary.waiting_mean)
        );
        // A probability has no percentiles: its value is the mean of "fully online by then".
        for &month in by {
            let _ = writeln!(
                out,
                "{name},p_full_by_{month},,,,{}",
                decimal(mc.p_full_by(r, by_index(scenario, month)))
            );
        }
    }
    out
}

/// `month`'s index in the scenario (validated to lie in its horizon).
fn by_index(scenario: &Scenario, month: YearMonth) -> usize {
    usize::try_from(scenario.index_of(month)).unwrap_or(0)
}

/// `mc_bands.csv`: rows by month, then series; chip percentiles as whole chips.
pub fn bands(scenario: &Scenario, mc: &Mc) -> String {
    let mut out = String::from("month,series,p5,p10,p25,p50,p75,p90,p95,mean\n");
    for t in 0..mc.layout.months {
        let month = scenario.month(t);
        for series in &mc.bands {
            let chips = series.name.starts_with("chips_online");
            let band = series.months[t];
            let cells: Vec<String> = band
                .percentiles
                .iter()
                .map(|&x| {
                    if chips {
                        format!("{}", x.round() as u64)
                    } else {
                        decimal(x)
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "{month},{},{},{}",
                csv_field(&series.name),
                cells.join(","),
                decimal(band.mean)
            );
        }
    }
    out
}

/// `mc_inputs.csv`: what each range really means — the percentiles and mean of its draws
/// (months as months, whole numbers as drawn), and the share truncated away. An input that
/// feeds a delay says in its distribution how much of it is early ("; 14.9% early").
pub fn inputs(mc: &Mc) -> String {
    let mut out = String::from("input,distribution,p5,p50,p95,mean,truncated_share\n");
    for input in &mc.inputs {
        let mean = match input.kind {
            Kind::Month => key_value(Kind::Month, input.mean),
            _ => decimal(input.mean),
        };
        let describe = match input.early_share {
            Some(share) => format!("{}; {} early", input.describe, early(share)),
            None => input.describe.clone(),
        };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{mean},{}",
            csv_field(&input.key),
            csv_field(&describe),
            key_value(input.kind, input.p5),
            key_value(input.kind, input.p50),
            key_value(input.kind, input.p95),
            decimal(input.truncated_share),
        );
    }
    out
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
pub fn importance(scenario: &Scenario, uncertainty: &Uncertainty, mc: &Mc) -> String {
    let mut out = String::from("target,input,spearman,p_met_lowest_decile,p_met_highest_decile\n");
    for (target, rows) in scenario.targets.iter().zip(&mc.importance) {
        for (input, row) in uncertainty.inputs.iter().zip(rows) {
            let _ = writeln!(
                out,
                "{},{},{},{},{}",
                csv_field(&target.name),
                csv_field(&input.key),
                row.spearman.map_or(String::new(), decimal),
                decimal(row.p_met_lowest_decile),
                decimal(row.p_met_highest_decile),
            );
        }
    }
    out
}

/// `samples.csv`: every kept sample's inputs and target outcomes, in sample order.
pub fn samples(scenario: &Scenario, mc: &Mc) -> String {
    let layout = &mc.layout;
    let width = layout.scalars().max(1);
    let mut out = String::from("sample");
    for input in &mc.inputs {
        let _ = write!(out, ",{}", csv_field(&input.key));
    }
    for target in &scenario.targets {
        let _ = write!(
            out,
            ",{},{}",
            csv_field(&format!("{}:met", target.name)),
            csv_field(&format!("{}:achieved", target.name))
        );
    }
    out.push('\n');
    for (i, row) in mc.scalars.chunks_exact(width).enumerate() {
        let sample = mc.kept_ids.as_ref().map_or(i as u64, |ids| ids[i]);
        let _ = write!(out, "{sample}");
        for (k, input) in mc.inputs.iter().enumerate() {
            let _ = write!(out, ",{}", key_value(input.kind, row[layout.input(k)]));
        }
        for k in 0..layout.targets {
            let cell = layout.target(k);
            let achieved = if row[cell + 1] == NEVER {
                String::new()
            } else {
                scenario.month(row[cell + 1] as usize).to_string()
            };
            let _ = write!(out, ",{},{achieved}", row[cell] == 1.0);
        }
        out.push('\n');
    }
    out
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
    let mut text = serde_json::to_string_pretty(&record).unwrap_or_default();
    text.push('\n');
    text
}
