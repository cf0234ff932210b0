//! Monte Carlo (`gpuplan mc`): many samples of a scenario's uncertain inputs, each simulated,
//! summarised as probabilities and percentiles.
//!
//! Sample i depends only on (seed, i): its uniforms come from per-input streams
//! ([`crate::uncertain::stream`]), its figures go to row i of preallocated tables, and every
//! summary is taken over those tables in sample order. So the results are the same for any
//! thread count, and sample i is the same for any sample count.

mod condition;
pub mod economics;
mod error;
mod importance;
mod layout;
mod sample;
pub mod stats;

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::model::Scenario;
use crate::uncertain::Uncertainty;
use crate::uncertain::keys::Kind;
use crate::uncertain::stream::stream;
use crate::units::YearMonth;
pub use error::{McError, MemoryError};
pub use importance::Importance;
pub use layout::{BLOCK, Layout};
use sample::{InvalidSample, Sampler};
use stats::{Band, column, mean, percentiles};

/// How "never achieved" is stored: after every month in any order.
pub const NEVER: f64 = f64::INFINITY;
/// Slack when comparing a target's value, as in a single run.
const TARGET_TOLERANCE: f64 = 1e-9;

/// The most memory a run may need, by [`Layout::memory`]: a larger run is refused before it
/// starts, rather than stopped by the system part way.
pub const MEMORY_LIMIT: u64 = 8 << 30;

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Samples (1 to 10,000,000).
    pub samples: u64,
    /// Seed of every stream.
    pub seed: u64,
    /// Threads (at least 1).
    pub threads: usize,
    /// Ignore the scenario's observations (keep every sample).
    pub prior: bool,
}

/// A run's samples and what was found in them.
#[derive(Debug, Clone)]
pub struct Mc {
    /// Samples drawn.
    pub samples: u64,
    /// Samples kept: those consistent with every observation (all of them without
    /// observations, or with `prior`). Every figure is over these.
    pub kept: u64,
    /// Whether samples were checked against observations.
    pub conditioned: bool,
    /// The numbers of the kept samples, when some were dropped.
    pub kept_ids: Option<Vec<u64>>,
    /// Seed.
    pub seed: u64,
    /// The rows' shape.
    pub layout: Layout,
    /// Every sample's scalars, row by row (see [`Layout`]).
    pub scalars: Vec<f64>,
    /// Per input, file order: what its draws were.
    pub inputs: Vec<InputSummary>,
    /// Per target, file order.
    pub targets: Vec<TargetSummary>,
    /// Per recipient, file order.
    pub recipients: Vec<RecipientSummary>,
    /// Band series, in [`Layout`] order: (name, unit, one band per month).
    pub bands: Vec<Series>,
    /// Per target, per input: how the input bears on the target.
    pub importance: Vec<Vec<Importance>>,
}

/// What an input's draws were.
#[derive(Debug, Clone)]
pub struct InputSummary {
    /// Its path or factor name.
    pub key: String,
    /// The distribution in words.
    pub describe: String,
    /// How its values read.
    pub kind: Kind,
    /// P5, P50, P95 of the values drawn (months as month-axis indices).
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// P95.
    pub p95: f64,
    /// Mean of the values drawn.
    pub mean: f64,
    /// Share of the untruncated distribution outside the key's valid values.
    pub truncated_share: f64,
    /// For an input feeding a delay, the share of its distribution that is early (below 0).
    pub early_share: Option<f64>,
}

/// A target over the samples.
#[derive(Debug, Clone)]
pub struct TargetSummary {
    /// Share of samples that meet it.
    pub p_met: f64,
    /// sqrt(p(1 − p)/N).
    pub p_met_stderr: f64,
    /// P10, P50, P90 of the month it is achieved (month index; [`NEVER`] when it lands there).
    pub achieved: [f64; 3],
    /// Share of samples in which it is never achieved.
    pub never_share: f64,
    /// P10, P50, P90 of its value at the deadline.
    pub value_at_deadline: [f64; 3],
    /// Share of samples that have achieved it by each month.
    pub achieved_by_month: Vec<f64>,
}

/// A recipient over the samples.
#[derive(Debug, Clone)]
pub struct RecipientSummary {
    /// P10, P50, P90 of the months with 50%, 90% and 100% online (month index or [`NEVER`]).
    pub milestones: [[f64; 3]; 3],
    /// P10, P50, P90 of chip-months waiting.
    pub waiting: [f64; 3],
    /// Mean chip-months waiting.
    pub waiting_mean: f64,
}

/// A monthly series over the samples.
#[derive(Debug, Clone)]
pub struct Series {
    /// `chips_online`, `chips_online:<recipient>`, `facility_mw`, `pflops:<precision>`,
    /// `facility_mw:<region>`, `facility_mw_without_region`, `chips_online_scope:<target>`.
    pub name: String,
    /// Its band in each month.
    pub months: Vec<Band>,
}

/// Runs `options.samples` samples of `scenario` (its mid-value case) with `uncertainty`'s
/// inputs drawn, counting finished samples in `progress`.
pub fn run(
    scenario: &Scenario,
    uncertainty: &Uncertainty,
    options: Options,
    progress: &AtomicU64,
) -> Result<Mc, McError> {
    let layout = Layout::new(scenario, uncertainty);
    let n = usize::try_from(options.samples).map_err(|_| McError::TooManySamples)?;
    let options = Options {
        threads: threads_for(options.threads, n),
        ..options
    };
    fits_in_memory(&layout, options.samples, options.threads, false)?;
    let streams: Vec<u64> = uncertainty
        .inputs
        .iter()
        .map(|input| stream(options.seed, &input.key))
        .collect();
    let (s_width, b_width) = (layout.scalars().max(1), layout.bands());
    let mut scalars: Vec<f64> = zeroed(n.checked_mul(s_width))?;
    // Whole blocks, the last one padded.
    let mut bands: Vec<u32> = zeroed(
        n.div_ceil(BLOCK)
            .checked_mul(BLOCK)
            .and_then(|rows| rows.checked_mul(b_width)),
    )?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| McError::Threads {
            threads: options.threads,
            reason: e.to_string(),
        })?;
    let outcome: Vec<Result<(), InvalidSample>> = pool.install(|| {
        scalars
            .par_chunks_mut(s_width * BLOCK)
            .zip(bands.par_chunks_mut(b_width * BLOCK))
            .enumerate()
            .map_init(
                || Sampler::new(scenario, uncertainty, &streams, &layout),
                |sampler, (block, (scalars, bands))| {
                    let rows = scalars.len() / s_width;
                    for j in 0..rows {
                        let i = (block * BLOCK + j) as u64;
                        sampler.run(i, &mut scalars[j * s_width..(j + 1) * s_width], bands, j)?;
                    }
                    progress.fetch_add(rows as u64, Ordering::Relaxed);
                    Ok(())
                },
            )
            .collect()
    });
    if let Some(Err(invalid)) = outcome.into_iter().find(Result::is_err) {
        let names: Vec<&str> = uncertainty.inputs.iter().map(|i| i.key.as_str()).collect();
        return Err(McError::InvalidSample {
            sample: invalid.sample,
            problem: invalid.problem,
            inputs: names.join(", "),
        });
    }
    let conditioned = layout.observations > 0 && !options.prior;
    let kept_ids = if conditioned {
        condition::keep_consistent(scenario, &layout, &mut scalars, &mut bands)?
    } else {
        None
    };
    // Summaries run on the same pool: `--threads` bounds the whole run.
    Ok(pool.install(|| {
        summarise(
            scenario,
            uncertainty,
            options,
            (layout, kept_ids),
            scalars,
            &bands,
            s_width,
        )
    }))
}

/// Threads worth starting for `samples` samples when `asked` were asked for: never more than
/// there are blocks of samples to share out, nor more than [`THREADS_PER_CORE`] a core.
pub fn threads_for(asked: usize, samples: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    asked
        .min(samples.div_ceil(BLOCK))
        .min(cores * THREADS_PER_CORE)
        .max(1)
}

/// The most threads a run starts per core: more only wait their turn.
pub const THREADS_PER_CORE: usize = 4;

/// Refuses, with the sample count that fits, a run of `samples` samples whose tables would
/// pass [`MEMORY_LIMIT`] (every command that samples checks this before it starts).
pub fn fits_in_memory(
    layout: &Layout,
    samples: u64,
    threads: usize,
    samples_csv: bool,
) -> Result<(), MemoryError> {
    let need = layout.memory(samples, threads, samples_csv);
    if need <= MEMORY_LIMIT {
        return Ok(());
    }
    Err(MemoryError {
        samples,
        need,
        per_sample: layout.memory(1, threads, samples_csv).max(1),
    })
}

/// A table of `len` zeros, or an error (not an abort) when the system will not give the
/// memory — a limit set with `ulimit -v`, say, below what [`fits_in_memory`] allows.
fn zeroed<T: bytemuck::Zeroable>(len: Option<usize>) -> Result<Vec<T>, McError> {
    let len = len.ok_or(McError::Refused)?;
    // Zeroed pages from the allocator: the samples' own writes touch them, in parallel.
    bytemuck::allocation::try_zeroed_slice_box(len)
        .map(Vec::from)
        .map_err(|()| McError::Refused)
}

/// Target `cell`'s figures over the `width`-wide sample rows of `scalars`: P(met), the months
/// achieved (share by each of `months` months, percentiles), the value at the deadline.
fn target_summary(scalars: &[f64], width: usize, cell: usize, months: usize) -> TargetSummary {
    let n = scalars.len() / width;
    let met = column(scalars, width, cell);
    let p_met = mean(&met);
    let mut achieved = column(scalars, width, cell + 1);
    let never = achieved.iter().filter(|&&m| m == NEVER).count();
    let mut by_month = vec![0usize; months];
    for &m in &achieved {
        if m != NEVER {
            by_month[m as usize] += 1;
        }
    }
    let mut running = 0;
    let achieved_by_month = by_month
        .iter()
        .map(|&c| {
            running += c;
            running as f64 / n as f64
        })
        .collect();
    let achieved_p = percentiles(&mut achieved, &[0.1, 0.5, 0.9]);
    let mut at_deadline = column(scalars, width, cell + 2);
    let value_p = percentiles(&mut at_deadline, &[0.1, 0.5, 0.9]);
    TargetSummary {
        p_met,
        p_met_stderr: (p_met * (1.0 - p_met) / n as f64).sqrt(),
        achieved: [achieved_p[0], achieved_p[1], achieved_p[2]],
        never_share: never as f64 / n as f64,
        value_at_deadline: [value_p[0], value_p[1], value_p[2]],
        achieved_by_month,
    }
}

/// The summaries of a run's sample rows.
fn summarise(
    scenario: &Scenario,
    uncertainty: &Uncertainty,
    options: Options,
    (layout, kept_ids): (Layout, Option<Vec<u64>>),
    scalars: Vec<f64>,
    bands: &[u32],
    width: usize,
) -> Mc {
    let n = scalars.len() / width;
    let inputs = uncertainty
        .inputs
        .iter()
        .enumerate()
        .map(|(k, input)| {
            let mut values = column(&scalars, width, layout.input(k));
            let average = mean(&values);
            let p = percentiles(&mut values, &[0.05, 0.5, 0.95]);
            InputSummary {
                key: input.key.clone(),
                describe: input.describe.clone(),
                kind: input.kind(),
                p5: p[0],
                p50: p[1],
                p95: p[2],
                mean: average,
                truncated_share: input.dist.truncated_share(),
                early_share: input.early_share(),
            }
        })
        .collect();
    let targets = (0..layout.targets)
        .map(|k| target_summary(&scalars, width, layout.target(k), layout.months))
        .collect();
    let recipients = (0..layout.recipients)
        .map(|r| {
            let cell = layout.recipient(r);
            let milestone = |m: usize| {
                let mut months = column(&scalars, width, cell + m);
                let p = percentiles(&mut months, &[0.1, 0.5, 0.9]);
                [p[0], p[1], p[2]]
            };
            let mut waiting = column(&scalars, width, cell + 3);
            let waiting_mean = mean(&waiting);
            let p = percentiles(&mut waiting, &[0.1, 0.5, 0.9]);
            RecipientSummary {
                milestones: [milestone(0), milestone(1), milestone(2)],
                waiting: [p[0], p[1], p[2]],
                waiting_mean,
            }
        })
        .collect();
    let all = stats::bands(bands, layout.bands(), n);
    let names = series_names(scenario, &layout);
    let bands = names
        .into_iter()
        .enumerate()
        .map(|(s, name)| Series {
            name,
            months: all[s * layout.months..(s + 1) * layout.months].to_vec(),
        })
        .collect();
    let importance = importance::importance(&layout, &scalars);
    Mc {
        samples: options.samples,
        kept: n as u64,
        conditioned: layout.observations > 0 && !options.prior,
        kept_ids,
        seed: options.seed,
        importance,
        layout,
        scalars,
        inputs,
        targets,
        recipients,
        bands,
    }
}

impl Mc {
    /// The share of kept samples in which recipient `r` has every chip online by month index
    /// `t` (its 100% month at or before `t`).
    pub fn p_full_by(&self, r: usize, t: usize) -> f64 {
        let width = self.layout.scalars().max(1);
        let months = column(&self.scalars, width, self.layout.recipient(r) + 2);
        if months.is_empty() {
            return 0.0;
        }
        let by = months
            .iter()
            .filter(|&&m| m != NEVER && m <= t as f64)
            .count();
        by as f64 / months.len() as f64
    }
}

/// The band series' names, in [`Layout`] order.
fn series_names(scenario: &Scenario, layout: &Layout) -> Vec<String> {
    let mut names = vec!["chips_online".to_string()];
    names.extend(
        scenario
            .recipients
            .iter()
            .map(|r| format!("chips_online:{}", r.name)),
    );
    names.push("facility_mw".into());
    names.extend(
        layout
            .precisions
            .iter()
            .map(|p| format!("pflops:{}", p.as_str())),
    );
    names.extend(
        scenario
            .regions
            .iter()
            .map(|r| format!("facility_mw:{}", r.name)),
    );
    if layout.unregioned {
        names.push(UNREGIONED_SERIES.into());
    }
    names.extend(
        layout
            .scoped
            .iter()
            .map(|&k| format!("{SCOPE_PREFIX}{}", scenario.targets[k].name)),
    );
    if layout.economics {
        names.extend(economics::SERIES.iter().map(|s| (*s).to_string()));
    }
    names
}

/// The band of the facility MW drawn by sites with no region.
pub const UNREGIONED_SERIES: &str = "facility_mw_without_region";
/// What a scoped target's band is named after: `chips_online_scope:<target>`.
pub const SCOPE_PREFIX: &str = "chips_online_scope:";

/// A month index of the scenario as a month, `None` for [`NEVER`].
pub fn month(scenario: &Scenario, index: f64) -> Option<YearMonth> {
    (index != NEVER).then(|| scenario.month(index as usize))
}
