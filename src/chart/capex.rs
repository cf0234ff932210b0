//! Capital spent so far, stacked by kind — chips as delivered, halls as their phases come online —
//! for a scenario with `[economics]` (docs/methods.md: Energy and money).

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::frame::{horizon, stack_top, stacked, time_chart};
use super::legend::{Entry, Swatch};
use super::style::series_color;
use super::{Input, Legend};
use crate::analysis::economics::Capex;
use crate::present::format::{amount, money_scale};

/// Draws the chart and returns its legend.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let months = input.sim.months;
    let Some(money) = &input.report.economics else {
        return Ok(Legend {
            entries: Vec::new(),
            note: None,
        });
    };
    // Cumulative, for each kind, in a scale that keeps the axis' numbers short.
    let total: f64 = money.capex.last().map_or(0.0, |row| row.cumulative);
    let (scale, words) = money_scale(total);
    let cumulative = |kind: Capex| -> Vec<f64> {
        let mut spent = vec![0.0; months];
        for row in money.capex.iter().filter(|row| row.kind == kind) {
            let t = input.scenario.index_of(row.month);
            if let Ok(t) = usize::try_from(t)
                && t < months
            {
                spent[t] += row.amount / scale;
            }
        }
        let mut total = 0.0;
        spent
            .iter()
            .map(|x| {
                total += x;
                total
            })
            .collect()
    };
    let layers = vec![
        (series_color(0), cumulative(Capex::Chips)),
        (series_color(1), cumulative(Capex::Building)),
    ];
    let peak = stack_top(&layers);
    let mut chart = time_chart(
        area,
        horizon(input),
        &ValueAxis::new(peak, 8, false),
        &fill(
            "capex.axis",
            &[
                ("scale", &super::energy::scale_words(words)),
                ("currency", &money.currency),
            ],
        ),
        text("capex.empty"),
    )?;
    stacked(&mut chart, &layers)?;
    let last = |layer: &(RGBColor, Vec<f64>)| layer.1.last().copied().unwrap_or(0.0) * scale;
    let currency = &money.currency;
    let entries = vec![
        Entry::new(
            Swatch::Area(layers[0].0),
            fill(
                "capex.chips",
                &[
                    ("amount", &amount(last(&layers[0]))),
                    ("currency", currency),
                ],
            ),
        ),
        Entry::new(
            Swatch::Area(layers[1].0),
            fill(
                "capex.halls",
                &[
                    ("amount", &amount(last(&layers[1]))),
                    ("currency", currency),
                ],
            ),
        ),
    ];
    let note = (!money.unpriced.is_empty())
        .then(|| fill("capex.unpriced", &[("names", &money.unpriced.join(", "))]));
    Ok(Legend { entries, note })
}
