//! Goal seek (`gpuplan seek`, docs/methods.md: What would it take): the value of one key at which a
//! target turns from missed to met — or, over samples, to met with at least a given
//! probability.
//!
//! Values are tried on a grid: whole numbers and months one apart, other numbers a *step*
//! apart — a tenth of their display unit (0.1 MW, 0.01 of a PUE), or 0.1% of the range where
//! that is finer — so the answer is two neighbouring values of the grid, one reaching the goal
//! and one not, and claims no more precision than was searched. Nine evenly spaced trials over
//! the range come first: the goal must turn from missed to met at most once across them (else
//! there is no single threshold, and the answer says so and shows them), and they must bracket
//! the answer (else it is met everywhere or nowhere in the range). Bisection then narrows the
//! bracketing pair to neighbours.

use super::bound::{Bound, bounds};
use super::relief::{Relaxation, Relief};
use super::trial::{self, Assignment, Mode, TargetTrial, TrialError};
use super::variation::Variation;
use crate::model::Scenario;
use crate::uncertain::keys::Kind;
use crate::uncertain::paths::Variable;

/// Evenly spaced trials that check the range before bisecting.
pub const CHECK_POINTS: usize = 9;
/// Numbers are searched at least to this share of the range.
pub const RESOLUTION: f64 = 0.001;

/// What to seek.
pub struct Goal<'a> {
    /// The target (index in the scenario).
    pub target: usize,
    /// The key varied.
    pub variable: &'a Variable,
    /// The range searched, as given (either order).
    pub from: f64,
    /// The other end.
    pub to: f64,
    /// With Monte Carlo: the probability the target must be met with.
    pub probability: Option<f64>,
    /// Whether the key holds a range in the file (each trial fixes it at the tried value; its
    /// current value is the range's median).
    pub ranged: bool,
}

/// One value tried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeekTrial {
    /// The key's value (months as month-axis indices).
    pub value: f64,
    /// What it gave for the target.
    pub outcome: TargetTrial,
    /// Whether the goal is reached: met, or met with at least the probability asked.
    pub reached: bool,
}

/// Which way the key helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Helps {
    /// Larger values reach the goal.
    Up,
    /// Smaller (earlier) values reach the goal.
    Down,
}

/// The answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The goal is reached from `value` on, in the direction `helps`.
    Threshold {
        /// The value tried nearest the threshold that reaches it.
        value: f64,
        /// The value tried nearest it that does not (within the search's resolution of
        /// `value`; for whole numbers and months, next to it).
        missed: f64,
        /// Which way the key helps.
        helps: Helps,
    },
    /// Reached at every value of the range.
    Everywhere,
    /// Reached at no value of the range.
    Nowhere {
        /// The end of the range that comes closer.
        at: f64,
        /// There, in the mid-value case: the single relaxation that adds the most to the
        /// target's value at its deadline, and how much.
        most_help: Option<(Relaxation, f64)>,
        /// Whether relaxing every constraint there would meet it.
        met_all_relaxed: bool,
        /// There, how early any relaxation could achieve it.
        bound: Bound,
        /// Whether the mid-value case meets it there (a probability seek: what keeps P(met)
        /// low is then the spread of the ranges, not one constraint).
        met_mid_value: bool,
    },
    /// The goal turns from met to missed and back across the check points.
    NotMonotone,
}

/// A finished seek: every trial in the order run, and the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Seek {
    /// Trials, the check points first.
    pub trials: Vec<SeekTrial>,
    /// The answer.
    pub answer: Answer,
    /// The range searched, low end first: the first and last values of the grid.
    pub range: (f64, f64),
    /// The grid's step: 1 for whole numbers and months.
    pub step: f64,
}

/// The step of the grid `goal`'s key is searched on over `lo..hi`: 1 for whole numbers and
/// months; for other numbers the key's display step (a tenth of its unit), or the power of ten
/// at or below 0.1% of the range where that is finer.
pub fn step(goal: &Goal, lo: f64, hi: f64) -> f64 {
    match goal.variable.kind {
        Kind::Whole | Kind::Month => 1.0,
        Kind::Number => {
            let fine = RESOLUTION * (hi - lo);
            let power = if fine > 0.0 && fine.is_finite() {
                10f64.powf(fine.log10().floor())
            } else {
                f64::INFINITY
            };
            goal.variable.slot.display_step().min(power)
        }
    }
}

/// The first and last index `i` of the grid `i × step` inside `(lo, hi)` and among the
/// values the key allows.
fn grid_ends(goal: &Goal, (lo, hi): (f64, f64), step: f64) -> (f64, f64) {
    let allowed = |i: f64| {
        let x = i * step;
        x >= lo && x <= hi && goal.variable.domain.contains(x)
    };
    let (mut first, mut last) = ((lo / step - 1e-9).ceil(), (hi / step + 1e-9).floor());
    while first < last && !allowed(first) {
        first += 1.0;
    }
    while last > first && !allowed(last) {
        last -= 1.0;
    }
    (first, last)
}

/// The answer when no check point meets the goal: at the end that comes closer (the higher
/// value at the deadline, or P(met)), what binds there.
fn nowhere(base: &Scenario, goal: &Goal, (first, last): (SeekTrial, SeekTrial)) -> Answer {
    let score = |t: &SeekTrial| t.outcome.p_met.unwrap_or(t.outcome.value_at_deadline);
    let better = if score(&last) >= score(&first) {
        last
    } else {
        first
    };
    let binds = what_binds(base, goal, better.value);
    Answer::Nowhere {
        at: better.value,
        most_help: binds.most_help,
        met_all_relaxed: binds.met_all_relaxed,
        bound: binds.bound,
        met_mid_value: binds.met_mid_value,
    }
}

/// Seeks `goal` on `base`, running each trial in `mode`.
pub fn seek(base: &Scenario, goal: &Goal, mode: Mode) -> Result<Seek, TrialError> {
    let (lo, hi) = (goal.from.min(goal.to), goal.from.max(goal.to));
    let step = step(goal, lo, hi);
    // The grid: value i × step for i in first..=last, every one inside the range and among
    // the values the key allows (an open end, `it_kw > 0`, excludes 0 itself).
    let value_of = |i: f64| i * step;
    let (first, last) = grid_ends(goal, (lo, hi), step);
    let mut trials: Vec<SeekTrial> = Vec::new();
    let mut try_value = |value: f64| -> Result<SeekTrial, TrialError> {
        let assignment = Assignment(vec![(goal.variable.slot, value)]);
        let outcome = trial::run(base, &assignment, mode).map_err(|e| {
            let shown = match goal.variable.kind {
                Kind::Month => crate::units::YearMonth::from_index(value.floor() as i64)
                    .map_or_else(|| value.to_string(), |m| m.to_string()),
                _ => crate::numbers::short(value),
            };
            let at = format!("`{}` = {shown}", goal.variable.path);
            e.at(crate::lang::fill("trial.with", &[("at", &at)]))
        })?[goal.target];
        let reached = match (goal.probability, outcome.p_met) {
            (Some(p), Some(p_met)) => p_met >= p,
            _ => outcome.met,
        };
        let trial = SeekTrial {
            value,
            outcome,
            reached,
        };
        trials.push(trial);
        Ok(trial)
    };
    let indices = check_points(first, last.max(first));
    let mut points = Vec::with_capacity(indices.len());
    for &i in &indices {
        points.push(try_value(value_of(i))?);
    }
    // The outcome sought — reached or not — may turn only once across the range.
    let turns = points
        .windows(2)
        .filter(|w| w[0].reached != w[1].reached)
        .count();
    let reached = points.iter().filter(|t| t.reached).count();
    let answer = if turns > 1 {
        Answer::NotMonotone
    } else if reached == points.len() {
        Answer::Everywhere
    } else if reached == 0 {
        nowhere(base, goal, (points[0], points[points.len() - 1]))
    } else {
        // The pair of neighbouring check points where the goal turns from missed to met.
        let helps = if points[points.len() - 1].reached {
            Helps::Up
        } else {
            Helps::Down
        };
        let turn = points
            .windows(2)
            .position(|w| w[0].reached != w[1].reached)
            .unwrap_or(0);
        let (mut missed, mut met) = match helps {
            Helps::Up => (indices[turn], indices[turn + 1]),
            Helps::Down => (indices[turn + 1], indices[turn]),
        };
        // Bisect on grid indices down to neighbours.
        while (missed - met).abs() > 1.0 {
            let mid = f64::midpoint(missed, met).floor();
            if try_value(value_of(mid))?.reached {
                met = mid;
            } else {
                missed = mid;
            }
        }
        Answer::Threshold {
            value: value_of(met),
            missed: value_of(missed),
            helps,
        }
    };
    Ok(Seek {
        trials,
        answer,
        // The ends of the grid: the values the range was searched between.
        range: (value_of(first), value_of(last.max(first))),
        step,
    })
}

/// Nine grid indices evenly spaced from `first` to `last` (rounded to whole indices, repeats
/// dropped).
pub fn check_points(first: f64, last: f64) -> Vec<f64> {
    let mut points: Vec<f64> = Vec::with_capacity(CHECK_POINTS);
    for i in 0..CHECK_POINTS {
        let x = (first + (last - first) * i as f64 / (CHECK_POINTS - 1) as f64).round();
        if points.last() != Some(&x) {
            points.push(x);
        }
    }
    points
}

/// What binds a target at one value of the key, in the mid-value case.
struct Binds {
    /// The single relaxation that adds the most to the target's value at its deadline (if any
    /// adds), and how much.
    most_help: Option<(Relaxation, f64)>,
    /// Whether relaxing every constraint meets it.
    met_all_relaxed: bool,
    /// How early any relaxation could achieve it.
    bound: Bound,
    /// Whether it is met as it is.
    met_mid_value: bool,
}

/// At `value`, in the mid-value case: what binds the target.
fn what_binds(base: &Scenario, goal: &Goal, value: f64) -> Binds {
    let mut scenario = base.clone();
    Assignment(vec![(goal.variable.slot, value)]).apply(&mut scenario);
    let relief = Relief::of(&scenario);
    let at = |k: usize| relief.runs[k].targets[goal.target].value_at_deadline;
    let most_help = (1..relief.relaxations.len() - 1)
        .map(|k| (relief.relaxations[k], at(k) - at(0)))
        .filter(|&(_, gain)| gain > 1e-9)
        .fold(
            None,
            |best: Option<(Relaxation, f64)>, (r, gain)| match best {
                Some((_, most)) if most >= gain => best,
                _ => Some((r, gain)),
            },
        );
    Binds {
        most_help,
        met_all_relaxed: relief.all_relaxed().targets[goal.target].met,
        bound: bounds(&scenario)[goal.target],
        met_mid_value: relief.base().targets[goal.target].met,
    }
}

/// The range searched when none is given: months over the horizon; commissioning times from 0
/// to the horizon's length and delays from minus to plus that length (negative: earlier);
/// other values from a tenth of the current value to ten times it. Each within the values the key allows; `None` for a key with no current value (or
/// 0) and no natural range.
pub fn default_range(scenario: &Scenario, variable: &Variable) -> Option<(f64, f64)> {
    use crate::uncertain::slot::Slot;
    let domain = variable.domain;
    let (lo, hi) = match (variable.kind, variable.slot) {
        (Kind::Month, _) => {
            let start = f64::from(scenario.start.index());
            (start, start + scenario.months as f64 - 1.0)
        }
        (_, Slot::Commissioning | Slot::SiteCommissioning(_)) => (0.0, scenario.months as f64),
        (_, slot) if slot.is_delay() => (-(scenario.months as f64), scenario.months as f64),
        _ => {
            let current = scenario.get(variable.slot).filter(|&c| c > 0.0)?;
            (current / 10.0, current * 10.0)
        }
    };
    let (mut lo, mut hi) = (lo.max(domain.lo), hi.min(domain.hi));
    if variable.kind != Kind::Number {
        (lo, hi) = (lo.ceil(), hi.floor());
    }
    (domain.contains(lo) && domain.contains(hi) && lo < hi).then_some((lo, hi))
}
