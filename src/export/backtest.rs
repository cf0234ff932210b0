//! What `gpuplan backtest` writes: `backtest.csv` (one row per case and form) and the
//! terminal summary (per class and form: cases, interval coverage, mean CRPS beside the naive
//! forecasts) with a verdict line per class.

use std::fmt::Write;

use super::table::{Align, Table};
use crate::analysis::backtest::{ClassBacktest, Form, MIN_CASES, Verdict};
use crate::lang::{fill, text};
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
    let judged = text(if (share - nominal).abs() <= 2.0 * se {
        "bt.within"
    } else if share < nominal {
        "bt.too_narrow"
    } else {
        "bt.too_wide"
    });
    fill(
        "bt.held",
        &[
            ("share", &percent(share)),
            ("n", &n.to_string()),
            ("nominal", &percent(nominal)),
            ("judged", judged),
        ],
    )
}

/// A form's name in the current language.
fn form_words(form: Form) -> &'static str {
    text(match form {
        Form::Absolute => "bt.absolute",
        Form::LeadScaled => "bt.lead_scaled",
    })
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
        .map(|(form, s)| format!("{} {}", form_words(form), held(s.in_p10_p90, s.n, 0.8)))
        .collect();
    let coverage = if coverage.is_empty() {
        String::new()
    } else {
        fill("bt.coverage", &[("coverage", &coverage.join("; "))])
    };
    let comparison = match backtest.verdict {
        Verdict::TooFew { n } => match settled(Form::Absolute) {
            Some(s) if n == 0 => fill(
                "bt.absolute_only",
                &[
                    ("crps", &months(s.crps)),
                    ("on_time", &months(s.crps_on_time)),
                ],
            ),
            _ => fill(
                "bt.too_few",
                &[("n", &n.to_string()), ("min", &MIN_CASES.to_string())],
            ),
        },
        Verdict::Compared {
            n,
            absolute,
            lead_scaled,
            lead_scaled_lower,
            absolute_lower,
            on_time,
        } => compared(
            n,
            [absolute, lead_scaled],
            [absolute_lower, lead_scaled_lower],
            on_time,
        ),
    };
    fill(
        "bt.verdict",
        &[
            ("class", class),
            ("comparison", &comparison),
            ("coverage", &coverage),
        ],
    )
}

/// Which form forecast a class's `n` settled cases better: mean CRPS `[absolute, lead-scaled]`,
/// the cases on which each was lower, and the mean CRPS of forecasting "on time".
fn compared(n: usize, crps: [f64; 2], lower_on: [usize; 2], on_time: f64) -> String {
    let [absolute, lead_scaled] = crps;
    let naive = match (absolute < on_time, lead_scaled < on_time) {
        (true, true) => "bt.both_beat",
        (true, false) => "bt.absolute_beats",
        (false, true) => "bt.lead_scaled_beats",
        (false, false) => "bt.neither_beats",
    };
    let naive = fill(naive, &[("on_time", &months(on_time))]);
    if (absolute - lead_scaled).abs() < 0.05 * absolute.max(lead_scaled) {
        return fill(
            "bt.equal",
            &[
                ("absolute", &months(absolute)),
                ("lead_scaled", &months(lead_scaled)),
                ("n", &n.to_string()),
                ("naive", &naive),
            ],
        );
    }
    // Form::BOTH is [absolute, lead-scaled], as the arrays are.
    let better = usize::from(lead_scaled < absolute);
    fill(
        "bt.better",
        &[
            ("better", form_words(Form::BOTH[better])),
            ("lower", &months(crps[better])),
            ("other", &months(crps[1 - better])),
            ("worse", form_words(Form::BOTH[1 - better])),
            ("n", &n.to_string()),
            ("wins", &lower_on[better].to_string()),
            ("naive", &naive),
        ],
    )
}

/// The terminal summary: a table per class and form, then the verdicts.
pub fn summary(backtests: &[ClassBacktest]) -> String {
    let mut out = String::new();
    for id in ["bt.intro1", "bt.intro2", "bt.intro3", "bt.intro4"] {
        let _ = writeln!(out, "{}", text(id));
    }
    out.push('\n');
    let header = [
        "bt.class",
        "bt.form",
        "bt.cases",
        "bt.n",
        "bt.p10_p90",
        "bt.p25_p75",
        "bt.crps",
        "bt.on_time",
        "bt.median",
    ]
    .map(|id| {
        let align = if matches!(id, "bt.class" | "bt.form" | "bt.cases") {
            Align::Left
        } else {
            Align::Right
        };
        (text(id), align)
    });
    let mut table = Table::new(&header);
    for backtest in backtests {
        // The class named on its first row only.
        let mut class = Some(backtest.class.to_string());
        for form in Form::BOTH {
            let rows: Vec<Vec<String>> = backtest
                .summaries
                .iter()
                .filter(|s| s.form == form)
                .map(|s| {
                    let cases = text(if s.provisional {
                        "outside.provisional"
                    } else {
                        "outside.settled"
                    });
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
                vec![vec![text("bt.none").into(), "0".into()]]
            } else {
                rows
            };
            for cells in rows {
                let mut row = vec![class.take().unwrap_or_default(), form_words(form).into()];
                row.extend(cells);
                table.row(row);
            }
        }
    }
    out.push_str(&table.render());
    let _ = writeln!(out, "\n{}", text("bt.verdicts"));
    for backtest in backtests {
        let _ = writeln!(out, "  {}", verdict(backtest));
    }
    out
}
