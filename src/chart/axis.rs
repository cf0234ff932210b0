//! The two axes of every time chart, each choosing its own ticks: months on x (quarters or
//! Januaries, labelled as dates), values on y (round steps, whole numbers for counts) with one
//! number format for the whole axis — never "2,500" beside "12.5k".

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

use super::style;
use crate::present::format::thousands;
use crate::units::YearMonth;

/// An axis from 0 to `top` with its grid lines and labels at chosen `ticks` (not plotters' round
/// numbers), labelled by `labels`.
#[derive(Debug, Clone)]
pub struct Axis<L> {
    bottom: f64,
    top: f64,
    ticks: Vec<f64>,
    labels: L,
}

impl<L: Clone> Ranged for Axis<L> {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = (value - self.bottom) / (self.top - self.bottom);
        limit.0 + (f64::from(limit.1 - limit.0) * share).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only bold grid lines, at the chosen ticks.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.bottom..self.top
    }
}

/// Month indices from a scenario's `start`, ticked on quarters or Januaries.
pub type MonthAxis = Axis<()>;

impl MonthAxis {
    /// An axis for `months` months starting at `start`, with `max_labels` labels at most.
    pub fn new(start: YearMonth, months: usize, max_labels: usize) -> MonthAxis {
        let ticks = style::month_ticks(start, months);
        let every = ticks.len().div_ceil(max_labels.max(1)).max(1);
        Axis {
            bottom: 0.0,
            top: (months as f64 - 1.0).max(1.0),
            ticks: ticks.into_iter().step_by(every).collect(),
            labels: (),
        }
    }
}

/// Values from 0 to a little above the data, with round ticks and one number format.
pub type ValueAxis = Axis<NumberFormat>;

/// `n` equal cells (a heat map's rows or columns), ticked at their centres.
pub type CellAxis = Axis<()>;

impl CellAxis {
    /// Cells 0 to `n` − 1, cell i spanning [i, i + 1).
    pub fn cells(n: usize) -> CellAxis {
        Axis {
            bottom: 0.0,
            top: n.max(1) as f64,
            ticks: (0..n).map(|i| i as f64 + 0.5).collect(),
            labels: (),
        }
    }
}

impl ValueAxis {
    /// An axis for values up to `max` with about `labels` ticks; `whole` keeps ticks on whole
    /// numbers (chip counts). With nothing to show (`max` not above 0) the axis has no ticks.
    pub fn new(max: f64, labels: usize, whole: bool) -> ValueAxis {
        if !(max.is_finite() && max > 0.0) {
            return Axis {
                bottom: 0.0,
                top: 1.0,
                ticks: Vec::new(),
                labels: NumberFormat::for_ticks(&[]),
            };
        }
        let top = max * 1.08;
        let step = nice_step(top, labels.max(2), whole);
        #[expect(clippy::maybe_infinite_iter, reason = "take_while ends it: step > 0")]
        let ticks: Vec<f64> = (0..)
            .map(|i| f64::from(i) * step)
            .take_while(|&t| t <= top * (1.0 + 1e-9))
            .collect();
        Axis {
            bottom: 0.0,
            top,
            labels: NumberFormat::for_ticks(&ticks),
            ticks,
        }
    }

    /// A share from 0 to 100%, ticks every 10% written as percentages.
    pub fn percent() -> ValueAxis {
        Axis {
            bottom: 0.0,
            top: 1.0,
            ticks: (0..=10).map(|i| f64::from(i) / 10.0).collect(),
            labels: NumberFormat {
                divisor: 0.01,
                suffix: "%",
                decimals: 0,
            },
        }
    }

    /// An axis spanning exactly `lo` to `hi` (a range of values tried), ticked at round
    /// steps inside it.
    pub fn between(lo: f64, hi: f64, labels: usize, whole: bool) -> ValueAxis {
        let span = (hi - lo).max(f64::MIN_POSITIVE);
        let step = nice_step(span, labels.max(2), whole);
        let first = (lo / step).ceil() as i64;
        #[expect(clippy::maybe_infinite_iter, reason = "take_while ends it: step > 0")]
        let ticks: Vec<f64> = (first..)
            .map(|i| i as f64 * step)
            .take_while(|&t| t <= hi + span * 1e-9)
            .collect();
        Axis {
            bottom: lo,
            top: hi.max(lo + span),
            labels: NumberFormat::for_ticks(&ticks),
            ticks,
        }
    }

    /// An axis from `lo` to `hi` ticked at `ticks` (labelled by the caller, e.g. as months).
    pub fn ticked(lo: f64, hi: f64, ticks: Vec<f64>) -> ValueAxis {
        Axis {
            bottom: lo,
            top: hi,
            labels: NumberFormat::for_ticks(&ticks),
            ticks,
        }
    }

    /// The tick label for `value`.
    pub fn label(&self, value: f64) -> String {
        self.labels.format(value)
    }

    /// Whether there is nothing to show (no ticks).
    pub fn is_empty(&self) -> bool {
        self.ticks.is_empty()
    }

    /// The top of the axis (where the plot area ends).
    pub fn top(&self) -> f64 {
        self.top
    }
}

/// The largest round step (1, 2 or 5 times a power of ten) giving at most `labels` + 1 ticks up
/// to `top`; at least 1 when `whole`.
fn nice_step(top: f64, labels: usize, whole: bool) -> f64 {
    let rough = top / labels as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| top / s <= labels as f64)
        .unwrap_or(10.0 * magnitude);
    if whole { step.max(1.0).round() } else { step }
}

/// How every tick of one axis is written: a unit (none, thousands "k", millions "M") and a
/// number of decimals, both fixed by the largest tick and the step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberFormat {
    divisor: f64,
    suffix: &'static str,
    decimals: usize,
}

impl NumberFormat {
    fn for_ticks(ticks: &[f64]) -> NumberFormat {
        let largest = ticks.iter().copied().fold(0.0, f64::max);
        let (divisor, suffix) = if largest >= 1e6 {
            (1e6, "M")
        } else if largest >= 1e4 {
            (1e3, "k")
        } else {
            (1.0, "")
        };
        let step = if ticks.len() > 1 {
            ticks[1] - ticks[0]
        } else {
            1.0
        };
        let decimals = (0..=6)
            .find(|&d| {
                let scaled = step / divisor * 10f64.powi(d as i32);
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(6);
        NumberFormat {
            divisor,
            suffix,
            decimals,
        }
    }

    fn format(self, value: f64) -> String {
        if value == 0.0 {
            // "0", not "0k"; a share keeps its sign: "0%".
            return if self.suffix == "%" { "0%" } else { "0" }.into();
        }
        let scaled = value / self.divisor;
        let text = if self.decimals == 0 && scaled.abs() < 1e15 {
            let whole = scaled.round();
            let sign = if whole < 0.0 { "-" } else { "" };
            format!("{sign}{}", thousands(whole.abs() as u64))
        } else {
            format!("{scaled:.*}", self.decimals)
        };
        format!("{text}{}", self.suffix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(max: f64, whole: bool) -> Vec<String> {
        let axis = ValueAxis::new(max, 8, whole);
        axis.ticks.iter().map(|&t| axis.label(t)).collect()
    }

    #[test]
    fn a_share_axis_reads_in_percent() {
        let axis = ValueAxis::percent();
        let labels: Vec<String> = axis.ticks.iter().map(|&t| axis.label(t)).collect();
        assert_eq!(labels[..3], ["0%", "10%", "20%"]);
        assert_eq!(labels[10], "100%");
    }

    #[test]
    fn every_tick_of_an_axis_has_the_same_format() {
        assert_eq!(
            labels(14_000.0, true),
            ["0", "2k", "4k", "6k", "8k", "10k", "12k", "14k"]
        );
        assert_eq!(labels(260_000.0, true)[1], "50k");
        assert_eq!(
            labels(1.06, false),
            ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]
        );
        assert_eq!(labels(3_000_000.0, false)[1], "0.5M");
        assert_eq!(labels(2_600.0, true)[..3], ["0", "500", "1,000"]);
    }

    #[test]
    fn counts_tick_on_whole_numbers_and_nothing_has_no_ticks() {
        assert_eq!(labels(3.0, true), ["0", "1", "2", "3"]);
        assert!(labels(0.0, true).is_empty());
    }
}
