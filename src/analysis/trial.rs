//! One trial: the scenario with some keys set to chosen values, run once (the mid-value case)
//! or over Monte Carlo samples on common random numbers (every trial draws the same samples,
//! so two trials differ only by the values chosen). `seek`, `sweep` and `tornado` are series of
//! trials; each keeps what a trial says about each target.

use std::sync::atomic::AtomicU64;

use super::figures::Figures;
use super::mc::{self, NEVER, Options};
use super::variation::Variation;
use crate::model::Scenario;
use crate::sim::simulate;
use crate::uncertain::Uncertainty;
use crate::uncertain::slot::Slot;
use crate::units::YearMonth;

/// Keys set to values, as [`Scenario::set`] takes them (months as month-axis indices, whole
/// numbers already whole).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assignment(pub Vec<(Slot, f64)>);

impl Variation for Assignment {
    fn apply(&self, scenario: &mut Scenario) {
        for &(slot, value) in &self.0 {
            scenario.set(slot, value);
        }
        scenario.derive();
    }
}

/// How a trial is run.
#[derive(Clone, Copy)]
pub enum Mode<'a> {
    /// One simulation of the scenario (its uncertain inputs at their medians).
    Once,
    /// Monte Carlo over the scenario's uncertain inputs, the same samples in every trial.
    Samples {
        /// The inputs drawn.
        uncertainty: &'a Uncertainty,
        /// Samples, seed, threads.
        options: Options,
        /// Samples finished so far, for a progress bar.
        progress: &'a AtomicU64,
    },
}

/// What a trial says about one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetTrial {
    /// Value at the deadline (the median over samples with Monte Carlo).
    pub value_at_deadline: f64,
    /// Month achieved, as an index from `start` (the median over samples; `None` if never).
    pub achieved: Option<usize>,
    /// Met at the deadline (in the one run; with Monte Carlo, in at least half the samples).
    pub met: bool,
    /// With Monte Carlo: the share of samples that meet it.
    pub p_met: Option<f64>,
    /// With Monte Carlo: the samples that share is over (those kept).
    pub samples: u64,
}

impl TargetTrial {
    /// The month achieved.
    pub fn achieved_month(&self, scenario: &Scenario) -> Option<YearMonth> {
        self.achieved.map(|t| scenario.month(t))
    }
}

/// Runs `base` with `assignment` applied; per target, file order. An assignment that breaks
/// Why a variation of a scenario could not be run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrialError {
    /// The changed scenario breaks a rule that joins several values (steps out of date order,
    /// deliveries before `start`).
    #[error("{0}")]
    Invalid(String),
    /// Its Monte Carlo run failed.
    #[error(transparent)]
    Mc(#[from] mc::McError),
    /// One key at one value (a seek's trial, a tornado's end) could not be run. Its message
    /// holds the reason whole (not as a separate source, which `{:#}` would print again).
    #[error("{at}: {why}")]
    At {
        /// The key and value, in words: "with `site \"A\".pue` = 1.3".
        at: String,
        /// Why.
        why: Box<TrialError>,
    },
}

impl TrialError {
    /// This error, said of one key at one value (`at`).
    pub fn at(self, at: String) -> TrialError {
        TrialError::At {
            at,
            why: Box::new(self),
        }
    }
}

/// a rule joining several values (steps out of date order, …) is an error naming it.
pub fn run(
    base: &Scenario,
    assignment: &Assignment,
    mode: Mode,
) -> Result<Vec<TargetTrial>, TrialError> {
    let mut scenario = base.clone();
    assignment.apply(&mut scenario);
    if let Some(problem) = scenario.sample_problem() {
        return Err(TrialError::Invalid(problem));
    }
    match mode {
        Mode::Once => {
            let figures = Figures::of(&scenario, &simulate(&scenario));
            Ok(figures
                .targets
                .iter()
                .map(|outcome| TargetTrial {
                    value_at_deadline: outcome.value_at_deadline,
                    achieved: outcome
                        .achieved
                        .and_then(|m| usize::try_from(scenario.index_of(m)).ok()),
                    met: outcome.met,
                    p_met: None,
                    samples: 0,
                })
                .collect())
        }
        Mode::Samples {
            uncertainty,
            options,
            progress,
        } => {
            let result = mc::run(&scenario, uncertainty, options, progress)?;
            Ok(result
                .targets
                .iter()
                .map(|summary| TargetTrial {
                    value_at_deadline: summary.value_at_deadline[1],
                    achieved: (summary.achieved[1] != NEVER)
                        .then_some(summary.achieved[1] as usize),
                    met: summary.p_met >= 0.5,
                    p_met: Some(summary.p_met),
                    samples: result.kept,
                })
                .collect())
        }
    }
}
