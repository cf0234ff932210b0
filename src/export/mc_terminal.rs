//! What `gpuplan mc` prints: each target's probability of being met (with its 95% interval)
//! and the spread of the month it is achieved beside the mid-value result, each recipient's
//! spread of the month all its chips are online, and the run's seed, samples and time.

use crate::lang::{count, fill, text};
use crate::present::format::month_or_never;
use std::fmt::Write;
use std::time::Duration;

use super::table::{Align, Table};
use crate::analysis::Report;
use crate::analysis::mc::{Mc, month};
use crate::model::Scenario;
use crate::present::format::{amount, probability, probability_interval, quantity, thousands};

/// [`fill`] with owned values.
fn fill_owned(id: &str, values: &[(&str, String)]) -> String {
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(id, &values)
}

/// The targets over the samples: P(met) with its interval, the months achieved, and the
/// mid-value case.
fn targets_table(scenario: &Scenario, mid: &Report, mc: &Mc) -> String {
    let mut table = Table::new(&[
        (text("targets.target"), Align::Left),
        (text("mcsum.p_met"), Align::Right),
        (text("mcsum.achieved_p10"), Align::Right),
        ("P50", Align::Right),
        ("P90", Align::Right),
        (text("mcsum.mid"), Align::Left),
    ]);
    let shown = |index: f64| month_or_never(month(scenario, index));
    for ((target, s), m) in scenario.targets.iter().zip(&mc.targets).zip(&mid.targets) {
        let verdict = text(if m.met {
            "verdict.met"
        } else {
            "verdict.missed"
        });
        table.row(vec![
            target.name.clone(),
            probability_interval(s.p_met, s.p_met_stderr, mc.kept),
            shown(s.achieved[0]),
            shown(s.achieved[1]),
            shown(s.achieved[2]),
            fill(
                "mcsum.mid_result",
                &[("month", &month_or_never(m.achieved)), ("verdict", verdict)],
            ),
        ]);
    }
    table.render()
}

/// The summary as text.
pub fn summary(
    scenario: &Scenario,
    mid: &Report,
    mc: &Mc,
    by: &[crate::units::YearMonth],
    threads: usize,
    took: Duration,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", scenario.name);
    let _ = writeln!(
        out,
        "{}",
        fill(
            "mcsum.head",
            &[
                ("samples", &thousands(mc.samples)),
                ("seed", &mc.seed.to_string()),
                (
                    "inputs",
                    &count(mc.inputs.len(), "mcsum.input", "mcsum.inputs")
                ),
                ("secs", &format!("{:.2}", took.as_secs_f64())),
                ("threads", &count(threads, "mcsum.thread", "mcsum.threads")),
            ],
        )
    );
    let n = scenario.observations.len();
    let observations = count(n, "mcsum.observation", "mcsum.observations");
    if mc.conditioned {
        let pct = format!("{:.1}", mc.kept as f64 / mc.samples as f64 * 100.0);
        let values = [
            ("kept", thousands(mc.kept)),
            ("pct", pct),
            ("observations", observations),
        ];
        let _ = writeln!(out, "{}", fill_owned("mcsum.kept", &values));
    } else if n > 0 {
        let _ = writeln!(
            out,
            "{}",
            fill("mcsum.prior", &[("observations", &observations)])
        );
    }
    out.push('\n');
    let shown = |index: f64| month_or_never(month(scenario, index));
    if !scenario.targets.is_empty() {
        out.push_str(&targets_table(scenario, mid, mc));
        out.push('\n');
    }
    let by_headers: Vec<String> = by
        .iter()
        .map(|m| fill("mcsum.by", &[("month", &m.to_string())]))
        .collect();
    let mut columns = vec![
        (text("recipients.recipient"), Align::Left),
        (text("mcsum.online_p10"), Align::Right),
        ("P50", Align::Right),
        ("P90", Align::Right),
        (text("mcsum.mid"), Align::Right),
    ];
    columns.extend(by_headers.iter().map(|h| (h.as_str(), Align::Right)));
    let mut table = Table::new(&columns);
    for (r, ((recipient, s), m)) in scenario
        .recipients
        .iter()
        .zip(&mc.recipients)
        .zip(&mid.recipients)
        .enumerate()
    {
        let p = s.milestones[2];
        let mut row = vec![
            recipient.name.clone(),
            shown(p[0]),
            shown(p[1]),
            shown(p[2]),
            month_or_never(m.online_100pct),
        ];
        row.extend(by.iter().map(|&month| {
            let t = usize::try_from(scenario.index_of(month)).unwrap_or(0);
            probability(mc.p_full_by(r, t), mc.kept)
        }));
        table.row(row);
    }
    out.push_str(&table.render());
    out.push_str(&money(scenario, mc));
    out
}

/// The energy and money bands as P10 / P50 / P90, when the scenario has `[economics]`.
fn money(scenario: &Scenario, mc: &Mc) -> String {
    let picks = crate::analysis::mc::economics::picks(scenario, mc);
    if picks.is_empty() {
        return String::new();
    }
    let currency = scenario
        .economics
        .as_ref()
        .map_or("", |e| e.currency.as_str());
    let mut out = format!("\n{}\n", text("mcsum.money"));
    for pick in picks {
        let [_, p10, _, p50, _, p90, _] = pick.band.percentiles;
        let (id, show): (&str, fn(f64) -> String) = match pick.series {
            "energy_gwh_year" => ("mcsum.energy", |x| quantity(x, 0)),
            "electricity_cost_year" => ("mcsum.electricity", amount),
            _ => ("mcsum.capex", amount),
        };
        let values = [
            ("month", pick.month.to_string()),
            ("p10", show(p10)),
            ("p50", show(p50)),
            ("p90", show(p90)),
            ("currency", currency.to_string()),
        ];
        let _ = writeln!(out, "  {}", fill_owned(id, &values));
    }
    out
}
