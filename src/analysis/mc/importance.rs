//! Which inputs matter (`mc_importance.csv`): for each target and input, the Spearman rank
//! correlation of the input's draws with the target's value at its deadline, and P(met) among
//! the samples where the input is in its lowest and in its highest tenth.

use rayon::prelude::*;

use super::layout::Layout;
use super::stats::{column, mean, percentiles};

/// One input's bearing on one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Importance {
    /// Spearman's rank correlation (ties take their average rank); `None` when the input or
    /// the target's value never varies.
    pub spearman: Option<f64>,
    /// P(met) among the samples with the input at or below its P10.
    pub p_met_lowest_decile: f64,
    /// P(met) among the samples with the input at or above its P90.
    pub p_met_highest_decile: f64,
}

/// Per target, per input (both in order): how the input bears on the target, over the rows of
/// `scalars` (one per sample, `layout.scalars()` wide). Inputs are taken in parallel, each
/// with its own columns; every figure is a function of the samples in sample order.
pub fn importance(layout: &Layout, scalars: &[f64]) -> Vec<Vec<Importance>> {
    let width = layout.scalars().max(1);
    let targets: Vec<(Vec<f64>, Vec<f64>)> = (0..layout.targets)
        .map(|t| {
            let cell = layout.target(t);
            (
                column(scalars, width, cell),
                ranks(&column(scalars, width, cell + 2)),
            )
        })
        .collect();
    let by_input: Vec<Vec<Importance>> = (0..layout.inputs)
        .into_par_iter()
        .map(|k| {
            let values = column(scalars, width, layout.input(k));
            let input_ranks = ranks(&values);
            let mut sorted = values.clone();
            let deciles = percentiles(&mut sorted, &[0.1, 0.9]);
            drop(sorted);
            targets
                .iter()
                .map(|(met, value_ranks)| {
                    // P(met) among the samples at or below P10, and at or above P90, in one pass.
                    let (mut low, mut low_met, mut high, mut high_met) = (0usize, 0.0, 0usize, 0.0);
                    for (&v, &m) in values.iter().zip(met) {
                        if v <= deciles[0] {
                            low += 1;
                            low_met += m;
                        }
                        if v >= deciles[1] {
                            high += 1;
                            high_met += m;
                        }
                    }
                    Importance {
                        spearman: correlation(&input_ranks, value_ranks),
                        p_met_lowest_decile: low_met / low as f64,
                        p_met_highest_decile: high_met / high as f64,
                    }
                })
                .collect()
        })
        .collect();
    (0..layout.targets)
        .map(|t| by_input.iter().map(|row| row[t]).collect())
        .collect()
}

/// Ranks 1..=n of `values`, ties sharing their average rank. Whole numbers over a span not
/// much wider than the sample count (months, counts, chips) are ranked by counting; other
/// values by sorting.
fn ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let whole = values.iter().all(|v| v.fract() == 0.0);
    if n > 0 && whole && hi - lo <= 4.0 * n as f64 + 1024.0 {
        let mut counts = vec![0usize; (hi - lo) as usize + 1];
        for &v in values {
            counts[(v - lo) as usize] += 1;
        }
        // Each value's average rank: the ranks before it, plus the middle of its own run.
        let mut before = 0usize;
        let average: Vec<f64> = counts
            .iter()
            .map(|&c| {
                let rank = before as f64 + f64::midpoint(c as f64, 1.0);
                before += c;
                rank
            })
            .collect();
        return values.iter().map(|&v| average[(v - lo) as usize]).collect();
    }
    // Sort (order-preserving bits, index) pairs; ties then run together.
    let key = |v: f64| {
        let bits = v.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        }
    };
    let mut order: Vec<(u64, u32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (key(v), i as u32))
        .collect();
    order.sort_unstable();
    let mut ranks = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && order[j + 1].0 == order[i].0 {
            j += 1;
        }
        // Positions i..=j hold equal values: each gets the mean of ranks i+1..=j+1.
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &(_, o) in &order[i..=j] {
            ranks[o as usize] = rank;
        }
        i = j + 1;
    }
    ranks
}

/// Pearson's correlation of `a` and `b` (summed in order); `None` if either is constant.
fn correlation(a: &[f64], b: &[f64]) -> Option<f64> {
    let (ma, mb) = (mean(a), mean(b));
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        ab += dx * dy;
        aa += dx * dx;
        bb += dy * dy;
    }
    (aa > 0.0 && bb > 0.0).then(|| ab / (aa * bb).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_their_average_rank() {
        // Counted (whole numbers) and sorted (fractions, negatives) alike.
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 30.0]), [1.0, 3.5, 2.0, 3.5]);
        assert_eq!(ranks(&[1.5, -3.0, 2.5, 1.5]), [2.5, 1.0, 4.0, 2.5]);
        assert_eq!(ranks(&[1e9, 0.0, 1e9]), [2.5, 1.0, 2.5]);
    }

    #[test]
    fn correlation_of_ranks() {
        // A monotone but not linear relation has rank correlation 1; reversed, −1.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y: Vec<f64> = x.iter().map(|v: &f64| v.powi(3)).collect();
        assert_eq!(correlation(&ranks(&x), &ranks(&y)), Some(1.0));
        let z: Vec<f64> = y.iter().map(|v| -v).collect();
        assert_eq!(correlation(&ranks(&x), &ranks(&z)), Some(-1.0));
        assert_eq!(correlation(&ranks(&x), &ranks(&[2.0; 5])), None);
    }
}
