//! One Monte Carlo sample: draw every input, patch a copy of the scenario, simulate it with a
//! lean recorder, and write the figures Monte Carlo keeps into the sample's rows. A
//! [`Sampler`] holds everything a thread needs and reuses it, so a sample allocates nothing.

use super::layout::Layout;
use crate::model::Scenario;
use crate::sim::{Engine, MonthView, Recorder};
use crate::uncertain::Uncertainty;
use crate::uncertain::stream::uniform;
use crate::units::Metric;

/// What a sample's run keeps: chips online per allocation and month, chip-months waiting per
/// allocation, facility kW per month.
struct Lean {
    months: usize,
    online: Vec<u64>,
    waiting: Vec<u64>,
    facility_kw: Vec<f64>,
}

impl Recorder for Lean {
    fn month(&mut self, view: &MonthView) {
        let t = view.t;
        for (a, &online) in view.online().iter().enumerate() {
            self.online[a * self.months + t] = online;
            self.waiting[a] += view.waiting()[a];
        }
        self.facility_kw[t] = view.site_facility_kw().iter().sum();
    }
}

/// A thread's copy of the scenario, engine and buffers.
pub struct Sampler<'a> {
    uncertainty: &'a Uncertainty,
    streams: &'a [u64],
    layout: &'a Layout,
    scenario: Scenario,
    engine: Engine,
    lean: Lean,
}

/// A drawn sample the scenario's rules reject (steps out of order, deliveries before `start`).
#[derive(Debug, Clone)]
pub struct InvalidSample {
    /// The sample's number.
    pub sample: u64,
    /// What is wrong.
    pub problem: String,
}

impl<'a> Sampler<'a> {
    /// A sampler for `base` with `uncertainty`'s inputs on `streams`.
    pub fn new(
        base: &'a Scenario,
        uncertainty: &'a Uncertainty,
        streams: &'a [u64],
        layout: &'a Layout,
    ) -> Sampler<'a> {
        let months = base.months;
        let allocations = base.allocations.len();
        Sampler {
            uncertainty,
            streams,
            layout,
            scenario: base.clone(),
            engine: Engine::new(base),
            lean: Lean {
                months,
                online: vec![0; allocations * months],
                waiting: vec![0; allocations],
                facility_kw: vec![0.0; months],
            },
        }
    }

    /// Runs sample `i`, writing its figures into `scalars` (one sample's row) and its monthly
    /// series into `bands` (the same).
    pub fn run(
        &mut self,
        i: u64,
        scalars: &mut [f64],
        bands: &mut [u32],
    ) -> Result<(), InvalidSample> {
        let layout = self.layout;
        for (k, input) in self.uncertainty.inputs.iter().enumerate() {
            let x = input.draw(uniform(self.streams[k], i));
            scalars[layout.input(k)] = input.kind().finish(x);
            for use_ in &input.uses {
                self.scenario.set(use_.slot, use_.kind.finish(x));
            }
        }
        self.scenario.derive();
        if let Some(problem) = self.scenario.sample_problem() {
            return Err(InvalidSample { sample: i, problem });
        }
        self.lean.waiting.fill(0);
        self.engine.load(&self.scenario);
        self.engine.run(&mut self.lean);
        self.targets(scalars);
        self.recipients(scalars);
        self.series(bands);
        Ok(())
    }

    /// The scenario's value of a target at month `t`, in this sample.
    fn target_value(&self, target: usize, t: usize) -> f64 {
        let (scenario, lean) = (&self.scenario, &self.lean);
        let target = &scenario.targets[target];
        let mut value = 0.0;
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            if !target.covers(allocation) {
                continue;
            }
            let online = lean.online[a * lean.months + t] as f64;
            value += match (target.metric, target.precision) {
                (Metric::Pflops, Some(p)) => {
                    let tflops = scenario.chips[allocation.chip].tflops.get(p).unwrap_or(0.0);
                    online * tflops / 1000.0 * target.efficiency
                }
                _ => online,
            };
        }
        value
    }

    fn targets(&self, scalars: &mut [f64]) {
        let months = self.lean.months;
        for (k, target) in self.scenario.targets.iter().enumerate() {
            let goal = target.value - super::TARGET_TOLERANCE;
            let achieved = (0..months).find(|&t| self.target_value(k, t) >= goal);
            // Validation keeps `by` inside the horizon.
            let deadline = usize::try_from(self.scenario.index_of(target.by))
                .unwrap_or(0)
                .min(months - 1);
            let at_deadline = self.target_value(k, deadline);
            let cell = self.layout.target(k);
            scalars[cell] = f64::from(u8::from(at_deadline >= goal));
            scalars[cell + 1] = achieved.map_or(super::NEVER, |t| t as f64);
            scalars[cell + 2] = at_deadline;
        }
    }

    fn recipients(&self, scalars: &mut [f64]) {
        let (scenario, lean) = (&self.scenario, &self.lean);
        for (r, _) in scenario.recipients.iter().enumerate() {
            let mine = || {
                scenario
                    .allocations
                    .iter()
                    .enumerate()
                    .filter(move |(_, a)| a.recipient == r)
                    .map(|(a, allocation)| (a, allocation.count))
            };
            let allocated: u64 = mine().map(|(_, count)| count).sum();
            let cell = self.layout.recipient(r);
            for (m, pct) in [50u64, 90, 100].into_iter().enumerate() {
                let first = (allocated > 0)
                    .then(|| {
                        (0..lean.months).find(|&t| {
                            let online: u64 =
                                mine().map(|(a, _)| lean.online[a * lean.months + t]).sum();
                            u128::from(online) * 100 >= u128::from(allocated) * u128::from(pct)
                        })
                    })
                    .flatten();
                scalars[cell + m] = first.map_or(super::NEVER, |t| t as f64);
            }
            scalars[cell + 3] = mine().map(|(a, _)| lean.waiting[a]).sum::<u64>() as f64;
        }
    }

    /// The monthly series of the bands, as f32 bit patterns (all values are non-negative, so
    /// their bits sort as the values do).
    fn series(&self, bands: &mut [u32]) {
        let (scenario, lean, layout) = (&self.scenario, &self.lean, self.layout);
        let months = lean.months;
        for t in 0..months {
            let mut total = 0u64;
            for r in 0..scenario.recipients.len() {
                let online: u64 = scenario
                    .allocations
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.recipient == r)
                    .map(|(a, _)| lean.online[a * months + t])
                    .sum();
                total += online;
                bands[layout.band(1 + r, t)] = (online as f32).to_bits();
            }
            bands[layout.band(0, t)] = (total as f32).to_bits();
            let facility = layout.recipients + 1;
            bands[layout.band(facility, t)] = ((lean.facility_kw[t] / 1000.0) as f32).to_bits();
            for (k, &precision) in layout.precisions.iter().enumerate() {
                let pflops: f64 = scenario
                    .allocations
                    .iter()
                    .enumerate()
                    .filter_map(|(a, allocation)| {
                        let tflops = scenario.chips[allocation.chip].tflops.get(precision)?;
                        Some(lean.online[a * months + t] as f64 * tflops / 1000.0)
                    })
                    .sum();
                bands[layout.band(facility + 1 + k, t)] = (pflops as f32).to_bits();
            }
        }
    }
}
