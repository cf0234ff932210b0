//! The monthly engine (docs/methods.md: Simulation rules): supply, capacity, placement, commissioning,
//! record — in that order, every month, deterministically.
//!
//! An [`Engine`] lays a scenario out as flat arrays ([`plan`]) and keeps the month-to-month
//! stocks ([`state`]); both are allocated once and reused, so a run only reads and writes
//! preallocated buffers. What a run keeps is up to its [`Recorder`]: everything, month by month
//! ([`Simulation`], what `run` writes), or only what Monte Carlo needs.

mod plan;
mod record;
mod state;

pub use plan::placement_order;
pub use record::{Binding, Limit, Limits, Placement, Recorder, Simulation};

use crate::model::Scenario;
use plan::Plan;
use state::State;

pub use crate::units::fit;

/// Runs the scenario month by month, keeping everything.
pub fn simulate(scenario: &Scenario) -> Simulation {
    let mut engine = Engine::new(scenario);
    let mut out = Simulation::new(
        scenario.months,
        scenario.allocations.len(),
        scenario.sites.len(),
        scenario.regions.len(),
    );
    engine.run(&mut out);
    out
}

/// A scenario laid out for simulation, with its month-to-month state: build it once, then
/// [`Engine::load`] and [`Engine::run`] as often as needed without allocating.
pub struct Engine {
    plan: Plan,
    state: State,
}

impl Engine {
    /// An engine for `scenario`.
    pub fn new(scenario: &Scenario) -> Engine {
        let plan = Plan::new(scenario);
        let state = State::new(&plan);
        Engine { plan, state }
    }

    /// Lays out `scenario` — which must have the shape of the one the engine was built for
    /// (the same months, allocations, sites and regions, each allocation accepted by the same
    /// sites, recipients of the same priorities; phases, steps and values may differ) — in
    /// place.
    pub fn load(&mut self, scenario: &Scenario) {
        self.plan.refill(scenario);
    }

    /// Runs every month, reporting to `out`.
    pub fn run<R: Recorder>(&mut self, out: &mut R) {
        self.state.run(&self.plan, out);
    }
}

/// What a [`Recorder`] sees at the end of a month.
pub struct MonthView<'a> {
    plan: &'a Plan,
    state: &'a State,
    /// The month's index (0 = `start`).
    pub t: usize,
}

impl MonthView<'_> {
    /// Per allocation: chips requested so far.
    pub fn requested(&self) -> &[u64] {
        &self.state.requested
    }
    /// Per allocation: chips delivered so far.
    pub fn delivered(&self) -> &[u64] {
        &self.state.delivered
    }
    /// Per allocation: chips requested but not delivered.
    pub fn backorder(&self) -> &[u64] {
        &self.state.backorder
    }
    /// Per allocation: chips delivered but not installed.
    pub fn waiting(&self) -> &[u64] {
        &self.state.waiting
    }
    /// Per allocation: chips installed so far (installing or online).
    pub fn installed(&self) -> &[u64] {
        &self.state.installed
    }
    /// Per allocation: chips online.
    pub fn online(&self) -> &[u64] {
        &self.state.online
    }
    /// Per site: IT kW installed.
    pub fn site_it_kw(&self) -> &[f64] {
        &self.state.site_it_kw
    }
    /// Per site: facility kW installed.
    pub fn site_facility_kw(&self) -> &[f64] {
        &self.state.site_facility_kw
    }
    /// Per region: facility kW installed.
    pub fn region_facility_kw(&self) -> &[f64] {
        &self.state.region_facility_kw
    }
    /// Facility kW of the chips online, at full draw (installing chips draw nothing).
    pub fn online_facility_kw(&self) -> f64 {
        self.state.online_facility_kw
    }
    /// Site `s`'s IT capacity this month, kW.
    pub fn site_capacity_kw(&self, s: usize) -> f64 {
        self.plan.site_capacity_kw[s * self.plan.months + self.t]
    }
    /// Region `r`'s grid capacity this month, facility kW (infinite where unlimited).
    pub fn grid_kw(&self, r: usize) -> f64 {
        self.plan.grid_kw[r * self.plan.months + self.t]
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_floors_with_tolerance() {
        assert_eq!(fit(10.0, 2.5), 4);
        assert_eq!(fit(9.999_999_5, 2.5), 4, "within 1e-6 kW counts as a fit");
        assert_eq!(fit(9.99, 2.5), 3);
        assert_eq!(fit(-5.0, 1.0), 0);
        assert_eq!(fit(f64::INFINITY, 1.0), u64::MAX);
        assert_eq!(fit(f64::NAN, 1.0), 0);
    }
}
