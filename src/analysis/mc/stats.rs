//! Order statistics over samples: nearest-rank percentiles (exact, not interpolated), means
//! summed in sample order, and the bands of monthly series — all independent of how the
//! samples were split across threads.

use rayon::prelude::*;

use super::layout::BLOCK;

/// Percentiles of the bands, in `mc_bands.csv` order.
pub const BAND_PERCENTILES: [f64; 7] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

/// The nearest-rank position of percentile `q` among `n` sorted values: rank ⌈q·n⌉, 1-based.
pub fn rank(q: f64, n: usize) -> usize {
    ((q * n as f64).ceil() as usize).clamp(1, n) - 1
}

/// Nearest-rank percentiles `qs` (ascending) of `values`, which are reordered.
pub fn percentiles(values: &mut [f64], qs: &[f64]) -> Vec<f64> {
    let n = values.len();
    let mut out = Vec::with_capacity(qs.len());
    let mut from = 0;
    for &q in qs {
        let k = rank(q, n);
        if k >= from {
            let (_, nth, _) = values[from..].select_nth_unstable_by(k - from, f64::total_cmp);
            out.push(*nth);
            from = k;
        } else {
            out.push(values[k]);
        }
    }
    out
}

/// The column `column` of rows of width `width`.
pub fn column(rows: &[f64], width: usize, column: usize) -> Vec<f64> {
    rows.chunks_exact(width).map(|row| row[column]).collect()
}

/// The mean of `values`, summed in order.
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// One band: the percentiles of a series at one month, and its mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// P5, P10, P25, P50, P75, P90, P95.
    pub percentiles: [f64; 7],
    /// The mean over samples.
    pub mean: f64,
}

/// The band of every column of a band table: blocks of [`BLOCK`] samples, each holding
/// `width` columns of [`BLOCK`] f32 bit patterns (non-negative values, so their bits order as
/// the values do); `n` samples in all, the last block padded.
pub fn bands(table: &[u32], width: usize, n: usize) -> Vec<Band> {
    (0..width)
        .into_par_iter()
        .map_init(
            // One histogram per thread, cleared after each column over the buckets it used.
            || vec![0u32; 1 << 16],
            |counts, w| {
                // The column is read in place, one run of up to BLOCK samples per block.
                let runs = || {
                    table
                        .chunks_exact(width * BLOCK)
                        .enumerate()
                        .map(move |(b, block)| {
                            &block[w * BLOCK..w * BLOCK + BLOCK.min(n - b * BLOCK)]
                        })
                };
                let mut summary = Summary::default();
                runs().for_each(|run| summary.add(run, counts));
                let used = (summary.min >> 16) as usize..=(summary.max >> 16) as usize;
                let ranks = BAND_PERCENTILES.map(|q| rank(q, n));
                let values = select_ranks(
                    runs,
                    &ranks,
                    &counts[used.clone()],
                    summary.min,
                    summary.max,
                );
                counts[used].fill(0);
                Band {
                    percentiles: values.map(|b| f64::from(f32::from_bits(b))),
                    mean: summary.sum() / n as f64,
                }
            },
        )
        .collect()
}

/// Sum (in eight fixed lanes — sample i in lane i mod 8 — so always the same), least and
/// greatest of a column of f32 bit patterns, taken run by run in one pass that also counts
/// their top 16 bits. Every run starts at a multiple of [`BLOCK`] samples, a multiple of 8.
struct Summary {
    lanes: [f64; 8],
    min: u32,
    max: u32,
}

impl Default for Summary {
    fn default() -> Summary {
        Summary {
            lanes: [0.0; 8],
            min: u32::MAX,
            max: 0,
        }
    }
}

impl Summary {
    fn add(&mut self, run: &[u32], counts: &mut [u32]) {
        let mut chunks = run.chunks_exact(8);
        for chunk in &mut chunks {
            for (lane, &bits) in self.lanes.iter_mut().zip(chunk) {
                *lane += f64::from(f32::from_bits(bits));
            }
        }
        for (lane, &bits) in self.lanes.iter_mut().zip(chunks.remainder()) {
            *lane += f64::from(f32::from_bits(bits));
        }
        self.min = self.min.min(run.iter().copied().min().unwrap_or(u32::MAX));
        self.max = self.max.max(run.iter().copied().max().unwrap_or(0));
        for &v in run {
            counts[(v >> 16) as usize] += 1;
        }
    }

    fn sum(&self) -> f64 {
        self.lanes.iter().sum()
    }
}

/// The values of `column` (whose least and greatest are `min` and `max`, and `counts` the
/// counts of its values' top 16 bits from `min`'s on) at the sorted positions `ranks`
/// (ascending), exactly: the
/// histogram finds each rank's bucket; only those buckets' values are then ordered. Much faster
/// than repeated selection over all values, and the same result.
fn select_ranks<'a, const K: usize, R: Iterator<Item = &'a [u32]>>(
    runs: impl Fn() -> R,
    ranks: &[usize; K],
    counts: &[u32],
    min: u32,
    max: u32,
) -> [u32; K] {
    if min == max {
        return [min; K];
    }
    let first = (min >> 16) as usize;
    // Each rank's bucket, and its position within the bucket.
    let mut wanted: [(usize, usize); K] = [(0, 0); K];
    let (mut bucket, mut before) = (0usize, 0usize);
    for (slot, &r) in wanted.iter_mut().zip(ranks) {
        while before + counts[bucket] as usize <= r {
            before += counts[bucket] as usize;
            bucket += 1;
        }
        *slot = (bucket, r - before);
    }
    // One more pass gathers the values of the wanted buckets (at most K of them).
    let mut slot_of = vec![u8::MAX; counts.len()];
    let mut buckets: Vec<usize> = Vec::with_capacity(K);
    for &(b, _) in &wanted {
        if slot_of[b] == u8::MAX {
            slot_of[b] = buckets.len() as u8;
            buckets.push(b);
        }
    }
    let mut members: Vec<Vec<u32>> = buckets
        .iter()
        .map(|&b| Vec::with_capacity(counts[b] as usize))
        .collect();
    for run in runs() {
        for &v in run {
            let slot = slot_of[(v >> 16) as usize - first];
            if slot != u8::MAX {
                members[slot as usize].push(v);
            }
        }
    }
    // A bucket often holds most of the samples, many of them equal (most samples at the same
    // count of chips): a second histogram, of the low 16 bits, orders it in linear time.
    // Small buckets are searched by selection.
    let mut out = [0u32; K];
    for (slot, bucket) in members.iter_mut().enumerate() {
        let b = buckets[slot];
        let high = ((b + first) as u32) << 16;
        if bucket.len() > 4096 {
            // Counters only over the low bits present (often a handful of values).
            let (least, most) = bucket.iter().fold((u32::MAX, 0), |(lo, hi), &v| {
                (lo.min(v & 0xFFFF), hi.max(v & 0xFFFF))
            });
            let mut low = vec![0u32; (most - least) as usize + 1];
            for &v in bucket.iter() {
                low[((v & 0xFFFF) - least) as usize] += 1;
            }
            let (mut value, mut before) = (0usize, 0usize);
            for (i, &(wb, within)) in wanted.iter().enumerate() {
                if wb != b {
                    continue;
                }
                while before + low[value] as usize <= within {
                    before += low[value] as usize;
                    value += 1;
                }
                out[i] = high | (value as u32 + least);
            }
        } else {
            // Selection, rank after rank (ascending), each over what is left above the last.
            let mut from = 0;
            for (i, &(wb, within)) in wanted.iter().enumerate() {
                if wb == b {
                    let (_, nth, _) = bucket[from..].select_nth_unstable(within - from);
                    out[i] = *nth;
                    from = within;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut values: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(
            percentiles(&mut values, &[0.1, 0.5, 0.9, 1.0]),
            [1.0, 5.0, 9.0, 10.0]
        );
        // "Never" (infinity) ranks after every month.
        let mut months = vec![f64::INFINITY, 3.0, 1.0, f64::INFINITY];
        assert_eq!(percentiles(&mut months, &[0.5, 0.75]), [3.0, f64::INFINITY]);
    }

    #[test]
    fn histogram_selection_equals_sorting() {
        let column: Vec<u32> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) % 100_000) as f32)
            .map(f32::to_bits)
            .collect();
        let mut sorted = column.clone();
        sorted.sort_unstable();
        let ranks = [0, 1, 250, 2500, 4998, 4999];
        let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
        // Read in two runs, as from two blocks.
        let runs = || column.chunks(3000);
        assert_eq!(
            select_ranks(runs, &ranks, &histogram(&column), min, max),
            ranks.map(|r| sorted[r])
        );
        let constant = [7u32; 10];
        assert_eq!(
            select_ranks(|| constant.chunks(10), &[0, 9], &histogram(&constant), 7, 7),
            [7, 7]
        );
        // Most values equal, in one bucket larger than a sort is used for: counted instead.
        let mostly: Vec<u32> = (0..20_000u32)
            .map(|i| {
                if i % 10 == 0 {
                    259_000.0 + (i % 997) as f32
                } else {
                    260_000.0
                }
            })
            .map(f32::to_bits)
            .collect();
        let mut sorted = mostly.clone();
        sorted.sort_unstable();
        let ranks = [0, 1000, 1999, 2000, 10_000, 19_999];
        let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
        assert_eq!(
            select_ranks(|| mostly.chunks(256), &ranks, &histogram(&mostly), min, max),
            ranks.map(|r| sorted[r])
        );
    }

    /// The counts of `values`' top 16 bits, from the least value's bucket on.
    fn histogram(values: &[u32]) -> Vec<u32> {
        let first = values.iter().min().map_or(0, |v| v >> 16);
        let mut counts = vec![0u32; 1 << 16];
        for &v in values {
            counts[((v >> 16) - first) as usize] += 1;
        }
        counts
    }

    /// A band table of 3 columns and 300 samples (one full block, one partial) gives each
    /// column's percentiles over exactly its 300 values.
    #[test]
    fn bands_gather_each_column_across_blocks() {
        let (width, n): (usize, usize) = (3, 300);
        let value = |i: usize, w: usize| ((i * 7919 + w * 31) % 1000) as f32;
        let mut table = vec![u32::MAX; n.div_ceil(BLOCK) * BLOCK * width];
        for i in 0..n {
            let (b, j) = (i / BLOCK, i % BLOCK);
            for w in 0..width {
                table[b * width * BLOCK + w * BLOCK + j] = value(i, w).to_bits();
            }
        }
        let all = bands(&table, width, n);
        for (w, band) in all.iter().enumerate() {
            let mut column: Vec<f64> = (0..n).map(|i| f64::from(value(i, w))).collect();
            let expected = percentiles(&mut column, &BAND_PERCENTILES);
            assert_eq!(band.percentiles.to_vec(), expected, "column {w}");
            assert!((band.mean - mean(&column)).abs() < 1e-9);
        }
    }
}
