//! Conditioning on what was observed: a sample is kept only if its model agrees with every
//! observation; the tables are compacted in place to the kept samples, in sample order, so
//! every summary is over them.

use super::McError;
use super::layout::{BLOCK, Layout};
use crate::analysis::observed::scope;
use crate::model::Scenario;
use crate::numbers::thousands;

/// Fewest samples a conditioned run may keep.
pub const MIN_KEPT: usize = 100;

/// Drops the samples that disagree with any observation from `scalars` (rows of
/// `layout.scalars()`) and `bands` (blocks of `layout.bands()` columns), returning the kept
/// samples' numbers — or an error naming the observation that rejects the most when fewer than
/// [`MIN_KEPT`] remain.
pub fn keep_consistent(
    scenario: &Scenario,
    layout: &Layout,
    scalars: &mut Vec<f64>,
    bands: &mut Vec<u32>,
) -> Result<Option<Vec<u64>>, McError> {
    let (width, columns) = (layout.scalars().max(1), layout.bands());
    let n = scalars.len() / width;
    let mut rejected = vec![0usize; layout.observations];
    let mut kept: Vec<u64> = Vec::new();
    for (i, row) in scalars.chunks_exact(width).enumerate() {
        let mut agrees = true;
        for (k, count) in rejected.iter_mut().enumerate() {
            if row[layout.observation(k)] != 1.0 {
                *count += 1;
                agrees = false;
            }
        }
        if agrees {
            kept.push(i as u64);
        }
    }
    if kept.len() < MIN_KEPT && kept.len() == n {
        // Every sample agrees: too few were drawn, no observation is to blame.
        return Err(McError::Observations(crate::lang::fill(
            "mc.too_few_drawn",
            &[("n", &thousands(n as u64)), ("min", &MIN_KEPT.to_string())],
        )));
    }
    if kept.len() < MIN_KEPT {
        let (worst, misses) = rejected
            .iter()
            .enumerate()
            .max_by_key(|&(k, &count)| (count, std::cmp::Reverse(k)))
            .map_or((0, 0), |(k, &count)| (k, count));
        let o = &scenario.observations[worst];
        let tolerance = crate::numbers::short((o.tolerance * 1000.0).round() / 10.0);
        return Err(McError::Observations(crate::lang::fill(
            "mc.too_few_kept",
            &[
                ("kept", &thousands(kept.len() as u64)),
                ("n", &thousands(n as u64)),
                ("min", &MIN_KEPT.to_string()),
                ("number", &(worst + 1).to_string()),
                ("metric", o.metric.as_str()),
                ("scope", &scope(scenario, o)),
                ("value", &thousands(o.value.round() as u64)),
                ("month", &o.month.to_string()),
                ("tolerance", &tolerance),
                ("misses", &thousands(misses as u64)),
            ],
        )));
    }
    if kept.len() == n {
        return Ok(None);
    }
    // Moving sample i to position j <= i never overwrites a sample not yet moved. The bands
    // move a block of kept samples at a time, column by column, so that each pass reads and
    // writes runs of one column.
    let at = |i: usize, w: usize| (i / BLOCK) * columns * BLOCK + w * BLOCK + i % BLOCK;
    for (j, &i) in kept.iter().enumerate() {
        let i = i as usize;
        if i != j {
            scalars.copy_within(i * width..(i + 1) * width, j * width);
        }
    }
    for (b, block) in kept.chunks(BLOCK).enumerate() {
        // Kept ids rise strictly, so a block whose last id is its own last place is in place.
        if block.last() == Some(&((b * BLOCK + block.len() - 1) as u64)) {
            continue;
        }
        for w in 0..columns {
            for (k, &i) in block.iter().enumerate() {
                bands[b * columns * BLOCK + w * BLOCK + k] = bands[at(i as usize, w)];
            }
        }
    }
    scalars.truncate(kept.len() * width);
    bands.truncate(kept.len().div_ceil(BLOCK) * BLOCK * columns);
    Ok(Some(kept))
}
