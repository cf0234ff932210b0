//! What `gpuplan seek` writes: `seek.csv` (every trial) and the answer in one sentence a
//! reader can quote, with the trials shown when the outcome does not change in one direction.

use std::fmt::Write;

use super::terminal::relaxation_words;
use crate::analysis::seek::{Answer, Goal, Helps, Seek};
use crate::model::Scenario;
use crate::present::format::{decimal, key_value, key_value_text, probability, quantity};
use crate::present::labels::slot_words;
use crate::uncertain::keys::Kind;
use crate::units::Metric;

/// `seek.csv`: `trial,value,met,value_at_deadline,achieved`, and `p_met` over samples (where
/// `met` is P(met) reaching the probability asked, and the value and month are medians).
pub fn csv(scenario: &Scenario, goal: &Goal, seek: &Seek) -> String {
    let mut out = String::from("trial,value,met,value_at_deadline,achieved");
    if goal.probability.is_some() {
        out.push_str(",p_met");
    }
    out.push('\n');
    for (i, trial) in seek.trials.iter().enumerate() {
        let _ = write!(
            out,
            "{},{},{},{},{}",
            i + 1,
            key_value(goal.variable.kind, trial.value),
            trial.reached,
            decimal(trial.outcome.value_at_deadline),
            trial
                .outcome
                .achieved_month(scenario)
                .map_or(String::new(), |m| m.to_string()),
        );
        if let Some(p) = trial.outcome.p_met {
            let _ = write!(out, ",{}", decimal(p));
        }
        out.push('\n');
    }
    out
}

/// The answer for people: one sentence, and for a non-monotone outcome the check points.
/// `samples` describes a Monte Carlo seek ("10,000 samples, seed 1").
pub fn answer(scenario: &Scenario, goal: &Goal, seek: &Seek, samples: Option<&str>) -> String {
    let variable = goal.variable;
    let target = &scenario.targets[goal.target];
    let path = format!("`{}`", variable.path);
    let name = format!("`{}`", target.name);
    let (lo, hi) = seek.range;
    // Values are tried on a grid of `seek.step`: show as many decimals as the step has.
    let decimals = (-seek.step.log10()).ceil().clamp(0.0, 9.0) as usize;
    let unit = match variable.kind {
        Kind::Month => "",
        _ => variable.slot.unit(),
    };
    let text = |x: f64| {
        let value = key_value_text(variable.kind, x, decimals);
        if unit.is_empty() {
            value
        } else {
            format!("{value} {unit}")
        }
    };
    let current = scenario.get(variable.slot);
    let now = match current {
        None => "not set".to_string(),
        Some(c) if goal.ranged => {
            format!("a range, median {}", current_text(variable.kind, c, unit))
        }
        Some(c) => current_text(variable.kind, c, unit),
    };
    let met = match (goal.probability, samples) {
        (Some(p), Some(samples)) => {
            format!("met with probability at least {} ({samples})", percent(p))
        }
        _ => "met".to_string(),
    };
    let range = format!("from {} to {}", text(lo), text(hi));
    let month = variable.kind == Kind::Month;
    // "The facility power of the second grid step of Capital area (from 2028-05;
    // `region "Capital area".grid[1].mw`)".
    let key = {
        // Over samples a delay is drawn anew each time: the step's date is given as written.
        let words = slot_words(variable.slot, scenario, goal.probability.is_none());
        let words = capitalised(&words);
        match words.strip_suffix(')') {
            Some(open) => format!("{open}; {path})"),
            None => format!("{words} ({path})"),
        }
    };
    let mut out = String::new();
    match &seek.answer {
        Answer::Threshold {
            value,
            missed,
            helps,
        } => {
            let already = current.is_some_and(|c| match helps {
                Helps::Up => c >= *value,
                Helps::Down => c <= *value,
            });
            let bound = text(*value);
            let sentence = match (helps, already, month) {
                (Helps::Up, false, true) => {
                    format!("{key} must be {bound} or later (now {now}) for {name} to be {met}")
                }
                (Helps::Up, false, false) => {
                    format!("{key} must reach at least {bound} (now {now}) for {name} to be {met}")
                }
                (Helps::Up, true, true) => format!(
                    "{key} can be as early as {bound} (now {now}) and {name} is still {met}"
                ),
                (Helps::Up, true, false) => {
                    format!("{key} can be as low as {bound} (now {now}) and {name} is still {met}")
                }
                (Helps::Down, false, true) => format!(
                    "{key} must be no later than {bound} (now {now}) for {name} to be {met}"
                ),
                (Helps::Down, false, false) => {
                    format!("{key} must be at most {bound} (now {now}) for {name} to be {met}")
                }
                (Helps::Down, true, true) => {
                    format!("{key} can be as late as {bound} (now {now}) and {name} is still {met}")
                }
                (Helps::Down, true, false) => {
                    format!("{key} can be as high as {bound} (now {now}) and {name} is still {met}")
                }
            };
            // The neighbour on the search grid that does not reach it: both statements were
            // tried, so the answer claims no more precision than was searched.
            let _ = match variable.kind {
                Kind::Number => writeln!(
                    out,
                    "{sentence}; at {} it is not (searched in steps of {}).",
                    text(*missed),
                    text(seek.step)
                ),
                _ => writeln!(out, "{sentence}."),
            };
        }
        Answer::Everywhere => {
            let _ = writeln!(
                out,
                "{name} is {met} for every value of {path} {range}: nothing to seek in this range."
            );
        }
        Answer::Nowhere {
            at,
            most_help,
            met_all_relaxed,
            bound,
            met_mid_value,
        } => {
            let closest = seek
                .trials
                .iter()
                .find(|t| t.value == *at)
                .map(|t| t.outcome);
            let _ = write!(out, "No value of {path} {range} makes {name} {met}");
            if let Some(outcome) = closest {
                match outcome.p_met {
                    Some(p) => {
                        let _ = write!(
                            out,
                            ": at {} it is met in {}",
                            text(*at),
                            share_of_samples(p, outcome.samples)
                        );
                    }
                    None => {
                        let _ = write!(
                            out,
                            ": at {} it reaches {} of {} by {}",
                            text(*at),
                            number(target.metric, outcome.value_at_deadline),
                            goal_value(target.metric, target.value),
                            target.by
                        );
                    }
                }
            }
            let _ = writeln!(out, ".");
            let all = match (*met_all_relaxed, bound.earliest_possible) {
                (true, _) => "relaxing every constraint would meet it".to_string(),
                (false, Some(earliest)) if bound.met_possible => format!(
                    "relaxing every constraint at once would still miss it (chips then go to the first open hall that accepts them, where some commission more slowly than they could elsewhere), though deliveries, the halls' opening dates and commissioning alone allow it from {earliest}"
                ),
                (false, Some(earliest)) => format!(
                    "no relaxation can meet it: deliveries, the halls' opening dates and commissioning allow it no earlier than {earliest}"
                ),
                (false, None) => format!(
                    "no relaxation can meet it: deliveries, the halls' opening dates and commissioning do not reach it by {}",
                    scenario.end()
                ),
            };
            // Relaxations are run once, on the mid-value case: over samples, say so.
            let there = if goal.probability.is_some() {
                "There, in the mid-value case,"
            } else {
                "There,"
            };
            let _ = match most_help {
                _ if *met_mid_value => writeln!(
                    out,
                    "There the mid-value case meets it: it is the spread of the uncertain inputs that keeps P(met) below {}; `gpuplan tornado` shows which inputs move it most.",
                    percent(goal.probability.unwrap_or(0.5))
                ),
                Some((relaxation, gain)) => writeln!(
                    out,
                    "{there} relaxing {} would add the most ({} more by {}); {all}.",
                    relaxation_words(*relaxation, scenario),
                    goal_value(target.metric, *gain),
                    target.by
                ),
                None => writeln!(out, "{there} no single relaxation adds anything; {all}."),
            };
        }
        Answer::NotMonotone => {
            let checks = &seek.trials[..seek.trials.len().min(crate::analysis::seek::CHECK_POINTS)];
            let reached: Vec<bool> = checks.iter().map(|t| t.reached).collect();
            let _ = writeln!(
                out,
                "{name} is {} as {path} goes {range}, so there is no single value to seek. The check points:",
                turns(&reached)
            );
            for trial in checks {
                let outcome = match trial.outcome.p_met {
                    Some(p) => format!("P(met) {}", probability(p, trial.outcome.samples)),
                    None => format!(
                        "{} by {}",
                        goal_value(target.metric, trial.outcome.value_at_deadline),
                        target.by
                    ),
                };
                let _ = writeln!(
                    out,
                    "  {:>16}  {outcome}{}",
                    text(trial.value),
                    if trial.reached { "  met" } else { "" }
                );
            }
        }
    }
    out
}

/// Which way an outcome went across the check points, in words: "missed, met, then missed
/// again", "met, missed, met, then missed again".
pub fn turns(reached: &[bool]) -> String {
    let mut runs: Vec<bool> = Vec::new();
    for &r in reached {
        if runs.last() != Some(&r) {
            runs.push(r);
        }
    }
    let words: Vec<String> = runs
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let word = if r { "met" } else { "missed" };
            // A state seen before is "again" (said once, the last time, to keep it short).
            if i >= 2 && i == runs.len() - 1 {
                format!("{word} again")
            } else {
                word.to_string()
            }
        })
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}, then {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The key's current value as the scenario has it, with its unit: exact (1.7875 kW), not
/// rounded to the search grid.
fn current_text(kind: Kind, value: f64, unit: &str) -> String {
    let text = key_value_text(kind, value, 6);
    if unit.is_empty() || kind == Kind::Month {
        text
    } else {
        format!("{text} {unit}")
    }
}

/// `text` with its first letter upper-case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "in all 2,000 samples", "in none of the 2,000 samples", "in 4.5% of the 2,000 samples".
fn share_of_samples(p: f64, samples: u64) -> String {
    let n = crate::numbers::thousands(samples);
    if p >= 1.0 {
        format!("all {n} samples")
    } else if p <= 0.0 {
        format!("none of the {n} samples")
    } else {
        format!("{} of the {n} samples", probability(p, samples))
    }
}

/// A probability asked for (not measured), as a percentage with one decimal.
fn percent(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// A target's value in its unit: chips, or PFLOPS with two decimals.
fn goal_value(metric: Metric, x: f64) -> String {
    let unit = match metric {
        Metric::ChipsOnline => "chips",
        Metric::Pflops => "PFLOPS",
    };
    format!("{} {unit}", number(metric, x))
}

/// A target's value without its unit.
fn number(metric: Metric, x: f64) -> String {
    match metric {
        Metric::ChipsOnline => quantity(x, 0),
        Metric::Pflops => quantity(x, 2),
    }
}
