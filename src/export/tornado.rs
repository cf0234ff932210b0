//! What `gpuplan tornado` writes: `tornado.csv` and, for the terminal, the inputs that move
//! each target most.

use std::fmt::Write;

use super::terminal::via_words;
use crate::analysis::tornado::{Bar, ranked};
use crate::analysis::trial::TargetTrial;
use crate::lang::{fill, text};
use crate::model::Scenario;
use crate::present::format::{csv_field, decimal, key_value, key_value_text, quantity};
use crate::present::labels::input_label;
use crate::uncertain::Uncertainty;
use crate::uncertain::keys::Kind;
use crate::uncertain::slot::Better;
use crate::units::Metric;

/// Inputs listed per target in the terminal.
const LISTED: usize = 5;

/// `tornado.csv`: `target,input,low,high,value_at_deadline_low,value_at_deadline_high,
/// achieved_low,achieved_high,swing`, the rows of each target (in `targets`) by swing.
pub fn csv(
    scenario: &Scenario,
    uncertainty: &Uncertainty,
    bars: &[Bar],
    targets: &[usize],
) -> String {
    let mut out = String::from(
        "target,input,low,high,value_at_deadline_low,value_at_deadline_high,achieved_low,achieved_high,swing\n",
    );
    for &k in targets {
        for bar in ranked(bars, uncertainty, k) {
            let input = &uncertainty.inputs[bar.input];
            let kind = input.kind();
            let [low, high] = [&bar.runs[0][k], &bar.runs[1][k]];
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{}",
                csv_field(&scenario.targets[k].name),
                csv_field(&input.key),
                key_value(kind, kind.finish(bar.values[0])),
                key_value(kind, kind.finish(bar.values[1])),
                decimal(low.value_at_deadline),
                decimal(high.value_at_deadline),
                achieved(scenario, low),
                achieved(scenario, high),
                decimal(bar.swing(k)),
            );
        }
    }
    out
}

/// Per target: the mid-value result and the inputs with the largest swings.
pub fn summary(
    scenario: &Scenario,
    uncertainty: &Uncertainty,
    bars: &[Bar],
    mid: &[TargetTrial],
    targets: &[usize],
) -> String {
    let mut out = String::new();
    for &k in targets {
        let target = &scenario.targets[k];
        let value = |x: f64| match target.metric {
            Metric::ChipsOnline => quantity(x, 0),
            Metric::Pflops => quantity(x, 2),
        };
        let head = fill(
            "tornado.head",
            &[
                ("name", &target.name),
                ("value", &value(mid[k].value_at_deadline)),
                ("by", &target.by.to_string()),
                ("goal", &value(target.value)),
            ],
        );
        let _ = writeln!(out, "{head}");
        let moving: Vec<&Bar> = ranked(bars, uncertainty, k)
            .into_iter()
            .filter(|bar| bar.swing(k) > 0.0)
            .take(LISTED)
            .collect();
        if moving.is_empty() {
            let _ = writeln!(out, "  {}", text("tornado.none"));
        }
        for bar in moving {
            let input = &uncertainty.inputs[bar.input];
            let kind = input.kind();
            // A value that should hurt but helps says where the help comes from.
            let why = bar.against_intuition[k]
                .as_ref()
                .map_or_else(String::new, |via| {
                    let id = match input.uses.first().and_then(|u| u.slot.better()) {
                        _ if kind == Kind::Month => "tornado.indirect_later",
                        Some(Better::Lower) => "tornado.indirect_larger",
                        _ => "tornado.indirect_smaller",
                    };
                    fill(id, &[("via", &via_words(via, text("via.its_chips")))])
                });
            let swing = fill("tornado.swing", &[("swing", &value(bar.swing(k)))]);
            let _ = writeln!(
                out,
                "  {}: {} → {}, {} → {} {swing}{why}",
                input_label(input, scenario),
                key_value_text(kind, kind.finish(bar.values[0]), 2),
                value(bar.runs[0][k].value_at_deadline),
                key_value_text(kind, kind.finish(bar.values[1]), 2),
                value(bar.runs[1][k].value_at_deadline),
            );
        }
        out.push('\n');
    }
    out
}

fn achieved(scenario: &Scenario, trial: &TargetTrial) -> String {
    trial
        .achieved_month(scenario)
        .map_or(String::new(), |m| m.to_string())
}
