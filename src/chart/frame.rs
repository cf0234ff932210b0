//! The frame shared by the time-series charts: month axis with date labels, a value axis with
//! short numbers and a unit, light grid lines.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::Input;
use super::legend;
use super::style::{self, AXIS_SIZE, FONT, INK, MET, MISSED, TICK_SIZE};
use crate::analysis::TargetOutcome;
use crate::units::YearMonth;

/// A chart with months on x (index from `start`) and a value on y.
pub type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<MonthAxis, RangedCoordf64>>;

/// A month-index axis from 0 to `max` whose grid lines and labels fall on chosen months
/// (quarters or Januaries), not on round numbers.
#[derive(Debug, Clone)]
pub struct MonthAxis {
    max: f64,
    ticks: Vec<f64>,
}

impl MonthAxis {
    /// An axis for `months` months starting at `start`, with `max_labels` labels at most.
    pub fn new(start: YearMonth, months: usize, max_labels: usize) -> MonthAxis {
        let ticks = style::month_ticks(start, months);
        let every = ticks.len().div_ceil(max_labels.max(1)).max(1);
        MonthAxis {
            max: (months as f64 - 1.0).max(1.0),
            ticks: ticks.into_iter().step_by(every).collect(),
        }
    }
}

impl Ranged for MonthAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        limit.0 + ((limit.1 - limit.0) as f64 * value / self.max).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only bold grid lines, on the chosen months.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        0.0..self.max
    }
}

/// Builds the axes for `months` months from `start` and values up to `y_max`, described by `y_desc`.
pub fn time_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    (start, months): (YearMonth, usize),
    y_max: f64,
    y_desc: &str,
) -> Result<TimeChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let y_max = if y_max.is_finite() && y_max > 0.0 {
        y_max * 1.08
    } else {
        1.0
    };
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(MonthAxis::new(start, months, 12), 0.0..y_max)?;
    mesh(&mut chart, (start, months), TICK_SIZE, 8, Some(y_desc))?;
    Ok(chart)
}

/// Draws grid lines, axes and labels: dates on x, short numbers on y (`y_labels` of them), at
/// `tick_size` px; with `y_desc`, the axis descriptions too.
pub fn mesh<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    (start, months): (YearMonth, usize),
    tick_size: u32,
    y_labels: usize,
    y_desc: Option<&str>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let x_label = |x: &f64| style::month_label(start, months, *x);
    let y_label = |y: &f64| style::short_number(*y);
    let mut mesh = chart.configure_mesh();
    mesh.max_light_lines(0)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .axis_style(INK)
        .label_style((FONT, tick_size).into_font().color(&INK))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .y_labels(y_labels);
    if let Some(y_desc) = y_desc {
        mesh.x_desc("Month")
            .y_desc(y_desc)
            .axis_desc_style((FONT, AXIS_SIZE).into_font().color(&INK));
    }
    mesh.draw()
}

/// A monthly series as a step line: each month's value holds until the next month starts.
pub fn steps(values: &[f64]) -> Vec<(f64, f64)> {
    let last = values.len().max(2) - 1;
    values
        .iter()
        .enumerate()
        .flat_map(|(t, &v)| [(t as f64, v), ((t + 1).min(last) as f64, v)])
        .collect()
}

/// The horizon of one scenario's charts.
pub fn horizon(input: Input) -> (YearMonth, usize) {
    (input.scenario.start, input.sim.months)
}

/// Draws stacked areas: `layers` bottom to top, each (colour, monthly values).
pub fn stacked<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    layers: &[(RGBColor, Vec<f64>)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let months = layers.first().map_or(0, |(_, values)| values.len());
    // Draw cumulative totals top layer first, each filled down to zero, so lower layers overlay them.
    let mut cumulative: Vec<Vec<f64>> = Vec::with_capacity(layers.len());
    let mut running = vec![0.0; months];
    for (_, values) in layers {
        for (total, value) in running.iter_mut().zip(values) {
            *total += value;
        }
        cumulative.push(running.clone());
    }
    for ((color, _), totals) in layers.iter().zip(&cumulative).rev() {
        let points: Vec<(f64, f64)> = totals
            .iter()
            .enumerate()
            .map(|(t, &v)| (t as f64, v))
            .collect();
        chart.draw_series(AreaSeries::new(points, 0.0, color.filled()))?;
    }
    Ok(())
}

/// Draws a marker for each target at its deadline and value, and returns its legend rows.
pub fn target_markers<'t, DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    input: Input,
    targets: impl Iterator<Item = &'t TargetOutcome>,
) -> Result<Vec<legend::Entry>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut rows = Vec::new();
    for target in targets {
        let at = (input.scenario.index_of(target.by) as f64, target.value);
        if target.met {
            chart.draw_series(std::iter::once(
                EmptyElement::at(at) + Circle::new((0, 0), 7, MET.filled()),
            ))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at(at) + Circle::new((0, 0), 7, INK.stroke_width(1)),
            ))?;
        } else {
            let stroke = MISSED.stroke_width(3);
            let cross = EmptyElement::at(at)
                + PathElement::new(vec![(-7, -7), (7, 7)], stroke)
                + PathElement::new(vec![(-7, 7), (7, -7)], stroke);
            chart.draw_series(std::iter::once(cross))?;
        }
        let verdict = if target.met { "Met" } else { "Missed" };
        rows.push(legend::Entry::new(
            legend::Swatch::Target(target.met),
            format!("{verdict}: {}", target.name),
        ));
    }
    Ok(rows)
}
