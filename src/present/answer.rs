//! The answer in sentences a reader can quote: for each target, its chance over the samples
//! with the interval of that estimate and the middle month it is reached, or — for one run —
//! met or missed with its months. What a report says first.

use crate::analysis::TargetOutcome;
use crate::analysis::mc::{NEVER, TargetSummary};
use crate::lang::{Lang, and_list, count, current, fill, text};
use crate::model::{Scenario, Target};
use crate::numbers::{short, thousands};
use crate::units::{Metric, YearMonth};

/// A month as prose writes it: "July 2031", "2031년 7월".
pub fn month_words(month: YearMonth) -> String {
    fill(
        "month.words",
        &[
            ("month", text(&format!("month.{}", month.month()))),
            ("year", &month.year().to_string()),
        ],
    )
}

/// What a target asks for, as a clause: "all 260,000 chips are online", "15,000 of
/// Government's GB300 chips are online", "10 PFLOPS of fp64 (sustained, 80% of peak) are
/// online" (in Korean, the clause the sentences around it complete).
pub fn what(scenario: &Scenario, target: &Target) -> String {
    let names = |picked: &Option<Vec<usize>>, name: &dyn Fn(usize) -> String| {
        picked.as_ref().map(|list| {
            let names: Vec<String> = list.iter().map(|&i| name(i)).collect();
            and_list(&names)
        })
    };
    let recipients = names(&target.recipients, &|r| scenario.recipients[r].name.clone());
    let chips = names(&target.chips, &|c| scenario.chips[c].name.clone());
    let owner = recipients.map_or(String::new(), |r| {
        format!("{} ", fill("what.owner", &[("name", &r)]))
    });
    let chips = chips.map_or(String::new(), |c| format!("{c} "));
    match target.metric {
        Metric::ChipsOnline => {
            let all: u64 = scenario
                .allocations
                .iter()
                .filter(|a| target.covers(a))
                .map(|a| a.count)
                .sum();
            let value = target.value.round() as u64;
            let id = match (value == all, owner.is_empty()) {
                (true, true) if chips.is_empty() => "what.all_chips",
                (true, true) => "what.all_chips_of",
                (false, true) => "what.chips",
                (true, false) => "what.all_chips_of",
                (false, false) => "what.chips_of",
            };
            fill(
                id,
                &[
                    ("n", &thousands(value)),
                    ("owner", &owner),
                    ("chips", &chips),
                ],
            )
        }
        Metric::Pflops => {
            let precision = target.precision.map_or("", |p| p.as_str());
            let efficiency = target.numbers.get(&crate::input::format::TARGET_EFFICIENCY);
            let sustained = if efficiency < 1.0 {
                let pct = short(efficiency * 100.0);
                format!(" {}", fill("what.sustained", &[("pct", &pct)]))
            } else {
                String::new()
            };
            let scope = if owner.is_empty() && chips.is_empty() {
                String::new()
            } else {
                let scope = fill("what.pflops_scope", &[("owner", &owner), ("chips", &chips)]);
                match current() {
                    Lang::En => format!(" {scope}"),
                    Lang::Ko => format!("{scope} "),
                }
            };
            fill(
                "what.pflops",
                &[
                    ("v", &short(target.value)),
                    ("precision", precision),
                    ("sustained", &sustained),
                    ("scope", &scope),
                ],
            )
        }
    }
}

/// One target over the samples: "There is a 4.5% chance (3.6–5.4%) that all 260,000 chips are
/// online by December 2030; the middle estimate is July 2031." The interval is the estimate's
/// 95% interval (± 1.96 standard errors); a chance every sample or none agrees on is said as
/// such, with the rule of three's bound.
pub fn chance(
    scenario: &Scenario,
    target: &Target,
    summary: &TargetSummary,
    samples: u64,
) -> String {
    let what = what(scenario, target);
    let by = month_words(target.by);
    let p = summary.p_met;
    let n = thousands(samples);
    let middle = summary.achieved[1];
    let middle = if middle == NEVER {
        fill(
            "answer.middle_never",
            &[("end", &month_words(scenario.end()))],
        )
    } else {
        let month = month_words(scenario.month(middle as usize));
        fill("answer.middle", &[("month", &month)])
    };
    let common = [
        ("what", what.as_str()),
        ("by", by.as_str()),
        ("middle", middle.as_str()),
        ("n", n.as_str()),
    ];
    if p <= 0.0 {
        let bound = percent(3.0 / samples as f64);
        fill(
            "answer.none",
            &[&common[..], &[("bound", bound.as_str())]].concat(),
        )
    } else if p >= 1.0 {
        let bound = percent(1.0 - 3.0 / samples as f64);
        fill(
            "answer.all",
            &[&common[..], &[("bound", bound.as_str())]].concat(),
        )
    } else {
        let half = 1.96 * summary.p_met_stderr;
        let (p, lo, hi) = (
            percent(p),
            percent_number((p - half).max(0.0)),
            percent((p + half).min(1.0)),
        );
        let values = [("p", p.as_str()), ("lo", lo.as_str()), ("hi", hi.as_str())];
        fill("answer.chance", &[&common[..], &values[..]].concat())
    }
}

/// One target in one run: "Met: all 260,000 chips are online by July 2030, 5 months before the
/// December 2030 deadline." or "Missed: … only in July 2031, 7 months after …".
pub fn run(scenario: &Scenario, target: &Target, outcome: &TargetOutcome) -> String {
    let what = what(scenario, target);
    let by = month_words(target.by);
    let months = |from: YearMonth, to: YearMonth| {
        let k = usize::try_from(to.index() - from.index()).unwrap_or(0);
        count(k, "answer.month", "answer.months")
    };
    let (id, at, k) = match outcome.achieved {
        Some(at) if outcome.met && at == target.by => ("answer.met_on_time", at, String::new()),
        Some(at) if outcome.met => ("answer.met", at, months(at, target.by)),
        Some(at) => ("answer.missed_late", at, months(target.by, at)),
        None => ("answer.missed_never", scenario.end(), String::new()),
    };
    let at = month_words(at);
    fill(
        id,
        &[
            ("what", &what),
            ("by", &by),
            ("at", &at),
            ("end", &at),
            ("k", &k),
        ],
    )
}

/// A share as a percentage for prose, one decimal: "4.5%".
fn percent(p: f64) -> String {
    format!("{}%", percent_number(p))
}

/// The number of [`percent`] without its sign.
fn percent_number(p: f64) -> String {
    format!("{:.1}", p * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Outcome;

    fn korea() -> Scenario {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/korea-260k.toml");
        crate::load::Checked::load(std::path::Path::new(path))
            .expect("the reference scenario loads")
            .scenario
    }

    /// 4.5% ± 1.96 × 0.46% = 3.6–5.4%, and the median month in words.
    #[test]
    fn a_chance_with_its_interval_and_middle_month() {
        let scenario = korea();
        let all = scenario.targets.len() - 1;
        let july_2031 = scenario.index_of(YearMonth::new(2031, 7).unwrap()) as f64;
        let summary = TargetSummary {
            p_met: 0.045,
            p_met_stderr: 0.0046,
            achieved: [july_2031 - 3.0, july_2031, NEVER],
            never_share: 0.1,
            value_at_deadline: [0.0; 3],
            achieved_by_month: Vec::new(),
        };
        assert_eq!(
            chance(&scenario, &scenario.targets[all], &summary, 10_000),
            "There is a 4.5% chance (3.6–5.4%) that all 260,000 chips are online by December 2030; the middle estimate is July 2031."
        );
        let never = TargetSummary {
            p_met: 0.0,
            achieved: [NEVER; 3],
            ..summary
        };
        assert_eq!(
            chance(&scenario, &scenario.targets[all], &never, 1_000),
            "There is almost no chance (none of 1,000 samples; below 0.3%) that all 260,000 chips are online by December 2030; the middle estimate is that it is not reached by December 2032, the end of the horizon."
        );
    }

    /// The run's own months: the sentence is true of the run it describes.
    #[test]
    fn met_and_missed_in_one_run() {
        let outcome = Outcome::of(korea());
        let scenario = &outcome.scenario;
        for (target, result) in scenario.targets.iter().zip(&outcome.report.targets) {
            let sentence = run(scenario, target, result);
            assert_eq!(sentence.starts_with("Met: "), result.met, "{sentence}");
            if let Some(at) = result.achieved {
                assert!(sentence.contains(&month_words(at)), "{sentence}");
            }
            assert!(sentence.contains(&month_words(target.by)), "{sentence}");
        }
        assert_eq!(month_words(YearMonth::new(2031, 7).unwrap()), "July 2031");
    }
}
