//! One Monte Carlo sample: draw every input, patch a copy of the scenario, simulate it with a
//! lean recorder, and write the figures Monte Carlo keeps into the sample's rows. A
//! [`Sampler`] holds everything a thread needs and reuses it, so a sample allocates nothing.

use super::economics::Spending;
use super::layout::Layout;
use crate::analysis::observed;
use crate::input::format::TARGET_EFFICIENCY;
use crate::model::Scenario;
use crate::sim::{Engine, MonthView, Recorder};
use crate::uncertain::Uncertainty;
use crate::uncertain::stream::uniform;
use crate::units::{Metric, Observed};
use crate::units::{kw_to_mw, tflops_to_pflops};

/// What a sample's run keeps: chips online per allocation and month, chip-months waiting per
/// allocation, facility kW per month, and each observation's count in the model.
struct Lean {
    months: usize,
    online: Vec<u64>,
    waiting: Vec<u64>,
    facility_kw: Vec<f64>,
    /// Whether to record what the energy and money bands need (with `[economics]` only).
    money: bool,
    /// Per month, facility kW of the chips online at full draw (for energy).
    online_kw: Vec<f64>,
    /// Per allocation and month, chips delivered so far (for capex): `[a * months + t]`.
    delivered: Vec<u64>,
    /// Per region and month, facility kW drawn by its sites: `[r * months + t]`.
    region_kw: Vec<f64>,
    /// Per observation: its month index, what it counts and the allocations it covers.
    observations: Vec<(usize, Observed, Vec<usize>)>,
    /// Per observation, this sample's count.
    counted: Vec<u64>,
}

impl Recorder for Lean {
    fn month(&mut self, view: &MonthView) {
        let t = view.t;
        for (a, &online) in view.online().iter().enumerate() {
            self.online[a * self.months + t] = online;
            self.waiting[a] += view.waiting()[a];
        }
        self.facility_kw[t] = view.site_facility_kw().iter().sum();
        if self.money {
            self.online_kw[t] = view.online_facility_kw();
            for (a, &delivered) in view.delivered().iter().enumerate() {
                self.delivered[a * self.months + t] = delivered;
            }
        }
        for (r, &kw) in view.region_facility_kw().iter().enumerate() {
            self.region_kw[r * self.months + t] = kw;
        }
        for (k, (month, metric, covered)) in self.observations.iter().enumerate() {
            if *month == t {
                self.counted[k] = observed::count(
                    *metric,
                    covered.iter().copied(),
                    view.delivered(),
                    view.installed(),
                    view.online(),
                );
            }
        }
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
    /// Each recipient's allocations (fixed: recipients are never uncertain).
    mine: Vec<Vec<usize>>,
    /// Per target and allocation, this sample's weight of one chip online in the target's
    /// value (0 outside its scope): 1 for chips, TFLOPS / 1000 × efficiency for PFLOPS.
    weights: Vec<f64>,
    /// Per band precision and allocation, this sample's PFLOPS of one chip online (0 for a
    /// chip with no figure at that precision).
    pflops: Vec<f64>,
    /// The energy and money bands' buffers.
    spending: Spending,
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
                money: layout.economics,
                online_kw: vec![0.0; months],
                delivered: vec![0; allocations * months],
                region_kw: vec![0.0; base.regions.len() * months],
                observations: base
                    .observations
                    .iter()
                    .map(|o| {
                        let t = usize::try_from(base.index_of(o.month)).unwrap_or(0);
                        (t.min(months - 1), o.metric, observed::covered(base, o))
                    })
                    .collect(),
                counted: vec![0; base.observations.len()],
            },
            mine: (0..base.recipients.len())
                .map(|r| {
                    (0..allocations)
                        .filter(|&a| base.allocations[a].recipient == r)
                        .collect()
                })
                .collect(),
            weights: vec![0.0; base.targets.len() * allocations],
            pflops: vec![0.0; layout.precisions.len() * allocations],
            spending: Spending::new(base),
        }
    }

    /// Runs sample `i`, writing its figures into `scalars` (one sample's row) and its monthly
    /// series into `bands`, its block's band table, as row `j` (see [`Layout::block_band`]).
    pub fn run(
        &mut self,
        i: u64,
        scalars: &mut [f64],
        bands: &mut [u32],
        j: usize,
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
        self.series(bands, j);
        if layout.economics {
            let lean = &self.lean;
            self.spending.bands(
                &self.scenario,
                &lean.online_kw,
                &lean.delivered,
                |k, t, x| {
                    // Never below 0, so the bits sort as the values do.
                    bands[layout.block_band(layout.economics_series(k), t, j)] =
                        (x.max(0.0) as f32).to_bits();
                },
            );
        }
        for (k, o) in self.scenario.observations.iter().enumerate() {
            let agrees = o.agrees(self.lean.counted[k] as f64);
            scalars[layout.observation(k)] = f64::from(u8::from(agrees));
        }
        Ok(())
    }

    /// Each target's weight per allocation in this sample, and each band precision's PFLOPS
    /// per chip.
    fn weigh(&mut self) {
        let scenario = &self.scenario;
        let allocations = scenario.allocations.len();
        for (k, &precision) in self.layout.precisions.iter().enumerate() {
            for (a, allocation) in scenario.allocations.iter().enumerate() {
                let tflops = scenario.chips[allocation.chip].tflops.get(precision);
                self.pflops[k * allocations + a] = tflops.map_or(0.0, tflops_to_pflops);
            }
        }
        for (k, target) in scenario.targets.iter().enumerate() {
            let efficiency = target.numbers.get(&TARGET_EFFICIENCY);
            for (a, allocation) in scenario.allocations.iter().enumerate() {
                self.weights[k * allocations + a] = if !target.covers(allocation) {
                    0.0
                } else if let (Metric::Pflops, Some(p)) = (target.metric, target.precision) {
                    let tflops = scenario.chips[allocation.chip].tflops.get(p).unwrap_or(0.0);
                    tflops_to_pflops(tflops) * efficiency
                } else {
                    1.0
                };
            }
        }
    }

    /// Target `k`'s value at month `t`, in this sample.
    fn target_value(&self, k: usize, t: usize) -> f64 {
        let lean = &self.lean;
        let allocations = self.scenario.allocations.len();
        let weights = &self.weights[k * allocations..(k + 1) * allocations];
        weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(a, w)| lean.online[a * lean.months + t] as f64 * w)
            .sum()
    }

    fn targets(&mut self, scalars: &mut [f64]) {
        self.weigh();
        let months = self.lean.months;
        for (k, target) in self.scenario.targets.iter().enumerate() {
            let goal = target.value - super::TARGET_TOLERANCE;
            // Chips online never fall, so neither does a target's value: the first month
            // that reaches the goal is found by bisection.
            let first = partition_point(months, |t| self.target_value(k, t) < goal);
            let achieved = (first < months).then_some(first);
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

    /// Chips of recipient `r` online at month `t`.
    fn recipient_online(&self, r: usize, t: usize) -> u64 {
        let lean = &self.lean;
        self.mine[r]
            .iter()
            .map(|&a| lean.online[a * lean.months + t])
            .sum()
    }

    fn recipients(&self, scalars: &mut [f64]) {
        let (scenario, lean) = (&self.scenario, &self.lean);
        for (r, allocations) in self.mine.iter().enumerate() {
            let allocated: u64 = allocations
                .iter()
                .map(|&a| scenario.allocations[a].count)
                .sum();
            let cell = self.layout.recipient(r);
            for (m, pct) in [50u64, 90, 100].into_iter().enumerate() {
                let first = partition_point(lean.months, |t| {
                    u128::from(self.recipient_online(r, t)) * 100
                        < u128::from(allocated) * u128::from(pct)
                });
                scalars[cell + m] = if allocated == 0 || first == lean.months {
                    super::NEVER
                } else {
                    first as f64
                };
            }
            scalars[cell + 3] = allocations.iter().map(|&a| lean.waiting[a]).sum::<u64>() as f64;
        }
    }

    /// The monthly series of the bands, as f32 bit patterns (all values are non-negative, so
    /// their bits sort as the values do).
    fn series(&self, bands: &mut [u32], j: usize) {
        let (lean, layout) = (&self.lean, self.layout);
        let (months, allocations) = (lean.months, self.scenario.allocations.len());
        for t in 0..months {
            let mut total = 0u64;
            for r in 0..self.mine.len() {
                let online = self.recipient_online(r, t);
                total += online;
                bands[layout.block_band(1 + r, t, j)] = (online as f32).to_bits();
            }
            bands[layout.block_band(0, t, j)] = (total as f32).to_bits();
            let facility = layout.recipients + 1;
            bands[layout.block_band(facility, t, j)] =
                (kw_to_mw(lean.facility_kw[t]) as f32).to_bits();
            for k in 0..layout.precisions.len() {
                let per_chip = &self.pflops[k * allocations..(k + 1) * allocations];
                let pflops: f64 = per_chip
                    .iter()
                    .enumerate()
                    .map(|(a, w)| lean.online[a * months + t] as f64 * w)
                    .sum();
                bands[layout.block_band(facility + 1 + k, t, j)] = (pflops as f32).to_bits();
            }
            let mut regioned = 0.0;
            for r in 0..layout.regions {
                let kw = lean.region_kw[r * months + t];
                regioned += kw;
                bands[layout.block_band(layout.region_series(r), t, j)] =
                    (kw_to_mw(kw) as f32).to_bits();
            }
            if layout.unregioned {
                // Never below 0, so the bits still sort as the values do.
                let rest = kw_to_mw(lean.facility_kw[t] - regioned).max(0.0);
                bands[layout.block_band(layout.region_series(layout.regions), t, j)] =
                    (rest as f32).to_bits();
            }
            for (k, &target) in layout.scoped.iter().enumerate() {
                let chips = self.target_value(target, t);
                bands[layout.block_band(layout.scope_series(k), t, j)] = (chips as f32).to_bits();
            }
        }
    }
}

/// The first `t` in `0..n` for which `before(t)` is false, given that `before` is true up to
/// some point and false after it (as for a series that never falls).
fn partition_point(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
