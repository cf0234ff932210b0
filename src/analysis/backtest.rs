//! How good is the outside view? Leave-one-out over the shipped reference classes: each case
//! is forecast from the cases of the *other* projects of its class (both plans of a project
//! are left out together), in both forms a scenario can write — the absolute slips, and the
//! slips relative to their leads times the case's own lead — and scored against what happened:
//! the percentile of its slip in the forecast (PIT), whether it fell inside P10–P90 and
//! P25–P75, and the CRPS in months beside two naive point forecasts ("on time" and the class
//! median). A forecast is the distribution `mc` draws from: linear between the sorted cases.
//!
//! Provisional cases (the outcome still a forecast) are scored but summarised apart.

use crate::uncertain::dist::Shape;
use crate::uncertain::refclass::{Case, Dataset};

/// How a delay is drawn from a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// `{ reference = "NAME" }`: the cases' slips.
    Absolute,
    /// `{ reference = "NAME", lead_months = N }`: the cases' slip per month of lead, times N.
    LeadScaled,
}

impl Form {
    /// Both, in the order reported.
    pub const BOTH: [Form; 2] = [Form::Absolute, Form::LeadScaled];

    /// As `backtest.csv` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Absolute => "absolute",
            Form::LeadScaled => "lead-scaled",
        }
    }
}

/// One case forecast from the others in one form.
#[derive(Debug, Clone, PartialEq)]
pub struct Score<'a> {
    /// The case.
    pub case: &'a Case,
    /// The form.
    pub form: Form,
    /// The forecast: the sorted values it is linear between.
    pub forecast: Vec<f64>,
    /// The forecast's percentile of the actual slip (0–1; the middle of a step).
    pub pit: f64,
    /// Whether the slip lay within the forecast's P10–P90 (ends included).
    pub in_p10_p90: bool,
    /// Whether it lay within P25–P75.
    pub in_p25_p75: bool,
    /// Continuous ranked probability score, months (0 = a sure and right forecast).
    pub crps: f64,
    /// The CRPS of forecasting "on time" (slip 0) for sure: |slip|.
    pub crps_on_time: f64,
    /// The CRPS of forecasting the forecast's median for sure.
    pub crps_median: f64,
}

/// A class's scores in one form, for settled or for provisional cases.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The form.
    pub form: Form,
    /// Whether these are the provisional cases.
    pub provisional: bool,
    /// Cases scored.
    pub n: usize,
    /// Share of slips inside P10–P90 (80% expected of a calibrated forecast).
    pub in_p10_p90: f64,
    /// Share inside P25–P75 (50% expected).
    pub in_p25_p75: f64,
    /// Mean CRPS, months.
    pub crps: f64,
    /// Mean CRPS of "on time".
    pub crps_on_time: f64,
    /// Mean CRPS of the class median.
    pub crps_median: f64,
}

/// Which form forecast a class's settled cases better.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Fewer than [`MIN_CASES`] settled cases scored in both forms.
    TooFew {
        /// The settled cases scored in both forms.
        n: usize,
    },
    /// Both forms scored on the same settled cases.
    Compared {
        /// The settled cases scored in both forms.
        n: usize,
        /// Their mean CRPS in the absolute form, months.
        absolute: f64,
        /// Their mean CRPS in the lead-scaled form, months.
        lead_scaled: f64,
        /// Cases with the lower CRPS lead-scaled (ties count for neither form).
        lead_scaled_lower: usize,
        /// Cases with the lower CRPS absolute.
        absolute_lower: usize,
        /// Their mean CRPS forecasting "on time" for sure (the mean |slip|).
        on_time: f64,
    },
}

/// The fewest settled cases on which the forms are compared.
pub const MIN_CASES: usize = 5;

/// One class's backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassBacktest<'a> {
    /// The class's name.
    pub class: &'a str,
    /// Every score: cases in the dataset's order, each in [`Form::BOTH`] order where scored.
    pub scores: Vec<Score<'a>>,
    /// Per form, settled then provisional (those with no case left out).
    pub summaries: Vec<Summary>,
    /// The comparison of the forms.
    pub verdict: Verdict,
}

/// The forecast of `case` in `form` from `others`: the sorted values `mc` would draw between,
/// or `None` when the form cannot forecast it (no lead, or no case to forecast from).
pub fn forecast(case: &Case, others: &[&Case], form: Form) -> Option<Vec<f64>> {
    let mut values: Vec<f64> = match form {
        Form::Absolute => others.iter().map(|c| f64::from(c.slip)).collect(),
        Form::LeadScaled => {
            let lead = f64::from(case.lead.filter(|&l| l > 0)?);
            others
                .iter()
                .filter_map(|c| c.relative_slip())
                .map(|r| r * lead)
                .collect()
        }
    };
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(values)
}

/// The percentile of `y` in the distribution linear between `sorted` (at p = k/(m−1)): the
/// middle of [P(X < y), P(X ≤ y)], so a value on a flat step or an atom gets its middle.
pub fn pit(sorted: &[f64], y: f64) -> f64 {
    let m = sorted.len();
    if m == 1 {
        return match y.total_cmp(&sorted[0]) {
            std::cmp::Ordering::Less => 0.0,
            std::cmp::Ordering::Equal => 0.5,
            std::cmp::Ordering::Greater => 1.0,
        };
    }
    let step = 1.0 / (m - 1) as f64;
    // P(X ≤ y) and P(X < y): along each segment the CDF rises linearly.
    let (mut at_or_below, mut below) = (0.0f64, 0.0f64);
    for k in 0..m - 1 {
        let (q0, q1) = (sorted[k], sorted[k + 1]);
        let p0 = k as f64 * step;
        if q1 == q0 {
            if q0 <= y {
                at_or_below = at_or_below.max(p0 + step);
            }
            if q0 < y {
                below = below.max(p0 + step);
            }
        } else {
            // Strictly rising: P(X ≤ y) = P(X < y) within it.
            let reached = p0 + ((y - q0) / (q1 - q0)).clamp(0.0, 1.0) * step;
            if q0 <= y {
                at_or_below = at_or_below.max(reached);
            }
            if q0 < y {
                below = below.max(reached);
            }
        }
    }
    f64::midpoint(at_or_below, below)
}

/// The CRPS, in the units of the values, of the distribution linear between `sorted` (at
/// p = k/(m−1); one value is a sure forecast) against the outcome `y`. Closed form of
/// CRPS = 2 ∫₀¹ (1{y < Q(p)} − p)(Q(p) − y) dp, exact on each linear piece of Q.
pub fn crps(sorted: &[f64], y: f64) -> f64 {
    let m = sorted.len();
    if m == 1 {
        return (sorted[0] - y).abs();
    }
    let step = 1.0 / (m - 1) as f64;
    let mut total = 0.0;
    for k in 0..m - 1 {
        let (p0, p1) = (k as f64 * step, (k + 1) as f64 * step);
        let (d0, d1) = (sorted[k] - y, sorted[k + 1] - y);
        // ∫ (Q − y)⁺ dp: Q − y runs linearly from d0 to d1 (d0 ≤ d1).
        let above = if d0 >= 0.0 {
            (p1 - p0) * (d0 + d1) / 2.0
        } else if d1 <= 0.0 {
            0.0
        } else {
            (p1 - p0) * d1 * d1 / (d1 - d0) / 2.0
        };
        // ∫ p (Q − y) dp with Q − y = a + b p.
        let b = (d1 - d0) / (p1 - p0);
        let a = d0 - b * p0;
        let weighted = a * (p1 * p1 - p0 * p0) / 2.0 + b * (p1.powi(3) - p0.powi(3)) / 3.0;
        total += 2.0 * (above - weighted);
    }
    total.max(0.0)
}

/// Scores `case` forecast in `form` from `others`.
fn score<'a>(case: &'a Case, others: &[&Case], form: Form) -> Option<Score<'a>> {
    let sorted = forecast(case, others, form)?;
    let y = f64::from(case.slip);
    let median = Shape::empirical(sorted.clone()).quantile(0.5);
    Some(Score {
        case,
        form,
        pit: pit(&sorted, y),
        in_p10_p90: covers(&sorted, y, 0.8),
        in_p25_p75: covers(&sorted, y, 0.5),
        crps: crps(&sorted, y),
        crps_on_time: y.abs(),
        crps_median: (median - y).abs(),
        forecast: sorted,
    })
}

/// Whether `y` lies within the central `share` of the distribution linear between `sorted`
/// (ends included): between its quantiles at (1 − share)/2 and (1 + share)/2.
pub fn covers(sorted: &[f64], y: f64, share: f64) -> bool {
    let shape = Shape::empirical(sorted.to_vec());
    shape.quantile((1.0 - share) / 2.0) <= y && y <= shape.quantile(f64::midpoint(1.0, share))
}

impl Score<'_> {
    /// Whether the case's slip lies within the forecast's central `share`.
    pub fn covered(&self, share: f64) -> bool {
        covers(&self.forecast, f64::from(self.case.slip), share)
    }
}

/// The mean of `f` over `scores`.
fn mean(scores: &[&Score], f: impl Fn(&Score) -> f64) -> f64 {
    scores.iter().map(|s| f(s)).sum::<f64>() / scores.len() as f64
}

fn summarise(scores: &[Score], form: Form, provisional: bool) -> Option<Summary> {
    let chosen: Vec<&Score> = scores
        .iter()
        .filter(|s| s.form == form && s.case.provisional == provisional)
        .collect();
    let share = |inside: fn(&Score) -> bool| mean(&chosen, |s| f64::from(u8::from(inside(s))));
    (!chosen.is_empty()).then(|| Summary {
        form,
        provisional,
        n: chosen.len(),
        in_p10_p90: share(|s| s.in_p10_p90),
        in_p25_p75: share(|s| s.in_p25_p75),
        crps: mean(&chosen, |s| s.crps),
        crps_on_time: mean(&chosen, |s| s.crps_on_time),
        crps_median: mean(&chosen, |s| s.crps_median),
    })
}

/// The forms compared on the settled cases both scored.
fn verdict(scores: &[Score]) -> Verdict {
    let settled = |form: Form| {
        scores
            .iter()
            .filter(move |s| s.form == form && !s.case.provisional)
    };
    let pairs: Vec<(f64, f64, f64)> = settled(Form::LeadScaled)
        .filter_map(|scaled| {
            settled(Form::Absolute)
                .find(|a| std::ptr::eq(a.case, scaled.case))
                .map(|absolute| (absolute.crps, scaled.crps, scaled.crps_on_time))
        })
        .collect();
    let n = pairs.len();
    if n < MIN_CASES {
        return Verdict::TooFew { n };
    }
    Verdict::Compared {
        n,
        absolute: pairs.iter().map(|p| p.0).sum::<f64>() / n as f64,
        lead_scaled: pairs.iter().map(|p| p.1).sum::<f64>() / n as f64,
        lead_scaled_lower: pairs.iter().filter(|p| p.1 < p.0).count(),
        absolute_lower: pairs.iter().filter(|p| p.0 < p.1).count(),
        on_time: pairs.iter().map(|p| p.2).sum::<f64>() / n as f64,
    }
}

/// The backtest of class `name` of `dataset` (which must hold it).
pub fn class<'a>(dataset: &'a Dataset, name: &'a str) -> ClassBacktest<'a> {
    let cases = dataset.cases_of(name);
    let mut scores = Vec::new();
    for case in &cases {
        let others: Vec<&Case> = cases
            .iter()
            .copied()
            .filter(|c| c.project() != case.project())
            .collect();
        for form in Form::BOTH {
            scores.extend(score(case, &others, form));
        }
    }
    let summaries = Form::BOTH
        .iter()
        .flat_map(|&form| [false, true].map(|provisional| summarise(&scores, form, provisional)))
        .flatten()
        .collect();
    let verdict = verdict(&scores);
    ClassBacktest {
        class: name,
        scores,
        summaries,
        verdict,
    }
}

/// The backtest of every class of `dataset`, in its order.
pub fn all(dataset: &Dataset) -> Vec<ClassBacktest<'_>> {
    dataset
        .classes
        .iter()
        .map(|c| class(dataset, &c.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ∫ (F(z) − 1{z ≥ y})² dz by the midpoint rule, F linear between `sorted` at k/(m−1).
    fn brute_force(sorted: &[f64], y: f64) -> f64 {
        let shape = Shape::empirical(sorted.to_vec());
        let (lo, hi) = (
            sorted[0].min(y) - 1.0,
            sorted[sorted.len() - 1].max(y) + 1.0,
        );
        let steps = 400_000;
        let dz = (hi - lo) / f64::from(steps);
        (0..steps)
            .map(|i| {
                let z = lo + (f64::from(i) + 0.5) * dz;
                let f = if sorted.len() == 1 {
                    f64::from(u8::from(z >= sorted[0]))
                } else {
                    shape.cdf(z)
                };
                let step = f64::from(u8::from(z >= y));
                (f - step).powi(2) * dz
            })
            .sum()
    }

    #[test]
    fn the_closed_form_crps_matches_a_brute_force_integral() {
        let cases: [(&[f64], f64); 8] = [
            (&[0.0, 1.0], 0.5),
            (&[0.0, 1.0], -2.0),
            (&[0.0, 1.0], 3.0),
            (&[-4.0, 2.0, 9.0], 2.0),
            (&[-4.0, 2.0, 9.0], 5.5),
            (&[3.0, 3.0, 3.0, 10.0], 3.0),
            (&[5.0], 1.0),
            (&[-13.0, 0.0, 3.0, 4.0, 4.0, 11.0, 13.0, 15.0, 18.0], 7.0),
        ];
        for (sorted, y) in cases {
            let exact = crps(sorted, y);
            let numeric = brute_force(sorted, y);
            assert!(
                (exact - numeric).abs() < 1e-4,
                "{sorted:?} against {y}: closed form {exact}, integral {numeric}"
            );
        }
        // By hand: uniform on [0, 1] against 0.5 is ∫ F² over [0, ½] + ∫ (1 − F)² over [½, 1]
        // = 2 × (½)³/3 = 1/12; a point forecast is the absolute error.
        assert!((crps(&[0.0, 1.0], 0.5) - 1.0 / 12.0).abs() < 1e-12);
        assert_eq!(crps(&[5.0], 1.0), 4.0);
    }

    #[test]
    fn pit_is_the_percentile_of_the_outcome_in_the_forecast() {
        assert_eq!(pit(&[0.0, 10.0], 2.5), 0.25);
        assert_eq!(pit(&[0.0, 10.0], -1.0), 0.0);
        assert_eq!(pit(&[0.0, 10.0], 11.0), 1.0);
        // On the flat step of an atom (3 for the first half of p), its middle.
        assert_eq!(pit(&[3.0, 3.0, 5.0], 3.0), 0.25);
        assert_eq!(pit(&[4.0], 4.0), 0.5);
    }
}
