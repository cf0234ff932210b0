//! Energy drawn each month, stacked by recipient, with its electricity cost on a second axis,
//! for a scenario with `[economics]` (docs/methods.md: Energy and money).

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::{MonthAxis, ValueAxis};
use super::bands::bands;
use super::frame::{horizon, mesh, stack_top, stacked};
use super::legend::{Entry, Swatch};
use super::style::{AXIS_SIZE, FONT, INK, TICK_SIZE};
use super::{Input, Legend};
use crate::analysis::economics::Money;
use crate::model::Scenario;
use crate::present::format::{amount, money_scale};

/// Whole MWh per recipient and month (the bands group recipients past the palette), and the
/// electricity cost of each month.
fn monthly(scenario: &Scenario, money: &Money, months: usize) -> (Vec<Vec<u64>>, Vec<f64>) {
    let mut per_recipient = vec![vec![0u64; months]; scenario.recipients.len()];
    let mut cost = vec![0.0f64; months];
    for row in &money.energy {
        let t = usize::try_from(scenario.index_of(row.month)).unwrap_or(0);
        per_recipient[row.recipient][t] = row.energy_mwh.round() as u64;
        cost[t] += row.electricity_cost.unwrap_or(0.0);
    }
    (per_recipient, cost)
}

/// The cost line's colour: apart from every recipient's.
const COST: RGBColor = RGBColor(0x6A, 0x1B, 0x9A);

/// Draws the chart and returns its legend.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, months) = (input.scenario, input.sim.months);
    let Some(money) = &input.report.economics else {
        return Ok(Legend {
            entries: Vec::new(),
            note: None,
        });
    };
    let (per_recipient, cost) = monthly(scenario, money, months);
    let bands = bands(scenario, &per_recipient);
    let layers: Vec<(RGBColor, Vec<f64>)> = bands
        .iter()
        .map(|band| (band.color, band.values.clone()))
        .collect();
    let peak = stack_top(&layers);
    let (start, months) = horizon(input);
    let y = ValueAxis::new(peak, 8, false);
    let cost_peak = cost.iter().copied().fold(0.0, f64::max);
    let (scale, words) = money_scale(cost_peak);
    let cost: Vec<f64> = cost.iter().map(|c| c / scale).collect();
    let y2 = ValueAxis::new(cost_peak / scale, 8, false);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .right_y_label_area_size(84)
        .build_cartesian_2d(MonthAxis::new(start, months, 12), y.clone())?
        .set_secondary_coord(MonthAxis::new(start, months, 12), y2.clone());
    mesh(
        &mut chart,
        (start, months),
        TICK_SIZE,
        &y,
        Some(text("energy.axis")),
    )?;
    let y2_label = |v: &f64| y2.label(*v);
    chart
        .configure_secondary_axes()
        .axis_style(INK)
        .label_style((FONT, TICK_SIZE).into_font().color(&INK))
        .y_label_formatter(&y2_label)
        .y_labels(20)
        .y_desc(fill(
            "energy.cost_axis",
            &[
                ("scale", &scale_words(words)),
                ("currency", &money.currency),
            ],
        ))
        .axis_desc_style((FONT, AXIS_SIZE).into_font().color(&INK))
        .draw()?;
    stacked(&mut chart, &layers)?;
    // Dashed in a colour no recipient has: with one price the cost follows the stack's top.
    let points: Vec<(f64, f64)> = cost
        .iter()
        .enumerate()
        .map(|(t, &c)| (t as f64, c))
        .collect();
    for pair in points.windows(2).step_by(2) {
        chart.draw_secondary_series(LineSeries::new(pair.iter().copied(), COST.stroke_width(3)))?;
    }
    let mut entries: Vec<Entry> = bands
        .iter()
        .map(|band| Entry::new(Swatch::Area(band.color), band.name.clone()))
        .collect();
    entries.push(Entry::new(Swatch::Line(COST, true), text("energy.cost")));
    let year = money.years.iter().rev().find(|y| !y.partial);
    let note = year.map(|y| {
        fill(
            "energy.note",
            &[
                ("year", &y.year.to_string()),
                ("gwh", &crate::present::format::quantity(y.energy_gwh, 0)),
                ("amount", &amount(y.electricity_cost)),
                ("currency", &money.currency),
            ],
        )
    });
    Ok(Legend { entries, note })
}

/// A money scale's word with the space after it ("billion ", "억 "), or nothing.
pub fn scale_words(words: &str) -> String {
    if words.is_empty() {
        String::new()
    } else {
        format!("{words} ")
    }
}
