//! One way of running variations of a scenario: change a copy, simulate it, keep its
//! [`Figures`]. Relief uses it today; Monte Carlo, tornado, seek and sweep are further kinds of
//! [`Variation`].

use super::figures::Figures;
use crate::model::Scenario;
use crate::sim::simulate;

/// A change to a scenario, made to a copy before it is simulated again.
pub trait Variation {
    /// Changes `scenario` in place.
    fn apply(&self, scenario: &mut Scenario);
}

/// Simulates `base` changed by each of `variations`, in order, and keeps each run's figures.
pub fn run_each<V: Variation>(base: &Scenario, variations: &[V]) -> Vec<Figures> {
    variations
        .iter()
        .map(|variation| {
            let mut scenario = base.clone();
            variation.apply(&mut scenario);
            Figures::of(&scenario, &simulate(&scenario))
        })
        .collect()
}
