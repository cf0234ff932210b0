//! Order statistics over samples: nearest-rank percentiles (exact, not interpolated), means
//! summed in sample order, and the bands of monthly series — all independent of how the
//! samples were split across threads.

use rayon::prelude::*;

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

/// Columns gathered per pass over the rows: 16 f32 fill one 64-byte cache line.
const GATHER: usize = 16;

/// The band of every column of `rows` (each row one sample, `width` f32 bit patterns of
/// non-negative values, so that their bits order as the values do).
pub fn bands(rows: &[u32], width: usize) -> Vec<Band> {
    let n = rows.len() / width;
    let groups: Vec<usize> = (0..width).step_by(GATHER).collect();
    let per_group: Vec<Vec<Band>> = groups
        .par_iter()
        .map(|&first| {
            let count = GATHER.min(width - first);
            let mut columns: Vec<Vec<u32>> = vec![Vec::with_capacity(n); count];
            for row in rows.chunks_exact(width) {
                for (c, column) in columns.iter_mut().enumerate() {
                    column.push(row[first + c]);
                }
            }
            columns.iter_mut().map(|column| band(column)).collect()
        })
        .collect();
    per_group.into_iter().flatten().collect()
}

fn band(column: &mut [u32]) -> Band {
    let n = column.len();
    let mean = column
        .iter()
        .map(|&b| f64::from(f32::from_bits(b)))
        .sum::<f64>()
        / n as f64;
    let mut percentiles = [0.0; 7];
    let mut from = 0;
    for (slot, &q) in percentiles.iter_mut().zip(&BAND_PERCENTILES) {
        let k = rank(q, n);
        let value = if k >= from {
            let (_, nth, _) = column[from..].select_nth_unstable(k - from);
            from = k;
            *nth
        } else {
            column[k]
        };
        *slot = f64::from(f32::from_bits(value));
    }
    Band { percentiles, mean }
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
    fn bands_do_not_depend_on_column_grouping() {
        let width = 37;
        let rows: Vec<u32> = (0..width * 101)
            .map(|i| ((i * 7919) % 1000) as f32)
            .map(f32::to_bits)
            .collect();
        let all = bands(&rows, width);
        assert_eq!(all.len(), width);
        for (c, band) in all.iter().enumerate() {
            let mut column: Vec<f64> = rows
                .chunks_exact(width)
                .map(|r| f64::from(f32::from_bits(r[c])))
                .collect();
            let expected = percentiles(&mut column, &BAND_PERCENTILES);
            assert_eq!(band.percentiles.to_vec(), expected, "column {c}");
        }
    }
}
