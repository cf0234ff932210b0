//! What `gpuplan seek` writes: `seek.csv` (every trial) and the answer in one sentence a
//! reader can quote, with the trials shown when the outcome does not change in one direction.

use std::fmt::Write;

use super::terminal::relaxation_words;
use crate::analysis::seek::{Answer, Goal, Helps, Seek};
use crate::lang::{fill, text};
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
    let words = Words::new(scenario, goal, seek, samples);
    match &seek.answer {
        Answer::Threshold {
            value,
            missed,
            helps,
        } => words.threshold(*value, *missed, *helps),
        Answer::Everywhere => line(fill(
            "seek.everywhere",
            &[
                ("name", &words.name),
                ("met", &words.met),
                ("path", &words.path),
                ("range", &words.range),
            ],
        )),
        Answer::Nowhere {
            at,
            most_help,
            met_all_relaxed,
            bound,
            met_mid_value,
        } => {
            let mut out = words.nowhere_closest(*at);
            out.push_str(&words.nowhere_why(*most_help, *met_all_relaxed, bound, *met_mid_value));
            out
        }
        Answer::NotMonotone => words.not_monotone(),
    }
}

/// What every sentence of an answer names, worked out once.
struct Words<'a> {
    scenario: &'a Scenario,
    goal: &'a Goal<'a>,
    seek: &'a Seek,
    target: &'a crate::model::Target,
    /// The key's path, quoted.
    path: String,
    /// The target's name, quoted.
    name: String,
    /// Decimals the search step has.
    decimals: usize,
    /// The key's unit ("" for months and ratios).
    unit: &'static str,
    /// The key's value now, in words.
    now: String,
    /// The key's value now, if the scenario has one.
    current: Option<f64>,
    /// "met", or "met with probability at least 90.0% (10,000 samples, seed 1)".
    met: String,
    /// "from A to B".
    range: String,
    /// The key in words with its path.
    key: String,
}

impl<'a> Words<'a> {
    fn new(
        scenario: &'a Scenario,
        goal: &'a Goal<'a>,
        seek: &'a Seek,
        samples: Option<&str>,
    ) -> Self {
        let variable = goal.variable;
        let path = format!("`{}`", variable.path);
        let unit = match variable.kind {
            Kind::Month => "",
            _ => variable.slot.unit(),
        };
        let current = scenario.get(variable.slot);
        let now = match current {
            None => text("seek.not_set").to_string(),
            Some(c) if goal.ranged => fill(
                "seek.now_ranged",
                &[("median", &current_text(variable.kind, c, unit))],
            ),
            Some(c) => current_text(variable.kind, c, unit),
        };
        let met = match (goal.probability, samples) {
            (Some(p), Some(samples)) => {
                fill("seek.met_p", &[("p", &percent(p)), ("samples", samples)])
            }
            _ => text("seek.met").to_string(),
        };
        // "The facility power of the second grid step of Capital area (from 2028-05;
        // `region "Capital area".grid[1].mw`)". Over samples a delay is drawn anew each
        // time: the step's date is given as written.
        let key = {
            let words = slot_words(variable.slot, scenario, goal.probability.is_none());
            let words = capitalised(&words);
            match words.strip_suffix(')') {
                Some(open) => format!("{open}; {path})"),
                None => fill("seek.key", &[("words", &words), ("path", &path)]),
            }
        };
        let target = &scenario.targets[goal.target];
        let mut words = Words {
            scenario,
            goal,
            seek,
            target,
            path,
            name: format!("`{}`", target.name),
            // Values are tried on a grid of `seek.step`: as many decimals as the step has.
            decimals: (-seek.step.log10()).ceil().clamp(0.0, 9.0) as usize,
            unit,
            now,
            current,
            met,
            range: String::new(),
            key,
        };
        let (lo, hi) = seek.range;
        words.range = fill(
            "seek.range",
            &[("from", &words.text(lo)), ("to", &words.text(hi))],
        );
        words
    }

    /// A value of the key on the search grid, with its unit.
    fn text(&self, x: f64) -> String {
        let value = key_value_text(self.goal.variable.kind, x, self.decimals);
        if self.unit.is_empty() {
            value
        } else {
            format!("{value} {}", self.unit)
        }
    }

    /// The value the key must reach (or may go to), and the neighbour that does not do.
    fn threshold(&self, value: f64, missed: f64, helps: Helps) -> String {
        let Words {
            key,
            now,
            name,
            met,
            ..
        } = self;
        let already = self.current.is_some_and(|c| match helps {
            Helps::Up => c >= value,
            Helps::Down => c <= value,
        });
        let bound = self.text(value);
        let month = self.goal.variable.kind == Kind::Month;
        let id = match (helps, already, month) {
            (Helps::Up, false, true) => "seek.must_later",
            (Helps::Up, false, false) => "seek.must_reach",
            (Helps::Up, true, true) => "seek.can_early",
            (Helps::Up, true, false) => "seek.can_low",
            (Helps::Down, false, true) => "seek.must_earlier",
            (Helps::Down, false, false) => "seek.must_most",
            (Helps::Down, true, true) => "seek.can_late",
            (Helps::Down, true, false) => "seek.can_high",
        };
        let sentence = fill(
            id,
            &[
                ("key", key),
                ("bound", &bound),
                ("now", now),
                ("name", name),
                ("met", met),
            ],
        );
        // The neighbour on the search grid that does not reach it: both statements were
        // tried, so the answer claims no more precision than was searched.
        line(match self.goal.variable.kind {
            Kind::Number => fill(
                "seek.not_at",
                &[
                    ("sentence", &sentence),
                    ("missed", &self.text(missed)),
                    ("step", &self.text(self.seek.step)),
                ],
            ),
            _ => fill("seek.end", &[("sentence", &sentence)]),
        })
    }

    /// "No value of … makes … met", with what the closest trial reached.
    fn nowhere_closest(&self, at: f64) -> String {
        let (target, text) = (self.target, |x| self.text(x));
        let closest = self.seek.trials.iter().find(|t| t.value == at);
        let reached = closest.map_or(String::new(), |trial| match trial.outcome.p_met {
            Some(p) => fill(
                "seek.closest_p",
                &[
                    ("at", &text(at)),
                    ("share", &share_of_samples(p, trial.outcome.samples)),
                ],
            ),
            None => fill(
                "seek.closest",
                &[
                    ("at", &text(at)),
                    (
                        "value",
                        &number(target.metric, trial.outcome.value_at_deadline),
                    ),
                    ("goal", &goal_value(target.metric, target.value)),
                    ("by", &target.by.to_string()),
                ],
            ),
        });
        line(fill(
            "seek.nowhere",
            &[
                ("path", &self.path),
                ("range", &self.range),
                ("name", &self.name),
                ("met", &self.met),
                ("closest", &reached),
            ],
        ))
    }

    /// Why no value does: what relaxing constraints would do, and the bound.
    fn nowhere_why(
        &self,
        most_help: Option<(crate::analysis::Relaxation, f64)>,
        met_all_relaxed: bool,
        bound: &crate::analysis::bound::Bound,
        met_mid_value: bool,
    ) -> String {
        let (scenario, target, goal) = (self.scenario, self.target, self.goal);
        let all = match (met_all_relaxed, bound.earliest_possible) {
            (true, _) => text("seek.all_relaxed").to_string(),
            (false, Some(earliest)) if bound.met_possible => {
                fill("seek.all_placement", &[("earliest", &earliest.to_string())])
            }
            (false, Some(earliest)) => {
                fill("seek.all_earliest", &[("earliest", &earliest.to_string())])
            }
            (false, None) => fill("seek.all_never", &[("end", &scenario.end().to_string())]),
        };
        // Relaxations are run once, on the mid-value case: over samples, say so.
        let there = text(if goal.probability.is_some() {
            "seek.there_mid"
        } else {
            "seek.there"
        });
        line(match most_help {
            _ if met_mid_value => fill(
                "seek.mid_meets",
                &[("p", &percent(goal.probability.unwrap_or(0.5)))],
            ),
            Some((relaxation, gain)) => fill(
                "seek.most_help",
                &[
                    ("there", there),
                    ("relaxation", &relaxation_words(relaxation, scenario)),
                    ("gain", &goal_value(target.metric, gain)),
                    ("by", &target.by.to_string()),
                    ("all", &all),
                ],
            ),
            None => fill("seek.no_help", &[("there", there), ("all", &all)]),
        })
    }

    /// The check points of an outcome that turns more than once.
    fn not_monotone(&self) -> String {
        let (seek, target) = (self.seek, self.target);
        let checks = &seek.trials[..seek.trials.len().min(crate::analysis::seek::CHECK_POINTS)];
        let reached: Vec<bool> = checks.iter().map(|t| t.reached).collect();
        let mut out = line(fill(
            "seek.not_monotone",
            &[
                ("name", &self.name),
                ("turns", &turns(&reached)),
                ("path", &self.path),
                ("range", &self.range),
            ],
        ));
        for trial in checks {
            let outcome = match trial.outcome.p_met {
                Some(p) => fill(
                    "seek.check_p",
                    &[("p", &probability(p, trial.outcome.samples))],
                ),
                None => fill(
                    "seek.check_value",
                    &[
                        (
                            "value",
                            &goal_value(target.metric, trial.outcome.value_at_deadline),
                        ),
                        ("by", &target.by.to_string()),
                    ],
                ),
            };
            let met = if trial.reached {
                text("seek.check_met")
            } else {
                ""
            };
            let _ = writeln!(out, "  {:>16}  {outcome}{met}", self.text(trial.value));
        }
        out
    }
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
            let word = text(if r { "verdict.met" } else { "verdict.missed" });
            // A state seen before is "again" (said once, the last time, to keep it short).
            if i >= 2 && i == runs.len() - 1 {
                fill("seek.again", &[("word", word)])
            } else {
                word.to_string()
            }
        })
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            fill("seek.then", &[("rest", &rest.join(", ")), ("last", last)])
        }
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
        fill("probability.all", &[("n", &n)])
    } else if p <= 0.0 {
        fill("seek.share_none", &[("n", &n)])
    } else {
        fill("seek.share", &[("p", &probability(p, samples)), ("n", &n)])
    }
}

/// A sentence of the answer on a line of its own.
fn line(mut sentence: String) -> String {
    sentence.push('\n');
    sentence
}

/// A probability asked for (not measured), as a percentage with one decimal.
fn percent(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// A target's value in its unit: chips, or PFLOPS with two decimals.
fn goal_value(metric: Metric, x: f64) -> String {
    let id = match metric {
        Metric::ChipsOnline => "targets.chips",
        Metric::Pflops => "seek.pflops",
    };
    fill(id, &[("n", &number(metric, x))])
}

/// A target's value without its unit.
fn number(metric: Metric, x: f64) -> String {
    match metric {
        Metric::ChipsOnline => quantity(x, 0),
        Metric::Pflops => quantity(x, 2),
    }
}
