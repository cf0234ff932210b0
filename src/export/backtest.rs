//! What `gpuplan backtest` writes: `backtest.csv` (one row per case and form) and the
//! terminal summary (per class and form: cases, interval coverage, mean CRPS beside the naive
//! forecasts) with a verdict line per class.

use std::fmt::Write;

use super::table::{Align, Table};
use crate::analysis::backtest::{ClassBacktest, Form, MIN_CASES, Verdict};
use crate::present::format::{csv_field, decimal};

/// `backtest.csv`: `class,case,form,stated,planned,actual,slip,lead,pit,in_p10_p90,in_p25_p75,
/// crps,crps_on_time`; provisional cases carry " (provisional)" after their name. Months and
/// leads the dataset lacks are empty.
pub fn csv(backtests: &[ClassBacktest]) -> String {
    let mut out = String::from(
        "class,case,form,stated,planned,actual,slip,lead,pit,in_p10_p90,in_p25_p75,crps,crps_on_time\n",
    );
    for backtest in backtests {
        for score in &backtest.scores {
            let case = score.case;
            let name = if case.provisional {
                format!("{} (provisional)", case.name)
            } else {
                case.name.clone()
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                csv_field(backtest.class),
                csv_field(&name),
                score.form.as_str(),
                case.stated.as_deref().unwrap_or(""),
                case.planned.as_deref().unwrap_or(""),
                case.actual.as_deref().unwrap_or(""),
                case.slip,
                case.lead.map_or(String::new(), |l| l.to_string()),
                decimal(score.pit),
                score.in_p10_p90,
                score.in_p25_p75,
                decimal(score.crps),
                decimal(score.crps_on_time),
            );
        }
    }
    out
}

/// A share as a whole percentage.
fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Months to one decimal.
fn months(x: f64) -> String {
    format!("{x:.1}")
}

/// "70% of 20 (80% expected; within two standard errors)": a coverage against its nominal
/// share, with whether the difference is more than sampling error would give a calibrated
/// forecast (two standard errors of a binomial share at the nominal value).
fn held(share: f64, n: usize, nominal: f64) -> String {
    let se = (nominal * (1.0 - nominal) / n as f64).sqrt();
    let judged = if (share - nominal).abs() <= 2.0 * se {
        "within two standard errors"
    } else if share < nominal {
        "too narrow: more than two standard errors below"
    } else {
        "too wide: more than two standard errors above"
    };
    format!(
        "{} of {n} ({} expected; {judged})",
        percent(share),
        percent(nominal)
    )
}

/// The verdict of one class, in two sentences: which form forecast its settled cases better
/// (and whether either beat "on time"), and how often each form's P10–P90 held the outcome.
pub fn verdict(backtest: &ClassBacktest) -> String {
    let class = backtest.class;
    let settled = |form: Form| {
        backtest
            .summaries
            .iter()
            .find(|s| s.form == form && !s.provisional)
    };
    let coverage: Vec<String> = Form::BOTH
        .iter()
        .filter_map(|&form| settled(form).map(|s| (form, s)))
        .map(|(form, s)| format!("{} {}", form.as_str(), held(s.in_p10_p90, s.n, 0.8)))
        .collect();
    let coverage = if coverage.is_empty() {
        String::new()
    } else {
        format!(" P10–P90 coverage: {}.", coverage.join("; "))
    };
    let comparison = match backtest.verdict {
        Verdict::TooFew { n } => match settled(Form::Absolute) {
            Some(s) if n == 0 => format!(
                "absolute only (no settled case has a lead): mean CRPS {} months against {} for \"on time\"",
                months(s.crps),
                months(s.crps_on_time)
            ),
            _ => format!(
                "too few settled cases scored in both forms ({n}; {MIN_CASES} needed) to tell them apart"
            ),
        },
        Verdict::Compared {
            n,
            absolute,
            lead_scaled,
            lead_scaled_lower,
            absolute_lower,
            on_time,
        } => {
            let naive = match (absolute < on_time, lead_scaled < on_time) {
                (true, true) => "both beat",
                (true, false) => "only the absolute form beats",
                (false, true) => "only the lead-scaled form beats",
                (false, false) => "neither form beats",
            };
            let naive = format!("{naive} \"on time\" ({})", months(on_time));
            if (absolute - lead_scaled).abs() < 0.05 * absolute.max(lead_scaled) {
                format!(
                    "the forms forecast about equally well: mean CRPS {} months absolute, {} lead-scaled on the {n} settled cases both score; {naive}",
                    months(absolute),
                    months(lead_scaled)
                )
            } else {
                let (better, lower, worse, other, wins) = if lead_scaled < absolute {
                    (
                        "lead-scaled",
                        lead_scaled,
                        "absolute",
                        absolute,
                        lead_scaled_lower,
                    )
                } else {
                    (
                        "absolute",
                        absolute,
                        "lead-scaled",
                        lead_scaled,
                        absolute_lower,
                    )
                };
                format!(
                    "the {better} form forecasts better: mean CRPS {} months against {} {worse} on the {n} settled cases both score, lower on {wins} of them; {naive}",
                    months(lower),
                    months(other)
                )
            }
        }
    };
    format!("{class}: {comparison}.{coverage}")
}

/// The terminal summary: a table per class and form, then the verdicts.
pub fn summary(backtests: &[ClassBacktest]) -> String {
    let mut out = String::from(
        "Backtest of the reference classes: each case forecast from the other projects of its class (leave-one-out), drawn as `mc` draws (linear between the sorted cases).\n\
         Forms: absolute = { reference = \"CLASS\" }; lead-scaled = { reference = \"CLASS\", lead_months = the case's own lead }.\n\
         P10–P90, P25–P75: the share of actual slips inside the forecast's interval (a calibrated forecast holds 80% and 50%).\n\
         CRPS: the forecast's error in months, spread counted (lower is better), beside forecasting \"on time\" and the class median for sure.\n\n",
    );
    let mut table = Table::new(&[
        ("Class", Align::Left),
        ("Form", Align::Left),
        ("Cases", Align::Left),
        ("n", Align::Right),
        ("P10–P90", Align::Right),
        ("P25–P75", Align::Right),
        ("CRPS", Align::Right),
        ("On time", Align::Right),
        ("Median", Align::Right),
    ]);
    for backtest in backtests {
        // The class named on its first row only.
        let mut class = Some(backtest.class.to_string());
        for form in Form::BOTH {
            let rows: Vec<Vec<String>> = backtest
                .summaries
                .iter()
                .filter(|s| s.form == form)
                .map(|s| {
                    let cases = if s.provisional {
                        "provisional"
                    } else {
                        "settled"
                    };
                    vec![
                        cases.into(),
                        s.n.to_string(),
                        percent(s.in_p10_p90),
                        percent(s.in_p25_p75),
                        months(s.crps),
                        months(s.crps_on_time),
                        months(s.crps_median),
                    ]
                })
                .collect();
            let rows = if rows.is_empty() {
                vec![vec!["none".into(), "0".into()]]
            } else {
                rows
            };
            for cells in rows {
                let mut row = vec![class.take().unwrap_or_default(), form.as_str().into()];
                row.extend(cells);
                table.row(row);
            }
        }
    }
    out.push_str(&table.render());
    out.push_str("\nVerdict (settled cases; provisional ones are still forecasts):\n");
    for backtest in backtests {
        let _ = writeln!(out, "  {}", verdict(backtest));
    }
    out
}
