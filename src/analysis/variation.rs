//! One way of running variations of a scenario: change a copy, simulate it, keep its
//! [`Figures`]. Relief's relaxations and the assignments of seek, sweep and tornado
//! ([`super::trial`]) are the [`Variation`]s; Monte Carlo patches its own engine per sample.

use super::figures::{Figures, Stocks};
use crate::model::Scenario;
use crate::sim::Engine;

/// A change to a scenario, made to a copy before it is simulated again.
pub trait Variation {
    /// Changes `scenario` in place.
    fn apply(&self, scenario: &mut Scenario);
}

/// Simulates `base` changed by each of `variations`, in order, and keeps each run's figures.
/// The variations must keep the scenario's shape (its elements and who may use which site):
/// one engine and one lean recorder serve every run.
pub fn run_each<V: Variation>(base: &Scenario, variations: &[V]) -> Vec<Figures> {
    let mut engine: Option<Engine> = None;
    let mut stocks = Stocks::new(base.months, base.allocations.len());
    variations
        .iter()
        .map(|variation| {
            let mut scenario = base.clone();
            variation.apply(&mut scenario);
            let engine = engine.get_or_insert_with(|| Engine::new(&scenario));
            engine.load(&scenario);
            engine.run(&mut stocks);
            stocks.figures(&scenario)
        })
        .collect()
}
