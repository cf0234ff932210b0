//! One band per recipient for the stacked charts, with the rule for many recipients: up to
//! [`RECIPIENT_COLORS`] each keep their own colour; beyond that the first nineteen do and the
//! rest are stacked together as one grey band, "N other recipients".

use plotters::style::RGBColor;

use super::style::{OTHERS, RECIPIENT_COLORS, recipient_color};
use crate::model::Scenario;

/// A stacked band: its colour, whose it is, and its monthly values.
pub struct Band {
    /// Fill colour.
    pub color: RGBColor,
    /// The recipient's name, or "N other recipients".
    pub name: String,
    /// Indices of the recipients in it.
    pub recipients: Vec<usize>,
    /// Monthly values, summed over its recipients.
    pub values: Vec<f64>,
}

/// The bands of `per_recipient` (one monthly series per recipient, file order).
pub fn bands(scenario: &Scenario, per_recipient: &[Vec<u64>]) -> Vec<Band> {
    let count = scenario.recipients.len();
    let own = if count > RECIPIENT_COLORS {
        RECIPIENT_COLORS - 1
    } else {
        count
    };
    let as_f64 = |series: &[u64]| series.iter().map(|&v| v as f64).collect::<Vec<f64>>();
    let mut out: Vec<Band> = (0..own)
        .map(|r| Band {
            color: recipient_color(r),
            name: scenario.recipients[r].name.clone(),
            recipients: vec![r],
            values: as_f64(&per_recipient[r]),
        })
        .collect();
    if own < count {
        let months = per_recipient.first().map_or(0, Vec::len);
        let mut values = vec![0.0; months];
        for series in &per_recipient[own..] {
            for (total, &v) in values.iter_mut().zip(series) {
                *total += v as f64;
            }
        }
        out.push(Band {
            color: OTHERS,
            name: crate::lang::fill("online.others", &[("n", &(count - own).to_string())]),
            recipients: (own..count).collect(),
            values,
        });
    }
    out
}
